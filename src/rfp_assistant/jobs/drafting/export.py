"""Write a drafted RFP as DOCX (title page, headings, response-form table, sources), Markdown or JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from rfp_assistant.schemas.brief import RfpDraft
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.core.storage.files import write_atomically

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".json": "json"}
_INLINE = re.compile(r"(\*\*[^*]+\*\*|`[^`]+`)")


def rfp_markdown(draft: RfpDraft) -> str:
    """The whole RFP as one Markdown document, with sources and the open points at the end."""
    out = [f"# {draft.title}", "", f"_Draft RFP ({_mode(draft)}), {dt.date.today().isoformat()}._", ""]
    for number, section in enumerate(draft.sections, start=1):
        out += [f"## {number}. {section.title}", "", section.markdown.strip(), ""]
    out += ["## Sources", ""] + _sources_lines(draft) + [""]
    if draft.gaps:
        out += ["## Open points to settle before issue", "",
                "_For the sponsor team; remove this list before the RFP is sent._", ""]
        out += [f"- **{gap.field}:** {gap.question}" for gap in draft.gaps] + [""]
    return "\n".join(out)


def rfp_json(draft: RfpDraft) -> str:
    """The JSON contract of `rfp-assistant draft --json` (DESIGN.md section 6)."""
    return json.dumps(draft.contract_dict(), indent=2, ensure_ascii=False)


def write_rfp(draft: RfpDraft, path: str | Path, fmt: str | None = None) -> Path:
    """Write the draft to `path` as docx, md or json (from `fmt`, else the file suffix)."""
    path = Path(path)
    fmt = (fmt or FORMATS.get(path.suffix.lower(), "")).lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt not in ("docx", "md", "json"):
        raise ConfigurationError(f"Cannot write an RFP as '{path.suffix or fmt}'. Use .docx, .md or .json.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # `-o drafts/rfp.docx` makes the folder, as before
    except OSError:
        pass  # write_atomically names the problem
    if fmt == "docx":
        write_atomically(path, lambda tmp: write_rfp_docx(draft, tmp))
    else:
        text = rfp_markdown(draft) if fmt == "md" else rfp_json(draft) + "\n"
        write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def write_rfp_docx(draft: RfpDraft, path: str | Path) -> None:
    """A Word document: title page, one numbered heading per section, tables kept as tables, sources last."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    doc.core_properties.title = draft.title
    doc.add_paragraph(draft.title, style="Title")
    company = draft.brief.value("company_name")
    if company:
        doc.add_paragraph(f"Issued by {company}", style="Subtitle")
    doc.add_paragraph(f"Request for Proposal — draft ({_mode(draft)}), {dt.date.today().isoformat()}")
    doc.add_paragraph("Confidential: for CDMOs invited to respond.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for number, section in enumerate(draft.sections, start=1):
        doc.add_heading(f"{number}. {section.title}", level=1)
        _add_markdown(doc, section.markdown)
    doc.add_heading("Sources", level=1)
    for line in _sources_lines(draft):
        if line.startswith("**"):
            doc.add_heading(line.strip("*"), level=2)
        elif line:
            _add_numbered(doc, line)
    if draft.gaps:
        doc.add_heading("Open points to settle before issue", level=1)
        doc.add_paragraph("For the sponsor team; remove this list before the RFP is sent.")
        for gap in draft.gaps:
            paragraph = doc.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{gap.field}: ").bold = True
            paragraph.add_run(gap.question)
    doc.save(str(path))


def _mode(draft: RfpDraft) -> str:
    return "written with the language model" if draft.mode == "llm" else "offline"


def _sources_lines(draft: RfpDraft) -> list[str]:
    lines: list[str] = []
    for number, section in enumerate(draft.sections, start=1):
        if not section.citations:
            continue
        lines += [f"**{number}. {section.title}**", ""]
        lines += [f"{i}. {c.source}, p. {c.page} — “{c.quote}”" for i, c in enumerate(section.citations, start=1)]
        lines.append("")
    return lines or ["No passages were cited."]


def _add_markdown(doc, markdown: str) -> None:
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("|") for line in lines):
            _add_table(doc, lines)
        elif re.fullmatch(r"\*\*[^*]+\*\*", lines[0].strip()) and len(lines) == 1:
            doc.add_heading(lines[0].strip().strip("*"), level=3)
        else:
            for line in lines:
                if m := re.match(r"^\s*[-*]\s+(.*)$", line):
                    _add_inline(doc.add_paragraph(style="List Bullet"), m.group(1))
                elif re.match(r"^\s*\d+[.)]\s+", line):
                    _add_numbered(doc, line)
                else:
                    _add_inline(doc.add_paragraph(), line)


def _add_numbered(doc, line: str) -> None:
    # Word's "List Number" style continues one numbering across the whole document, so numbers are written out.
    from docx.shared import Cm

    m = re.match(r"^\s*(\d+)[.)]\s+(.*)$", line)
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(0.63)
    paragraph.paragraph_format.first_line_indent = Cm(-0.63)
    _add_inline(paragraph, f"{m.group(1)}.\t{m.group(2)}")


def _add_inline(paragraph, text: str) -> None:
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("`") and piece.endswith("`"):
            paragraph.add_run(piece[1:-1]).font.name = "Courier New"
        else:
            paragraph.add_run(piece)


def _add_table(doc, lines: list[str]) -> None:
    rows = [_cells(line) for line in lines if not re.fullmatch(r"\|?[\s:|-]+\|?", line.strip())]
    if not rows:
        return
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c in range(width):
            cell = table.cell(r, c)
            cell.text = ""
            _add_inline(cell.paragraphs[0], cells[c] if c < len(cells) else "")
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]
