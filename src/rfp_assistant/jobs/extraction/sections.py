"""Sections by role: a section whose heading or opening sentence says whose words or whose programs it holds.

"2. Requirements (restated from the RFP)" or "The following text is reproduced from the client's RFP" makes the
whole section the sponsor's words; "The following examples come from other clients' programmes" makes it another
client's figures. The role lasts to the next section of the same level, across page breaks, while a heading only
continues it ("2. Requirements (continued)").
"""

from __future__ import annotations

import re
from collections import Counter

# A section heading: "2. Scope", "2.1 Background", "Annex A – Terms", alone on its line and not a sentence.
_HEADING = re.compile(r"(?m)^[^\S\n]*(?:(?P<number>\d{1,2})(?:\.\d{1,2})*\.?|(?P<annex>annex|appendix|schedule|exhibit|section|part|chapter)"
                      r"[^\S\n]+(?P<letter>[A-Z0-9]{1,2})\b[^\S\n]*[-–—:.]?)[^\S\n]+(?P<title>(?-i:[A-Z])[^\n]{0,90})$", re.I)
_SPONSOR_DECLARED = re.compile(
    r"(?i)\b(?:reproduced|restated|restates|quoted|copied|repeated|verbatim|extracted|taken)\b[^.\n]{0,40}?\b(?:from|of)\b"
    r"[^.\n]{0,50}?\b(?:rfp|rfq|request\s+for\s+(?:proposal|quotation)|tender|invitation\s+to|specification|brief)\b"
    r"|\bdescribes?\s+(?:the\s+)?[\w’'-]+\s+requirements?,?\s+not\b")
# "The following examples come from other clients' programmes", "These case studies are not part of this offer".
_OTHERS_DECLARED = re.compile(
    r"(?i)^[^.]{0,60}\b(?:following|below|these|this\s+section)\b[^.]{0,80}?(?:\bother\s+(?:clients|customers|sponsors)['’]?"
    r"(?:\s|$)|\bnot\s+part\s+of\s+this\s+(?:offer|proposal|quotation|quote)\b)")
# A section that answers as well as quotes is the vendor's: its heading or opening says so.
_ANSWERS = re.compile(r"(?i)\b(?:responses?|answers?|reply|replies|comments?|compliance|our\s+position)\b"
                      r"(?!\s+(?:in|at|under)\s+(?:section|part|chapter|annex)\b)")
_CONTINUED = re.compile(r"(?i)\(?\bcont(?:inued|'d|\.)\)?")
INTRO = 400  # the opening a section declares its role in


def declared_spans(texts: list[str]) -> tuple[list[list[tuple[int, int]]], list[list[tuple[int, int]]]]:
    """Per page: (sponsor's-words spans, other-clients spans) of sections that declare their role."""
    sponsor = [[] for _ in texts]
    others = [[] for _ in texts]
    open_role: tuple[str, str] | None = None  # (role, section number) carried over a page break
    for index, text in enumerate(texts):
        start = 0
        role = open_role
        for heading in _HEADING.finditer(text):
            number = _number(heading)
            if role and (number.startswith(role[1] + ".") or number == role[1] and _CONTINUED.search(heading.group("title"))):
                continue  # a subsection or a continuation: the role goes on
            if role:
                (sponsor if role[0] == "sponsor" else others)[index].append((start, heading.start()))
            declared = _declared(text, heading)
            role = (declared, number) if declared else None
            start = heading.start()
            if declared == "sponsor" and (close := _quoted_passage_end(text, heading)):
                sponsor[index].append((start, close))  # "The following paragraph is quoted …: "…"" ends with the quote
                role = None
        if role:
            (sponsor if role[0] == "sponsor" else others)[index].append((start, len(text)))
        open_role = role
    return sponsor, others


def _number(heading: re.Match) -> str:
    """'2.4' of '2.4 Scale', 'A' of 'Annex A – Terms'."""
    if heading.group("annex"):
        return heading.group("letter").upper()
    return re.match(r"\s*([\d.]+?)\.?(?=\s)", heading.group(0)).group(1)


_OPENING_QUOTE = re.compile(r"[^\S\n]*\n?[^\S\n]*[\"“]")
_CLOSING_QUOTE = re.compile(r"(?<=\S)(?:\"(?![^\s.,;:)\]!?])|”)")


def _quoted_passage_end(text: str, heading: re.Match) -> int | None:
    """Where a passage the section's opening declares as quoted ('is quoted from the RFP: "…"') closes its quote."""
    declaration = _SPONSOR_DECLARED.search(text, heading.end(), heading.end() + INTRO)
    if not declaration:
        return None
    stop = re.compile(r"[:.](?=\s)|\n").search(text, declaration.end())
    opening = stop and _OPENING_QUOTE.match(text, stop.end())
    if not opening:
        return None
    closing = _CLOSING_QUOTE.search(text, opening.end(), opening.end() + 1500)
    return closing.end() if closing else None


