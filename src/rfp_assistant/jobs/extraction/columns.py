"""Table cells with their column's heading and unit, and what a cue or a quote in a table may read from them.

Many tables give a unit only in a column heading ("Duration (weeks)", "Volume (L)", "Markup (%)", a merged
"Price (EUR)" over "Unit price" and "Amount") and leave bare numbers in the cells. A bare figure is read in its
column's unit when its row's label or its column's heading is a field's cue (see table_layout for how the cells
are found), and a quoted row gives a bare figure only under a heading on its own page that gives the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import rfp_assistant.core.values as p
from rfp_assistant.core.values import Match

_FIGURE = re.compile(r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
PROSE_CHARS = 60  # a single piece of text this long at the margin is a sentence, not a heading or a cell
# A heading's unit: durations in weeks, a week number on a plan, litres, percent, days, a count, a currency.
_UNITS = (
    ("week", re.compile(r"(?i)\(\s*(?:calendar\s+)?week(?:\s*(?:no\.?|#|number))?\s*\)|\bweeks?\s*\(?\s*(?:from|after|since)\b|"
                        r"^\s*(?:start|end|due)?\s*week\s*(?:no\.?|#|number)?\s*$")),
    ("weeks", re.compile(r"(?i)\((?:in\s+)?(?:weeks|wks)\b[^)]*\)|\b(?:duration|length)\s*,?\s*(?:in\s+)?weeks\b")),
    ("duration", re.compile(r"(?i)^\s*(?:duration|length)\s*$")),  # how long, its unit in each cell ("6 weeks")
    ("L", re.compile(r"\((?:L|l|litres?|liters?)\)|\bin\s+(?:litres|liters)\b")),
    ("%", re.compile(r"\(\s*%|%\s*\)|(?i:\bin\s*%|\(percent\)|\(per\s?cent\))")),
    ("days", re.compile(r"(?i)\(\s*days\b[^)]*\)")),
    ("no", re.compile(r"(?i)\((?:no\.?|number|count|#|n)\)")),
)
_CURRENCY = re.compile(r"\(\s*([A-Z]{3}|[$€£¥₹])\s*\)")


@dataclass(frozen=True)
class Cell:
    """One table cell: where it is in the page text, its column's heading and unit, and the row it is in."""

    start: int
    end: int
    text: str
    header: str
    """The column's heading, a merged heading over it first ("Schedule Duration (weeks)")."""
    unit: str
    """weeks (a duration), week (a week number), duration (units in the cells), L, %, days, no (a count), an ISO
    currency, or ""."""
    row: tuple[int, int]
    label: tuple[int, int]
    """Where the row's first cell, its label ("Technology transfer"), is in the page text."""
    headers: tuple[tuple[int, int], ...]
    """Where the column's heading cells are in the page text."""

    @property
    def value(self) -> float | None:
        """The cell's number when the cell is a bare figure ("9", "3000", "1 240 000"), else None."""
        if not _FIGURE.fullmatch(self.text):
            return None
        return p.parse_number(re.sub(r"[ \u00a0\u202f]", "", self.text))


def header_unit(header: str) -> str:
    """The unit a column heading gives its cells ("" when it gives none, or a scale such as 'EUR k')."""
    for unit, pattern in _UNITS:
        if pattern.search(header):
            return unit
    m = _CURRENCY.search(header)
    return p.numbers.CURRENCY_PREFIXES.get(m.group(1), "") if m else ""


def cells_of_row(cells: list[Cell], position: int) -> list[Cell]:
    """The cells of the table row whose label holds `position` (a cue there names the row's field)."""
    return [c for c in cells if c.label[0] <= position < c.label[1] and c.start >= c.label[1]]


def cells_under(cells: list[Cell], position: int) -> list[Cell]:
    """The cells of the column whose heading holds `position` (a cue in the heading names the column's field)."""
    return [c for c in cells if any(a <= position < b for a, b in c.headers)]


