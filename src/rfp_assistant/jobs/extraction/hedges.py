"""Questions answered with a hedge: "Proposal validity: TBD", a questionnaire row whose response reads "Price upon
request", a line of figures the vendor marks "to be confirmed".

A row or a question answered TBD, to be confirmed, on request or N/A states nothing: the figures in its label or in
another of its cells (the RFP's target, a budget, the scale asked about) are not the vendor's answer, so the whole
row is read as not stated.
"""

from __future__ import annotations

import re

# An answer that gives nothing yet, at the start of a cell or after a label's colon.
HEDGE_WORDS = (
    r"(?:tb[dca]\b|t\.b\.[dca]\.?|to\s+be\s+(?:confirmed|agreed|defined|determined|discussed|decided|advised|"
    r"provided|quoted|communicated|finali[sz]ed|negotiated|clarified|assessed|evaluated|specified|established|"
    r"announced|shared|submitted)\b|pending\b|(?:(?:price|pricing|quote|quotation|details?|information|data)\s+)?"
    r"(?:available\s+|provided\s+|quoted\s+|given\s+)?(?:up)?on\s+request\b|p\.?o\.?a\.?\b|n\.?\s?/\s?a\b\.?|"
    r"not\s+(?:applicable|disclosed|known|yet\s+(?:known|available|confirmed|defined|determined|decided|"
    r"fixed|scheduled|quoted|priced)|quoted|priced|provided|specified|determined|confirmed|defined)\b|"
    r"(?:we\s+)?(?:prefer\s+not|decline|are\s+unable|cannot|can\s*not)\s+(?:to\s+)?(?:disclose|share|commit|confirm|"
    r"quote)\b|under\s+(?:review|discussion|evaluation|assessment)\b|will\s+be\s+(?:confirmed|provided|"
    r"quoted|communicated|advised|defined|determined|agreed|shared)\b|unknown\b)")
HEDGE = re.compile(rf"(?i){HEDGE_WORDS}")
_ANSWER_LABEL = re.compile(r"(?i)^[^\S\n]*(?:answer|response|reply|our\s+response|vendor\s+response|a)[^\S\n]*[:.\-–][^\S\n]*")
_BULLET = re.compile(r"[^\S\n]*(?:[☐☒☑✓✔✗✘x*•▪\-–]|\[[ xX✓]?\])?[^\S\n]*")
_CELL_GAP = re.compile(r"\S+(?: {1,2}\S+)*")  # a layout cell: words at most two spaces apart
MAX_HEDGE_LINE = 80  # a hedge cell or answer line is short; a longer line is prose that says more
MAX_ROW_LINES = 8  # cells of one row, one per line in the page text
MAX_LABEL = 120


def hedge_at(text: str, start: int = 0) -> re.Match | None:
    """The hedge answering at `start` of `text` (after a checkbox or 'Answer:' label), or None; an answer that only
    points to a document the reader does not have ('See attachment 3') answers nothing either."""
    label = _ANSWER_LABEL.match(text, start)
    position = label.end() if label else start
    position = _BULLET.match(text, position).end()
    return HEDGE.match(text, position) or _POINTER.match(text, position)


# An answer that sends the reader to another document: 'See attachment 3', 'Refer to the pricing workbook'.
_POINTER = re.compile(r"(?i)(?:see|refer\s+to|as\s+per|per|please\s+see|please\s+refer\s+to)\s+(?:the\s+)?(?:attached\s+|"
                      r"separate\s+|enclosed\s+)?(?:[\w-]+\s+){0,2}?(?:attachments?|annex(?:es)?|appendi(?:x|ces)|"
                      r"exhibits?|enclosures?|workbooks?|spreadsheets?|files?|documents?)\b[^.;\n]{0,30}?(?:[.;]|$)")
# A questionnaire line that asks and answers at once: its item number, the question's one sentence, then the answer.
_QUESTION_LINE = re.compile(r"[^\S\n]*(?:Q[-.\s]?)?[A-Z]{0,3}[-.]?\d{1,3}(?:\.\d{1,3})*\*?[^\S\n]+[A-Z][^\n?]{5,150}?[.?][^\S\n]+")