def _declared(text: str, heading: re.Match) -> str | None:
    title = heading.group("title")
    intro = text[heading.end():heading.end() + INTRO]
    intro = intro[:m.start()] if (m := _HEADING.search(intro)) else intro
    if _ANSWERS.search(title):
        return None
    if _SPONSOR_DECLARED.search(title) or (_SPONSOR_DECLARED.search(intro) and not _ANSWERS.search(intro)):
        return "sponsor"
    if _OTHERS_DECLARED.search(intro.lstrip()):
        return "others"
    return None


# -- a response table's requirement column -----------------------------------------------------------------------

# Column headers: one naming the sponsor's requirement, one soon after naming the vendor's response.
_REQUIREMENT_HEADER = re.compile(r"(?im)^[^\S\n]*(?:(?:the\s+)?(?:rfp|rfq|sponsor['’]?s?|client['’]?s?|customer['’]?s?|your|"
                                 r"tender)\s+)?requirements?\b[^\n]{0,30}$")
_RESPONSE_HEADER = re.compile(r"(?i)\b(?:response|answer|reply|proposal|offer|comments?|position)\b")
_ROW_REF = re.compile(r"(?m)^[^\S\n]*(?:[A-Z]{0,3}[-.]?\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z]\.\d{1,2}(?:\.\d{1,2})?)\.?[^\S\n]*$")
_ANSWER_START = re.compile(r"(?i)^\s*(?:yes|no|partly|partially|n/?a|compliant|not\s+compliant|confirmed)\b")
MAX_CELL_LINES = 4


def requirement_column_spans(text: str) -> list[tuple[int, int]]:
    """The requirement cells of a table with a reference column, a requirement column and a response column (one
    cell per line): the lines after each row's reference up to the first line wider than any first requirement line.
    """
    header = _REQUIREMENT_HEADER.search(text)
    if not header or not _RESPONSE_HEADER.search(text, header.end(), header.end() + 120):
        return []
    refs = list(_ROW_REF.finditer(text, header.end()))
    # The reference column numbers its rows alike ("2.2", "2.3"): a lone "30" ending a wrapped cell is not a row.
    shapes = Counter(_shape(ref.group(0)) for ref in refs)
    rows = []
    for ref in refs:
        lines = text[ref.end() + 1:].split("\n", MAX_CELL_LINES + 1)[:MAX_CELL_LINES + 1]
        if shapes[_shape(ref.group(0))] == max(shapes.values()) and lines and lines[0].strip() and \
                not _ANSWER_START.match(lines[0]):
            rows.append((ref.end() + 1, lines))
    if len(rows) < 2:
        return []
    width = max(len(lines[0].rstrip()) for _, lines in rows)
    spans = []
    for start, lines in rows:
        end = start + len(lines[0])
        for previous, line in zip(lines, lines[1:MAX_CELL_LINES]):
            if not line.strip() or len(line.rstrip()) > width or previous.rstrip().endswith((".", ":")) or \
                    _ANSWER_START.match(line) or \
                    _ROW_REF.fullmatch(line) and shapes[_shape(line)] == max(shapes.values()):
                break
            end += 1 + len(line)
        spans.append((start, end))
    return spans


def _shape(ref: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"[A-Z]+", "A", ref.strip()))


# -- a revision's comparison table ----------------------------------------------------------------------------

_OLD_COLUMN = re.compile(r"(?i)^[^\S\n]*(?:rev(?:ision)?\.?[^\S\n]*[0-9A-Z]{1,3}\b|v(?:ersion)?[^\S\n]*\d+(?:\.\d+)?\b|previous|"
                         r"original|earlier|former|old|was\b)[^\n]{0,30}$")
_NEW_COLUMN = re.compile(r"(?i)^[^\S\n]*(?:rev(?:ision)?\.?[^\S\n]*[0-9A-Z]{1,3}\b|v(?:ersion)?[^\S\n]*\d+(?:\.\d+)?\b|revised|"
                         r"current|new|now\b|updated|this\s+(?:offer|proposal|revision))[^\n]{0,40}$")
_CELL_VALUE = re.compile(r"\d")


