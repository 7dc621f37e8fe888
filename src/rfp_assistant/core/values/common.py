"""What every value parser shares: the Match and Money results, spacing, ranges and qualifiers ("up to", "about")."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Calendar averages (365.25 / 7 / 12 ≈ 4.345 and 52.14), rounded the way planners quote them.
WEEKS_PER_MONTH = 4.345
WEEKS_PER_QUARTER = 3 * WEEKS_PER_MONTH
WEEKS_PER_YEAR = 52.14


@dataclass(frozen=True)
class Money:
    """An amount in an ISO 4217 currency."""

    amount: float
    currency: str


@dataclass(frozen=True)
class Match:
    """One value found in a text: the normalized value, its span and qualifiers such as "range"."""

    value: object
    start: int
    end: int
    text: str
    flags: frozenset[str] = frozenset()


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (line breaks, NBSP, thin spaces) to one space and trim."""
    return WHITESPACE.sub(" ", _ZERO_WIDTH.sub("", text)).strip()


WHITESPACE = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
DASH = r"(?:-|–|—|~|〜|～|to)"  # "18~20 weeks": the wave dash of East Asian styles joins a range as well
# pypdf wraps sentences mid-phrase, but a line that starts with a capital is a new table cell
# ("batch 1\nWeek 28" is not "1 week").
GAP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*(?=(?-i:[a-z0-9])))"
RANGE = rf"[^\S\n]*{DASH}[^\S\n]*"  # a range never spans a line break (table cells do)

# Qualifiers written just before a value. Checked with str.endswith on a short window:
# a regex search per match cost more than all the scanning together.
_QUALIFIER_FLAGS = {
    "up_to": "up to|at most|maximum of|maximum|max.|max|no more than|not more than|not exceeding",
    "at_least": "at least|minimum of|minimum|min.|no less than|not less than",
    "more_than": "more than|over|in excess of|>",
    "less_than": "less than|fewer than|under|below|<",
    "tolerance": "±|+/",
    "approx": "approx.|approx|approximately|about|around|circa|ca.|roughly|some|~|≈"
    "|early|mid|late|end of|beginning of",
}
_QUALIFIERS = sorted(
    ((phrase, flag) for flag, phrases in _QUALIFIER_FLAGS.items() for phrase in phrases.split("|")),
    key=lambda pf: -len(pf[0]),  # "no more than" before "more than"
)
_QUALIFIER_ENDINGS = tuple(phrase for phrase, _ in _QUALIFIERS)


def qualifiers(text: str, start: int) -> set[str]:
    """Flags for a qualifier written just before `start` ("up_to", "approx", …)."""
    window = " ".join(text[max(0, start - 32) : start].lower().split()).rstrip("-–").rstrip()
    if not window.endswith(_QUALIFIER_ENDINGS):
        return set()
    for phrase, flag in _QUALIFIERS:
        if window.endswith(phrase):
            before = window[-len(phrase) - 1 : -len(phrase)]
            if not (phrase[0].isalpha() and before.isalnum()):
                return {flag}
    return set()


def range_flags(low: float | None, high: float) -> set[str]:
    """Flags recording that a value was the upper end of a range."""
    return {"range", f"lower={low:.12g}"} if low is not None else set()


YEAR = re.compile(r"(?:19|20)\d\d")


def escaped_alternation(keys) -> str:
    """A regex alternation of the keys, longest first."""
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
