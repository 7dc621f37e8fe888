"""Load PDF, DOCX, Markdown and plain-text files into page-aware text, refusing bad files in plain words."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rfp_assistant.errors import (
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    UnsupportedDocumentError,
)
from rfp_assistant.core.documents.injection import addresses_ai

SUPPORTED_SUFFIXES = {".pdf", ".docx", ".md", ".markdown", ".txt", ".text"}
# An image-bearing page with less text than this is probably a scan with a caption or stamp.
SCAN_SUSPECT_CHARS = 40
# Default page limit (Settings.max_pages, RFP_MAX_PAGES, overrides it): a thousand-page file is a reference
# work, several thousand one-word pages is an attack on the index.
MAX_PAGES = 2000

# pypdf reports recoverable oddities through logging; they are not the user's concern.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


@dataclass
class Page:
    """The text of one page; `number` is 1-based."""

    number: int
    text: str


@dataclass
class LoadedDocument:
    """A readable document: its pages, a content hash, and warnings worth showing the user."""

    source: str
    file_type: str
    pages: list[Page]
    sha256: str
    warnings: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        """Number of pages (1 for formats without pages)."""
        return len(self.pages)

    def page_text(self, number: int) -> str:
        """Text of page `number` (1-based), empty when out of range."""
        if 1 <= number <= len(self.pages):
            return self.pages[number - 1].text
        return ""


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
        from rfp_assistant.core.documents.pdf import read_pdf

        _sniff_mismatch(data, source, "pdf")
        pages, warnings = read_pdf(data, source, max_pages)
        file_type = "pdf"
    elif suffix == ".docx":
        pages, warnings = _read_docx(data, source)
        file_type = "docx"
    else:
        pages, warnings = _read_text(data, source)
        file_type = "markdown" if suffix in {".md", ".markdown"} else "text"
    if len(pages) > max_pages:
        raise DocumentTooLargeError(source, _too_many_pages(len(pages), max_pages))
    if not any(p.text.strip() for p in pages):
        raise EmptyDocumentError(source, "the file contains no text")
    flagged = [p.number for p in pages if addresses_ai(p.text)]
    if flagged:
        warnings.append(_pages_warning(flagged, "text addressed to an AI assistant (possible prompt injection); "
                                                "it is kept as data and never followed as instructions"))
    return LoadedDocument(source=source, file_type=file_type, pages=pages, sha256=sha, warnings=warnings)


def _check_size(source: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise DocumentTooLargeError(
            source, f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (RFP_MAX_FILE_MB)"
        )


def _too_many_pages(count: int, limit: int) -> str:
    return (f"the document has {count:,} pages, over the {limit:,}-page limit (RFP_MAX_PAGES); "
            "split it into smaller files or raise the limit")


def _sniff_mismatch(data: bytes, source: str, expected: str) -> None:
    head = data[:1024]
    kinds = {
        "pdf": head.lstrip().startswith(b"%PDF-") or b"%PDF-" in head,
        "zip": head.startswith(b"PK\x03\x04"),
    }
    if expected == "pdf" and not kinds["pdf"]:
        actual = _describe(head)
        raise UnsupportedDocumentError(source, f"the name says PDF but the content is {actual}")
    if expected == "docx" and not kinds["zip"]:
        actual = _describe(head)
        raise UnsupportedDocumentError(source, f"the name says Word (.docx) but the content is {actual}")
    if expected == "text" and (kinds["pdf"] or kinds["zip"] or b"\x00" in head):
        actual = _describe(head)
        raise UnsupportedDocumentError(source, f"the name says text but the content is {actual}")


def _describe(head: bytes) -> str:
    if head.lstrip().startswith(b"%PDF-"):
        return "a PDF"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive (perhaps a Word or Excel file)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Microsoft Office file (.doc/.xls); save it as .docx or PDF"
    if head[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"GIF8"):
        return "an image; run OCR or export it as a PDF with a text layer"
    if b"\x00" in head:
        return "binary data"
    return "plain text"


def _pages_warning(numbers: list[int], what: str) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}: " + what.format(is_are="is it")
    listed = ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
    return f"pages {listed}: " + what.format(is_are="are they")


def _read_docx(data: bytes, source: str) -> tuple[list[Page], list[str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _sniff_mismatch(data, source, "docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise UnsupportedDocumentError(
                    source, "the name says Word (.docx) but the archive holds no Word document"
                )
        document = docx.Document(io.BytesIO(data))
    except UnsupportedDocumentError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise DocumentError(source, f"the Word file is damaged and cannot be read ({_short(exc)})") from exc

    lines: list[str] = []
    pages: list[Page] = []
    for block in _docx_blocks(document):
        if block == "\f":
            pages.append(Page(len(pages) + 1, _clean("\n".join(lines))))
            lines = []
        else:
            lines.append(block)
    pages.append(Page(len(pages) + 1, _clean("\n".join(lines))))
    pages = [p for p in pages if p.text.strip()] or pages[:1]
    for number, page in enumerate(pages, start=1):
        page.number = number
    return pages, []


def _docx_blocks(document) -> list[str]:
    """Paragraphs (headings as Markdown) and table rows (cells joined by ' | '), in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            style = (item.style.name if item.style is not None else "") or ""
            if text:
                level = _heading_level(style)
                blocks.append(("#" * level + " " + text) if level else text)
            if any(_has_page_break(run) for run in item.runs):
                blocks.append("\f")
        elif isinstance(item, Table):
            blocks.append("")
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                if any(cells):
                    blocks.append("| " + " | ".join(cells) + " |")
            blocks.append("")
    return blocks


def _has_page_break(run) -> bool:
    from docx.oxml.ns import qn

    return any(br.get(qn("w:type")) == "page" for br in run._element.findall(qn("w:br")))


def _heading_level(style: str) -> int:
    if style == "Title":
        return 1
    match = re.match(r"Heading (\d)", style)
    return min(int(match.group(1)), 6) if match else 0


def _read_text(data: bytes, source: str) -> tuple[list[Page], list[str]]:
    _sniff_mismatch(data, source, "text")
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
    pages = [Page(i + 1, _clean(chunk)) for i, chunk in enumerate(chunks)]
    return pages, warnings


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _short(exc: BaseException) -> str:
    message = str(exc).strip() or type(exc).__name__
    return message if len(message) < 120 else message[:117] + "…"