def superseded_cells(text: str) -> list[tuple[int, int]]:
    """The old column of a table comparing a revision with the one before it ("Rev. 00 | Rev. 01 (this offer)"):
    in each row the first of two figures side by side is the superseded one."""
    spans = []
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"(?m)^[^\n]*", text)]
    index = 0
    while index < len(lines):
        start, line = lines[index]
        if not (_OLD_COLUMN.match(line) and any(_NEW_COLUMN.match(other) and other.strip() != line.strip()
                                                for _, other in lines[index + 1:index + 3])):
            index += 1
            continue
        row = index + 2
        while row + 1 < len(lines):
            cell_start, cell = lines[row]
            if _HEADING.match(cell) and re.match(r"(?i)\s*(?:\d+\.|annex|appendix)", cell) or (len(cell.split()) >= 8 and cell.rstrip().endswith(".")):
                break  # the table ended: a heading or a sentence
            following = lines[row + 1][1]
            if _CELL_VALUE.search(cell) and _CELL_VALUE.search(following) and len(cell) <= 50 and len(following) <= 50:
                spans.append((cell_start, cell_start + len(cell)))
                row += 2
                continue
            row += 1
        index = row
    return spans


# -- a letter's addressee block ---------------------------------------------------------------------------------

_SALUTATION = re.compile(r"(?im)^[^\S\n]*(?:dear|hello|hi)\b[^\n]{0,60}$")
_TO_OPENER = re.compile(r"(?im)^[^\S\n]*(?:to\b[,:]?|kind\s+attn|attn\.?|attention|for\s+the\s+attention\s+of)[^\n]{0,80}$")
_BLOCK_END = re.compile(r"(?i)^\s*(?:re|sub(?:ject)?|ref(?:erence)?)\s*[:.]|^\s*(?:dear|hello|hi)\b")
_DATE_LINE = re.compile(r"(?i)\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?,?\s+\d{4}\b|\b[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}\b|"
                        r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|^\s*date\s*:")
MAX_BLOCK = 8  # lines an address block runs to


def addressee_block(text: str) -> list[tuple[int, int]]:
    """The addressee's name and address at the head of a letter (after 'To,' or between the dateline and 'Dear'):
    the places in it are the sponsor's, not sites of the offer."""
    opener = _TO_OPENER.search(text, 0, 1500)
    if opener:
        end = opener.end()
        for line in re.finditer(r"\n([^\n]*)", text[opener.end():]):
            if _BLOCK_END.match(line.group(1)) or _not_address(line.group(1)) or \
                    text.count("\n", opener.end(), opener.end() + line.end()) > MAX_BLOCK:
                break
            end = opener.end() + line.end()
        return [(opener.start(), end)]
    salutation = _SALUTATION.search(text, 0, 2500)
    if not salutation:
        return []
    lines = text[:salutation.start()].rstrip("\n").split("\n")
    while lines and _BLOCK_END.match(lines[-1]):
        lines.pop()  # "Re: ..." between the address and the salutation is the letter's subject
    block = []
    for line in reversed(lines[-MAX_BLOCK:]):
        if _not_address(line):
            break
        block.append(line)
    else:
        return []  # no dateline or blank line closes it: the block may run into the letterhead
    if not block:
        return []
    end = sum(len(line) + 1 for line in lines)
    return [(max(end - sum(len(line) + 1 for line in block), 0), end)]


def _not_address(line: str) -> bool:
    """A line that cannot be part of an address block: blank, a dateline, a sentence, or long."""
    return not line.strip() or bool(_DATE_LINE.search(line)) or len(line) > 70 or \
        (line.rstrip().endswith(".") and len(line.split()) > 4)


_POSTSCRIPT = re.compile(r"(?m)^[^\S\n]*P\.?[^\S\n]?P?\.?[^\S\n]?S\.?[^\S\n]*[:.-]?[^\S\n]+(?=[A-Z])")


def postscript_start(text: str) -> int | None:
    """Where a letter's P.S. begins ('P.S. Having slept on it: ...'), or None."""
    m = _POSTSCRIPT.search(text)
    return m.start() if m else None


# Another manufacturer's record: the sponsor's previous or current CDMO ("your previous CDMO completed transfer in
# 14 weeks") reports that party's figures, not this offer's.
_OTHER_MAKER = re.compile(r"(?i)\b(?:your|the\s+(?:sponsor|client|customer)['’]?s?|their)\s+(?:\w+\s+){0,1}(?:previous|current|"
                          r"former|existing|incumbent|original|prior)\s+(?:cdmo|cmo|vendor|manufacturer|supplier|partner|"
                          r"contract\s+manufacturer)|\bthe\s+incumbent\b|\b(?:previous|former|incumbent)\s+(?:cdmo|cmo|"
                          r"manufacturer|contract\s+manufacturer)\b")


def other_maker_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences about the sponsor's previous or current manufacturer: that party's figures."""
    spans = []
    for m in _OTHER_MAKER.finditer(text):
        start = max(text.rfind(". ", 0, m.start()) + 2, text.rfind("\n", 0, m.start()) + 1)
        stop = re.compile(r"\.(?=\s)|\n").search(text, m.end())
        spans.append((start, stop.end() if stop else len(text)))
    return spans
