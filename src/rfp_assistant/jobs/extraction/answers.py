"""Answer cells: a table row's or a questionnaire's yes/no for the label or question that holds a term.

A capability table prints "Lyophilization | Yes"; a compliance matrix prints the requirement, then its verdict; a
questionnaire prints the question, then "Answer: Yes." on the next line. The answer belongs to the label above it.
"""

from __future__ import annotations

import re

from rfp_assistant.jobs.extraction.boxes import ticked_answer
from rfp_assistant.jobs.extraction.candidates import Page, quote_between
from rfp_assistant.jobs.extraction.hedges import HEDGE_WORDS
from rfp_assistant.jobs.extraction.roles import ANSWER_CELL, CELL


def row_answer(page: Page, start: int, end: int, negated) -> bool | None:
    """The answer cell of the row whose label holds [start, end): yes, no, or None when the row gives none."""
    line = page.line_of(start)
    label = page.text[page.line_starts[line]:page.line_end(line)]
    if len(label) > CELL or label.rstrip().endswith("."):
        return None
    for following in range(line + 1, min(line + 3, len(page.line_starts))):
        cell = page.text[page.line_starts[following]:page.line_end(following)]
        body = _ANSWER_LABEL.sub("", cell, count=1)  # "Answer: Yes. ..." in a questionnaire
        if len(cell) > CELL and body == cell:
            return None
        answer = ANSWER_CELL.match(body)
        if answer:
            return answer.group("yes") is not None and not negated(page, page.line_end(following) - len(body),
                                                                   page.line_end(following))
        if body != cell:
            return None  # the labelled answer says something else
    return None


_ANSWER_LABEL = re.compile(r"(?i)^\s*(?:answer|response|reply|our\s+response|a)\s*[:.\-–]\s*")


def is_question(page: Page, start: int) -> bool:
    """Whether the term sits in a question line ('Will a dedicated project manager be assigned?')."""
    line = page.line_of(start)
    return page.text[page.line_starts[line]:page.line_end(line)].rstrip().endswith("?")


def row_quote(page: Page, m: re.Match) -> str:
    """The row of a table or questionnaire holding `m`: its label line and the next two."""
    line = page.line_of(m.start())
    return quote_between(page, m.start(), page.line_end(min(line + 2, len(page.line_starts) - 1)))


# An answer that answers nothing: "N/A", "TBD", "to be confirmed", "see Annex Q", "–".
_NO_ANSWER = re.compile(rf"(?i)\s*(?:{HEDGE_WORDS}|n\.?\s?/?\s?a\.?|tb[dc]\.?|see\b|[-–—?]+)(?:\s|[.;,(]|$)")
_LABEL_END = re.compile(r"[^\S\n]*(?:[\w\s/()-]{0,40}?)[:|][^\S\n]*|[^\S\n]*\n")


def unanswered(page: Page, end: int) -> bool:
    """Whether a label's answer (after its colon or on the next line) is a non-answer such as N/A or TBD."""
    label = _LABEL_END.match(page.text, end)
    return bool(label) and bool(_NO_ANSWER.match(page.text, label.end()))


# A capability table's tick or cross right after its label: "Electronic batch records ✔ …", "BSL-3 suites ✘ …".
_MARK = re.compile(r"[^\n✔✓☑✅✘✗☒❌]{0,30}?(?:(?P<yes>[✔✓☑✅])|(?P<no>[✘✗☒❌]))")


def mark_answer(page: Page, end: int) -> bool | None:
    """The tick (True) or cross (False) that follows a label within a few characters, or None; a questionnaire's
    ticked box ('☒ Yes ☐ No') is the answer it ticks, never a cross."""
    return mark_after(page.text, end)


def mark_after(text: str, end: int) -> bool | None:
    """The tick (True) or cross (False) within a few characters after `end` of `text`, or None."""
    ticked = ticked_answer(text, end)
    if ticked is not None:
        return ticked
    m = _MARK.match(text, end)
    if not m:
        return None
    return m.group("yes") is not None
