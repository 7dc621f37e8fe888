"""Money by role: a total, a line item, an option or a pass-through; and a total stated as the sum of line items."""

from __future__ import annotations

import re
from dataclasses import dataclass

import rfp_assistant.core.values as p
from rfp_assistant.jobs.extraction.candidates import Candidate, decide, near_cues
from rfp_assistant.schemas.proposal import Money

# "The total program price is the sum of the line items in Table A-1", "Total project price = sum of line items".
SUM_STATEMENT = re.compile(
    r"(?i)\b(?:total|overall|program(?:me)?|project)\b[^.\n]{0,60}?\b(?:is|=|equals|being)\s+(?:the\s+)?"
    r"(?:sum|addition|aggregate)\s+of\b|\bsum\s+of\s+(?:the\s+|all\s+)?(?:line\s+items|items|rows|work\s+packages|"
    r"activities|the\s+above)"
)
_OPTION = re.compile(r"(?i)\boption(?:al|s)?\b|\bnot included\b|\bexcluded\b|\bif (?:requested|needed|required)\b")
_PASS_THROUGH = re.compile(r"(?i)pass[- ]?through|at cost|billed at actuals?|reimburs|estimated .{0,20}materials")
_TABLE_TOP = re.compile(r"(?i)^\s*(?:table\b|.*\((?:USD|EUR|CHF|GBP|INR|JPY|CNY|CAD|AUD|SGD|KRW)\)\s*$)")
_SUBTOTAL = re.compile(r"(?i)\b(?:sub-?total|total)\b")
_FIGURE = re.compile(r"(?<![\w.,'’])(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[,'’.\u00a0\u202f]\d{3})+|\d{4,})(?:[.,]\d{2})?"
                     r"(?![\w%]|\s*(?:L\b|kg\b|g\b|mL\b|m³|vials|doses))")


@dataclass(frozen=True)
class LineItemSum:
    """The sum of the line items above a sum statement, and the lines it adds up."""

    amount: float
    currency: str | None
    lines: tuple[str, ...]


def line_item_sum(text: str, statement_start: int) -> LineItemSum | None:
    """Add up the table rows above `statement_start` (up to the table's title or header), options left out.

    Each row counts its last figure (its own total: "3 x 2,350,000 = 7,050,000" is 7,050,000); rows without one
    (a cell of text, "included") add nothing. None when fewer than two rows carry a figure.
    """
    lines = text[:statement_start].split("\n")
    if lines and not lines[-1].strip():
        lines.pop()
    elif lines:
        lines.pop()  # the statement's own line
    figures: list[float] = []
    used: list[str] = []
    currencies: set[str] = set()
    for line in reversed(lines):
        if _TABLE_TOP.match(line):
            currencies |= {m.value.currency for m in p.find_money(line)} | _header_currency(line)
            break
        if _SUBTOTAL.search(line) and figures:
            break
        if _OPTION.search(line) or _PASS_THROUGH.search(line):
            continue
        money = [m for m in p.find_money(line) if "negative" not in m.flags]
        if money:
            figures.append(money[-1].value.amount)
            currencies.add(money[-1].value.currency)
            used.append(line.strip())
            continue
        bare = list(_FIGURE.finditer(line))
        if bare:
            figures.append(p.parse_number(bare[-1].group(0), dot_thousands=True))
            used.append(line.strip())
    if len(figures) < 2:
        return None
    currency = currencies.pop() if len(currencies) == 1 else None
    return LineItemSum(round(sum(figures), 2), currency, tuple(reversed(used)))


def _header_currency(line: str) -> set[str]:
    return {code for code in re.findall(r"\(([A-Z]{3})\)", line)}


def sum_statements(text: str) -> list[re.Match]:
    """Where a page says its total is the sum of the line items."""
    return list(SUM_STATEMENT.finditer(text))


def is_option(context: str) -> bool:
    """True when a figure's row or sentence marks it optional or excluded from the price."""
    return bool(_OPTION.search(context))


def is_pass_through(context: str) -> bool:
    """True when a figure is a pass-through or at-cost estimate, not a price."""
    return bool(_PASS_THROUGH.search(context))


# -- reading prices ------------------------------------------------------------------------------------

def read_money(spec, pages):
    def judge(match, context, cue):
        flags = match.flags
        bonus = 0.0
        if spec.key == "gmp_batch_price":
            bonus += 0.2 if "per_batch" in flags or "each" in flags else 0.0
        if spec.key == "total_price" and ("per_batch" in flags or "each" in flags):
            bonus -= 0.6
        return bonus

    found: list[Candidate] = []
    for page in pages:
        default = _table_currency(page.text)

        def finder(text, default=default):
            matches = p.find_money(text)
            if default:
                # "Price (USD)" column headers leave the cells as bare numbers.
                taken = [(m.start, m.end) for m in matches]
                matches += [p.Match(p.Money(p.to_number(m.group(0)), default), m.start(), m.end(), m.group(0))
                            for m in _BARE_AMOUNT.finditer(text)
                            if not any(s <= m.start() < e for s, e in taken)]
            return matches

        found += near_cues(spec, [page], finder, judge=judge)
    found.sort(key=lambda c: -c.score)
    for candidate in found:
        candidate.value = Money(amount=round(candidate.value.amount, 2), currency=candidate.value.currency)
    return decide(found, same=lambda a, b: a.currency == b.currency and abs(a.amount - b.amount) < 0.5)


_CURRENCY_HEADER = re.compile(r"\((USD|EUR|CHF|GBP|CAD|JPY|AUD)\)|\b(?:prices?|amounts?|figures?) (?:are )?in (USD|EUR|CHF|GBP|CAD|JPY|AUD)\b")
_BARE_AMOUNT = re.compile(r"(?<![\w.,'’$€£])\d{1,3}(?:[,'’ ]\d{3})+(?:\.\d{2})?(?![\w%])"
                          r"(?!\s*(?:L\b|l\b|kg|g\b|mL|liters?|litres?|%|weeks?|months?|days?|m³|m3))")


def _table_currency(text: str) -> str | None:
    found = {m.group(1) or m.group(2) for m in _CURRENCY_HEADER.finditer(text)}
    return found.pop() if len(found) == 1 else None
