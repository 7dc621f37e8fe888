"""Counts before a noun ("three (3) commercial products", "no observations") and look-back windows."""

from __future__ import annotations

import re
from functools import lru_cache

from rfp_assistant.core.values.numbers import INTEGER_OR_WORD, WORD_INITIALS, WORD_NUMBER, to_number
from rfp_assistant.core.values.common import GAP, RANGE, YEAR, Match, qualifiers, range_flags

_MODIFIER = (
    r"(?:(?:(?i:Form|FDA)[-\s]+)?483\b"
    r"|(?!(?i:than|more|less|fewer|over|under|of|the|and|or|to|from|for|with|at|in|on|by|per|later|longer|other|up"
    rf"|we|our|they|it|which|that|who|as|if|none)\b|{WORD_NUMBER})[A-Za-z][\w’'&/-]*)"
)


@lru_cache(maxsize=64)
def _count_regex(noun_pattern: str) -> re.Pattern:
    # Case-insensitive only where needed: a global IGNORECASE made the scan twice as slow.
    return re.compile(
        rf"(?=[\dnNzZ{WORD_INITIALS}])\b(?<![\w.,'’/-])(?P<n>(?i:no|zero)\b|(?!483\b){INTEGER_OR_WORD})"
        rf"(?:{RANGE}(?P<b>{INTEGER_OR_WORD}))?(?:\s*\(\s*(?:\d+|{INTEGER_OR_WORD})\s*\))?"
        rf"(?:{GAP}{_MODIFIER}(?:{GAP}(?:and|or|&){GAP}{_MODIFIER})?){{0,4}}?{GAP}(?i:{noun_pattern})(?!\w)"
    )


def find_counts(text: str, noun_pattern: str) -> list[Match]:
    """All counts before a noun regex (case-insensitive): "three (3) products" → 3, "no observations" → 0."""
    out = []
    regex = _count_regex(noun_pattern)
    position = 0
    while (m := regex.search(text, position)) is not None:
        position = m.end()
        word = m["n"].lower()
        if word in ("no", "zero"):
            value, flags = 0, {"none"}
        elif YEAR.fullmatch(word):  # "since 2004 products" — a year, not a count; a count may follow it
            position = m.end("n")
            continue
        else:
            value, flags = int(to_number(word)), set()
        if m["b"] and value:
            low, value = value, max(value, int(to_number(m["b"])))
            flags |= range_flags(low, value)
        out.append(Match(value, m.start(), m.end(), m.group(), frozenset(flags | qualifiers(text, m.start()))))
    return out


_YEARS_WINDOW = re.compile(
    rf"(?i)(?=[iwodfpl])\b(?:(?:in|within|over|during|for)\s+(?:the\s+)?)?"
    rf"(?:past|last|previous|preceding|prior)\s+(?P<n>{INTEGER_OR_WORD})\s+years?\b"
)


def find_years_ago_window(text: str) -> list[Match]:
    """All look-back windows such as "in the past five years" / "last 5 years"; value = years (int)."""
    return [Match(int(to_number(m["n"])), m.start(), m.end(), m.group()) for m in _YEARS_WINDOW.finditer(text)]
