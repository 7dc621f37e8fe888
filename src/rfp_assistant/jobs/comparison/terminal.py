"""The comparison on a terminal: vendors as columns, values only, fitted to the terminal's width; notes below."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from rfp_assistant.jobs.comparison.table import Cell, Comparison

MIN_VENDOR_WIDTH = 18  # narrower and values such as "EUR 3,200,000" start breaking
MIN_SCORE_WIDTH = 12  # scores are short; the vendor's name wraps above them
MAX_VENDOR_WIDTH = 44
MAX_FIELD_WIDTH = 26
GAP = 3  # what rich puts between two columns: padding on both sides and the separator
MAX_VALUE_CHARS = 90  # longer text (assumptions, payment terms) is cut; the Markdown and XLSX keep it whole
MARKS = {"best": " *", "worst": " !"}


def print_comparison(comparison: Comparison, console: Console) -> None:
    """Print the side-by-side table, the scores and the notes, each no wider than `console.width`."""
    width = console.width
    vendors = list(range(len(comparison.vendors)))
    console.print(Text("CDMO proposal comparison", style="bold"))
    for index, vendor in enumerate(comparison.vendors, start=1):
        console.print(Text(f"{index}. {vendor.name} — {vendor.source}", overflow="fold"))
    console.print()
    cut = False
    for group in _groups(vendors, comparison, width, MIN_VENDOR_WIDTH):
        table, shortened = _values_table(comparison, group, width)
        cut = cut or shortened
        console.print(table)
        console.print()
    console.print(Text("* best, ! worst among the stated values; — not stated.", style="dim"))
    console.print()
    for group in _groups(vendors, comparison, width, MIN_SCORE_WIDTH):
        console.print(_scores_table(comparison, group, width))
        console.print()
    notes = _notes(comparison, cut)
    if notes:
        console.print(Text("Notes", style="bold"))
        for note in notes:
            console.print(Text(f"- {note}", overflow="fold"))


def _groups(vendors: list[int], comparison: Comparison, width: int, column: int) -> list[list[int]]:
    """Vendors split evenly into as few tables as keep every column at least `column` wide."""
    fits = max(1, (width - _field_width(comparison, width)) // (column + GAP))
    count = max(1, -(-len(vendors) // fits))
    size = -(-len(vendors) // count)
    return [vendors[i : i + size] for i in range(0, len(vendors), size)] or [[]]


def _field_width(comparison: Comparison, width: int) -> int:
    longest = max((len(r.label) for r in comparison.rows), default=10)
    return max(8, min(MAX_FIELD_WIDTH, longest, width // 3))


def _new_table(first: str, comparison: Comparison, group: list[int], width: int) -> Table:
    # Every column gets a ceiling so that together they never exceed the width (rich would crop the last one).
    field = _field_width(comparison, width)
    vendor = max(4, min(MAX_VENDOR_WIDTH, (width - field - GAP * len(group)) // max(len(group), 1)))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(first, max_width=field, overflow="fold")
    for index in group:
        table.add_column(f"{index + 1}. {comparison.vendors[index].name}", max_width=vendor, overflow="fold")
    return table


def _values_table(comparison: Comparison, group: list[int], width: int) -> tuple[Table, bool]:
    table = _new_table("Field", comparison, group, width)
    shortened = False
    for row in comparison.rows:
        values = []
        for index in group:
            text, cut = _value(row.cells[index])
            shortened = shortened or cut
            values.append(text)
        table.add_row(row.label, *values)
    return table, shortened


def _value(cell: Cell) -> tuple[Text, bool]:
    if cell.flag == "not read":
        return Text("—", style="dim"), False
    if cell.status == "not_stated":
        return Text("—", style="dim"), False
    if cell.status == "conflicting":
        return Text("conflicting", style="yellow"), False
    text, cut = cell.text, len(cell.text) > MAX_VALUE_CHARS
    if cut:
        text = text[: MAX_VALUE_CHARS - 1].rsplit(" ", 1)[0] + " …"
    style = {"best": "green", "worst": "red"}.get(cell.mark or "", "")
    return Text(text + MARKS.get(cell.mark or "", ""), style=style), cut


def _scores_table(comparison: Comparison, group: list[int], width: int) -> Table:
    table = _new_table("Score (0-5; total 0-100)", comparison, group, width)
    shares = comparison.scorecard.percentages()  # rounded half up, as on screen (38.5 -> 39, not 38)
    for criterion in comparison.scorecard.criteria:
        scores = []
        for index in group:
            found = next((c for c in comparison.scores[index].criteria if c.id == criterion.id), None)
            scores.append("—" if found is None else f"{_score(found.score)}"
                          + (f" ({found.coverage})" if found.coverage else ""))
        table.add_row(f"{criterion.title} ({shares[criterion.id]}%)", *scores)
    table.add_row(Text("Total", style="bold"),
                  *[Text("—" if comparison.scores[i].total is None else f"{comparison.scores[i].total:g}",
                         style="bold") for i in group])
    table.add_row("Rank", *["—" if comparison.scores[i].rank is None else str(comparison.scores[i].rank)
                            for i in group])
    return table


def _score(score: float | None) -> str:
    return "left out" if score is None else f"{score:g}"


def _notes(comparison: Comparison, cut: bool) -> list[str]:
    notes = list(comparison.warnings)
    notes += [f"{s.name}: total over the {s.scored_weight:.0f}% of the weight it states (not-stated values left out)."
              for s in comparison.scores if s.scored_weight is not None and s.scored_weight < 100]
    for row in comparison.rows:
        for vendor, cell in zip(comparison.vendors, row.cells):
            if cell.status == "conflicting":
                notes.append(f"{vendor.name}, {row.label}: {cell.text}.")
    asked = [(v.name, sum(1 for q in comparison.questions if q.vendor == i)) for i, v in enumerate(comparison.vendors)]
    if any(count for _, count in asked):
        counts = ", ".join(f"{name} {count}" for name, count in asked)
        notes.append(f"Clarification questions to send: {counts}. The whole comparison, with the questions and "
                     "the evidence: --format md, or -o compare.xlsx / .md.")
    if cut:
        notes.append("Long answers are shortened here (…); --format md or -o compare.xlsx shows them in full.")
    return notes
