"""Services in the proposed scope: every mention of a service is judged by its own row, list item or sentence.

A scope table says it cell by cell ("Technology transfer | Yes", "Cell line development | Excluded"); a list says
it by its label ("Included: …; Excluded: …"); prose says it in the sentence ("…is outside this
proposal", "shipped to the Sponsor's fill-finish partner"). A service is in scope when one of its mentions puts it
there and that mention is not itself excluded.
"""

from __future__ import annotations

import re

from rfp_assistant.jobs.extraction.candidates import Candidate, Page, list_result
from rfp_assistant.schemas.proposal import FieldResult

_STATUS = re.compile(
    r"(?i)(?<![\w-])(?P<out>no(?![\w-])(?!\s+(?:more|later|less))|excluded|not\s+(?:included|in\s+scope|offered|applicable|"
    r"quoted|part\s+of)|to\s+be\s+(?:confirmed|determined|defined|agreed)|tb[cd](?![\w-])|optional|option(?=\s*[A-Z0-9(])|n/?a(?![\w-])|out\s+of\s+scope)|(?P<in>yes(?![\w-])|included|"
    r"in\s+scope|confirmed|✓|✔)"
)
_OUT_WORDS = re.compile(
    r"(?i)exclu(?:ded|des|sion)|not\s+included|not\s+in\s+scope|out\s+of\s+scope|outside\s+(?:of\s+)?(?:this|the|our)\s+"
    r"(?:proposal|scope|offer|quotation|estimate|budget|statement\s+of\s+work|sow|work\s+packages?)|\boptional\b|\boptions?\s+[A-Z0-9]|add-on|not\s+(?:part\s+of|offered|quoted)|"
    r"on\s+request|quoted\s+separately|separate\s+(?:agreement|proposal|quotation|quote|contract|work\s+order|sow|"
    r"statement\s+of\s+work)|(?:sponsor|client|customer|you)\s+(?:has|have|had)\s+(?:already\s+)?(?:completed|performed|"
    r"done|finished|conducted)\b|(?:sponsor|client|customer)\s+(?:plans?|intends?)\s+to\b|to\s+be\s+(?:confirmed|determined|defined|agreed)|\btb[cd]\b|"
    r"\bif\s+(?:required|requested|needed)\b|(?:sponsor|client|customer)(?:['’]s)?\s+(?:responsibility|responsible)|"
    r"responsibility\s+of\s+(?:the\s+)?(?:sponsor|client|customer)|(?:sponsor|client|customer)\s+(?:will|shall|to)\s+"
    r"(?:perform|provide|conduct|handle|manage|arrange|supply|do)\b|not\s+applicable|by\s+the\s+(?:sponsor|client|customer)|"
    r"(?:sponsor|client|customer)['’]?s?\s+(?:[\w/-]+\s+){0,3}(?:partner|provider|vendor|supplier|cdmo)|"
    r"(?:partner|provider|cdmo|vendor)\s+(?:nominated|designated|selected|chosen)\s+by|"
    r"your\s+(?:[\w/-]+\s+){0,2}(?:partner|provider|vendor|supplier|cdmo)s?\b|third[- ]party|external\s+(?:partner|laborator)|"
    r"(?:partner|provider|vendor|cdmo|supplier)\s+(?:of|chosen\s+by|selected\s+by)\s+(?:your|the\s+(?:sponsor|client|customer))"
)
_IN_LABEL = re.compile(
    r"(?i)(?:confirmed\s+and\s+)?\bincluded\s*:|\bwe(?:['’]re|\s+are)\s+(?:proposing|offering|quoting)\b|\bwe\s+quote\b|\bin\s+scope\s*:|scope\s+(?:of\s+work|comprises|includes)|proposed\s+scope|"
    r"(?:services|activities)\s+(?:are\s+)?included|work\s+packages?|\bwe\s+(?:propose|will\s+perform|will\s+provide|"
    r"will\s+undertake)|(?:our|this|the)\s+(?:proposal|offer|quotation|quote|estimate|bid|price)\s+(?:covers|includes|"
    r"comprises|is\s+for)|\b(?:in\s+scope|included)\s*\?|the\s+proposed\s+(?:services|activities|"
    r"work)|(?m:^\s*(?:\d+\.\s*)?(?:proposed\s+)?scope\b)|proposed\s+(?:programme|program|plan|activities)|"
    r"\bcomprising\b|(?m:^[^\S\n]*(?:wp|work\s+package)\s?\d+\b)|\bdeliverables\b|(?:project|programme|program)\s+(?:plan|timeline|"
    r"schedule)|\bgantt\b|(?m:^[^\S\n]*(?:phase|stage|step)\s?(?:\d+|[IVX]+)\b[^\S\n]*[-–:.)])|"
    r"\b(?:the|this|our)\s+(?:project|programme|program|engagement|work)\s+(?:comprises|includes|covers|consists\s+of)|price\s+(?:breakdown|schedule|summary|includes|covers)|"
    r"\bincluded\s+in\s+(?:this|the|our)\s+(?:proposal|offer|quotation|quote|scope)|"
    r"\bscope\s+(?:(?:that\s+)?(?:you\s+are|we\s+are|being)\s+)quot\w*|\b(?:confirm|describe)\s+(?:the\s+|your\s+)?(?:proposed\s+)?scope\b"
)
_PRICED = re.compile(r"(?:[$€£¥]|\b(?:USD|EUR|CHF|GBP|CAD|JPY|INR|CNY|AUD|SGD)\b)\s?\d|\d[\d,.'’]*\s?(?:USD|EUR|CHF|GBP)\b")
# A row of a price table whose header gives the currency ("Price (AUD)"): its amount is bare ("... 124,500", "124 500").
_BARE_PRICE = re.compile(r"(?<![\w.,])\d{1,3}(?:(?:[,'’\u00a0\u202f]\d{2,3})+|(?: \d{3})+)(?:[.,]\d{2})?[^\S\n]*$", re.M)
_PRICE_COLUMN = re.compile(r"(?i)\b(?:price|amount|cost|fee)s?\b[^\n]{0,20}\((?:USD|EUR|CHF|GBP|CAD|JPY|INR|CNY|AUD|SGD|KRW)\b")
_OUT_LABEL = re.compile(r"(?i)(?:\bexcluded|not\s+included|out\s+of\s+scope|not\s+in\s+scope|optional(?:\s+items)?|"
                        r"\boptions?|\bexclusions)\s*(?:\([^)]{0,40}\))?\s*(?::|(?m:$))")  # "Out of scope:" or a heading line
