"""Dates read by their role: the proposal's own date, the first GMP slot, the last FDA inspection."""

from __future__ import annotations

import rfp_assistant.core.values as p
from rfp_assistant.jobs.extraction.candidates import Candidate, decide, near_cues, quote_between


def read_date(spec, pages):
    def finder(text):
        # A bare year ("expected in 2025") is too vague for an inspection date or a slot.
        return [m for m in p.find_dates(text) if spec.key == "proposal_date" or "year_only" not in m.flags]

    found = near_cues(spec, pages, finder)
    if spec.key == "proposal_date" and not found and pages:
        # Letters open with a bare date line; take the first full date on page 1 that is not a deadline.
        first = pages[0]
        for m in p.find_dates(first.text):
            if not ({"quarter", "half", "year_only", "month"} & m.flags):
                found = [Candidate(m.value, first.number, quote_between(first, m.start, m.end), 0.5)]
                break
    if spec.key == "proposal_date":
        for c in found:
            c.score -= 0.05 * (c.page - 1)  # the proposal's own date is stated early
        found.sort(key=lambda c: -c.score)
    return decide(found, allow_conflict=spec.key != "proposal_date")
