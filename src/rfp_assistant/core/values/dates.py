"""Dates: every calendar date, month, quarter or half-year in a text (a period gives its first day)."""

from __future__ import annotations

import re
from datetime import date

from rfp_assistant.core.values.common import Match, escaped_alternation, qualifiers
from rfp_assistant.core.values.numbers import HEADING_MONTHS, MONTHS

_MONTH = rf"(?:{escaped_alternation(HEADING_MONTHS)})(?![A-Za-z])\.?"
# After a day number any language's month ("28 de outubro de 2026"); kept out of the other forms, which a long
# alternation tried at every capital would slow down.
_ANY_MONTH = rf"(?:{escaped_alternation(MONTHS)})(?![A-Za-z])\.?"
_ORD = r"(?:st|nd|rd|th)?"
_SEP_YY = r"(?:\d{4}|(?<=['’-])\d{2}|(?<=FY)\d{2})"
_FIRST_DAYS = {"early": 1, "beginning": 1, "start": 1, "mid": 7, "middle": 7, "late": 10, "end": 10}
# Year first with dots and spaces ("2026. 11. 24.") is how Korean documents date themselves.
# Spelled dates start with a digit or a capital (month, Q, H); phrases around a bare year
# ("third quarter of", "mid-", "by") are read backwards from the year, which keeps the scan fast.
_DATE = re.compile(
    rf"(?=[\dQHJFMASOND])"
    rf"(?:(?<![\w-])(?P<iy>\d{{4}})(?P<isep>[-/]|\.[^\S\n]?)(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?![\w-]|\.\d)"
    rf"|(?<![\w.])(?P<ed>\d{{1,2}})\.\s?(?P<em>\d{{1,2}})\.\s?(?P<ey>\d{{4}})(?![\w]|\.\d)"
    rf"|(?<![\w/.-])(?P<s1>\d{{1,2}})(?P<ssep>[/-])(?P<s2>\d{{1,2}})(?P=ssep)(?P<sy>\d{{4}}|\d{{2}})(?![\w/-]|\.\d)"
    rf"|(?<![\w.,/-])(?P<dd>\d{{1,2}}){_ORD}\.?(?:[^\S\n]+(?:(?:of|de|del)\s+)?|-)(?P<dmon>{_ANY_MONTH}),?(?:\s+(?:de\s+)?|-)(?P<dy>\d{{4}})(?!\d)"
    rf"|(?<!\w)(?P<mmon>{_MONTH})\s+(?P<md>\d{{1,2}}){_ORD},?\s+(?P<my>\d{{4}})(?!\d)"
    rf"|(?<!\w)(?P<ymon>{_MONTH})(?:\s+(?:of\s+)?|-|\s*['’])(?P<yy>\d{{4}}|(?<=['’])\d{{2}})(?!\d)"
    rf"|(?<!\w)Q(?P<q>[1-4])\s*(?:[-/'’]\s*|\s+(?:of\s+)?)?(?P<qfy>FY\s*)?(?P<qy>{_SEP_YY})(?!\w)"
    rf"|(?<!\w)(?P<q2>[1-4])Q\s*['’]?(?P<q2y>\d{{4}}|\d{{2}})(?!\w)"
    rf"|(?<![\w.-])(?P<yqy>(?:19|20)\d\d)[^\S\n]*[-/]?[^\S\n]*Q(?P<yq>[1-4])(?!\w)"  # "2026 Q4"
    rf"|(?<![\w.,/-])(?P<ymy>(?:19|20)\d\d)(?P<ymsep>[./-])(?P<ymm>0[1-9]|1[0-2])(?![\w]|[./-]\d|,\d)"  # "2025.06"
    rf"|(?<!\w)H(?P<h>[12])\s*(?:[-/'’]\s*|\s+(?:of\s+)?)?(?P<hfy>FY\s*)?(?P<hy>{_SEP_YY})(?!\w))"
)
_BARE_YEAR = re.compile(
    r"(?=[12])(?<![\w.,/'’])(?:19|20)\d\d"
    r"(?!\d|[.,/'’–-]\d|\s*(?:%|[kKmM]?[lL]\b|m[³3]|lit(?:er|re)s?\b|units?\b|batch|vials?\b|doses?\b|k?g\b))"
)
_YEAR_CONTEXT = re.compile(
    r"(?i)\b(?:(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?"
    r"|(?P<hw>first|second|1st|2nd)\s+half\s+(?:of\s+)?"
    r"|(?:the\s+)?(?P<fz>early|mid|middle\s+of|late|end\s+of|beginning\s+of|start\s+of)[\s-]*"
    r"|(?P<prep>in|by|from|since|until|till|through|before|after|during|throughout|as\s+of|year)\s+)$"
)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _year(token: str) -> int:
    return int(token) + 2000 if len(token) == 2 else int(token)


