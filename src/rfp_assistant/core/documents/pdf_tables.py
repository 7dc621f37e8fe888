"""Table rows of a PDF page kept whole: one line per row, "Column: value | Column: value" as for spreadsheets.

pypdf's plain extraction gives many table PDFs one cell per line, so a row's status ("open", "TBD") reads as
part of the whole table. When a page looks like that, its layout extraction (text placed by position) is read
instead: lines with two or more wide gaps are table rows, their gaps give the columns, and a line whose first
column is empty continues the row above (a cell wrapped onto a second line). Other lines are prose as before.
"""

from __future__ import annotations

import re

from rfp_assistant.core.documents.tables import header_names, is_header, render_row

# A page reads as one cell per line when many of its lines are this short and they are a good share of all.
SHORT_WORDS = 3
MIN_SHORT_LINES = 8
MIN_SHORT_SHARE = 0.35
# A cell's words are at most two spaces apart; a wider gap is a column boundary.
_SEGMENT = re.compile(r"\S+(?: {1,2}\S+)*")


def looks_cell_per_line(text: str) -> bool:
    """Whether plain-extracted page text looks like a table read one cell per line."""
    lines = [line for line in text.split("\n") if line.strip()]
    short = sum(1 for line in lines if len(line.split()) <= SHORT_WORDS)
    return short >= MIN_SHORT_LINES and short >= MIN_SHORT_SHARE * len(lines)


def rows_from_layout(layout: str) -> str:
    """Page text from layout-mode text: table rows on one line each ("Owner: CFO | Status: open"), prose as read."""
    out: list[str] = []
    table: list[tuple[list[tuple[int, str]], bool]] = []
    blank_run = 0
    for line in layout.split("\n"):
        segments = [(m.start(), m.group(0)) for m in _SEGMENT.finditer(line)]
        if not segments:
            blank_run += 1
            continue
        wrapped = bool(table) and _continues(table, segments, blank_run)
        if len(segments) >= 3 or wrapped:
            if table and not wrapped and (blank_run > 2 or not _aligned(table, segments)):
                out += _render(table)
                table = []
            table.append((segments, wrapped))
        else:
            if table:
                out += _render(table)
                table = []
            out.append(" ".join(text for _, text in segments))
        blank_run = 0
    if table:
        out += _render(table)
    return "\n".join(out)


def _continues(table, segments: list[tuple[int, str]], blank_run: int) -> bool:
    """Whether a line is the rest of the row above (cells wrapped onto it): its pieces start at the table's
    columns, and it leaves the first column empty or, right under the row, starts there in lower case."""
    starts = _columns(table)
    if len(starts) < 3 or blank_run > 1 or not all(any(abs(start - s) <= 2 for s in starts) for start, _ in segments):
        return False
    first_empty = segments[0][0] > starts[0] + 2
    return first_empty or (blank_run == 0 and segments[0][1][:1].islower())


def _aligned(table, segments: list[tuple[int, str]]) -> bool:
    """Whether most pieces of a line start at the table's columns (else a new table begins)."""
    starts = _columns(table)
    return sum(any(abs(start - s) <= 2 for s in starts) for start, _ in segments) * 2 > len(segments)


def _columns(table) -> list[int]:
    """Column starts: where the widest row's pieces start (other rows' pieces join the nearest one to the left)."""
    widest = max((segments for segments, _ in table), key=len)
    return [start for start, _ in widest]


def _render(table) -> list[str]:
    if len(table) < 2 and len(table[0][0]) < 3:
        return [" ".join(text for _, text in table[0][0])]
    starts = _columns(table)
    rows: list[list[str]] = []
    for segments, wrapped in table:
        cells = [""] * len(starts)
        for start, text in segments:
            column = max((i for i, s in enumerate(starts) if s <= start + 2), default=0)
            cells[column] = f"{cells[column]} {text}".strip()
        if rows and wrapped:  # a wrapped cell: the rest of the row above
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]
        else:
            rows.append(cells)
    if len(rows) > 1 and is_header(rows[0]):  # like a spreadsheet's rows: each value with its column's name
        headers = header_names(rows[0])
        return [line for line in (render_row(headers, cells) for cells in rows[1:]) if line]
    return [" | ".join(cell for cell in cells if cell) for cells in rows]
