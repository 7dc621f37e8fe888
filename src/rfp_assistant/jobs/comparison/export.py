"""Write a proposal comparison as XLSX (with the evidence), CSV, Markdown or JSON — atomically."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from rfp_assistant.jobs.comparison.scorecard import NOT_STATED_RULES
from rfp_assistant.jobs.comparison.table import Cell, Comparison
from rfp_assistant.errors import ConfigurationError, ExportError
from rfp_assistant.core.storage.files import write_atomically
from rfp_assistant.schemas.proposal import to_json_value

GREEN, RED, AMBER = (PatternFill("solid", fgColor=c) for c in ("C6EFCE", "FFC7CE", "FFEB9C"))
GREY_ITALIC = Font(italic=True, color="808080")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
FORMATS = (".xlsx", ".csv", ".md", ".json")


def write_comparison(comparison: Comparison, path: Path) -> Path:
    """Write the comparison in the format named by the file suffix (.xlsx, .csv, .md, .json)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        comparison_to_xlsx(comparison, path)
    elif suffix == ".csv":
        comparison_to_csv(comparison, path)
    elif suffix == ".md":
        text = comparison_to_markdown(comparison)
        _write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    elif suffix == ".json":
        text = json.dumps(comparison_to_json(comparison), indent=2, ensure_ascii=False) + "\n"
        _write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    else:
        raise ConfigurationError(
            f"Cannot export a comparison to {path.name!r}: use a file name ending in {', '.join(FORMATS)}.")
    return path


def comparison_to_xlsx(comparison: Comparison, path: Path) -> None:
    """Workbook with sheets Comparison, Scores, Evidence and Questions."""
    book = Workbook()
    _table_sheet(book.active, comparison)
    _scores_sheet(book.create_sheet("Scores"), comparison)
    evidence = book.create_sheet("Evidence")
    _rows(evidence, ["Vendor", "Field", "Value", "Status", "Page", "Quote"], _evidence_rows(comparison),
          [24, 28, 28, 12, 6, 90])
    questions = book.create_sheet("Questions")
    _rows(questions, ["Vendor", "Field", "Question"],
          [[q.name, q.label, q.question] for q in comparison.questions], [24, 28, 100])
    _write(Path(path), book.save)


