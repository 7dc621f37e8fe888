"""Read a PDF into pages, defended against hostile content.

Hidden text (white on nothing darker, or the invisible render mode) is a classic way to smuggle instructions or
keywords past a human reviewer, so it is counted and reported, never indexed. Finding it costs a pass over the
page's operators, so that pass runs only on pages whose content stream has a white fill or an invisible render
mode at all; every other page is read exactly as before. Enormous pages are capped, documents over the page limit
refused before any page is read, and a page that cannot be read is skipped with the reason.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from rfp_assistant.core.documents.pages import (
    SCAN_SUSPECT_CHARS,
    Page,
    clean_text,
    pages_warning,
    short_reason,
    too_many_pages,
)
from rfp_assistant.errors import (
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
)
from rfp_assistant.core.documents.injection import addresses_ai
from rfp_assistant.core.documents.pdf_hidden import hidden_show_operations, may_hide_text, without_text
from rfp_assistant.core.documents.pdf_tables import looks_cell_per_line, rows_from_layout

# A dense printed page holds about 5,000 characters; 40 pages' worth on one page is not a page a reader sees.
MAX_PAGE_CHARS = 200_000
# Reading page operators costs about a second per megabyte; a page is read only up to this point (the
# largest page in the shared test corpus has 0.5 MB of operators).
MAX_PAGE_CONTENT_BYTES = 2_000_000
# Keeps memory and indexing time bounded whatever the pages hold: about 2,000 dense pages of text.
MAX_DOCUMENT_CHARS = 10_000_000
PASSWORD_PROTECTED = "the PDF is password-protected; remove the password and upload it again"
# pypdf decrypts RC4 itself but needs the `cryptography` package for AES; the package depends on pypdf[crypto].
NO_AES_SUPPORT = ("the PDF is AES-encrypted and this installation cannot decrypt it (the `cryptography` package is "
                  "missing); install it with: pip install 'pypdf[crypto]'")


def read_pdf(data: bytes, source: str, max_pages: int, *, table_rows: bool = False,
             layouts: bool = False) -> tuple[list[Page], list[str]]:
    """Pages and warnings of a PDF; refuses encrypted, damaged, empty and over-long ones in plain words."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password only to restrict printing.
            if not reader.decrypt(""):
                raise EncryptedDocumentError(source, PASSWORD_PROTECTED)
        page_objects = list(reader.pages)
    except EncryptedDocumentError:
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedDocumentError(source, PASSWORD_PROTECTED) from exc
    except DependencyError as exc:
        raise EncryptedDocumentError(source, NO_AES_SUPPORT) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as exc:
        raise DocumentError(source, f"the PDF is damaged or truncated and cannot be read ({short_reason(exc)})") from exc
    if not page_objects:
        raise EmptyDocumentError(source, "the PDF has no pages")
    if len(page_objects) > max_pages:
        raise DocumentTooLargeError(source, too_many_pages(len(page_objects), max_pages))

    pages: list[Page] = []
    warnings: list[str] = []
    blank: list[int] = []
    scan_suspects: list[int] = []
    notes = PdfNotes(table_rows=table_rows, layouts=layouts)
    for number, page in enumerate(page_objects, start=1):
        try:
            text = clean_text(notes.read(number, page, reader))
        except DependencyError as exc:  # an AES-encrypted PDF decrypts its streams only as pages are read
            raise EncryptedDocumentError(source, NO_AES_SUPPORT) from exc
        except Exception as exc:  # pypdf raises many internal types on broken content streams
            warnings.append(f"page {number} could not be read ({short_reason(exc)}); it was skipped")
            pages.append(Page(number, ""))
            continue
        if not re.search(r"\w", text):
            if number not in notes.unread:
                blank.append(number)
            text = ""
        elif len(text) < SCAN_SUSPECT_CHARS and _has_images(page):
            scan_suspects.append(number)
        pages.append(Page(number, text, layout=notes.layout.pop(number, "")))
    if not any(page.text for page in pages):
        if not blank:
            raise DocumentError(source, "the PDF is damaged: none of its pages could be read")
        raise EmptyDocumentError(
            source,
            "no page has a text layer; it looks like a scanned or image-only PDF — run OCR on it first",
        )
    if blank:
        warnings.append(pages_warning(blank, "no text layer ({is_are} a scan?), not indexed"))
    if scan_suspects:
        warnings.append(pages_warning(scan_suspects, "mostly an image with little text ({is_are} a scan?)"))
    warnings.extend(notes.warnings())
    return pages, warnings


