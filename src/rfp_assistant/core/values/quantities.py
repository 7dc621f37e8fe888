"""Quantities: volumes in liters and percentages in a text."""

from __future__ import annotations

import re

from rfp_assistant.core.values.common import Match, RANGE, qualifiers, range_flags
from rfp_assistant.core.values.numbers import NUMBER, NUMBER_OR_WORD, NUMBER_SPACED, NUMBER_START, parse_number, to_number

_VOLUME_UNITS = {"k": 1000.0, "m3": 1000.0, "m³": 1000.0, "cubic": 1000.0, "ml": 0.001, "milli": 0.001}
_VOLUME = re.compile(
    rf"(?=\d)(?<![\w.,'’/-])(?:(?P<mult>\d{{1,3}})\s*[x×X]\s*)?"
    # A unit anchors a number as a currency does: "1 000 L" is a thousand liters, never "000 L".
    rf"(?P<a>{NUMBER_SPACED})(?:{RANGE}(?P<b>{NUMBER_SPACED}))?(?:\s{{0,2}}|-)"
    r"(?P<unit>[kK][lL]|(?i:kilolit(?:er|re)s?)|m[lL]|(?i:millilit(?:er|re)s?)|m[³3]|(?i:cubic\s+met(?:er|re)s?)"
    r"|(?i:lit(?:er|re)s?)|L|ℓ)"
    r"(?![A-Za-z0-9²³]|\s*/\s*(?:min|h|hr|hour|day|d|s|sec)\b)"
    r"(?:\s*\(?\s*[x×]\s*(?P<mult2>\d{1,3})\b\)?)?"
)


def find_volumes(text: str) -> list[Match]:
    """All volumes in liters; "4 x 2,000 L" gives 2000 with flags {"multiplied", "count=4"}."""
    out = []
    for m in _VOLUME.finditer(text):
        unit = m["unit"].lower()
        factor = next((f for k, f in _VOLUME_UNITS.items() if unit.startswith(k)), 1.0)
        low = parse_number(m["a"], dot_thousands=True) * factor
        high = parse_number(m["b"], dot_thousands=True) * factor if m["b"] else None
        value, low = (max(low, high), min(low, high)) if high is not None else (low, None)
        flags = qualifiers(text, m.start()) | range_flags(low, value)
        count = m["mult"] or m["mult2"]
        if count:
            flags |= {"multiplied", f"count={int(count)}"}
        out.append(Match(round(value, 6), m.start(), m.end(), m.group(), frozenset(flags)))
    return out


# ---------------------------------------------------------------- percentages
_PERCENT = re.compile(
    rf"{NUMBER_START}(?<![\w.,'’-])(?P<a>{NUMBER_OR_WORD})(?:[^\S\n]*%?{RANGE}(?P<b>{NUMBER_OR_WORD}))?"
    r"[^\S\n]*(?:%|(?i:per\s?cent\b|pct\b\.?))"
)


def find_percentages(text: str) -> list[Match]:
    """All percentages as float percent ("12 %", "twenty-five percent"); ranges give the upper bound."""
    out = []
    for m in _PERCENT.finditer(text):
        low, high = to_number(m["a"]), to_number(m["b"]) if m["b"] else None
        value, low = (max(low, high), min(low, high)) if high is not None else (low, None)
        flags = qualifiers(text, m.start()) | range_flags(low, value)
        out.append(Match(value, m.start(), m.end(), m.group(), frozenset(flags)))
    return out


# Counts and negation live in their own modules; they are part of this module's public API.
