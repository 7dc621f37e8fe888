"""First start: the UI serves at once and prepares the built-in playbook in the background, showing how far it is.

Two stages. Opening the workspace indexes the playbook with the local first-tier vectors (on a new machine this
also distils the embedding table once); after that questions are answered. Then the contextual tier improves
search for the playbook while the UI is already in use.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Callable

from rfp_assistant.jobs.ingestion import UPGRADE_ON_OPEN, open_workspace

log = logging.getLogger("rfp_assistant.interfaces.ui")
Progress = Callable[[float, str], None]


class Preparation:
    """One workspace being opened in a background thread, with its progress for the page and for waiting callers."""

    def __init__(self, settings, workspace: str, console: Progress | None = None):
        self.settings, self.workspace = settings, workspace
        self.stage = "opening"  # opening -> improving -> ready, or failed
        self.fraction, self.message = 0.0, "Starting…"
        self.error: Exception | None = None
        self.index = None  # the opened WorkspaceIndex, once answers work
        self.opened = threading.Event()
        self.started = time.monotonic()
        self.ready_after: float | None = None
        self._console = console
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=f"prepare-{workspace}", daemon=True)

    def start(self) -> Preparation:
        """Begin in the background; returns self."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the background work to end at its next progress report (the app is closing)."""
        self._stopping = True

    def _report(self, fraction: float, message: str) -> None:
        if self._stopping:
            raise _Stopped()
        self.fraction, self.message = max(0.0, min(1.0, fraction)), message
        if self._console:
            self._console(fraction, message)

    def _run(self) -> None:
        try:
            index = open_workspace(self.settings, self.workspace, progress=self._report, upgrade=False)
            self.index = index
            self.ready_after = time.monotonic() - self.started
            self.stage, self.fraction, self.message = "improving", 0.0, "Improving search for the built-in playbook…"
            self.opened.set()
            index.upgrade(self._report, limit=UPGRADE_ON_OPEN)
            self.stage, self.fraction, self.message = "ready", 1.0, "Ready."
        except _Stopped:
            self.stage = "stopped"
            self.opened.set()
        except Exception as exc:  # a caller that needs the workspace opens it again and sees the error in words
            log.exception("Preparing workspace %s failed", self.workspace)
            self.error, self.stage = exc, "failed"
            self.opened.set()

    def wait_opened(self, progress: Progress | None = None) -> None:
        """Block until answers work (or preparation failed), passing its progress on meanwhile."""
        while not self.opened.wait(0.5):
            if progress:
                progress(self.fraction, f"Preparing the built-in playbook (first start): {self.message}")


_EARLY: dict[tuple[str, str], Preparation] = {}
_SUMMARY = ("Done", "Search improved", "Preparing")


def console_progress(fraction: float, message: str) -> None:
    """Start-up milestones on the terminal (not every batch)."""
    if message.startswith(_SUMMARY) or "one time" in message:
        print(f"  {message}", flush=True)


def begin(settings, workspace: str | None = None, console: Progress | None = console_progress) -> Preparation:
    """Start preparing `workspace` now, before the web framework is even imported (`rfp-assistant ui` does)."""
    name = workspace or settings.workspace
    preparation = Preparation(settings, name, console).start()
    _EARLY[(str(settings.data_dir), name)] = preparation
    return preparation


def early_start(settings, host: str, port: int, allow_open: bool) -> None:
    """begin() when the server will start (allowed bind, free port), so an error exit leaves no work half done."""
    from rfp_assistant.interfaces.ui.login import is_loopback

    if (settings.auth_file is not None or allow_open or is_loopback(host)) and port_free(host, port):
        begin(settings)


def port_free(host: str, port: int) -> bool:
    """Whether the server could bind host:port now."""
    import socket

    with socket.socket() as probe:
        # Like the server itself: a port left in TIME_WAIT by a stopped instance is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def take(settings, workspace: str) -> Preparation | None:
    """The preparation begun early for this data folder and workspace, if any (handed over once)."""
    return _EARLY.pop((str(settings.data_dir), workspace), None)


class _Stopped(Exception):
    """Raised through the work in progress when the app closes."""


def render_startup(preparation: Preparation | None) -> str:
    """The banner above the tabs: what first start is doing and how far it is; empty once all is ready."""
    if preparation is None or preparation.stage in ("ready", "stopped"):
        return ""
    if preparation.stage == "failed":
        return (f'<div class="startup startup-failed">⚠ Preparing the built-in playbook failed: '
                f"{html.escape(str(preparation.error))}. Actions that need it will say so.</div>")
    percent = round(preparation.fraction * 100)
    elapsed = round(time.monotonic() - preparation.started)
    if preparation.stage == "opening":
        head = "Preparing the built-in playbook (first start on this machine or data folder)"
        note = "Questions, drafts and readiness checks wait for this; comparing proposals works already."
    else:
        head = "Ready to answer — improving search for the built-in playbook in the background"
        note = f"Answers worked after {round(preparation.ready_after or 0)} s; they get better when this finishes."
    return (f'<div class="startup" role="status"><b>{html.escape(head)}</b> — {html.escape(preparation.message)} '
            f'<progress max="100" value="{percent}"></progress> {percent}% · {elapsed} s'
            f'<br><small>{html.escape(note)}</small></div>')


STARTUP_CSS = """
.startup { background: #eff8ff; border: 1px solid #b2ddff; border-radius: 6px; padding: 8px 12px; }
.startup progress { width: 14em; vertical-align: middle; }
.startup-failed { background: #fef3f2; border-color: #fecdca; }
"""
