"""Is a value derivable from its own quotes? Quotes are parsed with the typed value parsers and compared.

Used on every stated value, whichever engine produced it: a number, amount, date, duration, count, yes/no,
option or list item that its quotes do not give is not kept (a genuine quote with a wrong value is still wrong).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import rfp_assistant.core.values as p
from rfp_assistant.core.text.negation import is_negated
from rfp_assistant.jobs.extraction.columns import heading_gives_unit, words_pattern
from rfp_assistant.jobs.extraction.date_spans import date_range_weeks
from rfp_assistant.jobs.extraction.money_roles import SUM_STATEMENT, line_item_sum, line_item_sum_below, sum_statements
from rfp_assistant.jobs.extraction.spaced import spaced_amounts
from rfp_assistant.jobs.extraction.text_match import site_named, text_supported
from rfp_assistant.jobs.extraction.answers import mark_after
from rfp_assistant.jobs.extraction.boxes import without_unticked
from rfp_assistant.jobs.extraction.terms import boolean_terms, enum_terms, list_terms
from rfp_assistant.schemas.proposal import FieldSpec, Money

_NEGATION = re.compile(r"(?i)\b(?:not|no|never|none|nil|zero|without|cannot|neither|nor)\b|n[’']t\b|\bonly\b")
_WEEK_NUMBER = re.compile(r"(?i)\b(?:weeks?|wks?\.?|w)\s?(\d{1,3})(?:\s*(?:-|–|to)\s*(\d{1,3}))?\b")
_MONTH_OFFSET = re.compile(r"\bM\s?\+\s?(\d{1,2})\b")
_INTEGER = re.compile(rf"{p.common.YEAR.pattern}(?!\d)|(?P<n>{p.numbers.INTEGER_OR_WORD})", re.I)
_CURRENCY_MENTION = re.compile(rf"(?<![A-Za-z])(?:{p.common.escaped_alternation(p.numbers.CURRENCY_PREFIXES)})(?![A-Za-z])"
                               rf"|(?i:\b(?:{p.common.escaped_alternation(p.numbers.CURRENCY_WORDS)})\b)")
_BARE_AMOUNT = re.compile(r"(?<![\w.,'’$€£])(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[,'’.\u00a0\u202f]\d{3})+)(?:[.,]\d{2})?"
                          r"(?![\w%]|\s*(?:L\b|kg\b|g\b|mL\b|m³))|(?<![\w.,])\d{4,}(?:\.\d{2})?(?![\w%.,])")


@dataclass
class Checked:
    """A value after its check: what is kept (None when nothing is), list members dropped, and why."""

    value: Any
    dropped: list = field(default_factory=list)
    reason: str = ""


def derived(spec: FieldSpec, value, quotes: list[str], pages: list[str] = ()) -> Checked:
    """The part of `value` its quotes give: a list keeps its supported members, anything else is kept or not."""
    if spec.type in ("list_enum", "list_string") and value:
        kept, dropped = supported_items(spec, list(value), quotes)
        if kept:
            return Checked(kept, dropped)
        return Checked(None, dropped, f"no item of {_shown(value)} is named in its quote{'s' if len(quotes) > 1 else ''}")
    reason = check_value(spec, value, quotes, pages)
    return Checked(None if reason else value, reason=reason or "")


def check_value(spec: FieldSpec, value, quotes: list[str], pages: list[str] = ()) -> str | None:
    """None when `value` follows from `quotes`; otherwise the reason it does not, in plain words.

    `pages` are the texts of the cited pages: only a currency may come from there ("Price (USD)" over a table whose
    rows are quoted), and only when the quotes name none and the pages name one.
    """
    if (reason := _implausible(spec, value)) is not None:
        return reason
    text = without_unticked(" | ".join(p.normalize_space(q) for q in quotes))  # "☐ EMA" names no agency
    kind = spec.type
    if kind == "money":
        ok = _money_ok(value, text, quotes, pages)
    elif kind == "date":
        # A month ("March 2024") is also given by a quote where a row's label number runs into it ("Plant 2 March 2024").
        ok = any(value in _readings(m) or (value.day == 1 and (m.value.year, m.value.month) == (value.year, value.month))
                 for m in p.find_dates(text))
    elif kind == "bool":
        ok = _bool_ok(spec.key, value, text)
    elif kind == "enum":
        ok = _enum_ok(spec.key, value, text)
    elif kind in ("int", "number"):
        ok = any(_close(n, float(value)) for n in _numbers(spec, text, quotes, pages))
    elif kind == "list_enum" and value == []:
        ok = bool(_NEGATION.search(text))
    elif kind == "list_enum":
        ok = bool(supported_items(spec, value, quotes)[0])
    else:
        items = value if isinstance(value, list) else [value]
        ok = bool(supported_items(spec, items, quotes)[0])
    return None if ok else f"{_shown(value)} does not follow from the quote{'s' if len(quotes) > 1 else ''}"


def _implausible(spec: FieldSpec, value) -> str | None:
    """Why `value` cannot be a real proposal's answer for `spec`, or None when it is in the field's range."""
    if spec.plausible is None or value is None or isinstance(value, bool):
        return None
    amount = getattr(value, "amount", value)
    if not isinstance(amount, (int, float)):
        return None
    low, high = spec.plausible
    if low <= amount <= high:
        return None
    return f"{_shown(value)} is outside what any proposal means by {spec.label.lower()} ({low:g} to {high:g})"


def supported_items(spec: FieldSpec, items: list, quotes: list[str]) -> tuple[list, list]:
    """(kept, dropped): the members of a list value that the quotes name, and those they do not."""
    text = without_unticked(" | ".join(p.normalize_space(q) for q in quotes))
    kept, dropped = [], []
    for item in items:
        if spec.type == "list_enum":
            ok = _option_named(spec.key, "lists", str(item), text)
        elif spec.key == "sites":
            ok = site_named(str(item), text)
        else:
            ok = text_supported(str(item), text)
        (kept if ok else dropped).append(item)
    return kept, dropped


# -- numbers -----------------------------------------------------------------------------------------------

def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.1, 0.01 * abs(b))


def _numbers(spec: FieldSpec, text: str, quotes: list[str] = (), pages: list[str] = ()) -> list[float]:
    """Every value of the field's kind the text gives, normalized to the field's unit.

    A quote that is a table row under a column heading on a cited page that gives the field's unit also offers
    its bare numbers ("Technology transfer 1 9 9" under "Duration (weeks)", "GMP batch 1 5 weeks 29" under
    "Start (week)"), but never one inside a value of that kind ("10-12 weeks" offers 12, never the 10).
    """
    typed = _typed_numbers(spec, text)
    if spec.type == "int":
        return typed
    headed = [p.normalize_space(q) for q in quotes if any(heading_gives_unit(page, q, spec.unit) for page in pages)]
    return typed + [p.parse_number(m.group(0)) for q in headed for m in _BARE_NUMBER.finditer(_without_typed(spec, q))]


def _without_typed(spec: FieldSpec, text: str) -> str:
    """The text with the values of the field's kind blanked out (their numbers are read as typed)."""
    finder = {"weeks": p.find_durations, "days": p.find_durations, "L": p.find_volumes, "%": p.find_percentages}.get(spec.unit)
    for m in finder(text) if finder else ():
        text = text[:m.start] + " " * (m.end - m.start) + text[m.end:]
    return text


