"""How long this offer's plan takes: spans no plan takes, and a schedule table against the prose on its page."""

from __future__ import annotations

import re

import rfp_assistant.core.values as values
from rfp_assistant.jobs.extraction.candidates import CONFLICT_RATIO, MIN_STATED, Candidate
from rfp_assistant.jobs.extraction.columns import cell_at
from rfp_assistant.schemas.proposal import Evidence, FieldResult

STEP_DURATIONS = ("tech_transfer_weeks", "process_development_weeks")
FIRM = 0.8
MENTION = 0.3  # as much as a value past another field's label
# "move the first GMP batch forward by about six weeks", "2 weeks sooner": a change to the plan, not its length.
_SHIFT_BEFORE = re.compile(r"(?i)\b(?:forward|back|earlier|sooner|ahead|delay\w*|shift\w*|advanc\w*|shorten\w*|"
                           r"accelerat\w*|extend\w*|sav\w*|cut|slip\w*|postpone\w*)[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}?by"
                           r"[^\S\n]+(?:about|around|approximately|roughly|some|up[^\S\n]+to|a[^\S\n]+further)?[^\S\n]*$")
_SHIFT_AFTER = re.compile(r"(?i)[^\S\n]*(?:earlier|sooner|faster|quicker|shorter|longer|ahead\s+of|less|more|"
                          r"of\s+(?:delay|slippage|acceleration|savings?))\b")
# "where the RFP suggested 12 weeks", "The RFP proposed 12 weeks for this phase": the sponsor's figure, not the offer's.
_RFP_FIGURE = re.compile(r"(?i)\b(?:the|your|this|sponsor's|client's)[^\S\n]+(?:rfp|rfq|request[^\S\n]+for[^\S\n]+\w+|tender|"
                         r"brief|specification|sponsor|client|customer)[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}?(?:suggest|propos|"
                         r"ask|request|requir|expect|target|call|specif|indicat|assum|allow|envisag|foresaw|plann)\w*"
                         r"(?:[^\S\n]+(?:for|of|that|on))?(?:[^\S\n]+[\w-]+){0,5}?[^\S\n]+$")
# "A 10-week technology transfer is not realistic for a process of this complexity": a figure the offer rejects.
_REJECTED = re.compile(r"(?i)\b(?:(?:is|are|would\s+be|seems?|appears?)\s+(?:not|hardly|in)\s*(?:realistic|feasible|"
                       r"achievable|possible|sufficient|enough|adequate)|unrealistic|unachievable|infeasible|"
                       r"cannot\s+(?:be\s+)?(?:achiev|met\b|meet|deliver|support|commit))")
# "Week 1 is the first week after signature", "week 0 = PO": the plan's clock, not an event on it.
_CLOCK = re.compile(r"(?i)[^\S\n]*(?:is|=|means|denotes|being|starts?|begins?|corresponds)\b")
_BATCH_ROW = re.compile(r"(?i)\bgmp\b|batch|\blot\b|campaign|manufactur|production")
_VALUE = re.compile(r"(?i)(?:w(?:ee)?ks?\.?[^\S\n]?)?[\w.,]+(?:[^\S\n]*(?:-|–|to)[^\S\n]*[\w.,]+)?(?:[^\S\n]*\(\d+\))?"
                    r"(?:[^\S\n-]*-?(?:calendar[^\S\n]+|working[^\S\n]+)?(?:weeks?|wks?|months?|days?|years?)\b)?")
_ITEM_CODE = re.compile(r"(?:[A-Z]{1,4}[^\S\n]?\d{1,2}|\d{1,2}(?:\.\d{1,2})*)[.:)]?[^\S\n]+")  # "WP3 ", "2.1 "


def span_of(c: Candidate) -> tuple[float, float]:
    """The weeks a candidate's own words allow: a range's bounds ("10-12 weeks"), half a month either side of a
    figure given in months ("about four months" is 15 to 20 weeks, not exactly 17.4), one side of a bound."""
    match = _own_match(c)
    if match is None:
        return c.value, c.value
    low = next((float(f[6:]) for f in match.flags if f.startswith("lower=")), match.value)
    slack = values.WEEKS_PER_MONTH / 2 if "month" in match.text.lower() else 0.0
    # "a minimum of 10 weeks", "up to 14 weeks": a bound, which any plan on its side of it agrees with
    return (0.0 if "up_to" in match.flags else low - slack), (float("inf") if "at_least" in match.flags else
                                                             match.value + slack)


