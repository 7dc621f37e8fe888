"""Table rows as units a person recognises: each value with its column's name ("Owner: MSAT").

Spreadsheets, CSV exports, slide tables and wiki tables all become lines such as
"Line item: Tech transfer | Amount (USD): 184,500 | Owner: MSAT", so a retrieved passage or a quote
is always a whole row and a number is never separated from what it is.
"""

from __future__ import annotations

import datetime as dt
import re

# A column whose numbers are identifiers or years is printed without thousands separators.
_ID_HEADER = re.compile(r"\b(year|id|no|nr|number|code|ref|po|sku|lot|batch)\b|#", re.I)
_NUMBER = re.compile(r"^[-+(]?[$€£]?\s?\d[\d,.\s]*%?\)?$")
# Rows searched for the header (a title and notes may come first); below this the table has no column names.
HEADER_SEARCH_ROWS = 15
# A lone cell longer than this is a note under the table, not a value of its first column.
NOTE_WORDS = 6


def cell_text(value, number_format: str = "General", header: str = "") -> str:
    """A cell's value as the spreadsheet would show it: dates as ISO dates, big amounts with separators."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return _number(value, number_format or "General", header)
    return " ".join(str(value).split())


def _number(value: float, number_format: str, header: str) -> str:
    fmt = number_format.split(";")[0].lower()
    decimals = _decimals(fmt)
    if "%" in fmt:
        return f"{value * 100:.{decimals or 0}f}%"
    symbol = next((s for s in ("$", "€", "£") if s in number_format), "")
    grouped = "," in fmt or (abs(value) >= 10_000 and not _ID_HEADER.search(header))
    if float(value).is_integer() and not decimals:
        text = f"{int(value):,}" if grouped else str(int(value))
    elif decimals is not None:
        text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    else:
        text = f"{value:,.10g}" if grouped else f"{value:.10g}"
    return f"-{symbol}{text[1:]}" if symbol and text.startswith("-") else f"{symbol}{text}"


def _decimals(fmt: str) -> int | None:
    """Decimal places a number format shows; None for General (show what the value has)."""
    if "general" in fmt or not re.search(r"[0#]", fmt):
        return None
    match = re.search(r"\.([0#]+)", fmt)
    return len(match.group(1)) if match else 0


def looks_numeric(text: str) -> bool:
    """True for a value such as "184,500", "$1.2", "(35)" or "12%"."""
    return bool(_NUMBER.match(text.strip()))


def is_header(cells: list[str]) -> bool:
    """A header row names at least two columns and holds no numbers."""
    filled = [c for c in cells if c]
    return len(filled) >= 2 and not any(looks_numeric(c) for c in filled)


def render_row(headers: list[str], cells: list[str]) -> str:
    """One row as "Header: value | Header: value"; a lone long cell (a note under a table) stays plain text."""
    filled = [(i, c) for i, c in enumerate(cells) if c]
    if not filled:
        return ""
    if len(filled) == 1 and (not headers or len(filled[0][1].split()) >= NOTE_WORDS):
        return filled[0][1]
    parts = []
    for i, value in filled:
        name = headers[i] if i < len(headers) else ""
        parts.append(f"{name}: {value}" if name and name != value else value)
    return " | ".join(parts)


def find_header(cells: list[str], row_number: int, headers: list[str]) -> bool:
    """True when this row should be taken as the column names: the first header-like row near the top."""
    return not headers and row_number <= HEADER_SEARCH_ROWS and is_header(cells)


def header_names(cells: list[str]) -> list[str]:
    """Column names from a header row, whitespace normalised."""
    return [" ".join(c.split()) for c in cells]
