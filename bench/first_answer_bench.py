"""First start benchmark: a fresh data folder -> the UI serving -> the first answer, for three machine states.

    .venv/bin/python bench/first_answer_bench.py                  # warm and contextual-cold (about 1-2 min)
    .venv/bin/python bench/first_answer_bench.py --cold            # also a machine that never ran the tool

Machine states (the data folder is always new and empty):
- warm: the machine cache (RFP_CACHE_DIR) holds the embedding table and the playbook's contextual vectors, as
  after any earlier use on this machine;
- contextual-cold: only the embedding table is cached (the playbook's contextual vectors are not), the case
  where the UI used to sit silent for minutes;
- cold (--cold): an empty machine cache; the embedding table is distilled first (minutes on 2 cores).

For each state: `rfp-assistant ui` is started as a subprocess and timed until its page answers over HTTP; then,
in this process as the UI does it, the playbook preparation is begun on another fresh data folder and timed until
questions can be answered and until the first answer is composed, and (with --full) until search is improved.
Prints a table and the machine load; asserts nothing (speed is not a test; tests/test_ui_first_start.py holds
the 20 s goal in a browser).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "What hidden costs should we budget for beyond the CDMO's quote?"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _cache(state: str, root: Path) -> Path:
    from rfp_assistant.config import Settings
    from rfp_assistant.core.embeddings.embedder import _table_path  # noqa: PLC2701  (bench: copy the built table)

    machine = Settings().cache_dir
    if state == "warm":
        return machine
    cache = root / f"cache-{state}"
    cache.mkdir()
    if state == "contextual-cold":
        shutil.copy(_table_path(machine), cache)
    return cache


def serve_time(data_dir: Path, cache: Path) -> float:
    """Seconds from starting `rfp-assistant ui` to its page answering over HTTP."""
    port = _free_port()
    env = dict(os.environ, RFP_DATA_DIR=str(data_dir), RFP_CACHE_DIR=str(cache))
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "rfp_assistant", "ui", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"rfp-assistant ui exited with {process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                    return time.monotonic() - started
            except OSError:
                time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=60)


def answer_times(data_dir: Path, cache: Path, full: bool) -> dict[str, float]:
    """Seconds from beginning the preparation to answers working, to the first answer, and to search improved."""
    from rfp_assistant.config import Settings
    from rfp_assistant.interfaces.ui.startup import Preparation
    from rfp_assistant.jobs.answering import answer_question

    settings = Settings(data_dir=data_dir, cache_dir=cache)
    started = time.monotonic()
    preparation = Preparation(settings, settings.workspace).start()
    preparation.wait_opened()
    if preparation.error:
        raise SystemExit(f"preparation failed: {preparation.error}")
    opened = time.monotonic() - started
    answer = answer_question(preparation.index, QUESTION)
    answered = time.monotonic() - started
    result = {"answers work": opened, "first answer": answered, "answer found": float(answer.found)}
    if full:
        while preparation.stage not in ("ready", "failed"):
            time.sleep(0.5)
        result["search improved"] = time.monotonic() - started
    else:
        preparation.stop()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cold", action="store_true", help="also time an empty machine cache (minutes)")
    parser.add_argument("--full", action="store_true", help="also wait for the contextual tier")
    args = parser.parse_args()
    states = ["warm", "contextual-cold"] + (["cold"] if args.cold else [])
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for state in states:
            # Separate data folders and caches: the served UI must not warm what the second timing measures.
            serving = serve_time(root / f"serve-{state}", _serve_cache(state, root))
            times = answer_times(root / f"data-{state}", _cache(state, root), args.full)
            parts = ", ".join(f"{k} {v:.1f} s" for k, v in times.items() if k != "answer found")
            print(f"{state:16} ui serving {serving:.1f} s | preparation: {parts} | answer found: "
                  f"{bool(times['answer found'])}")


def _serve_cache(state: str, root: Path) -> Path:
    folder = root / f"serve-cache-{state}"
    folder.mkdir()
    return _cache(state, folder)


if __name__ == "__main__":
    main()
