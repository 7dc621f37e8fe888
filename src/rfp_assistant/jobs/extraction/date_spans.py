"""A step's length given as the dates it runs between: 'PD: Feb 2027 - Jun 2027', 'Tech transfer | 04-Jan-2027 |
26-Mar-2027', 'TT: Jan-Mar 2027'. A month or quarter at either end counts whole (February through June is five
months), as a plan's reader takes it."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

import rfp_assistant.core.values as p
from rfp_assistant.core.values.numbers import MONTHS

_BETWEEN = re.compile(r"(?i)[^\S\n]*(?:[-–—]|to|until|till|through|thru|\|)?[^\S\n]*\Z")
_MONTH_WORDS = "|".join(sorted((m for m in MONTHS if m.isalpha() and len(m) >= 3), key=len, reverse=True))
_MONTH_PAIR = re.compile(rf"\b({_MONTH_WORDS})\.?[^\S\n]*(?:[-–—]|to|until|through)[^\S\n]*({_MONTH_WORDS})\.?[^\S\n]+"
                         r"((?:19|20)\d\d)\b")


def date_range_weeks(text: str) -> list[p.Match]:
    """Weeks between the first and the last day of each date range in `text`."""
    dates = [m for m in p.find_dates(text) if not {"year_only", "half", "fiscal"} & set(m.flags)]
    found = []
    for first, last in zip(dates, dates[1:]):
        if not _BETWEEN.fullmatch(text, first.end, last.start) or last.start - first.end > 12:
            continue
        start, end = first.value, _last_day(last.value, last.flags)
        if end > start:
            weeks = round((end - start).days / 7, 1)
            found.append(p.Match(weeks, first.start, last.end, text[first.start:last.end], frozenset({"date_range"})))
    for m in _MONTH_PAIR.finditer(text):
        year = int(m.group(3))
        start_month, end_month = MONTHS[m.group(1)], MONTHS[m.group(2)]
        if end_month > start_month:
            weeks = round((_last_day(date(year, end_month, 1), {"month"}) - date(year, start_month, 1)).days / 7, 1)
            found.append(p.Match(weeks, m.start(), m.end(), m.group(0), frozenset({"date_range"})))
    return found


def _last_day(value: date, flags) -> date:
    """The day a period ends on: a month or a quarter runs to its last day; a calendar date is that day."""
    if "quarter" in flags:
        month = value.month + 2
        return date(value.year, month, calendar.monthrange(value.year, month)[1]) + timedelta(days=1)
    if "month" in flags:
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1]) + timedelta(days=1)
    return value