# "We manufacture AAV ... for clinical and commercial supply", "we can support it, if the program succeeds, into
# commercial supply": the vendor's business or a possible later step, not this proposal's work.
_CAPABILITY = re.compile(
    r"(?i)\b(?:can|could|would|might)\s+(?:also\s+)?(?:support|offer|provide|take|extend|scale|supply|manufacture)\b|"
    r"\bif\s+(?:the|your|this)\s+(?:program|programme|project|product|molecule|candidate)\s+(?:succeeds|progresses|"
    r"advances|is\s+successful)|\bshould\s+(?:the|your|this)\s+(?:program|programme|project|product|molecule|candidate)\b|"
    r"\b(?:can|could|may)\s+be\s+(?:discussed|added|quoted|offered|provided|arranged|agreed)\b|"
    r"\b(?:is|are)\s+(?:also\s+)?available\s+(?:at|from|on|upon|as|if)\b|\bwe\s+(?:manufacture|make|produce)\s+(?!(?:the|your|all|each|one|two|three|four|\d)\b)"
)
_COMMIT = re.compile(r"(?i)\bwe(?:['’]ll|\s+will|\s+shall)\s+(?!not\b|also\s+be\s+happy|be\s+happy|gladly)")
# "Each batch will be tested and released", "the first lot will be placed on stability": the program's material, in
# the vendor's hands, in the future tense (unless the sentence hands it to someone else).
_PASSIVE_COMMIT = re.compile(r"(?i)\b(?:batch(?:es)?|lots?|drug\s+substance|drug\s+product|material|product|samples?)"
                             r"\s+(?:[\w-]+\s+){0,3}?will\s+be\s+(?:[\w-]+\s+){0,1}?\w+ed\b")
