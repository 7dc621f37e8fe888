"""Inter-process write lock per workspace, so parallel CLI runs and UI users never interleave writes."""

from __future__ import annotations

import fcntl
import threading
from contextlib import contextmanager
from pathlib import Path

_thread_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


@contextmanager
def workspace_lock(folder: Path):
    """Hold an exclusive lock on `folder` for the duration of the block (threads and processes)."""
    folder.mkdir(parents=True, exist_ok=True)
    key = str(folder.resolve())
    with _guard:
        thread_lock = _thread_locks.setdefault(key, threading.Lock())
    with thread_lock:
        with open(folder / ".write.lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
