"""Section Markdown into Word: paragraphs, bullets, numbered lists and tables sized to their content."""

from __future__ import annotations

import re

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

from rfp_assistant.jobs.drafting.docx_widths import fit_columns, longest_word, text_width
from rfp_assistant.jobs.drafting.render import OPEN_POINT
from rfp_assistant.jobs.drafting.response_form import form_questions

TABLE_PT = 9
KEY_PT = 7
GREY = RGBColor(0x59, 0x59, 0x59)
_INLINE = re.compile(r"(\*\*[^*]+\*\*|`[^`]+`)")
_RULE = re.compile(r"\|?[\s:|-]+\|?")
FORM_HEADERS = ["#", "Field", "Question", "Answer format", "Your answer", "Proposal page"]
# Room beyond each column's longest word: the answer column takes the most, then the question, then the format.
_FORM_SHARE = {"Question": 0.32, "Answer format": 0.18, "Your answer": 0.5}


def add_markdown(doc, markdown: str, width_pt: float) -> None:
    """Append one section's Markdown; a table of the response form becomes the vendor form table."""
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("|") for line in lines):
            rows = [cells(line) for line in lines if not _RULE.fullmatch(line.strip())]
            if rows and "Your answer" in rows[0]:
                add_form_table(doc, width_pt)
            elif rows:
                add_table(doc, rows, width_pt)
        elif re.fullmatch(r"\*\*[^*]+\*\*", lines[0].strip()) and len(lines) == 1:
            doc.add_heading(lines[0].strip().strip("*"), level=3)
        else:
            for line in lines:
                if m := re.match(r"^\s*[-*]\s+(.*)$", line):
                    add_inline(doc.add_paragraph(style="List Bullet"), m.group(1))
                elif re.match(r"^\s*\d+[.)]\s+", line):
                    add_numbered(doc, line)
                else:
                    add_inline(doc.add_paragraph(), line)


def add_numbered(doc, line: str) -> None:
    """A numbered line with its number written out, hanging indent."""
    # Word's "List Number" style continues one numbering across the whole document, so numbers are written out.
    m = re.match(r"^\s*(\d+)[.)]\s+(.*)$", line)
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(0.63)
    paragraph.paragraph_format.first_line_indent = Cm(-0.63)
    paragraph.paragraph_format.space_after = Pt(3)  # a list, spaced like the bullets around it
    add_inline(paragraph, f"{m.group(1)}.\t{m.group(2)}")


def add_inline(paragraph, text: str, size: float | None = None, bold: bool = False) -> None:
    """Runs for **bold**, `code` and highlighted '[To be confirmed: …]' open points."""
    for piece in _INLINE.split(text):
        if not piece:
            continue
        strong = bold
        if piece.startswith("**") and piece.endswith("**"):
            piece, strong = piece[2:-2], True
        elif piece.startswith("`") and piece.endswith("`"):
            run = paragraph.add_run(piece[1:-1])
            run.font.name, run.font.size = "Courier New", Pt(size) if size else None
            continue
        for i, part in enumerate(re.split(f"({OPEN_POINT.pattern})", piece)):
            if not part:
                continue
            run = paragraph.add_run(part)
            run.bold = strong or None
            if size:
                run.font.size = Pt(size)
            if i % 2:  # an open point the sponsor must settle before sending: hard to miss
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def add_table(doc, rows: list[list[str]], width_pt: float) -> None:
    """A grid table, header row bold and repeated on each page, columns sized so no word breaks."""
    count = max(len(r) for r in rows)
    rows = [r + [""] * (count - len(r)) for r in rows]
    plain = [[_plain(c) for c in r] for r in rows]
    mins = [max(longest_word(r[c], TABLE_PT, i == 0) for i, r in enumerate(plain)) for c in range(count)]
    naturals = [max(text_width(r[c], TABLE_PT, i == 0) for i, r in enumerate(plain)) for c in range(count)]
    table = _grid(doc, len(rows), fit_columns(mins, naturals, width_pt))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            add_inline(_clear(table.cell(r, c)), value, TABLE_PT, bold=r == 0)


def add_form_table(doc, width_pt: float) -> None:
    """The vendor response form: one row per comparison field, the answer column the widest."""
    questions = form_questions()
    texts = {
        "#": [str(q.number) for q in questions],
        "Field": [q.label for q in questions],
        "Question": [q.question for q in questions],
        "Answer format": [q.format for q in questions],
        "Your answer": [""],
        "Proposal page": [""],
    }
    mins, naturals = [], []
    for header in FORM_HEADERS:
        words = [longest_word(t, TABLE_PT) for t in texts[header]] + [longest_word(header, TABLE_PT, True)]
        if header == "Field":
            words += [text_width(q.key, KEY_PT) for q in questions]
        mins.append(max(words))
        naturals.append(max(text_width(t, TABLE_PT) for t in texts[header]))
    share = [_FORM_SHARE.get(h, 0.0) for h in FORM_HEADERS]
    table = _grid(doc, len(questions) + 1, fit_columns(mins, naturals, width_pt, share))
    for c, header in enumerate(FORM_HEADERS):
        add_inline(_clear(table.cell(0, c)), header, TABLE_PT, bold=True)
    for r, q in enumerate(questions, start=1):
        values = [str(q.number), None, q.question, q.format, "", ""]
        for c, value in enumerate(values):
            paragraph = _clear(table.cell(r, c))
            if value is None:
                add_inline(paragraph, q.label, TABLE_PT, bold=True)
                key = table.cell(r, c).add_paragraph().add_run(q.key)
                key.font.size, key.font.color.rgb = Pt(KEY_PT), GREY
            else:
                add_inline(paragraph, value, TABLE_PT)


def cells(line: str) -> list[str]:
    """The cells of one Markdown table row; escaped pipes stay in the text."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def _grid(doc, rows: int, widths_pt: list[float]):
    table = doc.add_table(rows=rows, cols=len(widths_pt))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    layout = OxmlElement("w:tblLayout")  # fixed: Word keeps the widths instead of re-fitting them
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_pt):
        column.width = Twips(int(width * 20))  # whole twips, rounded down, so the columns never overrun the page
        for cell in column.cells:
            cell.width = column.width
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            properties.append(OxmlElement("w:tblHeader"))  # repeat the header row on every page
    return table


def _clear(cell):
    cell.text = ""
    return cell.paragraphs[0]


def _plain(text: str) -> str:
    return text.replace("**", "").replace("`", "")
