"""Assumptions and exclusions: each stated once, as its own list item, sentence or table row."""

from __future__ import annotations

import re

from rfp_assistant.jobs.extraction.candidates import Candidate, Page
from rfp_assistant.schemas.proposal import Evidence, FieldResult

MAX_ASSUMPTIONS = 12
_ITEM = re.compile(r"[^\S\n]*(?:[-–•▪*\x7f\uf0b7]|\(?(?:[a-z0-9]{1,2}|[ivx]{1,4})[.)])[^\S\n]+(?=\S)")
_ENUMERATED = re.compile(r"[^\S\n]*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)][^\S\n]")
# A cell that only gives a row's status; its row's label is the line above when a table is laid out a cell a line.
_STATUS_CELL = re.compile(r"(?i)(?:yes|no|n/?a|optional|included|excluded|not\b|out\b|by\b|sponsor|client)")
_NUMBERED_HEADING = re.compile(r"[^\S\n]*\d+(?:\.\d+)*\.?[^\S\n]+[A-Z]")
_SENTENCE_STOP = re.compile(r"[.!?](?=\s)")
_WORD_STOP = re.compile(r"(?<=[A-Za-z)]{2})[.!?](?=\s)")  # a sentence ends inside; not "10. Assumptions"


def read_assumptions(spec, pages: list[Page], vendor_words: set[str] = frozenset()) -> FieldResult:
    """The proposal's assumptions and exclusions, one entry per statement, none repeated: the sentences, list
    items and table rows the field's cues mark, and what the sponsor is to supply."""
    found: list[Candidate] = []
    running, vendors = _running_lines(pages), set(vendor_words)
    for page in pages:
        for n, line_start in enumerate(page.line_starts):
            bullet = _ITEM.match(page.text, line_start)
            for start, end in _sentences(page.text, bullet.end() if bullet else line_start, page.line_end(n)):
                if not _sponsor_supplies(page.text, start, vendors) or page.is_foreign(start):
                    continue
                _add(found, " ".join(page.text[start:end].split()).strip(" ,;:-–"), page.number)
        listed: list[tuple[int, int]] = []
        for cue in spec.cues:
            for m in cue.finditer(page.text):
                if page.is_foreign(m.start()) or any(a <= m.start() < b for a, b in listed):
                    continue  # an item of a list already read ("- Shipping and VAT are excluded.")
                items = _items_under(page, m.start()) or _list_holding(page, m.start(), spec.cues)
                listed += items if len(items) >= 2 else []
                for start, end in items if len(items) >= 2 else _statements_at(page, m.start(), running):
                    quote = " ".join(page.text[start:end].split()).strip(" ,;:-–")
                    if len(quote) > 20 and _says_something(quote, spec.cues):
                        _add(found, quote, page.number)
    if not found:
        return FieldResult()
    found = found[:MAX_ASSUMPTIONS]
    return FieldResult(value=[c.quote for c in found], status="stated", confidence=0.6,
                       evidence=[Evidence(page=c.page, quote=c.quote) for c in found])


def _sponsor_supplies(text: str, start: int, vendor_words: set[str]) -> bool:
    """Whether the sentence at `start` has the sponsor supplying an input: its subject is the sponsor by role
    ("The Sponsor will provide", "you supply") or a named party other than the vendor ("Bellwether supplies")."""
    m = _SUPPLY.match(text, start)
    return bool(m) and (m.group("name") is None or m.group("name").casefold() not in vendor_words | _NOT_PARTY)


_SUPPLY = re.compile(r"(?:(?i:(?:the\s+)?(?:sponsor|client|customer)|you)|(?P<name>[A-Z][A-Za-z'’-]{2,}))"
                     r"(?:'s)?\b[^.\n]{0,40}?\b(?i:(?:will\s+|shall\s+|is\s+to\s+|to\s+)?"
                     r"(?:supplies|provides|furnishes|delivers|supply|provide|furnish|deliver))\b")
_NOT_PARTY = {"we", "our", "this", "the", "each", "all", "pricing", "price", "prices", "who", "which"}


def _says_something(quote: str, cues) -> bool:
    """More than a heading naming the topic ("Key assumptions and exclusions", "# Assumption / exclusion")."""
    words = [w for w in re.findall(r"[A-Za-z]{3,}", quote) if not any(cue.search(w) for cue in cues)]
    return any(w.lower() not in _HEADING_WORDS for w in words)


_HEADING_WORDS = {"key", "and", "main", "general", "other", "list", "all", "the", "our", "your", "project",
                  "proposal", "commercial", "technical"}


def _add(found: list[Candidate], quote: str, page: int) -> None:
    """List a statement once: one met by two cues, or read once whole and once in part, keeps its whole reading."""
    for n, earlier in enumerate(found):
        if earlier.page == page and (quote in earlier.quote or earlier.quote in quote):
            if len(quote) > len(earlier.quote):
                found[n] = Candidate(quote, page, quote, earlier.score)
            return
    found.append(Candidate(quote, page, quote, 0.7))