_BARE_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w%])")


def _typed_numbers(spec: FieldSpec, text: str) -> list[float]:
    unit = spec.unit
    if unit == "weeks":
        found = [m.value for m in p.find_durations(text)]
        for m in _WEEK_NUMBER.finditer(text):
            found.append(float(m.group(2) or m.group(1)))
        found += [round(int(m.group(1)) * p.WEEKS_PER_MONTH, 1) for m in _MONTH_OFFSET.finditer(text)]
        return found + [m.value for m in date_range_weeks(text)]  # "PD: Feb 2027 - Jun 2027"
    if unit == "L":
        return [m.value for m in p.find_volumes(text)]
    if unit == "%":
        found = [m.value for m in p.find_percentages(text)]
        return found + ([0.0] if re.search(r"(?i)\bat cost\b|\bno\b|\bwithout\b|\bnil\b|\bzero\b", text) else [])
    if unit == "days":
        # "valid till 30.11.2026" in a proposal dated 01.09.2026: the days between two quoted dates count too.
        dates = [m.value for m in p.find_dates(text) if not {"year_only", "quarter", "half"} & m.flags]
        return [_days(m) for m in p.find_durations(text)] + [abs((a - b).days) for a in dates for b in dates if a != b]
    found = [p.to_number(m["n"]) for m in _INTEGER.finditer(text) if m["n"]]
    if _NEGATION.search(text):
        found.append(0.0)
    if any(re.search(rf"(?i)\b(?:a|an|one|single)\s+(?:[\w-]+\s+){{0,3}}?(?:{cue.pattern})", text) for cue in spec.cues):
        found.append(1.0)
    return found


