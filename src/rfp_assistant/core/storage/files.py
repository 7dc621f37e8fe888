"""Write files atomically: a temp file beside the target, renamed into place, so a failure leaves no partial file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rfp_assistant.errors import ExportError


def replace_atomically(path: Path, write: Callable[[Path], object], *, mode: int | None = None) -> None:
    """Call `write(temp_path)` and rename the result over `path`; raises OSError, leaving no temp file behind."""
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        write(Path(tmp))
        if mode is not None:
            os.chmod(tmp, mode)  # mkstemp makes files owner-only
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_atomically(path: Path, write: Callable[[Path], object], error: type[ExportError] = ExportError) -> None:
    """Like `replace_atomically`, but a failure raises `error` with the reason in plain words."""
    try:
        replace_atomically(path, write)
    except OSError as exc:
        raise error(f"Cannot write {path}: {_reason(exc, path)}.") from None


def _reason(exc: OSError, path: Path) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"the folder {path.parent} does not exist"
    if isinstance(exc, NotADirectoryError):
        return f"{path.parent} is not a folder"
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return "that name is a folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)
