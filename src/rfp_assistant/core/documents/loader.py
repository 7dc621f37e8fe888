"""Load PDF, DOCX, Markdown and plain-text files into page-aware text, refusing bad files in plain words."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from rfp_assistant.core.documents.docx import read_docx
from rfp_assistant.core.documents.injection import addresses_ai
from rfp_assistant.core.documents.pages import MAX_PAGES, LoadedDocument, pages_warning, too_many_pages
from rfp_assistant.core.documents.pdf import read_pdf
from rfp_assistant.core.documents.sniff import sniff_mismatch
from rfp_assistant.core.documents.text import read_text
from rfp_assistant.errors import (
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    UnsupportedDocumentError,
)

SUPPORTED_SUFFIXES = {".pdf", ".docx", ".md", ".markdown", ".txt", ".text"}

# pypdf reports recoverable oddities through logging; they are not the user's concern.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def load_document(
    path: str | Path, *, max_bytes: int, source: str | None = None, max_pages: int = MAX_PAGES
) -> LoadedDocument:
    """Read a file from disk; raises a DocumentError subclass with a plain-language reason."""
    path = Path(path)
    name = source or path.name
    if not path.exists():
        raise DocumentError(name, "the file does not exist")
    if path.is_dir():
        raise UnsupportedDocumentError(name, "this is a folder, not a file")
    size = path.stat().st_size
    _check_size(name, size, max_bytes)
    return load_bytes(path.read_bytes(), name, max_bytes=max_bytes, max_pages=max_pages)


def load_bytes(data: bytes, source: str, *, max_bytes: int, max_pages: int = MAX_PAGES) -> LoadedDocument:
    """Read a document from memory; `source` is its file name (the extension selects the reader)."""
    _check_size(source, len(data), max_bytes)
    if not data or not data.strip():
        raise EmptyDocumentError(source, "the file is empty")
    suffix = Path(source).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedDocumentError(
            source, f"'{suffix or 'no extension'}' files are not supported; use PDF, DOCX, Markdown or plain text"
        )
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".pdf":
        sniff_mismatch(data, source, "pdf")
        pages, warnings = read_pdf(data, source, max_pages)
        file_type = "pdf"
    elif suffix == ".docx":
        pages, warnings = read_docx(data, source)
        file_type = "docx"
    else:
        pages, warnings = read_text(data, source)
        file_type = "markdown" if suffix in {".md", ".markdown"} else "text"
    if len(pages) > max_pages:
        raise DocumentTooLargeError(source, too_many_pages(len(pages), max_pages))
    if not any(p.text.strip() for p in pages):
        raise EmptyDocumentError(source, "the file contains no text")
    flagged = [p.number for p in pages if addresses_ai(p.text)]
    if flagged:
        warnings.append(pages_warning(flagged, "text addressed to an AI assistant (possible prompt injection); "
                                                "it is kept as data and never followed as instructions"))
    return LoadedDocument(source=source, file_type=file_type, pages=pages, sha256=sha, warnings=warnings)


def _check_size(source: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise DocumentTooLargeError(
            source, f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (RFP_MAX_FILE_MB)"
        )


