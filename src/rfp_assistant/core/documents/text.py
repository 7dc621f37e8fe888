"""Plain-text and Markdown reader: UTF-8 (or Windows-1252), form feeds as page breaks."""

from __future__ import annotations

from rfp_assistant.core.documents.pages import Page, clean_text
from rfp_assistant.core.documents.sniff import sniff_mismatch
from rfp_assistant.errors import UnsupportedDocumentError


def read_text(data: bytes, source: str) -> tuple[list[Page], list[str]]:
    """Pages and warnings of a text file."""
    sniff_mismatch(data, source, "text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise UnsupportedDocumentError(source, "the text is not in a readable encoding (use UTF-8)")
    warnings = []
    if encoding == "cp1252":
        warnings.append("the file is not UTF-8; it was read as Windows-1252")
    # A form feed is the plain-text page break (as written by pdftotext and many exporters).
    chunks = text.split("\f")
    pages = [Page(i + 1, clean_text(chunk)) for i, chunk in enumerate(chunks)]
    return pages, warnings
