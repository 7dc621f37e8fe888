"""Load PDF, Office, e-mail, web and text files into page-aware text, refusing bad files in plain words."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from rfp_assistant.core.documents.csv import read_csv
from rfp_assistant.core.documents.docx import read_docx
from rfp_assistant.core.documents.eml import read_eml
from rfp_assistant.core.documents.html import read_html
from rfp_assistant.core.documents.injection import addresses_ai
from rfp_assistant.core.documents.pages import MAX_PAGES, LoadedDocument, pages_warning, too_many_pages
from rfp_assistant.core.documents.pdf import read_pdf
from rfp_assistant.core.documents.pptx import read_pptx
from rfp_assistant.core.documents.sniff import sniff_mismatch
from rfp_assistant.core.documents.text import read_text
from rfp_assistant.core.documents.xlsx import MAX_SHEET_ROWS, read_xlsx
from rfp_assistant.errors import (
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    UnsupportedDocumentError,
)

SUPPORTED_SUFFIXES = {".pdf", ".docx", ".md", ".markdown", ".txt", ".text", ".xlsx", ".csv", ".pptx", ".eml", ".html",
                      ".htm"}
FILE_TYPES = {".pdf": "pdf", ".docx": "docx", ".md": "markdown", ".markdown": "markdown", ".txt": "text",
              ".text": "text", ".xlsx": "xlsx", ".csv": "csv", ".pptx": "pptx", ".eml": "eml", ".html": "html",
              ".htm": "html"}
# Older formats people still have: say what to save them as.
LEGACY = {
    ".xls": "old Excel (.xls) files are not read; open it in Excel or LibreOffice and save it as .xlsx (or CSV)",
    ".ppt": "old PowerPoint (.ppt) files are not read; open it in PowerPoint or LibreOffice and save it as .pptx "
            "(or PDF)",
    ".doc": "old Word (.doc) files are not read; open it in Word or LibreOffice and save it as .docx (or PDF)",
    ".msg": "Outlook .msg files are not read; save the message as .eml (drag it out of Outlook, or File > Save As "
            "in new Outlook), or as HTML or text, and add that",
}
# Files picked up from a folder or offered by an upload box: the readable formats, and the old ones, whose refusal
# says what to save them as.
RECOGNISED_SUFFIXES = sorted(SUPPORTED_SUFFIXES | set(LEGACY))
SUPPORTED_NAMES = "PDF, Word (.docx), Excel (.xlsx), CSV, PowerPoint (.pptx), e-mail (.eml), HTML, Markdown or text"
# An e-mail inside an e-mail inside an e-mail: deeper nesting is not read.
MAX_ATTACHMENT_DEPTH = 3

# pypdf reports recoverable oddities through logging; they are not the user's concern.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def load_document(
    path: str | Path, *, max_bytes: int, source: str | None = None, max_pages: int = MAX_PAGES,
    max_rows: int = MAX_SHEET_ROWS, table_rows: bool = False, layouts: bool = False,
) -> LoadedDocument:
    """Read a file from disk; raises a DocumentError subclass with a plain-language reason.

    `table_rows`: a PDF table read one cell per line is read again by layout, one row per line (see pdf_tables).
    `layouts`: such a page also keeps its layout text (Page.layout), its text staying as read.
    """
    path = Path(path)
    name = source or path.name
    if not path.exists():
        raise DocumentError(name, "the file does not exist")
    if path.is_dir():
        raise UnsupportedDocumentError(name, "this is a folder, not a file")
    size = path.stat().st_size
    _check_size(name, size, max_bytes)
    return load_bytes(path.read_bytes(), name, max_bytes=max_bytes, max_pages=max_pages, max_rows=max_rows,
                      table_rows=table_rows, layouts=layouts)


def load_bytes(
    data: bytes, source: str, *, max_bytes: int, max_pages: int = MAX_PAGES, max_rows: int = MAX_SHEET_ROWS,
    table_rows: bool = False, layouts: bool = False,
) -> LoadedDocument:
    """Read a document from memory; `source` is its file name (the extension selects the reader).

    An e-mail's attachments of supported types come back in `attachments`, named "mail.eml / budget.xlsx".
    """
    return _load(data, source, depth=0, max_bytes=max_bytes, max_pages=max_pages, max_rows=max_rows,
                 table_rows=table_rows, layouts=layouts)


def _load(data: bytes, source: str, *, depth: int, max_bytes: int, max_pages: int, max_rows: int,
          table_rows: bool = False, layouts: bool = False) -> LoadedDocument:
    _check_size(source, len(data), max_bytes)
    if not data or not data.strip():
        raise EmptyDocumentError(source, "the file is empty")
    suffix = Path(source).suffix.lower()
    if suffix in LEGACY:
        raise UnsupportedDocumentError(source, LEGACY[suffix])
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedDocumentError(
            source, f"'{suffix or 'no extension'}' files are not supported; use {SUPPORTED_NAMES}"
        )
    sha = hashlib.sha256(data).hexdigest()
    file_type = FILE_TYPES[suffix]
    attached: list[tuple[str, bytes]] = []
    if file_type == "pdf":
        sniff_mismatch(data, source, "pdf")
        pages, warnings = read_pdf(data, source, max_pages, table_rows=table_rows, layouts=layouts)
    elif file_type == "docx":
        pages, warnings = read_docx(data, source)
    elif file_type == "xlsx":
        pages, warnings = read_xlsx(data, source, max_rows)
    elif file_type == "csv":
        pages, warnings = read_csv(data, source, max_rows)
    elif file_type == "pptx":
        pages, warnings = read_pptx(data, source)
    elif file_type == "eml":
        pages, warnings, attached = read_eml(data, source)
    elif file_type == "html":
        pages, warnings = read_html(data, source)
    else:
        pages, warnings = read_text(data, source)
    if len(pages) > max_pages:
        raise DocumentTooLargeError(source, too_many_pages(len(pages), max_pages))
    if not any(p.text.strip() for p in pages):
        raise EmptyDocumentError(source, "the file contains no text")
    flagged = [p.number for p in pages if addresses_ai(p.text)]
    if flagged:
        warnings.append(pages_warning(flagged, "text addressed to an AI assistant (possible prompt injection); "
                                                "it is kept as data and never followed as instructions"))
    document = LoadedDocument(source=source, file_type=file_type, pages=pages, sha256=sha, warnings=warnings)
    _load_attachments(document, attached, max_bytes=max_bytes, max_pages=max_pages, max_rows=max_rows, depth=depth,
                      table_rows=table_rows, layouts=layouts)
    return document


def _load_attachments(document: LoadedDocument, attached: list[tuple[str, bytes]], *, depth: int, **limits) -> None:
    """Read each attachment as a document of its own; one that cannot be read is kept as its error."""
    taken: set[str] = set()
    for name, data in attached:
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES and suffix not in LEGACY:
            document.warnings.append(f"attachment {name} is not read ('{suffix or 'no extension'}' files are not "
                                     "supported)")
            continue
        if depth + 1 >= MAX_ATTACHMENT_DEPTH:
            document.warnings.append(f"attachment {name} is not read (attachments nested this deep are not read)")
            continue
        source = f"{document.source} / {_unique(name, taken)}"
        try:
            child = _load(data, source, depth=depth + 1, **limits)
        except DocumentError as exc:
            document.attachment_errors.append(exc)
            continue
        document.attachments.append(child)
        document.attachments.extend(child.attachments)
        document.attachment_errors.extend(child.attachment_errors)
        child.attachments, child.attachment_errors = [], []


def _unique(name: str, taken: set[str]) -> str:
    """Two attachments with one name ("image.png", "budget.xlsx" twice) get distinct document names."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        stem, dot, suffix = name.rpartition(".")
        candidate = f"{stem} ({n}).{suffix}" if dot else f"{name} ({n})"
    taken.add(candidate)
    return candidate


def _check_size(source: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise DocumentTooLargeError(
            source, f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (RFP_MAX_FILE_MB)"
        )


