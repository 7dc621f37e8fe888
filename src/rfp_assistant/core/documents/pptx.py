"""PowerPoint (.pptx) reader: each slide a page — its title, bullets, tables and speaker notes.

The title is the slide's heading; each paragraph of a text box is one item ("- ..."), each table row
one line with its column names; speaker notes follow, cited as "slide 4, speaker notes".
"""

from __future__ import annotations

import io

from rfp_assistant.core.documents.pages import Page, PageBuilder, pages_warning, short_reason
from rfp_assistant.core.documents.sniff import check_package
from rfp_assistant.core.documents.tables import header_names, is_header, render_row
from rfp_assistant.errors import DocumentError


def read_pptx(data: bytes, source: str) -> tuple[list[Page], list[str]]:
    """Pages (one per slide) and warnings of a presentation; refuses a protected, damaged or mislabelled one."""
    from pptx import Presentation

    check_package(data, source, "pptx", "ppt/presentation.xml")
    try:
        presentation = Presentation(io.BytesIO(data))
        pages, hidden, pictures_only = [], [], []
        for number, slide in enumerate(presentation.slides, start=1):
            page, has_picture = _read_slide(slide, number)
            pages.append(page)
            if slide.element.get("show") in ("0", "false"):
                hidden.append(number)
            if has_picture and not page.text.strip():
                pictures_only.append(number)
    except DocumentError:
        raise
    except Exception as exc:  # python-pptx and lxml raise many types on a broken package
        raise DocumentError(source, f"the PowerPoint file is damaged and cannot be read ({short_reason(exc)})") from exc
    warnings = []
    if hidden:
        warnings.append(pages_warning(hidden, "hidden in the slide show; the text is indexed like the other slides")
                        .replace("page", "slide", 1))
    if pictures_only:
        warnings.append(pages_warning(pictures_only, "only pictures, no text to index").replace("page", "slide", 1))
    return pages, warnings


def _read_slide(slide, number: int) -> tuple[Page, bool]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    page = PageBuilder(number, f"slide {number}")
    where = f"slide {number}"
    title_shape = slide.shapes.title
    title = title_shape.text_frame.text if title_shape is not None and title_shape.has_text_frame else ""
    page.heading(title)
    has_picture = False
    for shape in _in_reading_order(slide.shapes):
        if title_shape is not None and shape.shape_id == title_shape.shape_id or _is_furniture(shape):
            continue
        if _kind(shape) == MSO_SHAPE_TYPE.PICTURE:
            has_picture = True
        if getattr(shape, "has_table", False) and shape.has_table:
            _table(page, shape.table, where)
        elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                text = " ".join(paragraph.text.split())
                page.line(f"- {text}" if text else "", where)
        elif getattr(shape, "has_chart", False) and shape.has_chart and shape.chart.has_title:
            page.line(f"Chart: {shape.chart.chart_title.text_frame.text}", where)
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        notes = [p.text for p in slide.notes_slide.notes_text_frame.paragraphs if p.text.strip()]
        if notes:
            page.blank()
            page.line("Speaker notes: " + notes[0], f"{where}, speaker notes")
            for text in notes[1:]:
                page.line(text, f"{where}, speaker notes")
    return page.build(), has_picture


def _in_reading_order(shapes):
    """Shapes top to bottom, left to right, with the members of groups in place of the group."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    flat = []
    for shape in shapes:
        if _kind(shape) == MSO_SHAPE_TYPE.GROUP:
            flat.extend(_in_reading_order(shape.shapes))
        else:
            flat.append(shape)
    return sorted(flat, key=lambda s: ((s.top or 0) // 100_000, s.left or 0))


def _is_furniture(shape) -> bool:
    """Slide number, date and footer placeholders: the same on every slide, nothing to index."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    if not shape.is_placeholder:
        return False
    try:
        kind = shape.placeholder_format.type
    except (ValueError, AttributeError):
        return False
    return kind in (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER)


def _kind(shape):
    try:
        return shape.shape_type
    except NotImplementedError:  # a shape python-pptx has no type for (ink, some connectors)
        return None


def _table(page: PageBuilder, table, where: str) -> None:
    page.blank()
    headers: list[str] = []
    for number, row in enumerate(table.rows, start=1):
        cells = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            cells.append("" if cell.is_spanned else value)
        if not any(cells):
            continue
        if number == 1 and is_header(cells):
            headers = header_names(cells)
            continue
        page.line(render_row(headers, cells), where)
    page.blank()
