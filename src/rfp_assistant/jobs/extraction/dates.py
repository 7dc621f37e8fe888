"""Dates read by their role: the proposal's own date, the first GMP slot, the last FDA inspection.

A proposal names many dates: its own (the dateline, "Date:"), the RFP's ("RFP dated 2 March", "responses due"),
an earlier revision's, deadlines, inspections. Each field takes the date in its role. Numeric dates such as
05/06/2026 are read in the document's own order: a proposal that also writes 21/02/2026 writes day first.
"""

from __future__ import annotations

import re

import rfp_assistant.core.values as p
from rfp_assistant.jobs.extraction.candidates import Candidate, decide, near_cues, quote_between

_NUMERIC = re.compile(r"(?<![\w/.-])(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})(?![\w/-]|\.\d)")
# The proposal's own date: labelled, or a dateline ("March 30, 2026", "Rotterdam, 19-03-2026") on its own line.
_OWN_LABEL = re.compile(r"(?i)(?:\bdate[ds]?(?:\s+of\s+(?:this\s+)?(?:response|proposal|issue|submission|offer|quotation))?|"
                        r"\bissued|\bplace\s*/\s*date|\bdatum|\bdated)\s*(?:on\s*)?[:\-]?\s*$")
_DATELINE = re.compile(r"^\s*(?:[A-Z][\w'’.-]*(?:[ /]+[A-Z][\w'’.-]*){0,3},?\s*)?$")
# Someone else's date: the RFP's, a deadline, an addendum, an earlier revision, a signing condition.
_OTHERS = re.compile(
    r"(?i)\b(?:rfp|request for proposal|addendum|responses?|due|deadline|requests?|requested|received|clarification|"
    r"supersed\w*|replac\w*|rev(?:ision)?\.?\s*[a-z0-9]\b(?=[^.\n]{0,12}\bof\b)|signed by|valid (?:until|through)|"
    r"expir\w*|founded|established|inspect\w*|slot|package|printed|generated|downloaded|start\w*|manufactur\w*|"
    r"batch\w*|deliver\w*|ship\w*|kick-?off|milestone|award\w*|signature|available|availability|from|effective|"
    r"index\w*|until|till)\b"
)


def date_order(pages) -> str | None:
    """'dmy' or 'mdy' when the document's unambiguous numeric dates show its order, else None."""
    day_first = month_first = 0
    for page in pages:
        for m in _NUMERIC.finditer(page.text):
            first, second = int(m.group(1)), int(m.group(2))
            day_first += first > 12 >= second
            month_first += second > 12 >= first
    if day_first != month_first:
        return "dmy" if day_first > month_first else "mdy"
    return None


def dates_in(text: str, order: str | None) -> list[p.Match]:
    """find_dates, with ambiguous numeric dates read in the document's order."""
    found = p.find_dates(text)
    if order != "dmy":
        return found
    out = []
    for m in found:
        if "ambiguous" in m.flags:
            try:
                m = p.Match(m.value.replace(month=m.value.day, day=m.value.month), m.start, m.end, m.text,
                            m.flags - {"ambiguous"})
            except ValueError:
                pass
        out.append(m)
    return out


def read_date(spec, pages):
    """The date for a date field: the proposal's own date, or the dated fact its cues introduce."""
    order = date_order(pages)
    if spec.key == "proposal_date":
        return _proposal_date(pages, order)

    def finder(text):
        # A bare year ("expected in 2025") is too vague for an inspection date or a slot.
        return [m for m in dates_in(text, order) if "year_only" not in m.flags]

    def judge(match, context, cue):
        # "The slot is held until 31 May": a date closing a hold or an offer is a deadline, not the dated fact.
        before = context[:context.find(match.text)] if match.text in context else ""
        if _DEADLINE.search(before):
            return -0.5
        # "a contract signature in early June 2025": the date of another event named right before it.
        return -0.4 if _OTHER_EVENT.search(before) and not _OTHER_EVENT.search(cue) else 0.0

    return decide(near_cues(spec, pages, finder, judge=judge), allow_conflict=True)


_OTHER_EVENT = re.compile(r"(?i)\b(?:signature|signing|signed|award(?:ed)?|kick-?off|purchase\s+order|\bPO\b|submission|"
                          r"rfp|founded|established|acquired|opened)\b[^.;,\n]{0,25}$")
_DEADLINE = re.compile(r"(?i)\b(?:until|till|through|no\s+later\s+than|deadline|expires?\s+on|before)\s*(?:the\s+)?$")


def _proposal_date(pages, order) -> object:
    found: list[Candidate] = []
    for page in pages[:3]:
        for m in dates_in(page.text, order):
            if {"quarter", "half", "year_only", "month"} & m.flags or page.is_foreign(m.start):
                continue
            line_start = page.text.rfind("\n", 0, m.start) + 1
            before = page.text[line_start:m.start]
            sentence_start = max(page.text.rfind(". ", 0, m.start) + 2, line_start)
            clause = page.text[sentence_start:min(len(page.text), m.end + 40)]
            # Only a label ("Date:"), a dateline or the head of the first page says a date is the proposal's own.
            score = 0.3 - 0.1 * (page.number - 1)
            label = _OWN_LABEL.search(before)
            # "Date:" labels the proposal's date; "RFP ... issued on" labels the RFP's.
            labelled = bool(label) and not _OTHERS.search(page.text, max(0, m.start - 80), line_start + label.start())
            score += 0.5 if labelled else 0.0
            line_end = page.text.find("\n", m.end)
            rest = page.text[m.end:line_end if line_end >= 0 else len(page.text)]
            score += 0.4 if _DATELINE.match(before) and not rest.strip(" \t,.") else 0.0
            score += 0.25 if page.number == 1 and page.text.count("\n", 0, m.start) < 12 else 0.0
            if not labelled and (_OTHERS.search(page.text, max(line_start, m.start - 60), m.start)
                                 or _OTHERS.search(clause[:m.start - sentence_start])):
                score -= 0.8
            found.append(Candidate(m.value, page.number, quote_between(page, m.start, m.end), score))
    found.sort(key=lambda c: (-c.score, c.page))
    return decide(found[:1], allow_conflict=False)  # the first-ranked only: other dates are other roles