def _days(match: p.Match) -> float:
    words = match.text.lower()
    weeks = float(match.value)
    if "day" in words:
        return round(weeks * 7)
    if re.search(r"mo|mth", words):
        return round(weeks / p.WEEKS_PER_MONTH) * 30
    if re.search(r"y", words):
        return round(weeks / p.WEEKS_PER_YEAR) * 365
    return round(weeks * 7)


def _readings(match: p.Match) -> set[dt.date]:
    """A date as parsed, and for 03/04/2026 also the other order (day/month or month/day)."""
    found = {match.value}
    if "ambiguous" in match.flags:
        try:
            found.add(match.value.replace(month=match.value.day, day=match.value.month))
        except ValueError:
            pass
    return found


# -- money -------------------------------------------------------------------------------------------------

def _money_ok(value: Money, text: str, quotes: list[str], pages: list[str]) -> bool:
    named = _currencies(text) or (_currencies(" ".join(pages)) if pages else set())
    if named and value.currency not in named:
        return False
    figures = [m.value.amount for m in p.find_money(text) if "negative" not in m.flags and m.value.currency == value.currency]
    if named:
        # A currency named once ("Price (USD)") covers the bare figures of its table.
        figures += [p.parse_number(m.group(0), dot_thousands=True)
                    for m in [*_BARE_AMOUNT.finditer(text), *spaced_amounts(text, " ".join(pages) or text, either=True)]]
        # A quoted table row whose cells stand on lines of their own in the page ("280 000" / "280 000") is read cell
        # by cell as the page lays it out; joined into one line the two cells would read as one figure.
        figures += [p.parse_number(m.group(0), dot_thousands=True) for line in _quoted_lines(quotes, pages)
                    for m in spaced_amounts(line, " ".join(pages))]
    if any(_near(f, value.amount) for f in figures):
        return True
    # A total given as the sum of its line items: one figure per quote, or every figure quoted.
    per_quote = []
    for quote in quotes:
        found = [m.value.amount for m in p.find_money(p.normalize_space(quote)) if m.value.currency == value.currency]
        found = found or ([p.parse_number(m.group(0), dot_thousands=True) for m in _BARE_AMOUNT.finditer(quote)]
                          if named else [])
        if found:
            per_quote.append(found[-1])  # a row's own total ends it ("2 x 500,000 = 1,000,000")
    if (len(per_quote) > 1 and _near(sum(per_quote), value.amount)) or (len(figures) > 1 and _near(sum(figures), value.amount)):
        return True
    # "The total is the sum of the line items in Table A-1", quoted with the table's first and last rows: the
    # rows of that table on the cited page add up to the value.
    if SUM_STATEMENT.search(text):
        for page in pages:
            for statement in sum_statements(page):
                total = line_item_sum(page, statement.start()) or line_item_sum_below(page, statement.end())
                if total and total.currency in (None, value.currency) and _near(total.amount, value.amount):
                    return True
    return False