_HANDED_OVER = re.compile(r"(?i)\bby\s+(?:the\s+)?(?:sponsor|client|customer|you)\b|\b(?:your|sponsor['’]s)\b|"
                          r"\b(?:shipped|sent|transferred|delivered)\s+to\b")
_LIST_ITEM = re.compile(r"[^\S\n]*(?:[-•▪*\x7f]|\(?[a-z0-9]{1,2}[.)])[^\S\n]+")
_LABEL_REACH = 900  # a label governs the list that follows it, not the rest of the document


def read_services(pages: list[Page], options: dict[str, list[re.Pattern]], negated) -> FieldResult:
    """The services the proposed scope includes, each quoted where the proposal puts it in scope."""
    chosen: dict[str, Candidate] = {}
    carried = False  # the previous page ended inside a scope section that runs on
    for page in pages:
        for name, patterns in options.items():
            if name in chosen:
                continue
            for pattern in patterns:
                # An option ("as an option, … can be added") is offered, not in the proposed scope.
                hit = next((m for m in pattern.finditer(page.text) if not page.is_foreign(m.start())
                            and not any(a <= m.start() < b for a, b in page.options)
                            and not negated(page, m.start(), m.end()) and _in_scope(page.text, m, carried)), None)
                if hit is not None:
                    chosen[name] = Candidate(name, page.number, _row_quote(page.text, hit), 0.8)
                    break
        carried = _scope_section(page.text, len(page.text), carried) is not None
    return list_result(options, chosen)


def _in_scope(text: str, m: re.Match, carried: bool = False) -> bool:
    status = _cell_status(text, m)
    if status is False:
        return False
    label_in = _last(_IN_LABEL, text, m.start())
    if label_in is None:
        label_in = _scope_section(text, m.start(), carried)
    if status and label_in is not None:
        return True  # "Yes" in a scope table; in a capabilities table ("Lyophilization: Yes") it is no scope
    sentence = _sentence(text, m.start(), m.end())
    # "QC release testing, retained samples Stability studies: not in the base scope": a new label ends the item.
    label = _NEXT_LABEL.search(sentence, sentence.find(m.group(0)) + len(m.group(0)))
    if _OUT_WORDS.search(sentence[:label.start()] if label else sentence):
        return False
    if status is None and _CAPABILITY.search(sentence):
        return False  # what the vendor does in general or could do later is no part of the proposed scope
    label_out = _last(_OUT_LABEL, text, m.start())
    if label_out is not None and label_in is not None and "\n" not in text[label_in:label_out]:
        return True  # "Included in this proposal   Not included": two columns run together; each item says which
    if label_out is not None and (label_in is None or label_out > label_in):
        return False  # "Options (not included in the total): ... O2 - IND Module 3 CMC authoring, EUR 95,000"
    if _COMMIT.search(sentence) or (_PASSIVE_COMMIT.search(sentence) and not _HANDED_OVER.search(sentence)):
        return True  # "we'll carry out process development ...": the vendor commits to the work in this very sentence
    if _PRICED.search(_row(text, m)) or (_BARE_PRICE.search(_cells(text, m)) and _PRICE_COLUMN.search(text, 0, m.start())):
        return True  # a priced line of the proposal (options were excluded above) is work the price covers
    return label_in is not None


def _cell_status(text: str, m: re.Match) -> bool | None:
    """Yes/No from the row's status cell: later on the same line, or alone on the next line."""
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    rest = text[m.end():line_end]
    rest = rest[:stop.start()] if (stop := re.search(r"[.;]\s", rest)) else rest  # a cell, not the next sentence
    status = _STATUS.search(rest)
    if status is None:
        next_end = text.find("\n", line_end + 1)
        next_line = text[line_end + 1:next_end if next_end >= 0 else len(text)]
        line_start = text.rfind("\n", 0, m.start()) + 1
        # A table's status cell may sit on the next line; a list item's next line is the next item or a heading.
        if len(next_line.strip()) <= 45 and not _LIST_ITEM.match(text, line_start):
            status = _STATUS.match(next_line.strip())
    if status is None:
        return None
    return status.group("in") is not None


