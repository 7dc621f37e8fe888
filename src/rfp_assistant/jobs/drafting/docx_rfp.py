"""The RFP as a Word document: vendor-facing (clean) or the sponsor's internal version (citations, sources, open points).

Every page after the title page carries the program and "Confidential" in the header and "Page n of N" in the
footer; the response form sits in its own landscape section.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from rfp_assistant.jobs.drafting.docx_blocks import add_markdown, add_numbered
from rfp_assistant.jobs.drafting.versions import program_label, section_markdown, sources_lines
from rfp_assistant.schemas.brief import RfpDraft

FONT = "Arial"  # metric-identical Liberation Sans stands in on Linux, so column widths hold everywhere
BODY_PT = 10
MARGIN = Cm(2.2)
RED = RGBColor(0xC0, 0x00, 0x00)
GREY = RGBColor(0x40, 0x40, 0x40)


def write_rfp_docx(draft: RfpDraft, path: str | Path, *, internal: bool = False) -> None:
    """Write the Word document; `internal` keeps [n] citations and adds the sources and open points."""
    doc = Document()
    _styles(doc)
    doc.core_properties.title = draft.title
    label = program_label(draft)
    first = doc.sections[0]
    _page(first, landscape=False)
    first.different_first_page_header_footer = True  # the title page stays clean
    _decorate(first, draft, label, internal)
    _title_page(doc, draft, internal)
    for number, section in enumerate(draft.sections, start=1):
        if section.id == "response_form":
            _new_section(doc, draft, label, internal, landscape=True)
        doc.add_heading(f"{number}. {section.title}", level=1)
        add_markdown(doc, section_markdown(section, internal), _text_width(doc.sections[-1]))
    if internal:
        if draft.sections and draft.sections[-1].id == "response_form":
            _new_section(doc, draft, label, internal, landscape=False)
        doc.add_heading("Sources", level=1)
        for line in sources_lines(draft):
            if line.startswith("**"):
                doc.add_heading(line.strip("*"), level=2)
            elif line:
                add_numbered(doc, line)
        if draft.gaps:
            doc.add_heading("Open points to settle before issue", level=1)
            doc.add_paragraph("For the sponsor team: settle these, then send the vendor version.")
            for gap in draft.gaps:
                paragraph = doc.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{gap.field}: ").bold = True
                paragraph.add_run(gap.question)
    doc.save(str(path))


def _title_page(doc, draft: RfpDraft, internal: bool) -> None:
    doc.add_paragraph(draft.title, style="Title")
    company = draft.brief.value("company_name")
    if company:
        doc.add_paragraph(f"Issued by {company}", style="Subtitle")
    doc.add_paragraph(f"Request for Proposal · {dt.date.today().isoformat()}")
    if internal:
        mode = "written with the language model" if draft.mode == "llm" else "offline"
        note = doc.add_paragraph().add_run(
            f"INTERNAL — the sponsor's version (draft, {mode}): it carries citations to the playbook and company "
            "documents, the sources and the open points. Do not send it; send the vendor version.")
        note.bold, note.font.color.rgb = True, RED
    else:
        doc.add_paragraph("Confidential: for CDMOs invited to respond.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _styles(doc) -> None:
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet"):
        style = doc.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):  # override the theme fonts too
            fonts.set(qn(attribute), FONT)
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attribute), None)
    doc.styles["Normal"].font.size = Pt(BODY_PT)
    doc.styles["Title"].font.size = Pt(24)


def _page(section, *, landscape: bool) -> None:
    short, long = sorted((section.page_width, section.page_height))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = Cm(2.2) if not landscape else Cm(1.8)
    section.header_distance = section.footer_distance = Cm(1.0)


def _new_section(doc, draft: RfpDraft, label: str, internal: bool, *, landscape: bool) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=landscape)
    section.different_first_page_header_footer = False
    _decorate(section, draft, label, internal)


def _decorate(section, draft: RfpDraft, label: str, internal: bool) -> None:
    """Header: program left, 'Confidential' right. Footer: sponsor left, 'Page n of N' right."""
    width = section.page_width - section.left_margin - section.right_margin
    header, footer = section.header, section.footer
    header.is_linked_to_previous = footer.is_linked_to_previous = False
    top = _line(header.paragraphs[0], width)
    _small(top, label + "\t")
    _small(top, "Confidential — internal, do not send" if internal else "Confidential").bold = True
    bottom = _line(footer.paragraphs[0], width)
    _small(bottom, (draft.brief.value("company_name") or "") + "\tPage ")
    _field(bottom, "PAGE")
    _small(bottom, " of ")
    _field(bottom, "NUMPAGES")


def _line(paragraph, width):
    # Normal, not the Header style: the Header style's own tab stops would catch the tab first.
    paragraph.text = ""
    paragraph.style = "Normal"
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    return paragraph


def _small(paragraph, text: str):
    run = paragraph.add_run(text)
    run.font.size, run.font.color.rgb = Pt(8), GREY
    return run


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the word processor fills in when it lays out the pages."""
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = _small(paragraph, "1" if kind == "text" else "")
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
            run._r.append(element)
        elif kind != "text":
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)


def _text_width(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU per point
