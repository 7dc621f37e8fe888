"""Money by role: a total, a line item, an option or a pass-through; and a total stated as the sum of line items."""

from __future__ import annotations

import re
from dataclasses import dataclass

import rfp_assistant.core.values as p
from rfp_assistant.jobs.extraction.candidates import Candidate, decide, near_cues
from rfp_assistant.jobs.extraction.hedges import HEDGE
from rfp_assistant.jobs.extraction.batch_price import not_one_batch
from rfp_assistant.jobs.extraction.options import LIST_ITEM as _LIST_ITEM, PROSE_WORD as _PROSE, option_spans
from rfp_assistant.jobs.extraction.spaced import COMMA_GROUPED, spaced_amounts
from rfp_assistant.schemas.proposal import FieldResult, Money

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

    Each row counts its last figure (its own total: "2 x 500,000 = 1,000,000" is 1,000,000); rows without one
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
    spaced = not COMMA_GROUPED.search(text)
    for n in range(len(lines) - 1, -1, -1):
        line = lines[n]
        if _TABLE_TOP.match(line):
            currencies |= {m.value.currency for m in p.find_money(line)} | _header_currency(line)
            break
        if _SUBTOTAL.search(line) and figures:
            break
        # A table printed one cell per line: a figure's row label is the line above it.
        label = lines[n - 1] if n and _CELL_FIGURE.fullmatch(line.strip()) else ""
        if _OPTION.search(line) or _PASS_THROUGH.search(line) or _OPTION.search(label) or _PASS_THROUGH.search(label):
            continue
        figure = _row_amount(line, spaced)
        if figure is not None:
            amount, currency = figure
            count = _BATCHES.search(label or line)
            if count and _PER_UNIT.search(line):  # "GMP batch - price per batch; 2 batches | 890,000 per batch"
                amount *= int(count.group(1))
            figures.append(amount)
            if currency:
                currencies.add(currency)
            used.append(line.strip())
    if len(figures) < 2:
        return None
    currency = currencies.pop() if len(currencies) == 1 else None
    return LineItemSum(round(sum(figures), 2), currency, tuple(reversed(used)))


_CELL_FIGURE = re.compile(r"(?i)(?:[A-Z]{3}\s*|[$€£]\s*)?[\d.,'’\s]+(?:\s*(?:per|/)\s*(?:gmp\s+)?(?:batch|lot|run))?")
_BATCHES = re.compile(r"(?i)\b(\d{1,2})\s*(?:x\s*)?(?:gmp\s+)?(?:batch(?:es)?|lots|runs)\b")


def line_item_sum_below(text: str, statement_end: int) -> LineItemSum | None:
    """Add up the table rows after a statement that announces them ("the total is the sum of items A to E in the
    table below"): from the first row with a figure to the first line of prose, options left out."""
    lines = text[statement_end:].split("\n")[1:]
    figures: list[float] = []
    used: list[str] = []
    currencies: set[str] = set()
    spaced = not COMMA_GROUPED.search(text)
    for number, line in enumerate(lines):
        if _TABLE_TOP.match(line) or not figures and not (_FIGURE.search(line) or spaced and spaced_amounts(line, "")):
            currencies |= _header_currency(line) | set(re.findall(rf"\b({_CODES})\b", line) if not figures else ())
            if figures or number >= 6:
                break  # the table ended, or never started right below the statement
            continue
        if _SUBTOTAL.search(line) or not line.strip() or (len(_PROSE.findall(line)) >= 8 and
                                                          not re.search(r"\d\s*$", line)):
            break  # the table ended: a total of its own, a blank line, or a sentence
        if _OPTION.search(line) or _PASS_THROUGH.search(line):
            continue
        figure = _row_amount(line, spaced)
        if figure is None:
            break
        amount, currency = figure
        figures.append(amount)
        if currency:
            currencies.add(currency)
        used.append(line.strip())
    if len(figures) < 2:
        return None
    currency = currencies.pop() if len(currencies) == 1 else None
    return LineItemSum(round(sum(figures), 2), currency, tuple(used))


def _row_amount(line: str, spaced: bool = False) -> tuple[float, str | None] | None:
    """A row's own amount: its last figure, with or without a currency ("2 x EUR 500.000,00 1.000.000,00"); figures
    grouped by plain spaces ("1 150 000") count when the page groups its figures so (`spaced`)."""
    money = [(m.end, m.value.amount, m.value.currency) for m in p.find_money(line) if "negative" not in m.flags]
    figures = [*_FIGURE.finditer(line), *(spaced_amounts(line, "") if spaced else ())]
    bare = [(m.end(), p.parse_number(m.group(0), dot_thousands=True), None) for m in figures]
    if not (money or bare):
        return None
    _, amount, currency = max(money + bare, key=lambda figure: figure[0])
    return amount, currency


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

