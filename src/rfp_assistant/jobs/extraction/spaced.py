"""Figures grouped by plain spaces ("1 150 000", SI style): where a page groups so, which digits make one figure."""

from __future__ import annotations

import re

import rfp_assistant.core.values as p

_CODES = "USD|EUR|CHF|GBP|CAD|JPY|AUD|INR|CNY|RMB|SGD|KRW|SEK|DKK|NOK|BRL"
# "269 500" under a "Price (EUR)" header: a plain space groups thousands on a page that writes its figures so
# (SI style), never on one whose figures carry commas or points ("2 640,000" is a quantity and a price); a shorter
# number after it is the next cell ("68 500 30": 30 batches).
_BARE_SPACED = re.compile(r"(?<![\w.,'’$€£#])(?<!\d )\d{1,3}(?: \d{3})+(?:,\d{2})?(?![\w%]|[.,]\d| \d{3}(?!\d))"
                          r"(?![^\S\n]*(?:L\b|l\b|kg|g\b|mL|liters?|litres?|%|weeks?|months?|days?|vials?|doses?|units?|m³|m3))"
                          r"(?![^\S\n]+(?!(?:per|each|fixed|total|lump|net|excl|incl|plus|ex|for|and|or|to)\b)[a-z]{3,})")
COMMA_GROUPED = re.compile(r"\d[,.'’]\d{3}(?!\d)")


# A number that names a thing rather than counts money: "lot 1", "stage 2", "item 3 620 000" is item 3 at 620,000.
_IDENTIFIER = re.compile(r"(?i)\b(?:lots?|batch(?:es)?|runs?|stages?|phases?|steps?|items?|options?|no\.?|nr\.?|#|wp|"
                         r"work\s+packages?|years?|months?|weeks?|days?|tables?|annex|rows?|lines?)[^\S\n]$")  # "batch\n1 240 000" is a cell
_SPACED_AFTER_ID = re.compile(r"(?<![\w.,'’$€£#])\d{1,2} (?=\d{1,3}(?: \d{3})+(?![\d.,]))")
_TIMES_UNIT = re.compile(rf"(?<![\d.,])(\d{{1,3}})[^\S\n]*[x×][^\S\n]*(?:(?:{_CODES}|[$€£])[^\S\n]*)?$")
_SPACED_AFTER_LABEL = re.compile(_BARE_SPACED.pattern.replace("(?<!\\d )", "", 1))


def spaced_amounts(text: str, page_text: str, *, either: bool = False) -> list[re.Match]:
    """Bare figures grouped by plain spaces ("269 500"), where the page writes no figure with commas or points.
    `either` reads a quote whose line breaks are gone: "lot 1 620 000" may be lot 1 at 620 000 or 1 620 000."""
    if COMMA_GROUPED.search(page_text):
        return []
    found = []
    for m in _SPACED_AFTER_LABEL.finditer(text):
        before = text[:m.start()].rsplit(None, 1)[-1] if text[:m.start()].strip() else ""
        if text[m.start() - 1:m.start()] == " " and before.isdigit():
            continue  # the middle of a longer figure ("1 2 500"), not a figure of its own; a label "WP6 2 230 000" is
        label = _SPACED_AFTER_ID.match(text, m.start())
        if label and _IDENTIFIER.search(text, 0, m.start()):  # the label's own number is not the amount's first group
            if either:
                found.append(m)
            m = _SPACED_AFTER_LABEL.match(text, label.end()) or m
        times = _TIMES_UNIT.search(text, max(0, m.start() - 16), m.start())
        cut = p.product_split(m.group(0), int(times.group(1))) if times else None
        if cut:  # "2 x 96 500 193 000": the unit price and its line total
            found += [x for x in (_SPACED_AFTER_LABEL.match(text, m.start(), m.start() + cut),
                                  _SPACED_AFTER_LABEL.match(text, m.start() + cut + 1, m.end())) if x]
            continue
        found.append(m)
    return found
