"""Word (.docx) reader: paragraphs with headings as Markdown, tables as rows, page breaks as pages."""

from __future__ import annotations

import io
import re
import zipfile

from rfp_assistant.core.documents.pages import Page, clean_text, short_reason
from rfp_assistant.core.documents.sniff import sniff_mismatch
from rfp_assistant.errors import DocumentError, UnsupportedDocumentError


def read_docx(data: bytes, source: str) -> tuple[list[Page], list[str]]:
    """Pages and warnings of a Word file; refuses a damaged or mislabelled one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    sniff_mismatch(data, source, "docx")
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
        raise DocumentError(source, f"the Word file is damaged and cannot be read ({short_reason(exc)})") from exc

    lines: list[str] = []
    pages: list[Page] = []
    for block in _docx_blocks(document):
        if block == "\f":
            pages.append(Page(len(pages) + 1, clean_text("\n".join(lines))))
            lines = []
        else:
            lines.append(block)
    pages.append(Page(len(pages) + 1, clean_text("\n".join(lines))))
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