def _has_images(page) -> bool:
    try:
        return len(page.images) > 0
    except Exception:  # image decoding problems must not stop text loading
        return False


@dataclass
class PageText:
    """A page's readable text, plus what was left out of it."""

    text: str
    hidden_chars: int = 0
    hidden_addresses_ai: bool = False
    truncated: bool = False
    layout: str = ""


def read_page(page, reader, *, table_rows: bool = False, layout: bool = False) -> PageText:
    """The visible text of a pypdf page, at most MAX_PAGE_CHARS characters; raises on a broken page.

    With `table_rows`, a page read one table cell per line is read by layout instead, one row per line; with
    `layout`, such a page keeps its text and also gets its layout text (where its table columns are).
    """
    from pypdf.generic import ArrayObject, ContentStream, NameObject, StreamObject

    original = page.get("/Contents")
    raw = original.get_object() if original is not None else None
    if not isinstance(raw, (ArrayObject, StreamObject)):
        return PageText(page.extract_text() or "")
    # "bytes" is how pypdf's own text extraction parses a page; string operands then decode through the font.
    content = ContentStream(raw, reader, "bytes")
    data = content.get_data()
    truncated = len(data) > MAX_PAGE_CONTENT_BYTES
    if truncated:
        content = ContentStream(None, reader, "bytes")
        content.set_data(_cut_content(data))
        data = content.get_data()
    page[NameObject("/Contents")] = content  # decoded once; the extraction below reuses it
    try:
        result = _read_careful(page, content, reader) if may_hide_text(data) else PageText(page.extract_text() or "")
        if (table_rows or layout) and not result.hidden_chars and looks_cell_per_line(result.text):
            if layout:
                result.layout = _layout(page)
            if table_rows:
                result.text = (rows_from_layout(result.layout) if layout else _table_rows(page)) or result.text
    finally:
        # Parsed operators left on the page would stay alive with the whole document (memory and GC time).
        page[NameObject("/Contents")] = original
    if len(result.text) > MAX_PAGE_CHARS:
        cut = result.text.rfind(" ", MAX_PAGE_CHARS - 200, MAX_PAGE_CHARS)
        result.text = result.text[: cut if cut > 0 else MAX_PAGE_CHARS]
        truncated = True
    result.truncated = truncated
    return result


def _layout(page) -> str:
    """The page's text placed by position ("" when layout extraction fails or the page is enormous)."""
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout extraction trips on fonts plain extraction reads
        return ""
    return text if len(text) <= 4 * MAX_PAGE_CHARS else ""


def _table_rows(page) -> str:
    """The page with each table row on one line, from its layout extraction ("" when that fails)."""
    try:
        return rows_from_layout(page.extract_text(extraction_mode="layout") or "")
    except Exception:  # layout extraction trips on fonts plain extraction reads; the plain text stands
        return ""