def unanswered_spans(text: str, layout: str = "") -> list[tuple[int, int]]:
    """Spans of `text` that ask or label something and answer it with a hedge: such a row states no value."""
    spans: list[tuple[int, int]] = []
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    rows = _layout_rows(layout)
    for n, start in enumerate(starts):
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(text)
        line = text[start:end]
        if not line.strip():
            continue
        inline = None if _ANSWER_LABEL.match(line) else _inline_answer(line)
        if inline is not None:
            # "Pricing: on request for extra batches; base scope EUR 2.1M": the hedge answers up to its clause's end,
            # and only its own label ("... FDA, EMA and Health Canada. MHRA: N/A" leaves the agencies answered).
            stop = re.search(r";\s|\.\s+(?=[A-Z])", line[inline:])
            label = _label_start(line, inline)
            spans.append((start + label, start + inline + stop.start() if stop else end))
        elif hedge_at(line) and (_ANSWER_LABEL.match(line) or len(line.strip()) <= MAX_HEDGE_LINE and _whole_answer(line)):
            # "Response: TBD pending the process description. For reference, ... took 12 to 16 weeks": an answer
            # that opens with a hedge gives no value, whatever it adds for reference.
            key = _key(line)
            first_cell = next((row for row in rows if row[0] == key), None)
            if first_cell:
                rows.remove(first_cell)  # rows are met in reading order: each layout row answers one text line
            first = _row_start(text, starts, n, first_cell[1] if first_cell else None)
            if first is not None:
                spans.append((starts[first], end))
    return spans


def question_answer(line: str) -> int | None:
    """Where the answer starts in a questionnaire line that asks and answers at once ('E.04 Agencies that have
    approved products filled at the site. FDA, EMA and Health Canada.'), or None for any other line."""
    question = _QUESTION_LINE.match(line)
    return question.end() if question and question.end() < len(line.rstrip()) else None


def _label_start(line: str, answer: int) -> int:
    """Where the label answered at `answer` starts: after the last sentence that ends before it, else the line's
    start (a questionnaire's question, 'D.02* Total price for the quoted scope. See attachment 3.', is the label)."""
    if _QUESTION_LINE.match(line) and not re.search(r":\s*$", line[:answer]):
        return 0
    ends = [m.end() for m in re.finditer(r"[.;]\s+(?=[A-Z(])", line[:answer])]
    return ends[-1] if ends else 0


def _whole_answer(line: str) -> bool:
    """A hedge cell says nothing else worth keeping: no figure after the hedge ("TBD (approx. 12 weeks)" keeps none)."""
    return len(line.split()) <= 12


def _inline_answer(line: str) -> int | None:
    """Where a one-line 'label: hedge' or 'label | ... | hedge' answer starts, or None."""
    cells = [c for c in re.split(r"[^\S\n]\|[^\S\n]|\t", line) if c.strip()]
    if len(cells) >= 2 and hedge_at(cells[-1]) and len(cells[-1].strip()) <= MAX_HEDGE_LINE:
        return len(line) - len(cells[-1])
    for colon in re.finditer(r":[^\S\n]+|:$", line):  # "Transfer (RFP target: 10 weeks): to be confirmed"
        if 2 <= colon.start() <= MAX_LABEL and hedge_at(line, colon.end()):
            return colon.end()
    question = _QUESTION_LINE.match(line)  # "C.05* Time from purchase order to first GMP batch. To be confirmed."
    if question and hedge_at(line, question.end()):
        return question.end()
    return None


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


def _layout_rows(layout: str) -> list[tuple[str, str]]:
    """(last cell, first cell) of each layout row of two or more cells ending in a hedge, in reading order."""
    rows = []
    for line in layout.split("\n"):
        cells = [m.group(0) for m in _CELL_GAP.finditer(line)]
        if len(cells) >= 2 and hedge_at(cells[-1]):
            rows.append((_key(cells[-1]), _key(cells[0])))
    return rows


def _row_start(text: str, starts: list[int], n: int, first_cell: str | None) -> int | None:
    """The line where the row answered by line `n` starts: the line opening with the row's first cell when the
    layout shows it, else the label or question line right above."""
    if first_cell:
        for k in range(n - 1, max(n - MAX_ROW_LINES, -1), -1):
            if _key(text[starts[k]:starts[k + 1]]).startswith(first_cell[:40]):
                return k
        return None
    if n == 0:
        return None
    above = text[starts[n - 1]:starts[n]].strip()
    if not above or len(above) > MAX_LABEL or (above.endswith(".") and not above.endswith("?")):
        return None
    return n - 1