def _row(text: str, m: re.Match) -> str:
    """The mention's line, and the next line when it is a short cell."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    next_end = text.find("\n", line_end + 1)
    next_line = text[line_end + 1:next_end if next_end >= 0 else len(text)]
    return text[line_start:line_end] + ("\n" + next_line if 0 < len(next_line.strip()) <= 45 else "")


def _cells(text: str, m: re.Match) -> str:
    """The mention's line and up to two short lines after it: a table read one cell a line ('Item', 'Fixed', '185,000')."""
    line_end = text.find("\n", m.end())
    if line_end < 0:
        return text[text.rfind("\n", 0, m.start()) + 1:]
    cells = [text[text.rfind("\n", 0, m.start()) + 1:line_end]]
    for line in text[line_end + 1:].split("\n")[:2]:
        if not 0 < len(line.strip()) <= 45:
            break
        cells.append(line)
    return "\n".join(cells)


# "4. Proposed Scope of Work" governs its numbered items (4.1 ... 4.9) until the next top-level section ("5. Timeline"),
# however long they run; a label in running text reaches only the list right after it.
_TOP_HEADING = re.compile(r"(?m)^[^\S\n]*(?:(?:#{1,3}[^\S\n]*)?\d{1,2}\.|#{1,2})[^\S\n]+(?-i:[A-Z])[^\n]{0,70}$")
_SCOPE_TITLE = re.compile(r"(?i)\bscope\b|work\s+packages?|statement\s+of\s+work|proposed\s+(?:services|activities|"
                          r"programme|program|plan|work)|services\s+(?:included|in\s+scope|proposed)")
_NOT_SCOPE_TITLE = re.compile(r"(?i)out\s+of|exclu|option|not\s+(?:in|included)|assum")


def _scope_section(text: str, position: int, carried: bool = False) -> int | None:
    """Where the scope section holding this position starts; 0 when it began on an earlier page."""
    heading = None
    for heading in _TOP_HEADING.finditer(text, 0, position):
        pass
    if heading is None:
        return 0 if carried else None
    title = heading.group(0)
    if len(title.split()) > 9:
        return None  # a numbered sentence, not a heading
    return heading.start() if _SCOPE_TITLE.search(title) and not _NOT_SCOPE_TITLE.search(title) else None


def _last(pattern: re.Pattern, text: str, position: int) -> int | None:
    found = None
    for m in pattern.finditer(text, max(0, position - _LABEL_REACH), position):
        found = m.start()
    return found


_NEXT_LABEL = re.compile(r"\s(?-i:[A-Z])[\w/&-]*(?:\s[\w/&-]+){0,3}:\s")
_CLAUSE_END = re.compile(r"[.;](?=\s)|\n\n|\n(?=\s*[-•\x7f▪*])")


def _sentence(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    left = max(text.rfind(". ", 0, start) + 2, text.rfind(".\n", 0, start) + 2, text.rfind("; ", 0, start) + 2,
               text.rfind("\n\n", 0, start) + 2, line_start if text[line_start:line_start + 2].strip()[:1] in
               "-•\x7f▪*" else 0, start - 200, 0)
    stop = _CLAUSE_END.search(text, end, min(len(text), end + 200))
    right = stop.start() if stop else min(len(text), end + 200)
    if text[line_start:line_start + 3].strip()[:1] in "-•\x7f▪*":
        # A bullet item ends at its line, unless the next line only continues it (starts in lower case).
        line_end = end
        while True:
            line_end = text.find("\n", line_end)
            if line_end < 0 or not text[line_end + 1:line_end + 2].islower():
                break
            line_end += 1
        right = min(right, line_end if line_end >= 0 else len(text))
    return text[left:right]


def _row_quote(text: str, m: re.Match) -> str:
    """The mention's row or list item, verbatim, at most ~200 characters."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    left = max(line_start, text.rfind(". ", line_start, m.start()) + 2, text.rfind("; ", line_start, m.start()) + 2,
               m.start() - 120)
    line_end = text.find("\n", m.end())
    right = min(line_end if line_end >= 0 else len(text), m.end() + 120)
    stop = text.find(". ", m.end(), right)
    right = stop + 1 if stop >= 0 else right
    return " ".join(text[left:right].split()).strip(" ,;:\x7f•")