def _cut_content(data: bytes) -> bytes:
    """The first MAX_PAGE_CONTENT_BYTES of a content stream, cut after a text object or a line where possible."""
    limit = MAX_PAGE_CONTENT_BYTES
    for boundary in (b"\nET", b"\n", b" "):
        end = data.rfind(boundary, limit // 2, limit)
        if end >= 0:
            return data[: end + len(boundary)]
    return data[:limit]


def _read_careful(page, content, reader) -> PageText:
    from pypdf.generic import ContentStream, NameObject

    operations = content.operations
    hidden = hidden_show_operations(operations, _device_like_spaces(page))
    if not hidden:
        return PageText(_extract(page))
    only_hidden = ContentStream(None, reader, "bytes")
    only_hidden.operations = without_text(operations, lambda op: id(op) not in hidden)
    page[NameObject("/Contents")] = only_hidden
    secret = _extract(page)
    visible = ContentStream(None, reader, "bytes")
    visible.operations = without_text(operations, lambda op: id(op) in hidden)
    page[NameObject("/Contents")] = visible
    return PageText(_extract(page), len(re.sub(r"\s+", "", secret)), addresses_ai(secret))


def _device_like_spaces(page) -> set[str]:
    """Names of the page's colour spaces whose components mean what a device space's do (ICC-based, calibrated)."""
    names = set()
    try:
        spaces = page["/Resources"]["/ColorSpace"]
        for name, value in spaces.items():
            value = value.get_object()
            family = value[0] if isinstance(value, list) and value else value
            if family in ("/ICCBased", "/CalGray", "/CalRGB", "/DeviceGray", "/DeviceRGB", "/DeviceCMYK"):
                names.add(str(name))
    except (KeyError, TypeError, AttributeError):
        pass  # no named colour spaces, or unreadable ones: "1" in them is not taken for white
    return names


def _extract(page) -> str:
    # With a visitor, pypdf iterates the operations already parsed instead of re-serializing them first.
    return page.extract_text(visitor_operand_before=_ignore) or ""


def _ignore(*_args) -> None:
    return None


@dataclass
class PdfNotes:
    """Reads pages within the document's character budget and remembers what was left out, for the user."""

    hidden: dict[int, int] = field(default_factory=dict)
    hidden_ai: bool = False
    enormous: list[int] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)
    budget: int = MAX_DOCUMENT_CHARS
    table_rows: bool = False
    """Read a page of one-cell-per-line table text again by layout (see read_page)."""
    layouts: bool = False
    """Keep such a page's layout text beside its text (see read_page)."""
    layout: dict[int, str] = field(default_factory=dict)

    def read(self, number: int, page, reader) -> str:
        """Page `number`'s visible text ("" once the budget is spent); raises on a broken page."""
        if self.budget <= 0:
            self.unread.append(number)
            return ""
        result = read_page(page, reader, table_rows=self.table_rows, layout=self.layouts)
        if result.layout:
            self.layout[number] = result.layout
        if result.hidden_chars:
            self.hidden[number] = result.hidden_chars
            self.hidden_ai = self.hidden_ai or result.hidden_addresses_ai
        if result.truncated:
            self.enormous.append(number)
        self.budget -= len(result.text)
        return result.text

    def warnings(self) -> list[str]:
        """Plain-language notes on hidden text, enormous pages and pages past the budget."""
        out = []
        if self.hidden:
            total = sum(self.hidden.values())
            count = "1 character of hidden (white or invisible) text was" if total == 1 else \
                f"{total:,} characters of hidden (white or invisible) text were"
            out.append(f"{_pages(sorted(self.hidden))}: {count} not indexed" + (
                " — it addresses an AI assistant (possible prompt injection)" if self.hidden_ai else ""))
        if self.enormous:
            out.append(f"{_pages(self.enormous)}: far more text than a page can hold; only the first "
                       f"{MAX_PAGE_CHARS:,} characters of such a page are indexed")
        if self.unread:
            span = f"page {self.unread[0]}" if len(self.unread) == 1 else f"pages {self.unread[0]}–{self.unread[-1]}"
            out.append(f"{span}: not indexed, because the document's text passed the limit of "
                       f"{MAX_DOCUMENT_CHARS:,} characters")
        return out


def _pages(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    return "pages " + ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