def _items_under(page: Page, position: int) -> list[tuple[int, int]]:
    """The items of the bulleted list right under a heading line holding `position` ("6. Assumptions", "What's not
    included"), each from after its bullet to its end (a wrapped item's next lines included)."""
    line = page.line_of(position)
    heading = page.text[page.line_starts[line]:page.line_end(line)].strip()
    if _is_item(heading):
        return []  # an item itself, not a heading
    enumerated = line + 1 < len(page.line_starts) and _ENUMERATED.match(page.text, page.line_starts[line + 1])
    if len(heading.split()) > (12 if enumerated else 6 if heading.endswith(".") else 8):
        return []  # a sentence, not a heading or a request ("C.14 List all assumptions.") over an a), b) list
    items: list[list[int]] = []
    for n in range(line + 1, len(page.line_starts)):
        start, end = page.line_starts[n], page.line_end(n)
        text = page.text[start:end].strip()
        bullet = _ITEM.match(page.text, start) if _is_item(page.text[start:end]) else None
        if bullet:
            items.append([bullet.end(), end])
        elif items and text and (text[:1].islower() or (page.text[items[-1][1] - 1] not in ".;:" and
                                                         not _NUMBERED_HEADING.match(text))):
            items[-1][1] = end  # the item's text wrapped onto this line
        else:
            break
        if len(items) >= MAX_ASSUMPTIONS:
            break
    return [(a, b) for a, b in items]


def _list_holding(page: Page, position: int, cues) -> list[tuple[int, int]]:
    """The whole list an item at `position` belongs to, when the list's own heading names assumptions or
    exclusions (an answer's a)-e) under the sponsor's "List all assumptions"); else nothing."""
    line = page.line_of(position)
    if not _is_item(page.text[page.line_starts[line]:page.line_end(line)]):
        return []
    def text(n: int) -> str:
        return page.text[page.line_starts[n]:page.line_end(n)] if n >= 0 else ""

    while line > 0 and (_ITEM.match(text(line - 1)) or
                        (_ITEM.match(text(line - 2)) and text(line - 2).rstrip()[-1:] not in ".;:")):
        line -= 1  # up over the list's items and their wrapped lines
    heading = text(line - 1)
    if not any(cue.search(heading) for cue in cues):
        return []
    return _items_under(page, page.line_starts[line - 1])


def _statements_at(page: Page, position: int, running: set[str]) -> list[tuple[int, int]]:
    """The statements a cue at `position` stands for: under a heading, the lines below it (table rows or
    paragraphs, one statement each); in a table laid out one cell a line, the row's label and its status cell;
    otherwise the sentence holding it (lines are whole paragraphs or table rows here)."""
    line = page.line_of(position)
    start, end = page.line_starts[line], page.line_end(line)
    text = page.text[start:end].strip()
    above = page.text[page.line_starts[line - 1]:start].strip() if line > 0 else ""
    below = page.text[end:page.line_end(line + 1)].strip() if line + 1 < len(page.line_starts) else ""
    if _is_cell(text) and (_NUMBERED_HEADING.match(text) or (below and not _is_cell(below))):
        return _body_under(page, line, running)
    if _STATUS_CELL.match(text) and _is_cell(text) and not text.endswith(":") and _is_cell(above) and \
            (not below or _is_cell(below)):
        return [(page.line_starts[line - 1], end)]  # "Cell line development" / "Excluded (own clone)": one row
    for left, right in _sentences(page.text, start, end):
        if left <= position < right:
            return [(left, right)]
    return [(start, end)]


def _body_under(page: Page, line: int, running: set[str]) -> list[tuple[int, int]]:
    """The statements under a heading line, up to the next heading: each row or sentence of at least four words
    (row numbers and column headings are not statements; nor are the page's running header and footer)."""
    spans: list[tuple[int, int]] = []
    lines = [page.text[page.line_starts[n]:page.line_end(n)].strip() for n in range(line + 1, len(page.line_starts))]
    if lines and re.fullmatch(r"\d{1,3}", lines[0]):
        return []  # an entry of the contents ("10. Assumptions" / "12"), not the section itself
    for n, text in enumerate(lines):
        start, end = page.line_starts[line + 1 + n], page.line_end(line + 1 + n)
        title = len(text.split()) <= 4 and not re.search(r"\d", text) and n + 1 < len(lines) and \
            not _is_cell(lines[n + 1])
        if _NUMBERED_HEADING.match(text) and _is_cell(text) or text.endswith(":") or title or \
                len(spans) >= MAX_ASSUMPTIONS:
            break
        if len(text.split()) >= 4 and _running_key(text) not in running:
            spans += _sentences(page.text, start, end)
    return spans[:MAX_ASSUMPTIONS]


def _running_lines(pages: list[Page]) -> set[str]:
    """Lines that recur on several pages (letterhead, footer), keyed without their digits."""
    seen: dict[str, int] = {}
    for page in pages:
        for key in {_running_key(line) for line in page.text.splitlines() if line.strip()}:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count >= 2}


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _is_item(line: str) -> bool:
    """A list item; "2. Key assumptions" on a line of its own is a numbered heading instead."""
    return bool(_ITEM.match(line)) and not (_NUMBERED_HEADING.match(line) and _is_cell(line.strip()))


def _is_cell(text: str) -> bool:
    """A table cell or a heading: a few words, no sentence in it."""
    return 0 < len(text.split()) <= 8 and not text.endswith(".") and not _WORD_STOP.search(text)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, left = [], start
    for stop in _SENTENCE_STOP.finditer(text, start, end):
        spans.append((left, stop.end()))
        left = stop.end()
    if text[left:end].strip():
        spans.append((left, end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in spans if text[a:b].strip()]
