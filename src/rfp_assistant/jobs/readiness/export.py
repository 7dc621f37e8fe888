"""Write a readiness report as Markdown, DOCX or JSON (DESIGN.md section 5) — atomically."""

from __future__ import annotations

import json
from pathlib import Path

from rfp_assistant.errors import ConfigurationError, ExportError
from rfp_assistant.core.storage.files import write_atomically
from rfp_assistant.jobs.readiness.assess import ItemAssessment, ReadinessReport
from rfp_assistant.jobs.readiness.rules import load_checklist

FORMATS = (".md", ".docx", ".json")
STATUS_LABEL = {"covered": "Covered", "partial": "Partial", "missing": "Missing"}


class ReadinessExportError(ExportError):
    """A readiness export could not be written; nothing was left behind."""


def write_readiness(report: ReadinessReport, path: Path) -> Path:
    """Write the report in the format named by the file suffix (.md, .docx, .json)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".md":
        text = readiness_to_markdown(report)
        _write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    elif suffix == ".json":
        text = json.dumps(readiness_to_json(report), indent=2, ensure_ascii=False) + "\n"
        _write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    elif suffix == ".docx":
        _write(path, lambda tmp: readiness_to_docx(report, tmp))
    else:
        raise ConfigurationError(
            f"Cannot export a readiness report to {path.name!r}: use a file name ending in {', '.join(FORMATS)}.")
    return path


def readiness_to_json(report: ReadinessReport) -> dict:
    """The JSON contract: score, areas, items (with evidence and recommendation), mode — plus titles and reasons."""
    return report.model_dump(mode="json")


def readiness_to_markdown(report: ReadinessReport) -> str:
    """A readable report: overall score, a table per area, the gaps to close first, then every item with evidence."""
    lines = ["# CDMO outsourcing readiness", "", f"**Overall readiness: {_pct(report.score)}** ({_mode(report)})", ""]
    if report.documents:
        lines += ["Documents assessed: " + ", ".join(_md(d) for d in report.documents), ""]
    lines += ["| Area | Score | Covered | Partial | Missing |", "|---|---|---|---|---|"]
    for area in report.areas:
        counts = _counts(report, area.id)
        lines.append(f"| {_md(area.title or area.id)} | {_pct(area.score)} | {counts['covered']} | "
                     f"{counts['partial']} | {counts['missing']} |")
    gaps = report.gaps()
    lines += ["", "## Gaps to close", ""]
    if not gaps:
        lines.append("Every checklist item is covered.")
    for item in gaps:
        lines.append(f"- **{_md(item.title or item.id)}** ({item.status}): {_md(item.recommendation)}")
    for area in report.areas:
        lines += ["", f"## {_md(area.title or area.id)} — {_pct(area.score)}", ""]
        for item in (i for i in report.items if i.area == area.id):
            lines += _item_markdown(item)
    return "\n".join(lines).rstrip() + "\n"


def readiness_to_docx(report: ReadinessReport, path: Path) -> None:
    """A Word document with the same content as the Markdown report."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading("CDMO outsourcing readiness", level=0)
    document.add_paragraph().add_run(f"Overall readiness: {_pct(report.score)} ({_mode(report)})").bold = True
    if report.documents:
        document.add_paragraph("Documents assessed: " + ", ".join(report.documents))
    table = document.add_table(rows=1, cols=5)
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, ("Area", "Score", "Covered", "Partial", "Missing")):
        cell.text = text
    for area in report.areas:
        counts = _counts(report, area.id)
        values = (area.title or area.id, _pct(area.score), counts["covered"], counts["partial"], counts["missing"])
        for cell, value in zip(table.add_row().cells, values):
            cell.text = str(value)
    _column_widths(table, [Cm(6.6), Cm(2.3), Cm(2.3), Cm(2.3), Cm(2.3)])
    document.add_heading("Gaps to close", level=1)
    gaps = report.gaps()
    if not gaps:
        document.add_paragraph("Every checklist item is covered.")
    for item in gaps:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{item.title or item.id} ({item.status}): ").bold = True
        paragraph.add_run(item.recommendation)
    for area in report.areas:
        document.add_heading(f"{area.title or area.id} — {_pct(area.score)}", level=1)
        for item in (i for i in report.items if i.area == area.id):
            _item_docx(document, item)
    document.save(str(path))


def _column_widths(table, widths) -> None:
    """Fixed column widths, so an area's name is not broken mid-word in a narrow first column."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _item_markdown(item: ItemAssessment) -> list[str]:
    lines = [f"### {_md(item.title or item.id)} — {STATUS_LABEL[item.status]}", "", f"`{item.id}`"]
    if item.reason:
        lines += ["", _md(item.reason)]
    for evidence in item.evidence:
        label = "**Decided by:** " if evidence == item.deciding else ""
        lines += ["", f"> {label}“{_md(evidence.quote)}” — {_md(evidence.source)}, {_md(evidence.where)}"]
    if item.recommendation:
        lines += ["", f"**Recommendation:** {_md(item.recommendation)}"]
    return lines + [""]


def _item_docx(document, item: ItemAssessment) -> None:
    document.add_heading(f"{item.title or item.id} — {STATUS_LABEL[item.status]}", level=2)
    if item.reason:
        document.add_paragraph(item.reason)
    for evidence in item.evidence:
        paragraph = document.add_paragraph(style="Intense Quote")
        if evidence == item.deciding:
            paragraph.add_run("Decided by: ").bold = True
        paragraph.add_run(f"“{evidence.quote}”")
        paragraph.add_run(f" — {evidence.source}, {evidence.where}").italic = True
    if item.recommendation:
        paragraph = document.add_paragraph()
        paragraph.add_run("Recommendation: ").bold = True
        paragraph.add_run(item.recommendation)


def _counts(report: ReadinessReport, area: str) -> dict[str, int]:
    counts = {"covered": 0, "partial": 0, "missing": 0}
    for item in report.items:
        if item.area == area:
            counts[item.status] += 1
    return counts


def _mode(report: ReadinessReport) -> str:
    engine = "offline rules" if report.mode == "offline" else "language model, verified quotes"
    return f"{engine}; checklist v{load_checklist().version}"


def _pct(score: float) -> str:
    return f"{round(score * 100)}%"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _write(path: Path, write) -> None:
    write_atomically(path, write, ReadinessExportError)
