"""Where a page's table cells are: its layout text read for headings, columns and rows, each cell then found in
the page's plain text.

pypdf's plain text puts a table one cell per line, with the headings row by row, so which heading is over which
cell is lost there; the page's layout text (core/documents Page.layout) keeps the columns. The heading lines above a
table's first row give each column its heading (a merged heading covers the sub-columns under it), each row's cells
are assigned to the columns, and every cell is then found in the page text, so a quote is still the page's words.
"""

from __future__ import annotations

import itertools
import re

from rfp_assistant.jobs.extraction.columns import PROSE_CHARS, Cell, header_unit, words_pattern

_SEGMENT = re.compile(r"\S+(?: {1,2}\S+)*")  # a cell: words at most two spaces apart
_CAPTION = re.compile(r"(?i)\s*(?:table|figure|exhibit|annex|appendix|chart)\s+[\w.-]*\d")
MAX_HEADER_LINES = 3
MAX_GAP_LINES = 2  # blank lines inside a table (between its heading and rows, or between rows)
FIRST_ROW_REACH = 4000  # characters from the previous table to a table's first row (its caption and heading between)
ROW_REACH = 400  # characters from one row to the next (a wrapped cell or a note between)
_SPACE = re.compile(r"\s*")


def table_cells(layout: str, text: str) -> list[Cell]:
    """Every cell of the page's tables with a heading, found in `text` (the page's text) in reading order."""
    lines = [[(m.start(), m.end(), m.group(0)) for m in _SEGMENT.finditer(line)] for line in layout.split("\n")]
    cells: list[Cell] = []
    cursor = 0
    for header_lines, rows in _tables(lines):
        # Headings right of every row's cells head columns drawn, not written (a Gantt chart's "Q1'26 | Q2'26").
        right = max(segment[1] for row in rows for segment in row) + 2
        header_lines = [kept for line in header_lines if (kept := [s for s in line if s[0] <= right])]
        columns = _columns(header_lines, max(len(row) for row in rows)) if header_lines else []
        if columns:
            found, cursor = _place(columns, rows, text, cursor)
            cells += found
    return cells


def _is_figure(segment: str) -> bool:
    return bool(re.fullmatch(r"[-+(]?[$€£]?\s?\d[\d,.\s'’]*%?\)?", segment))


def _is_index(row, assigned, found) -> bool:
    """A row whose first cell is a small whole number and whose second cell is words: an item number, then the label."""
    return (len(found) > 1 and assigned[:2] == [0, 1] and bool(re.fullmatch(r"\d{1,2}\.?", row[0][2].strip()))
            and bool(re.search(r"[A-Za-z]{3}", row[1][2])))


def _has_figure(line) -> bool:
    return any(_is_figure(s) for _, _, s in line)


def _tables(lines):
    """(heading lines, rows) of each table: rows are lines of two or more cells, one of them a figure; the heading
    is the few lines of text cells right above the first row."""
    margin = min((line[0][0] for line in lines if line), default=0)
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line) < 2 or not any(_is_figure(s) for _, _, s in line[1:] + line[:1]):
            i += 1
            continue
        header = _header_above(lines, i, margin)
        rows, j, gap = [], i, 0
        while j < len(lines) and gap <= MAX_GAP_LINES:
            if not lines[j]:
                gap += 1
            elif len(lines[j]) >= 2 and not _CAPTION.match(lines[j][0][2]):
                if rows and not _has_figure(lines[j]) and all(_has_figure(row) for row in rows):
                    break  # text cells after rows of figures: the next table's heading ("Milestone | Target")
                rows.append(lines[j])
                gap = 0
            elif lines[j][0][0] > rows[0][0][1] if rows else False:
                gap = 0  # a wrapped cell's second line, right of the first column: still the table
            else:
                break
            j += 1
        if header:
            yield header, rows
        i = max(j, i + 1)


def _header_above(lines, first: int, margin: int) -> list:
    found, gap, k = [], 0, first - 1
    while k >= 0 and len(found) < MAX_HEADER_LINES and gap <= MAX_GAP_LINES:
        line = lines[k]
        k -= 1
        if not line:
            gap += 1
            continue
        if any(_is_figure(s) for _, _, s in line) or _CAPTION.match(line[0][2]):
            break
        if len(line) == 1 and (line[0][0] <= margin + 2 or len(line[0][2]) >= PROSE_CHARS):
            break  # a sentence or a heading of the page, not a table's
        found.insert(0, line)
        gap = 0
    return found


def _columns(header_lines, width: int) -> list[list[tuple[int, int, str]]]:
    """Each column's heading cells (top first), left to right; [] when the heading does not fit `width` columns."""
    columns = [[segment] for segment in header_lines[-1]]
    for line in reversed(header_lines[:-1]):
        columns = _add_line(columns, line, width)
        if not columns:
            return []
    return columns if len(columns) == width else []


def _extent(column) -> tuple[int, int]:
    return min(s[0] for s in column), max(s[1] for s in column)


