"""The page texts of the compared files, which free-text cells are made whole from and quotes are shown in."""

from __future__ import annotations

from pathlib import Path

from rfp_assistant.core.documents import MAX_PAGES, load_document
from rfp_assistant.errors import RfpAssistantError


def read_page_texts(
    paths: list[Path], names: list[str] | None, *, max_bytes: int, max_pages: int = MAX_PAGES
) -> dict[str, dict[int, str]]:
    """{file name: {page: text}} of every file that can be read (the extraction reports the others)."""
    texts = {}
    for position, path in enumerate(paths):
        name = names[position] if names and position < len(names) else Path(path).name
        try:
            document = load_document(Path(path), max_bytes=max_bytes, source=name, max_pages=max_pages)
        except (RfpAssistantError, OSError, ValueError):
            continue  # already said by the extraction; there is simply no page to show
        texts[name] = {page.number: page.text for page in document.pages}
    return texts
