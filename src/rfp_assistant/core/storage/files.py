"""Write files atomically: a temp file beside the target, renamed into place, so a failure leaves no partial file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rfp_assistant.errors import ExportError


def write_atomically(path: Path, write: Callable[[Path], object], error: type[ExportError] = ExportError) -> None:
    """Call `write(temp_path)`, then rename the result to `path`; raise `error` in plain words on failure."""
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise error(f"Cannot write {path}: {_reason(exc, path)}.") from None
    os.close(handle)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except OSError as exc:
        raise error(f"Cannot write {path}: {_reason(exc, path)}.") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


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
