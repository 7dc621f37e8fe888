"""Pure value parsers: every money, duration, date, volume, percentage and count in a text, with spans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rfp_assistant.core.values.numbers import (
    NUMBER,
    NUMBER_OR_WORD,
    NUMBER_SPACED,
    NUMBER_START,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    MONTHS,
    SCALES,
    parse_number,
    to_number,
)

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
    return _WS.sub(" ", _ZERO_WIDTH.sub("", text)).strip()


_WS = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_DASH = r"(?:-|–|—|to)"
# pypdf wraps sentences mid-phrase, but a line that starts with a capital is a new table cell
# ("batch 1\nWeek 28" is not "1 week").
_GAP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*(?=(?-i:[a-z0-9])))"
_RANGE = rf"[^\S\n]*{_DASH}[^\S\n]*"  # a range never spans a line break (table cells do)

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


def _qualifiers(text: str, start: int) -> set[str]:
    window = " ".join(text[max(0, start - 32) : start].lower().split()).rstrip("-–").rstrip()
    if not window.endswith(_QUALIFIER_ENDINGS):
        return set()
    for phrase, flag in _QUALIFIERS:
        if window.endswith(phrase):
            before = window[-len(phrase) - 1 : -len(phrase)]
            if not (phrase[0].isalpha() and before.isalnum()):
                return {flag}
    return set()


def _range_flags(low: float | None, high: float) -> set[str]:
    return {"range", f"lower={low:.12g}"} if low is not None else set()


# ---------------------------------------------------------------- money
def _escaped(keys) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


_CODE_END = r"(?![A-Za-z])"
_CURRENCY_PREFIX = rf"(?:{_escaped(CURRENCY_PREFIXES)}){_CODE_END}"
_CURRENCY_WORDS = _escaped(CURRENCY_WORDS).replace("\\ ", r"\s+")
_CURRENCY_SUFFIX = (
    rf"(?:(?:{_escaped(k for k in CURRENCY_PREFIXES if '$' not in k)}){_CODE_END}|(?i:{_CURRENCY_WORDS})\b)"
)
_SCALE = (
    r"(?:(?i:(?:mio|mill|mrd|tsd)\.?|thousand|millions?|billions?|mln|bn|mn|mm|[kmb])(?![A-Za-z²³])"
    r"|[kT](?=(?:EUR|USD|CHF|GBP|€)))"  # "950 kEUR", "950 TEUR"
)
_MONEY = re.compile(
    rf"(?=[-−$€£¥₹₩\dA-Zk])(?:(?<![\w.,])(?P<neg>[-−]))?"
    rf"(?<![A-Za-z0-9$])(?P<kp>[kT](?=(?:EUR|USD|CHF|GBP)))?(?P<cur>{_CURRENCY_PREFIX})\s{{0,3}}"
    rf"(?P<a>{NUMBER_SPACED})(?:\s*(?P<sa>{_SCALE}))?"
    rf"(?:{_RANGE}(?:{_CURRENCY_PREFIX})?\s*(?P<b>{NUMBER_SPACED})(?:\s*(?P<sb>{_SCALE}))?)?"
    rf"|(?<![\w.,'’-])(?P<a2>{NUMBER_SPACED})(?:{_RANGE}(?P<b2>{NUMBER_SPACED}))?"
    rf"(?:\s*(?P<s2>{_SCALE}))?[^\S\n]{{0,2}}(?P<cur2>{_CURRENCY_SUFFIX})(?![^\S\n]{{0,3}}[\d$€£¥])"
)
_PER_BATCH = re.compile(r"(?i)\s*(?:(?:per|/|a)\s*(?:GMP\s+)?(?:batch|lot|run)\b|(?P<each>each\b))")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _scale(token: str | None) -> float:
    return SCALES[token.lower().rstrip(".")] if token else 1.0


def _currency(token: str) -> str:
    return CURRENCY_PREFIXES.get(token) or CURRENCY_WORDS[_WS.sub(" ", token.lower())]


def find_money(text: str) -> list[Match]:
    """All amounts with a currency (symbol, ISO code or word); a bare number is never money."""
    out = []
    for m in _MONEY.finditer(text):
        start, end = m.span()
        if m["cur"]:
            a, b, sa, sb = m["a"], m["b"], m["sa"], m["sb"]
            if b and sa and not sb:  # "$2M - 3 batches": the 3 is not money
                b, end = None, m.end("sa")
            scale_a = _scale(sa or sb) * (1e3 if m["kp"] else 1.0)
            scale_b = _scale(sb) * (1e3 if m["kp"] else 1.0)
            currency = CURRENCY_PREFIXES[m["cur"]]
        else:
            a, b = m["a2"], m["b2"]
            if not b and not m["s2"] and _YEAR.fullmatch(a):  # "in 2026 US dollars" is a year
                continue
            scale_a = scale_b = _scale(m["s2"])
            currency = _currency(m["cur2"])
        low = parse_number(a, dot_thousands=scale_a == 1.0) * scale_a
        amount, flags = low, _qualifiers(text, start)
        if b:
            high = parse_number(b, dot_thousands=scale_b == 1.0) * scale_b
            if high < low:
                b, end = None, (m.end("sa") if m["sa"] else m.end("a"))
            else:
                amount, flags = high, flags | _range_flags(round(low, 2), high)
        if m["neg"]:
            amount, flags = -amount, flags | {"negative"}
        after = _PER_BATCH.match(text, end)
        if after:
            flags.add("each" if after["each"] else "per_batch")
        out.append(Match(Money(round(amount, 2), currency), start, end, text[start:end], frozenset(flags)))
    return out


# ---------------------------------------------------------------- durations
_DURATION = re.compile(
    rf"{NUMBER_START}(?<![\w.,'’/-])(?P<a>{NUMBER_OR_WORD})(?:{_RANGE}(?P<b>{NUMBER_OR_WORD}))?(?:{_GAP}|-)?"
    r"(?P<unit>(?i:weeks?|wks?|months?|mos?|mths?|years?|yrs?|quarters?|qtrs?"
    r"|(?:(?P<kind>calendar|working|business)\s+)?days?))(?![A-Za-z])"
)
_BETWEEN = re.compile(rf"(?i)\bbetween\s+(?P<a>{NUMBER_OR_WORD})\s+and\s+(?=(?P<b>{NUMBER_OR_WORD}))")


def _weeks_per(unit: str, kind: str | None) -> float:
    u = unit.lower()
    if u.startswith("w"):
        return 1.0
    if u.startswith("mo") or u.startswith("mt"):
        return WEEKS_PER_MONTH
    if u.startswith("y"):
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
        flags = _qualifiers(text, start) | _range_flags(None if low is None else round(low * per, 1), high)
        out.append(Match(round(high * per, 1), start, m.end(), text[start : m.end()], frozenset(flags)))
    return out


# ---------------------------------------------------------------- dates
# Case-sensitive on purpose: "may" and "mar" are ordinary words.
_MONTH = rf"(?:{_escaped(MONTHS)})(?![A-Za-z])\.?"
_ORD = r"(?:st|nd|rd|th)?"
_SEP_YY = r"(?:\d{4}|(?<=['’-])\d{2}|(?<=FY)\d{2})"
_FIRST_DAYS = {"early": 1, "beginning": 1, "start": 1, "mid": 7, "middle": 7, "late": 10, "end": 10}
# Spelled dates start with a digit or a capital (month, Q, H); phrases around a bare year
# ("third quarter of", "mid-", "by") are read backwards from the year, which keeps the scan fast.
_DATE = re.compile(
    rf"(?=[\dQHJFMASOND])"
    rf"(?:(?<![\w-])(?P<iy>\d{{4}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?![\w-]|\.\d)"
    rf"|(?<![\w.])(?P<ed>\d{{1,2}})\.\s?(?P<em>\d{{1,2}})\.\s?(?P<ey>\d{{4}})(?![\w]|\.\d)"
    rf"|(?<![\w/.-])(?P<s1>\d{{1,2}})(?P<ssep>[/-])(?P<s2>\d{{1,2}})(?P=ssep)(?P<sy>\d{{4}}|\d{{2}})(?![\w/-]|\.\d)"
    rf"|(?<![\w.,/-])(?P<dd>\d{{1,2}}){_ORD}\.?(?:\s+(?:of\s+)?|-)(?P<dmon>{_MONTH}),?(?:\s+|-)(?P<dy>\d{{4}})(?!\d)"
    rf"|(?<!\w)(?P<mmon>{_MONTH})\s+(?P<md>\d{{1,2}}){_ORD},?\s+(?P<my>\d{{4}})(?!\d)"
    rf"|(?<!\w)(?P<ymon>{_MONTH})(?:\s+(?:of\s+)?|-|\s*['’])(?P<yy>\d{{4}}|(?<=['’])\d{{2}})(?!\d)"
    rf"|(?<!\w)Q(?P<q>[1-4])\s*(?:[-/'’]\s*|\s+(?:of\s+)?)?(?P<qfy>FY\s*)?(?P<qy>{_SEP_YY})(?!\w)"
    rf"|(?<!\w)(?P<q2>[1-4])Q\s*['’]?(?P<q2y>\d{{4}}|\d{{2}})(?!\w)"
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
        Match(value, start, end, text[start:end], frozenset(flags | _qualifiers(text, start)))
        for start, end, value, flags in found
    ]


# ---------------------------------------------------------------- volumes
_VOLUME_UNITS = {"k": 1000.0, "m3": 1000.0, "m³": 1000.0, "cubic": 1000.0, "ml": 0.001, "milli": 0.001}
_VOLUME = re.compile(
    rf"(?=\d)(?<![\w.,'’/-])(?:(?P<mult>\d{{1,3}})\s*[x×X]\s*)?"
    rf"(?P<a>{NUMBER})(?:{_RANGE}(?P<b>{NUMBER}))?(?:\s{{0,2}}|-)"
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
        flags = _qualifiers(text, m.start()) | _range_flags(low, value)
        count = m["mult"] or m["mult2"]
        if count:
            flags |= {"multiplied", f"count={int(count)}"}
        out.append(Match(round(value, 6), m.start(), m.end(), m.group(), frozenset(flags)))
    return out


# ---------------------------------------------------------------- percentages
_PERCENT = re.compile(
    rf"{NUMBER_START}(?<![\w.,'’-])(?P<a>{NUMBER_OR_WORD})(?:[^\S\n]*%?{_RANGE}(?P<b>{NUMBER_OR_WORD}))?"
    r"[^\S\n]*(?:%|(?i:per\s?cent\b|pct\b\.?))"
)


def find_percentages(text: str) -> list[Match]:
    """All percentages as float percent ("12 %", "twenty-five percent"); ranges give the upper bound."""
    out = []
    for m in _PERCENT.finditer(text):
        low, high = to_number(m["a"]), to_number(m["b"]) if m["b"] else None
        value, low = (max(low, high), min(low, high)) if high is not None else (low, None)
        flags = _qualifiers(text, m.start()) | _range_flags(low, value)
        out.append(Match(value, m.start(), m.end(), m.group(), frozenset(flags)))
    return out


# Counts and negation live in their own modules; they are part of this module's public API.
from rfp_assistant.core.values.counts import find_counts, find_years_ago_window  # noqa: E402,F401
from rfp_assistant.core.text.negation import is_negated  # noqa: E402,F401