_CODES = "USD|EUR|CHF|GBP|CAD|JPY|AUD|INR|CNY|RMB|SGD|KRW|SEK|DKK|NOK|BRL"
# "Price (USD)", "(EUR, excl. VAT)", "Amount (INR)", "prices in EUR", a column header line ending "... EUR".
_CURRENCY_HEADER = re.compile(rf"\(\s*({_CODES})\b[^)\n]{{0,30}}\)|\b(?:prices?|amounts?|figures?|quoted|all\s+"
                              rf"(?:prices|amounts))\s+(?:are\s+)?in\s+({_CODES})\b|(?m:^[^\n]{{0,40}}\b({_CODES})[^\S\n]*$)")
_BARE_AMOUNT = re.compile(r"(?<![\w.,'’$€£#])(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[,'’.\u00a0\u202f]\d{3})+)(?:[.,]\d{2})?"
                          r"(?![\w%]|[.,]\d)(?![^\S\n]*(?:L\b|l\b|kg|g\b|mL|liters?|litres?|%|weeks?|months?|days?|"
                          r"vials?|doses?|units?|m³|m3|sq))"
                          # "150,000 tablets each": a count of things, not a price ("640,000 per batch" is one)
                          r"(?![^\S\n]+(?!(?:per|each|fixed|total|lump|net|excl|incl|plus|ex|for|and|or|to)\b)[a-z]{3,})")
_AMOUNT_END = re.compile(r"\d[\d,.'’]*\s*(?:[kKmM]|[A-Z]{3})?\s*$")
_PER_UNIT = re.compile(r"(?i)\s*(?:per|/|a)\s*(?:gmp\s+)?(?:batch|lot|run)\b|\s*each\b")
_TIMES = re.compile(r"(?i)\b\d{1,3}\s*(?:x|×|nos?\.?\s*@|@)\s*$")


def _table_currency(text: str, position: int | None = None) -> str | None:
    """The currency a table's headers give its bare figures: the nearest header above `position`, or the page's one."""
    headers = [(m.start(), "CNY" if code == "RMB" else code)
               for m in _CURRENCY_HEADER.finditer(text) for code in m.groups() if code]
    if position is not None:
        above = [code for start, code in headers if start < position]
        if above:
            return above[-1]
    found = {code for _, code in headers}
    return found.pop() if len(found) == 1 else None


def read_money(spec, pages):
    """A price by its role: the total for the proposed scope, one GMP batch, or technology transfer.

    Options and pass-through estimates are never a price; "2 x EUR 500,000" gives a unit price and not a total;
    a total the proposal states as the sum of its line items is that sum.
    """
    def judge(match, context, cue):
        flags = match.flags
        bonus = 0.0
        unit = "per_batch" in flags or "each" in flags or bool(_TIMES.search(context[: context.find(match.text)]))
        if spec.key == "gmp_batch_price":
            bonus += 0.2 if unit else 0.0
            before_cue = context[: context.find(cue)] if cue in context else ""
            bonus -= 0.6 if not_one_batch(context, match.text, cue, unit) else 0.0
            if cue.lower().startswith("per") and before_cue and _AMOUNT_END.search(before_cue) and \
                    context.find(cue) < context.find(match.text):
                bonus -= 0.5  # "900,000 per batch 2,700,000": "per batch" describes the figure before it
            if not unit and re.search(r"(?i)batches|lots\b|runs\b|campaign", cue):
                bonus -= 0.3  # "Three GMP batches US$ 2.1M" is the price of several
        if spec.key == "total_price" and (unit or _PART_TOTAL.search(context)):
            bonus -= 0.6  # a unit price, or one part's total ("Stage 1 total £120,000", "Subtotal")
        if spec.key in _PRICES and _priced_together(spec.key, context):
            bonus -= 0.6  # "GBP 3.5 million for technology transfer and two GMP batches" prices both, not one
        rest = context[context.find(match.text) + len(match.text):] if match.text in context else ""
        if HEDGE.match(rest.lstrip(" ,:;([-–—*")):
            bonus -= 0.6  # "EUR 450,000 (to be confirmed)", "EUR 450,000 - pending": a figure the vendor does not stand by
        if _TERMS_MONEY.search(context):
            bonus -= 0.6  # a liability cap, an insurance sum or a storage rate in the terms is no price of the scope
        return bonus

    if spec.key == "total_price" and any(m and not page.is_foreign(m.start()) for page in pages
                                         for m in [_NO_TOTAL.search(page.text)]):
        return FieldResult()  # "we have not given a programme total": the proposal says it has none
    found: list[Candidate] = []
    for page in pages:
        default = _table_currency(page.text)
        options = option_spans(page.text)

        def finder(text, page=page):
            matches = p.find_money(text)
            # "Price (USD)" column headers leave the cells as bare numbers.
            offset = page.text.find(text)
            taken = [(m.start, m.end) for m in matches]
            for m in [*_BARE_AMOUNT.finditer(text), *spaced_amounts(text, page.text)]:
                currency = _table_currency(page.text, offset + m.start()) if offset >= 0 else default
                if currency and not any(s <= m.start() < e for s, e in taken):
                    value = p.Money(p.parse_number(m.group(0), dot_thousands=True), currency)
                    flags = frozenset({"per_batch"}) if _PER_UNIT.match(text, m.end()) else frozenset()
                    matches.append(p.Match(value, m.start(), m.end(), m.group(0), flags))
            return [m for m in matches if "negative" not in m.flags]

        for candidate in near_cues(spec, [page], finder, judge=judge, rivals=_rival_cues(spec.key)):
            if not any(a <= candidate.sentence_key[1] < b for a, b in options):
                found.append(candidate)
    found.sort(key=lambda c: -c.score)
    for candidate in found:
        candidate.value = Money(amount=round(candidate.value.amount, 2), currency=candidate.value.currency)
    result = decide(found, same=lambda a, b: a.currency == b.currency and abs(a.amount - b.amount) < 0.5)
    if spec.key == "total_price" and result.status == "not_stated":
        return _summed_total(pages)
    return result


