"""Regulatory approvals: agencies named in sentences about approved products, or under an approving-agencies heading."""

from __future__ import annotations

import re

from rfp_assistant.jobs.extraction.candidates import Candidate, Page, quote_between
from rfp_assistant.jobs.extraction.columns import cells_under
from rfp_assistant.jobs.extraction.hedges import question_answer
from rfp_assistant.schemas.proposal import Evidence, FieldResult

_APPROVAL = re.compile(r"\bapprov\w*", re.I)
_NO_APPROVAL = re.compile(r"\b(?:none|no|not(?: yet)?|never)\b[^.;:|\x7f]{0,70}$", re.I)


def read_approvals(pages: list[Page], options: dict[str, list[re.Pattern]], sentence, sentence_quote) -> FieldResult:
    """Agencies named in sentences about approved products (or in the cells under an "Approving agencies" heading);
    an explicit "none approved yet" is an empty list."""
    chosen: dict[str, Candidate] = {}
    denials: list[Candidate] = []
    for page in pages:
        # Table rows under an "Approving agencies" heading are read by that column, not as a caption's sentence.
        rows = [c.row for m in _APPROVAL.finditer(page.text) for c in cells_under(page.cells, m.start())]
        for m in _APPROVAL.finditer(page.text):
            if page.is_foreign(m.start(), record=True) or page.is_elsewhere(m.start()):
                continue
            if re.search(r"pre-?$", page.text[max(0, m.start() - 4):m.start()], re.I):
                continue  # a pre-approval inspection is not an approval
            column = cells_under(page.cells, m.start())
            for cell in column:  # an "Approving agencies" heading: its column's cells name them
                for name, patterns in options.items():
                    if name not in chosen and any(p.search(cell.text) for p in patterns):
                        chosen[name] = Candidate(name, page.number, quote_between(page, m.start(), cell.end), 0.8)
            left, right = sentence(page, m.start(), m.end())
            right = max(right, _answer_end(page, m.start()))
            if column or any(a < right and left < b for a, b in rows):
                continue
            if page.is_foreign(m.start()) and not re.search(r"(?i)\b(?:we|our)\b", page.text[left:right]):
                continue  # a track record's rows are other clients' products; "we manufacture … approved by" is ours
            quote = sentence_quote(page, m.start(), m.end())
            if _NO_APPROVAL.search(page.text[left:m.start()]):
                denials.append(Candidate([], page.number, quote, 0.8))
                continue
            for name, patterns in options.items():
                hit = next((h for p in patterns for h in p.finditer(page.text, left, right)
                            if not page.is_unanswered(h.start())), None) if name not in chosen else None
                if hit:  # the quote reaches the agency it names, however long the sentence
                    chosen[name] = Candidate(name, page.number, sentence_quote(
                        page, min(m.start(), hit.start()), max(m.end(), hit.end())), 0.8)
    if chosen:
        values = [name for name in options if name in chosen]
        evidence = []
        for candidate in chosen.values():
            if all(e.quote != candidate.quote for e in evidence):
                evidence.append(Evidence(page=candidate.page, quote=candidate.quote))
        return FieldResult(value=values, status="stated", evidence=evidence, confidence=0.75)
    if denials:
        return FieldResult(value=[], status="stated", evidence=[Evidence(page=denials[0].page, quote=denials[0].quote)],
                           confidence=0.6)
    return FieldResult()


def _answer_end(page: Page, position: int) -> int:
    """A question asked and answered on one line reads on into its answer: the agencies are named there."""
    line = page.line_of(position)
    start = page.line_starts[line]
    answer = question_answer(page.text[start:page.line_end(line)])
    return page.line_end(line) if answer is not None and position < start + answer else position
