"""Files derived from one document (an LLM extraction, say), kept inside its workspace and named by its hash.

Anything computed from a company's or a vendor's document stays in that workspace's folder, in one of the
areas below, as `<area>/<sha256 of the file>.<rest>`, so that deleting the document or the workspace deletes it
too. Each file is JSON carrying "sha256" and "sources" (the file names it was made from).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

AREAS = ("extractions",)
_HASH = re.compile(r"^[0-9a-f]{8,64}$")


def document_file(workspace_folder: Path, area: str, sha256: str, rest: str) -> Path:
    """Where a file derived from the document with `sha256` lives in the workspace."""
    if area not in AREAS:
        raise ValueError(f"unknown per-document area {area!r}")
    return Path(workspace_folder) / area / f"{sha256}.{rest}"


def forget(workspace_folder: Path, *, sha256: str | None = None, source: str | None = None) -> list[Path]:
    """Delete every derived file of the document with this hash (or hash prefix, such as a doc id) or file name.

    Returns the files removed; files that cannot be read as JSON are kept unless the hash names them.
    """
    removed: list[Path] = []
    for area in AREAS:
        folder = Path(workspace_folder) / area
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if not path.is_file():
                continue
            if sha256 and _HASH.match(sha256) and path.name.startswith(sha256):
                matched = True
            elif source is not None:
                matched = source in _sources_of(path)
            else:
                matched = False
            if matched:
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _sources_of(path: Path) -> list[str]:
    try:
        names = json.loads(path.read_text(encoding="utf-8")).get("sources")
    except (OSError, ValueError, AttributeError):
        return []
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []
