"""Inter-process write lock per workspace, so parallel CLI runs and UI users never interleave writes."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

_thread_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


@contextmanager
def workspace_lock(folder: Path):
    """Hold an exclusive lock on `folder` for the duration of the block (threads and processes)."""
    folder.mkdir(parents=True, exist_ok=True)
    key = str(folder.resolve())
    with _guard:
        thread_lock = _thread_locks.setdefault(key, threading.Lock())
    # filelock is reentrant within a process, so threads are kept apart by a plain lock first.
    with thread_lock, FileLock(folder / ".write.lock"):
        yield
