"""A network's units and which of them the proposal proposes: "Plant 2 (proposed)", "only the R&D Center and Plant 2
are proposed for this Project; other sites are introduced for reference".

A group presents its whole network in one table (plants, halls, centres, one row each) and marks the units it
proposes. Two units may share a city, so the city does not tell them apart; their names do. Rows and lines that open
with another unit's name describe that unit: its vessels, inspections and approvals are the network's capability,
not the proposed site's.
"""

from __future__ import annotations

import re

_MARK = r"\((?:proposed|selected|(?:used\s+)?for\s+this\s+(?:project|program(?:me)?|proposal))\)"
# "Plant 2 (proposed)" in a cell or a line; the mark may wrap onto the cell's next line.
_MARKED = re.compile(rf"(?im)^[^\S\n]*([A-Z][^\n()]{{1,40}}?)[^\S\n]*(?:\n[^\S\n]*)?{_MARK}")
# "only Pangyo R&D Center and Plant 2 are proposed for this Project"
_ONLY = re.compile(r"\bonly\s+(?:the\s+)?([A-Z][^.;:\n]{1,90}?)\s+(?:is|are|will\s+be)\s+(?:proposed|selected|used)\b")
_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s+(?=[A-Z]))\s*")
_SEGMENT = re.compile(r"\S+(?: {1,2}\S+)*")
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
MAX_ROW_LINES = 10
MAX_CELL_LINE = 90  # a longer line is prose: the row has ended


def proposed_units(texts: list[str]) -> set[str]:
    """Names of the units the proposal marks as proposed (casefolded)."""
    names: set[str] = set()
    for text in texts:
        names |= {_name(m.group(1)) for m in _MARKED.finditer(text)}
        for m in _ONLY.finditer(text):
            names |= {_name(part) for part in _SPLIT.split(m.group(1)) if part}
    return {n for n in names if n}


def network_units(layouts: list[str], proposed: set[str]) -> set[str]:
    """Names of the units listed in a table beside a proposed one: the first cells of that table's rows."""
    units: set[str] = set()
    for layout in layouts:
        lines = layout.split("\n")
        segments = [[(m.start(), m.group(0)) for m in _SEGMENT.finditer(line)] for line in lines]
        for i, row in enumerate(segments):
            if len(row) < 2 or _name(row[0][1]) not in proposed:
                continue
            column = row[0][0]
            above = _first_cells(segments, i, column, -1)
            if len(above) >= 2:
                above = above[:-1]  # the topmost row is the table's heading ("Site | Location | ...")
            units |= set(above) | set(_first_cells(segments, i, column, 1))
    return units - proposed


_NUMBERED = re.compile(r"^([a-z][\w&'-]*(?: [a-z][\w&'-]*)?) ([0-9]{1,2}|[a-z][0-9]?)$")


def sibling_units(texts: list[str], proposed: set[str]) -> set[str]:
    """Units numbered like a proposed one ("Plant 1", "Plant 3" beside "Plant 2 (proposed)") that open a line."""
    units: set[str] = set()
    for name in proposed:
        numbered = _NUMBERED.match(name)
        if not numbered:
            continue
        line = re.compile(rf"(?im)^[^\S\n]*({re.escape(numbered.group(1))} (?:[0-9]{{1,2}}|[A-Z][0-9]?))\b")
        units |= {_name(m.group(1)) for text in texts for m in line.finditer(text)}
    return {n for n in units if n} - proposed


def _first_cells(segments, start: int, column: int, step: int) -> list[str]:
    found, gap, i = [], 0, start
    while 0 <= i < len(segments) and gap <= 2:
        row = segments[i]
        i += step
        if not row:
            gap += 1
            continue
        gap = 0
        if row[0][0] != column:
            if row[0][0] < column:
                break  # text left of the table's first column: the table has ended
            continue  # a wrapped cell of another column
        if len(row) >= 2:
            found.append(_name(row[0][1]))
        elif len(row[0][1]) > 40 or row[0][1].startswith("("):
            if row[0][1].startswith("("):
                continue  # "(proposed)" wrapped under its name
            break
    return [n for n in found if n]


def other_unit_spans(text: str, others: set[str], proposed: set[str]) -> list[tuple[int, int]]:
    """Rows of `text` (one cell per line) that open with another unit's name, up to the next unit's row."""
    if not others:
        return []
    names = sorted(others | proposed, key=len, reverse=True)
    # A row's first cell: the name alone on its line, or with a parenthesis ("Plant 3 (DP)").
    opener = re.compile(r"(?im)^[^\S\n]*(" + "|".join(re.escape(n) for n in names) + r")[^\S\n]*(?:\([^)\n]*\)[^\S\n]*)?$")
    spans = []
    for m in opener.finditer(text):
        if _name(m.group(1)) not in others:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        for _ in range(MAX_ROW_LINES):
            if end >= len(text) or len(text[m.start():end]) > MAX_CELL_LINE * MAX_ROW_LINES:
                break
            following = text.find("\n", end + 1)
            following = len(text) if following < 0 else following
            line = text[end + 1:following]
            if not line.strip() or len(line) > MAX_CELL_LINE or opener.match(line) or \
                    re.match(r"[^\S\n]*\d+(?:\.\d+)*\.?\s+[A-Z]", line):
                break
            end = following
        spans.append((m.start(), end))
    return spans


def _name(text: str) -> str:
    name = _PAREN.sub("", " ".join(text.split())).strip(" ,;:-–")
    return name.casefold() if 2 < len(name) <= 40 and name[:1].isupper() else ""