def comparison_to_csv(comparison: Comparison, path: Path) -> None:
    """The comparison table: one row per field, a value and a status column per vendor."""
    header = ["key", "field"] + [c for v in comparison.vendors for c in (v.name, f"{v.name} status")]
    body = [[row.key, row.label] + [c for cell in row.cells for c in (cell.text, cell.status)] for row in comparison.rows]

    def write(tmp: Path) -> None:
        # utf-8-sig: Excel, where procurement opens CSVs, otherwise garbles "≈" and accented names.
        with tmp.open("w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out).writerows([header] + body)

    _write(Path(path), write)


def comparison_to_markdown(comparison: Comparison) -> str:
    """Table, scores, gaps and clarification questions as Markdown."""
    names = [v.name for v in comparison.vendors]
    lines = ["# CDMO proposal comparison", ""]
    lines += [line for w in comparison.warnings for line in (f"> **Note:** {_md(w)}", "")]
    lines += ["## Side by side", "", _md_row(["Field"] + names), _md_row(["---"] * (len(names) + 1))]
    lines += [_md_row([row.label] + [_md_cell(c) for c in row.cells]) for row in comparison.rows]
    shares = comparison.scorecard.percentages()  # whole percentages, rounded as on screen
    rule = NOT_STATED_RULES[comparison.scorecard.not_stated]
    lines += ["", "## Scores", "", f"Scores 0-5, total 0-100; {rule}.", ""]
    lines += [_md_row(["Criterion", "Weight"] + names), _md_row(["---"] * (len(names) + 2))]
    for criterion in comparison.scorecard.criteria:
        scores = [_criterion(s, criterion.id) for s in comparison.scores]
        lines.append(_md_row([criterion.title, f"{shares[criterion.id]}%"]
                             + ["—" if s is None else _md_score(s) for s in scores]))
    lines.append(_md_row(["**Total (0-100)**", "100%"] + [f"**{_num(s.total)}**" for s in comparison.scores]))
    if _partial(comparison):
        lines.append(_md_row(["Weight the total rests on", ""] + [_share(s.scored_weight) for s in comparison.scores]))
    lines.append(_md_row(["Rank", ""] + ["—" if s.rank is None else str(s.rank) for s in comparison.scores]))
    lines += ["", "### How the scores were reached", ""]
    for score in comparison.scores:
        for c in score.criteria:
            shown = _num(c.score) + (f", {c.coverage}" if c.coverage else "")
            lines.append(f"- **{_md(score.name)} — {_md(c.title)}** ({shown}): {_md(c.basis)}")
    lines += ["", "## Clarification questions", ""]
    for vendor_index, vendor in enumerate(comparison.vendors):
        lines += [f"### {_md(vendor.name)}", ""]
        asked = [q for q in comparison.questions if q.vendor == vendor_index]
        if vendor.error:
            lines.append(f"The file could not be read: {_md(vendor.error)}")
        lines += [f"{n}. {_md(q.question)}" for n, q in enumerate(asked, 1)]
        lines += ["None: every field is stated."] if not asked and not vendor.error else []
        lines.append("")
    return "\n".join(lines)


def comparison_to_json(comparison: Comparison) -> dict:
    """Everything, with each vendor's extraction in the DESIGN.md section 4 contract shape."""
    data = comparison.model_dump(mode="json", exclude={"vendors": {"__all__": {"extraction"}}, "rows": True})
    for vendor, dumped in zip(comparison.vendors, data["vendors"]):
        dumped["extraction"] = vendor.extraction.contract_dict()
    data["rows"] = [{**row.model_dump(mode="json", exclude={"cells"}),
                     "cells": [{**cell.model_dump(mode="json", exclude={"value"}), "value": to_json_value(cell.value)}
                               for cell in row.cells]} for row in comparison.rows]
    return {"format": "rfp-assistant comparison", "version": 1, **data}


# ------------------------------------------------------------------ sheets

def _table_sheet(sheet, comparison: Comparison) -> None:
    sheet.title = "Comparison"
    sheet.append(["Field"] + [v.name for v in comparison.vendors])
    for row in comparison.rows:
        sheet.append([row.label] + [cell.text for cell in row.cells])
        for column, cell in enumerate(row.cells, start=2):
            _style(sheet.cell(row=sheet.max_row, column=column), cell)
    sheet.append([])
    sheet.append(["Source file"] + [v.source for v in comparison.vendors])
    if any(v.error for v in comparison.vendors):
        sheet.append(["Could not be read"] + [v.error or "" for v in comparison.vendors])
    _finish(sheet, [30] + [32] * len(comparison.vendors))
    sheet.freeze_panes = "B2"


def _style(target, cell: Cell) -> None:
    if cell.mark == "best":
        target.fill = GREEN
    elif cell.mark == "worst":
        target.fill = RED
    if cell.status == "conflicting":
        target.fill = AMBER
    elif cell.status == "not_stated":
        target.font = GREY_ITALIC


def _scores_sheet(sheet, comparison: Comparison) -> None:
    names = [v.name for v in comparison.vendors]
    weights = comparison.scorecard.weights()
    sheet.append(["Criterion", "Weight"] + names + ["Rule (0-5)"])
    for criterion in comparison.scorecard.criteria:
        scores = [_criterion(s, criterion.id) for s in comparison.scores]
        # The exact share as a number to compute with, shown as the screen's whole percentage.
        sheet.append([criterion.title, weights[criterion.id] / 100]
                     + [None if s is None else s.score for s in scores] + [criterion.rule])
        sheet.cell(row=sheet.max_row, column=2).number_format = "0%"
    sheet.append(["Total (0-100)", sum(weights.values()) / 100] + [s.total for s in comparison.scores])
    sheet.cell(row=sheet.max_row, column=2).number_format = "0%"
    sheet.append(["Rank", None] + [s.rank for s in comparison.scores])
    for cell in sheet[sheet.max_row - 1]:
        cell.font = BOLD
    if _partial(comparison):
        sheet.append(["Weight the total rests on", None]
                     + [None if s.scored_weight is None else s.scored_weight / 100 for s in comparison.scores])
        for cell in sheet[sheet.max_row][2:]:
            cell.number_format = "0%"
    # A score from some of its parts stays a number to compute with; the cell's note says what it rests on.
    for row in sheet.iter_rows(min_row=2, max_row=1 + len(comparison.scorecard.criteria)):
        for score, cell in zip(comparison.scores, row[2:]):
            found = _criterion(score, comparison.scorecard.criteria[row[0].row - 2].id)
            if found is not None and found.coverage:
                cell.comment = Comment(f"{found.coverage}: the score rests on those parts only.", "rfp-assistant")
    sheet.append([])
    sheet.append(["Vendor", "Criterion", "Score", "Parts stated", "How the score was reached"])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for score in comparison.scores:
        for c in score.criteria:
            sheet.append([score.name, c.title, c.score, c.coverage or "all", c.basis])
    _finish(sheet, [34, 10] + [16] * len(names) + [80])
    sheet.freeze_panes = "C2"


def _evidence_rows(comparison: Comparison) -> list[list]:
    out = []
    for row in comparison.rows:
        for vendor, cell in zip(comparison.vendors, row.cells):
            if cell.status == "not_stated" or vendor.error:
                continue
            values = cell.candidates if len(cell.candidates) == len(cell.evidence) else [cell.text] * len(cell.evidence)
            # A bid-grid answer is found by its cell ("cell F12"); a proposal's by its page number.
            out += [[vendor.name, row.label, value, cell.status, f"cell {e.cell}" if e.cell else e.page, e.quote]
                    for value, e in zip(values, cell.evidence)]
            if not cell.evidence:
                out.append([vendor.name, row.label, cell.text, cell.status, None, ""])
    return out


def _rows(sheet, header: list[str], rows: list[list], widths: list[int]) -> None:
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    _finish(sheet, widths)
    sheet.freeze_panes = "A2"


def _finish(sheet, widths: list[int]) -> None:
    for cell in sheet[1]:
        cell.font = BOLD
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP


# ------------------------------------------------------------------ helpers

def _criterion(score, criterion_id: str):
    return next((c for c in score.criteria if c.id == criterion_id), None)


def _partial(comparison: Comparison) -> bool:
    return any(s.scored_weight is not None and s.scored_weight < 100 for s in comparison.scores)


def _share(weight: float | None) -> str:
    return "—" if weight is None else f"{math.floor(weight + 0.5 + 1e-9)}%"


def _md_score(score) -> str:
    return _num(score.score) + (f" ({score.coverage})" if score.coverage else "")


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_cell(cell: Cell) -> str:
    text = _md(cell.text)
    if cell.flag == "not read":
        return text
    if cell.status == "not_stated":
        return f"_{text}_"
    return f"{text} **({cell.mark})**" if cell.mark else text


def _write(path: Path, write) -> None:
    write_atomically(path, write, ExportError)