def _date_value(m: re.Match) -> tuple[date, set[str]]:
    g = m.groupdict()
    if g["iy"]:
        return date(int(g["iy"]), int(g["im"]), int(g["id"])), set()
    if g["ey"]:
        return date(int(g["ey"]), int(g["em"]), int(g["ed"])), set()
    if g["sy"]:
        first, second = int(g["s1"]), int(g["s2"])
        # US month/day unless only the day/month reading is possible ("15/03/2027").
        if first > 12 >= second:
            return date(_year(g["sy"]), second, first), set()
        return date(_year(g["sy"]), first, second), ({"ambiguous"} if second <= 12 and first != second else set())
    if g["dy"]:
        return date(int(g["dy"]), MONTHS[g["dmon"].rstrip(".")], int(g["dd"])), set()
    if g["my"]:
        return date(int(g["my"]), MONTHS[g["mmon"].rstrip(".")], int(g["md"])), set()
    if g["yy"]:
        return date(_year(g["yy"]), MONTHS[g["ymon"].rstrip(".")], 1), {"month"}
    if g["ymy"]:
        return date(int(g["ymy"]), int(g["ymm"]), 1), {"month"}
    if g["yqy"]:
        return date(int(g["yqy"]), 3 * int(g["yq"]) - 2, 1), {"quarter"}
    if g["q"] or g["q2"]:
        quarter, year = (g["q"], g["qy"]) if g["q"] else (g["q2"], g["q2y"])
        return date(_year(year), 3 * int(quarter) - 2, 1), {"quarter"} | ({"fiscal"} if g["qfy"] else set())
    return date(_year(g["hy"]), 6 * int(g["h"]) - 5, 1), {"half"} | ({"fiscal"} if g["hfy"] else set())


def _year_phrase(text: str, y: re.Match) -> tuple[int, date, set[str]] | None:
    ctx = _YEAR_CONTEXT.search(text, max(0, y.start() - 40), y.start())
    if not ctx:
        return None
    year = int(y.group())
    if ctx["qw"]:
        return ctx.start(), date(year, 3 * _ORDINALS[ctx["qw"].lower()] - 2, 1), {"quarter"}
    if ctx["hw"]:
        return ctx.start(), date(year, 6 * _ORDINALS[ctx["hw"].lower()] - 5, 1), {"half"}
    if ctx["fz"]:
        return ctx.start("fz"), date(year, _FIRST_DAYS[ctx["fz"].split()[0].lower()], 1), {"approx"}
    return y.start(), date(year, 1, 1), {"year_only"}


def find_dates(text: str) -> list[Match]:
    """All calendar dates as the first day of the stated period (quarter, half, month, year)."""
    found, covered = [], []
    for m in _DATE.finditer(text):
        covered.append(m.span())
        try:
            value, flags = _date_value(m)
        except ValueError:  # 31.02.2027, month 13
            continue
        found.append((m.start(), m.end(), value, flags))
    spans = iter(covered)
    span = next(spans, None)
    for y in _BARE_YEAR.finditer(text):
        while span and span[1] <= y.start():
            span = next(spans, None)
        if span and span[0] <= y.start():  # the year of "March 2027", already read
            continue
        phrase = _year_phrase(text, y)
        if phrase:
            found.append((phrase[0], y.end(), phrase[1], phrase[2]))
    found.sort(key=lambda f: f[0])
    return [
        Match(value, start, end, text[start:end], frozenset(flags | qualifiers(text, start)))
        for start, end, value, flags in found
    ]


# ---------------------------------------------------------------- volumes
