"""Durations: every span of time in a text, as weeks (ranges give the upper bound)."""

from __future__ import annotations

import re

from rfp_assistant.core.values.common import GAP, Match, RANGE, WEEKS_PER_MONTH, WEEKS_PER_QUARTER, WEEKS_PER_YEAR, qualifiers, range_flags
from rfp_assistant.core.values.numbers import NUMBER_OR_WORD, NUMBER_START, to_number

_DURATION = re.compile(
    rf"{NUMBER_START}(?<![\w.,'’/#-])(?P<a>{NUMBER_OR_WORD})(?:{RANGE}(?P<b>{NUMBER_OR_WORD}))?"
    r"(?:[^\S\n]*\(\s*\d+(?:\s*(?:-|–|to)\s*\d+)?\s*\))?"  # "twelve (12) weeks", "ninety (90) days"
    rf"(?:{GAP}|-)?"
    r"(?P<unit>(?i:(?:(?P<kind>calendar|working|business)\s+)?(?:weeks?|wks?|months?|mos?|mths?|years?|yrs?|quarters?|"
    r"qtrs?|days?|(?-i:Wochen|Woche|Tagen?|Monaten?|Monat|Jahren?|Jahr|Kalenderwochen|Arbeitstagen?))))(?![A-Za-z])"
)
_BETWEEN = re.compile(rf"(?i)\bbetween\s+(?P<a>{NUMBER_OR_WORD})\s+and\s+(?=(?P<b>{NUMBER_OR_WORD}))")


def _weeks_per(unit: str, kind: str | None) -> float:
    u = unit.lower()
    if u.startswith("w") or u.startswith("kalenderw"):
        return 1.0
    if u.startswith("arbeitstag"):
        return 1 / 5
    if u.startswith("mo") or u.startswith("mt"):
        return WEEKS_PER_MONTH
    if u.startswith("y") or u.startswith("j"):
        return WEEKS_PER_YEAR
    if u.startswith("q"):
        return WEEKS_PER_QUARTER
    return 1 / 5 if kind and kind.lower() in ("working", "business") else 1 / 7


def find_durations(text: str) -> list[Match]:
    """All durations converted to weeks (1 decimal); a range gives its upper bound and the flag "range"."""
    out = []
    for m in _DURATION.finditer(text):
        per = _weeks_per(m["unit"][len(m["kind"] or "") :].strip(), m["kind"])
        start, high = m.start(), to_number(m["a"])
        low = None
        if m["b"]:
            low, high = high, to_number(m["b"])
        else:  # "between 10 and 12 weeks": the regex saw only "12 weeks"
            between = _BETWEEN.search(text, max(0, start - 40), start + len(m["a"]))
            if between and between.start("b") == start:
                low, start = to_number(between["a"]), between.start()
        if low is not None and low > high:
            low, high = high, low
        flags = qualifiers(text, start) | range_flags(None if low is None else round(low * per, 1), high)
        out.append(Match(round(high * per, 1), start, m.end(), text[start : m.end()], frozenset(flags)))
    return out


# ---------------------------------------------------------------- dates
# Case-sensitive on purpose: "may" and "mar" are ordinary words.
