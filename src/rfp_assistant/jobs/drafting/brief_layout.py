"""How a brief is laid out beyond prose and bullets: numbered outlines and rows pasted from a spreadsheet."""

from __future__ import annotations

import re

from rfp_assistant.core.text.sentences import normalize_whitespace

# A numbered outline's item ('2.3 Phase 3 supply: ...'): its number's depth nests it under the heading above.
OUTLINE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s+(?=[A-Z(\"'])")
# The first cell of a pasted heading row ('Parameter', 'Item', 'Field').
_COLUMN_NAME = re.compile(r"^(?:#|no\.?|item|parameter|field|attribute|topic|category|requirement|description|name|key"
                          r"|property|spec\w*|what|aspect|area)$", re.I)


def outline_depth(line: str) -> int:
    """How deep an outline number nests its item: '2.3' 1, '2.3.1' 2 (0 for any other line)."""
    m = OUTLINE.match(line)
    return m.group(0).strip().rstrip(".").count(".") if m else 0


def tab_cells(raw: str) -> list[str]:
    """The cells of a line pasted from a spreadsheet (none when the line has no tab between words)."""
    line = raw.strip()
    return [normalize_whitespace(c) for c in line.split("\t")] if "\t" in line else []


def tab_header(cells: list[str]) -> bool:
    """A pasted row that names columns: no figures, and three or more cells or a first cell that names a column."""
    return not any(re.search(r"\d", c) for c in cells) and (len(cells) >= 3 or bool(_COLUMN_NAME.match(cells[0])))


def next_line(lines: list[str], n: int) -> str:
    """The first non-blank line after line `n`."""
    return next((ln for ln in lines[n + 1:] if ln.strip()), "")
