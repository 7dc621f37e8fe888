"""A real Chroma server (`chroma run`) on 127.0.0.1, started once per test session and stopped at its end.

Use it from a test module with `from support.chroma_server import chroma_server  # noqa: F401` and
give every test its own workspace name: the server (and so its collections) is shared by the session.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["ChromaServer", "chroma_executable", "chroma_server", "free_port", "start_chroma_server", "unique_workspace"]

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
START_TIMEOUT_S = 60.0
# A direct opener: a developer's http_proxy must not swallow requests meant for 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chroma_executable() -> str | None:
    """The `chroma` command of this virtualenv (installed with chromadb), else one on PATH."""
    beside = Path(sys.executable).parent / "chroma"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("chroma")


@dataclass
class ChromaServer:
    """A running `chroma run` process and where to reach it."""

    host: str
    port: int
    path: Path
    log: Path
    process: subprocess.Popen

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return f"http://{self.host}:{self.port}"

    def env(self, base: dict[str, str]) -> dict[str, str]:
        """A copy of `base` that points rfp-assistant at this server."""
        return dict(base, RFP_CHROMA_HOST=self.host, RFP_CHROMA_PORT=str(self.port))

    def heartbeat(self) -> bool:
        """Whether the server answers its heartbeat endpoint."""
        try:
            with _OPENER.open(f"{self.url}/api/v2/heartbeat", timeout=2) as response:
                return response.status == 200 and "nanosecond heartbeat" in json.loads(response.read())
        except (OSError, ValueError):
            return False

    def client(self):
        """A chromadb HttpClient on the server, telemetry off."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        return chromadb.HttpClient(host=self.host, port=self.port, settings=ChromaSettings(anonymized_telemetry=False))

    def collection_names(self) -> list[str]:
        """Names of the collections the server holds."""
        return sorted(getattr(c, "name", c) for c in self.client().list_collections())

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the server's output, for failure messages."""
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_chroma_server(path: Path, executable: str, timeout: float = START_TIMEOUT_S) -> ChromaServer:
    """Start `chroma run` on a free port and wait until its heartbeat answers; raises RuntimeError if it does not."""
    path.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    last_error = ""
    for _attempt in range(3):  # another process may take the free port between our probe and chroma's bind
        port = free_port()
        log = path.parent / f"chroma-{port}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [executable, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            )
        server = ChromaServer("127.0.0.1", port, path, log, process)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            if server.heartbeat():
                return server
            time.sleep(0.2)
        last_error = server.log_tail()
        server.stop()
        if "address" not in last_error.lower() or "in use" not in last_error.lower():
            break
    raise RuntimeError(f"`chroma run` did not answer its heartbeat within {timeout:.0f} s. Its output:\n{last_error}")


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> Iterator[ChromaServer]:
    """A Chroma server for the whole session; skipped without the `chroma` executable, except in CI where that fails."""
    executable = chroma_executable()
    if executable is None:
        message = "the `chroma` executable (installed with chromadb) was not found beside the Python interpreter or on PATH"
        if IN_CI:
            pytest.fail(f"{message}; CI must test the shared Chroma server. Run `make install`.")
        pytest.skip(message)
    root = tmp_path_factory.mktemp("chroma-server")
    try:
        server = start_chroma_server(root / "db", executable)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield server
    finally:
        server.stop()


def unique_workspace(prefix: str) -> str:
    """A workspace name no other test on the shared server uses."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