def one_plan(found: list[Candidate]) -> list[Candidate]:
    """Drops figures that agree with the best one within what either's words allow (a range and a figure inside
    it, "3 months" and "12 weeks"): one plan said twice, not a conflict. The best keeps its own value, except that
    a firm figure in weeks inside a best given in months is the same plan said more exactly and leads instead."""
    firm = [c for c in found if c.score >= MIN_STATED]
    if not firm:
        return found
    best = firm[0]
    low, high = span_of(best)
    if _in_months(best):
        exact = next((c for c in firm[1:] if c.score >= CONFLICT_RATIO * best.score and not _in_months(c)
                      and low <= c.value <= high), None)
        if exact is not None:
            found = [exact] + [c for c in found if c is not exact]
            best, (low, high) = exact, span_of(exact)
    kept = []
    for c in found:
        other_low, other_high = span_of(c)
        if c is best or c.value == best.value or other_high < low - 1e-9 or high < other_low - 1e-9:
            kept.append(c)
    return kept


def _own_match(c: Candidate):
    return next((m for m in values.find_durations(c.quote) if abs(m.value - c.value) < 0.05), None)


def _in_months(c: Candidate) -> bool:
    match = _own_match(c)
    return match is not None and "month" in match.text.lower()


def plausible_only(spec, found: list[Candidate]) -> list[Candidate]:
    """The candidates within the field's plausible range ("Upstream process development, 11 years" is a career)."""
    if not spec.plausible:
        return found
    low, high = spec.plausible
    return [c for c in found if low <= c.value <= high]


def own_rows_first(spec, pages, found: list[Candidate]) -> list[Candidate]:
    """A step's own schedule row ("2 | Technology transfer | 12") outranks one that only mentions the step
    ("1 | Kick-off and TT package review | 2") on the same page."""
    if spec.key not in STEP_DURATIONS:
        return found
    rows = {id(c): _step_row(spec, pages, c) for c in found}
    own = {c.page for c in found if rows[id(c)]}
    for c in found:
        if rows[id(c)] is False and c.page in own:
            c.score -= MENTION
    return sorted(found, key=lambda c: -c.score)


def table_against_prose(spec, pages, found: list[Candidate], result: FieldResult, same) -> FieldResult:
    """A step's length in a schedule table and a different one in a sentence on the same page is a conflict.

    Two firm statements of one step in two forms ("Technology transfer will take 14 weeks" and the plan's row
    "Technology transfer | 13 | 30 | 18 weeks") are as much in conflict as a summary page against a detail page.
    Only for a step's length: a week number on the plan (start, end, release) differs from prose by design.
    """
    if spec.key not in STEP_DURATIONS or result.status != "stated":
        return result
    firm = [c for c in found if c.score >= max(MIN_STATED, FIRM)]
    if not firm or firm[0].revises:
        return result
    best = firm[0]
    best_row = _step_row(spec, pages, best)
    for rival in firm[1:]:
        if rival.page != best.page or same(rival.value, best.value) or rival.score < CONFLICT_RATIO * best.score:
            continue
        rival_row = _step_row(spec, pages, rival)
        if (best_row is None) != (rival_row is None) and (best_row or rival_row):
            return FieldResult(value=None, status="conflicting", confidence=round(min(best.score, 1.0), 2),
                               evidence=[Evidence(page=best.page, quote=best.quote),
                                         Evidence(page=rival.page, quote=rival.quote)],
                               candidates=[best.value, rival.value])
    return result


def _step_row(spec, pages, c: Candidate) -> bool | None:
    """None for prose; for a table cell, whether its row is the step itself ("WP3 Technology transfer") rather than
    a row that mentions it ("Kick-off and TT package review")."""
    page = next(page for page in pages if page.number == c.page)
    cell = cell_at(page.cells, c.sentence_key[1])
    if cell is None:
        return None
    label = page.text[cell.label[0]:cell.label[1]]
    code = _ITEM_CODE.match(label)
    label = label[code.end():] if code else label
    return any(cue.match(label) for cue in spec.cues)


def not_plan_events(spec, pages, found: list[Candidate]) -> list[Candidate]:
    """Drops changes to the plan ("forward by about six weeks"), the sponsor's figure ("the RFP suggested 12
    weeks"), a figure the offer rejects ("... is not realistic"), the plan's clock ("week 1 is the first week after
    signature") and, for the first GMP batch, a week in a plan row of another activity ("Kick-off meeting | 2")."""
    kept = []
    for c in found:
        page = next(page for page in pages if page.number == c.page)
        start = c.sentence_key[1]
        token = _VALUE.match(page.text, start)
        end = token.end() if token else start
        before = page.text[max(0, start - 120, page.text.rfind(". ", 0, start) + 2):start]
        if _SHIFT_BEFORE.search(before) or _SHIFT_AFTER.match(page.text, end) or _RFP_FIGURE.search(before):
            continue
        stop = min(i for i in (*(page.text.find(mark, end) for mark in (". ", ".\n", ";", ", ")), end + 160) if i >= 0)
        if _REJECTED.search(page.text, end, stop):
            continue
        if spec.key == "weeks_to_first_gmp_batch":
            if c.value <= 1 and _CLOCK.match(page.text, end):
                continue
            cell = cell_at(page.cells, start)
            label = page.text[cell.label[0]:cell.label[1]] if cell else ""
            if label and not _BATCH_ROW.search(label):
                continue
        kept.append(c)
    return kept