def table_under(cells: list[Cell], position: int) -> list[Cell]:
    """Every cell of the table whose heading holds `position` ([] when no heading does), in reading order."""
    column = cells_under(cells, position)
    if not column:
        return []
    first, last = column[0].row[0], column[-1].row[1]
    return [c for c in cells if first <= c.start and c.end <= last]


def cell_at(cells: list[Cell], position: int) -> Cell | None:
    """The cell holding `position`, if it is in a table."""
    return next((c for c in cells if c.start <= position < c.end), None)


def words_pattern(cell: str) -> re.Pattern:
    """Where a cell's words stand in a text, however they are spaced or wrapped."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in cell.split()) + r"(?!\w)")


_FIELD_UNITS = {"weeks": "weeks", "%": "%", "days": "days", "L": "L"}


def field_unit(spec) -> str:
    """The unit a field reads from a column: its own (weeks, L, %, days), or a count for a number of things."""
    return _FIELD_UNITS.get(spec.unit) or ("no" if spec.type == "int" and not spec.unit else "")


def column_values(cells: list[Cell], position: int, unit: str) -> list[tuple[Cell, bool]]:
    """(cell, named by its heading) for the bare figures a cue at `position` labels: the cells of its row, or of
    its column when the cue is in a heading, whose column gives `unit`. A row's week numbers give its first
    ("Start (week)" before "End (week)"): when the step starts."""
    if not unit or not cells:
        return []
    row = [(c, False) for c in cells_of_row(cells, position) if c.unit == unit and c.value is not None]
    if unit == "week":
        row = row[:1]
    return row + [(c, True) for c in cells_under(cells, position) if c.unit == unit and c.value is not None]


def column_matches(cells: list[Cell], position: int, unit: str, left: int, matches: list[Match]) -> set[int]:
    """Adds to a finder's `matches` (offsets from `left`) the bare figures of the table cells a cue at `position`
    labels (see column_values); returns the ids of those it labels from their column's heading. Read as week
    numbers on a plan, a duration in a "Duration" cell is how long a step takes, and leaves the matches."""
    headed = set()
    if unit == "week":
        matches[:] = [m for m in matches if getattr(cell_at(cells, m.start + left), "unit", "") not in ("weeks", "duration")]
    for cell, by_heading in column_values(cells, position, unit):
        start, end = cell.start - left, cell.end - left
        if any(m.start < end and start < m.end for m in matches):
            continue  # the finder read the cell already ("12 weeks")
        match = Match(cell.value, start, end, cell.text)
        matches.append(match)
        if by_heading:
            headed.add(id(match))
    return headed


def row_text(text: str, cell: Cell) -> str:
    """The cell's whole row as it stands in the page text (spacing normalized)."""
    return " ".join(text[cell.row[0]:cell.row[1]].split())


# What a field's unit may come from: a week number on a plan counts weeks from the order as a duration does.
_HEADING_UNITS = {"weeks": ("weeks", "week"), "L": ("L",), "%": ("%",), "days": ("days",)}
MAX_TABLE_LINES = 80  # lines from a quoted row back to its table's heading
_PROSE_LINE = re.compile(r"(?:\S+\s+){9,}\S+|.{%d,}[.:]\s*$" % PROSE_CHARS)


def heading_gives_unit(page_text: str, quote: str, unit: str) -> bool:
    """Whether a quoted table row stands under a column heading on its page that gives `unit` (a bare "9" in a
    row under "Duration (weeks)" is 9 weeks): the heading is looked for from the quote's end back up its table,
    which a sentence ends."""
    units = _HEADING_UNITS.get(unit)
    words = quote.split()
    if not units or not words:
        return False
    m = words_pattern(quote).search(page_text)
    if not m:
        return False
    lines = page_text[:m.end()].split("\n")
    quoted = page_text[m.start():m.end()].count("\n") + 1
    for n, line in enumerate(reversed(lines[-(MAX_TABLE_LINES + quoted):])):
        if n >= quoted and _PROSE_LINE.search(line.strip()):
            return False
        if header_unit(line.strip()) in units:
            return True
    return False