def _add_line(columns, line, width: int):
    """The columns with the heading line above them: a cell over no column at the edge is a column of its own
    (a heading two lines high); any other covers the columns under it (a merged heading)."""
    first, last = _extent(columns[0])[0], _extent(columns[-1])[1]
    overlaps = [[i for i, c in enumerate(columns) if s[0] < _extent(c)[1] and _extent(c)[0] < s[1]] for s in line]
    edge = [not o and (s[1] <= first or s[0] >= last) for s, o in zip(line, overlaps)]
    middle = [not o and not e for o, e in zip(overlaps, edge)]
    if len(columns) + sum(edge) + sum(middle) == width:
        edge = [e or m for e, m in zip(edge, middle)]
    elif len(columns) + sum(edge) != width:
        return []
    own = [[s] for s, e in zip(line, edge) if e]
    merged = [(s, o) for s, o, e in zip(line, overlaps, edge) if not e]
    result = sorted(columns + own, key=lambda c: _extent(c)[0])
    under = [c for c in result if not any(c is o for o in own)]
    # Cells over several columns split the columns between them in order, each centred over its share.
    for span, (segment, _) in zip(_split(under, merged), merged):
        for column in span:
            column.insert(0, segment)
    return result


def _split(under, merged):
    """The columns under each merged heading cell: contiguous runs, in order, that keep each cell over the columns
    it overlaps and put it nearest the middle of its run."""
    if not merged:
        return []
    n, k = len(under), len(merged)
    best, best_cost = None, float("inf")
    for cuts in itertools.combinations(range(1, n), k - 1):
        bounds = (0, *cuts, n)
        runs = [under[bounds[i]:bounds[i + 1]] for i in range(k)]
        cost = 0.0
        for run, (segment, overlapped) in zip(runs, merged):
            ids = {id(c) for c in run}
            if not run or any(id(under[i]) not in ids for i in overlapped if i < n):
                cost = float("inf")
                break
            middle = (sum(_extent(run[0])) + sum(_extent(run[-1]))) / 4
            cost += abs((segment[0] + segment[1]) / 2 - middle)
        if cost < best_cost:
            best, best_cost = runs, cost
    return best or []


def _place(columns, rows, text: str, cursor: int) -> tuple[list[Cell], int]:
    """The rows' cells found in the page text in order; a row whose cells are not there one after another is left."""
    # The unit under a column's own heading wins over one in a merged heading above it.
    units = [header_unit(column[-1][2]) or header_unit(" ".join(s[2] for s in column)) for column in columns]
    full = [row for row in rows if len(row) == len(columns)]
    extents = [(min(r[i][0] for r in full), max(r[i][1] for r in full)) for i in range(len(columns))] if full else []
    cells: list[Cell] = []
    spans: list[list[tuple[int, int]]] = []
    for row in rows:
        assigned = _assign(row, extents, len(columns))
        if assigned is None:
            continue
        found = _find_row(text, row, assigned, cursor, window=FIRST_ROW_REACH if not cells else ROW_REACH)
        if found:
            if not spans:
                spans = [_header_spans(column, text, cursor, found[0][0]) for column in columns]
            row_span = (found[0][0], found[-1][1])
            label = (found[0][0], found[0][1]) if assigned[0] == 0 and not _is_figure(row[0][2]) else (0, 0)
            if _is_index(row, assigned, found):
                label = (found[1][0], found[1][1])  # "3 | Process adaptation (PD) | 6 | 8": the number is the row's index
            cells += [Cell(a, b, cell_text, " ".join(s[2] for s in columns[c]), units[c], row_span, label,
                           tuple(spans[c])) for a, b, c, cell_text in found]
            cursor = row_span[1]
    return cells, cursor


def _assign(row, extents, width: int) -> list[int] | None:
    """The column of each cell of a row: in order for a full row, otherwise the nearest column left to right."""
    if len(row) == width:
        return list(range(width))
    if len(row) > width or not extents:
        return None
    out, low = [], 0
    for start, end, _ in row:
        distance = [abs((start + end) / 2 - (a + b) / 2) if i >= low else float("inf") for i, (a, b) in enumerate(extents)]
        best = min(range(width), key=distance.__getitem__)
        if distance[best] == float("inf"):
            return None
        out.append(best)
        low = best + 1
    return out


def _find_row(text: str, row, assigned, cursor: int, window: int):
    """(start, end, column, text) of a row's cells: its first cell within `window` of the cursor and each next one
    right after the one before (only spaces and line breaks between)."""
    first = words_pattern(row[0][2])
    for m in first.finditer(text, cursor, min(len(text), cursor + window)):
        found, at = [(m.start(), m.end(), assigned[0], row[0][2])], m.end()
        for segment, column in zip(row[1:], assigned[1:]):
            gap = _SPACE.match(text, at).end()
            nxt = words_pattern(segment[2]).match(text, gap)
            if not nxt:
                break
            found.append((nxt.start(), nxt.end(), column, segment[2]))
            at = nxt.end()
        else:
            return found
    return None


def _header_spans(column, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where a column's heading cells stand in the page text between the previous table and this one's rows."""
    spans = []
    for segment in column:
        last = None
        for m in words_pattern(segment[2]).finditer(text, start, end):
            last = m
        if last:
            spans.append(last.span())
    return spans