_PRICES = ("gmp_batch_price", "tech_transfer_fee")
_PART_TOTAL = re.compile(r"(?i)\bsub-?total\b|\b(?:stage|phase|part|wp|work\s+package|section|step|year|module)\s*[\w.]{0,4}\s+"
                         r"total\b|\btotal\s+(?:for|of)\s+(?:stage|phase|part|wp|work\s+package|section|step|year|module)\b")
_NO_TOTAL = re.compile(r"(?i)\b(?:not|cannot|can['’]t|no)\s+(?:be\s+)?(?:\w+\s+){0,2}?(?:given|give|stated?|provided?|quoted?|"
                       r"calculated?|possible)\s+(?:an?\s+|the\s+)?(?:overall\s+|programme\s+|program\s+|project\s+|grand\s+)?"
                       r"total\b|\bno\s+(?:overall\s+|programme\s+|program\s+|project\s+|grand\s+)?total\s+(?:is|can|has)\b")
_TERMS_MONEY = re.compile(r"(?i)\bliabilit|\bcapped\b|\bcap\s+(?:of|at)\b|\binsur(?:ance|ed)\b|\binterest\b|\bindemn|"
                          r"\bpenalt|\bper\s+(?:pallet|rack|auditor|shelf)|\bstorage\s+(?:fee|charge|rate)s?\b")


def _priced_together(key: str, context: str) -> bool:
    """Whether the clause names this item and another priced item as one ("for tech transfer and two batches")."""
    from rfp_assistant.schemas.proposal import field_specs

    own = [m for cue in field_specs()[key].cues for m in cue.finditer(context)]
    others = [m for cue in _rival_cues(key) for m in cue.finditer(context)]
    return any(re.fullmatch(r"(?i)\s*(?:,|and|plus|&|\+|as\s+well\s+as)\s*(?:(?:the|a|an|one|two|three|four|\d+)\s+)?",
                            context[min(a.end(), b.end()):max(a.start(), b.start())])
               for a in own for b in others if a.end() <= b.start() or b.end() <= a.start())


def _rival_cues(key: str) -> tuple:
    """The labels of the other priced items: an amount after "Technology transfer" is not the batch price."""
    from rfp_assistant.schemas.proposal import field_specs

    specs = field_specs()
    return tuple(cue for other in _PRICES if other != key for cue in specs[other].cues if len(cue.pattern) > 6)


def _summed_total(pages):
    """The total of a proposal that says its total is the sum of its line items (and prints none)."""
    from rfp_assistant.jobs.extraction.candidates import quote_between
    from rfp_assistant.schemas.proposal import Evidence, FieldResult

    for page in pages:
        for statement in sum_statements(page.text):
            if page.is_foreign(statement.start()):
                continue
            total = line_item_sum(page.text, statement.start()) or line_item_sum_below(page.text, statement.end())
            currency = (total.currency if total else None) or _table_currency(page.text)
            if not total or not currency:
                continue
            quotes = [quote_between(page, statement.start(), statement.end())]
            for line in (total.lines[0], total.lines[-1]):
                start = page.text.find(line)
                quotes.append(quote_between(page, start, start + len(line)))
            evidence = [Evidence(page=page.number, quote=q) for q in dict.fromkeys(quotes) if q]
            return FieldResult(value=Money(amount=total.amount, currency=currency), status="stated",
                               evidence=evidence, confidence=0.6)
    return FieldResult()