def _quoted_lines(quotes: list[str], pages: list[str]) -> list[str]:
    """The lines of the cited pages that a quote spanning several of them covers, each as the page has it."""
    lines = []
    for quote in quotes:
        for page in pages:
            m = words_pattern(quote).search(page) if quote.split() else None
            if m and "\n" in m.group(0):
                lines += [line for line in m.group(0).split("\n") if line.strip()]
                break
    return lines


def _currencies(text: str) -> set[str]:
    codes = p.numbers.CURRENCY_PREFIXES
    words = p.numbers.CURRENCY_WORDS
    return {codes.get(m.group(0)) or words.get(" ".join(m.group(0).lower().split()), "") for m in _CURRENCY_MENTION.finditer(text)} - {""}


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= max(1.0, 0.005 * abs(b))


# -- yes/no and options ------------------------------------------------------------------------------------

_NOT_YET = re.compile(r"(?i)\bplanned\b|\bgo-?live\b|\bunder construction\b|\bwill be (?:introduced|implemented|"
                      r"installed|added)\b|\bexpected (?:in|by)\b|\bfrom 20\d\d\b|\bby 20\d\d\b")


def _bool_ok(key: str, value: bool, text: str) -> bool:
    terms = boolean_terms(key)
    negatives = [m.span() for t in terms["negative"] for m in t.finditer(text)]
    said, denied = False, bool(negatives)
    for pattern in terms["topic"]:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in negatives):
                continue
            mark = mark_after(text, m.end())
            if mark is not None:  # "Electronic batch records ✔", "BSL-3 suites ✘": the row's own answer
                said, denied = said or mark, denied or not mark
                continue
            left, right = _quote_bounds(text, m.start(), m.end())
            if _NOT_YET.search(text, left, right):
                continue  # "an MES planned for next year" says nothing about today
            if _negated_in(text, m.start(), m.end()):
                denied = True
            else:
                said = True
    return said if value else denied


def _negated_in(text: str, start: int, end: int) -> bool:
    left, right = _quote_bounds(text, start, end)
    return is_negated(text[left:right], start - left, end - left)


def _quote_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The one quote (of those joined by " | ") holding [start, end)."""
    left = text.rfind(" | ", 0, start)
    right = text.find(" | ", end)
    return (left + 3 if left >= 0 else 0), (len(text) if right < 0 else right)


_DENIED_BEFORE = re.compile(r"(?i)\b(?:no|not|never|without|neither|nor)\b[^.;,\n]{0,30}$")
_BOTH = re.compile(r"(?i)\bboth\b|\bhybrid\b|\bcombination\b|\bmix(?:ed)?\b")


def _enum_ok(key: str, value: str, text: str) -> bool:
    named = [option for option in enum_terms(key) if _option_named(key, "enums", option, text)]
    if key == "bioreactor_type" and value == "both":
        return {"single_use", "stainless_steel"} <= set(named) or (bool(named) and bool(_BOTH.search(text)))
    if key == "bioreactor_type" and {"single_use", "stainless_steel"} <= set(named):
        return False
    if key == "pricing_model" and value == "hybrid":
        return "hybrid" in named or len(named) >= 2
    if key == "pricing_model" and "hybrid" in named:
        return False
    return value in named


def _option_named(key: str, section: str, option: str, text: str) -> bool:
    patterns = (enum_terms if section == "enums" else list_terms)(key).get(option)
    if patterns is None:
        return False
    for pattern in patterns:
        for m in pattern.finditer(text):
            if _negated_in(text, m.start(), m.end()) and not (section == "enums" and not _DENIED_BEFORE.search(
                    text, _quote_bounds(text, m.start(), m.end())[0], m.start())):
                continue  # an option's denial is said before it; "NAI\nNo Form 483 issued" is the next cell
            # "None of our products has yet been approved by the FDA": the whole clause is denied.
            if key == "regulatory_approvals" and _NEGATION.search(text, _quote_bounds(text, m.start(), m.end())[0], m.start()):
                continue
            return True
    return False


def _shown(value) -> str:
    if isinstance(value, Money):
        return f"{value.currency} {value.amount:,.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)
