"""Split loaded documents into retrieval chunks that keep source, page and section heading.

Units are paragraphs, list items and table rows; a unit is never split unless it is a long
paragraph, which is cut at sentence ends. A chunk never straddles a page or a heading. A row read
from a spreadsheet, CSV, slide or web table is always one unit, and the chunk remembers where each
such row sits ("sheet Budget, row 3") so a quote of it can say so.

Pages copied from the web are read by shape: a one-word heading ("Conclusion") between a finished sentence and
prose is a heading; each FAQ entry is a passage of its own; runs of link cards (a lone bullet, a title, a short
teaser: related articles, series navigation) become passages marked "link", apart from the document's content.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rfp_assistant.core.documents import LoadedDocument, Page

TARGET_WORDS = 170
MAX_WORDS = 260
CHUNKING_VERSION = 2
"""Bump when chunking changes: a document indexed by an older version is chunked again when next ingested or opened."""

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_NUMBERED_HEADING = re.compile(r"^(?:section\s+)?\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-Z][^.!?]{2,80}$", re.I)
# A bare amount ("690", "1,250") after the number makes a numbered line a table row, not a heading; years do not.
_AMOUNT = re.compile(r"(?<![\w.,/-])(?!(?:19|20)\d\d(?![\d,]))\d{1,3}(?:,\d{3})+(?![\w-])|(?<![\w.,/-])(?!(?:19|20)\d\d\b)\d{3,}(?![\w.,-])")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|\S\s{0,2}\|\s{0,2}\S")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9(\"'])")
_LONE_MARKER = re.compile(r"^[-*•▪–—]$")  # a bullet whose text is on the next line (web pages copied as text)
# Link cards (related articles, "more in this series"): after a lone bullet, a title, then a short teaser.
CARD_TEASER_WORDS = 90
CARD_MIN_RUN = 2


@dataclass
class Chunk:
    """One retrievable passage with its provenance."""

    chunk_id: str
    doc_id: str
    source: str
    page: int
    section: str
    text: str
    ordinal: int
    location: str = ""
    """Where the page is, when its number alone does not say ("slide 2", "sheet Budget")."""
    line_locations: tuple[str, ...] = ()
    """For each line of `text`, where that row sits ("sheet Budget, row 3"), or ""; empty when no line has one."""
    role: str = ""
    """"link" for a link card (a related article's title and teaser): text around the document, not its content."""

    def locate(self, quote: str) -> str | None:
        """Where `quote` sits: the row that holds it, else the page's name; None when the page number says it all."""
        if self.line_locations:
            wanted = _flat(quote)
            lines = [(_flat(line), where) for line, where in zip(self.text.split("\n"), self.line_locations)]
            found = next((where for line, where in lines if where and wanted and wanted in line), None)
            found = found or next((where for line, where in lines if where and line and line in wanted), None)
            if found:
                return found
        return self.location or None

    @property
    def search_text(self) -> str:
        """Text used for embedding and lexical indexing (see `search_text`)."""
        return search_text(self.source, self.section, self.text)


def search_text(source: str, section: str, text: str) -> str:
    """The passage with its context: the file name's words and the section heading.

    File names of planning documents are informative ("HLD-417 risk register v3.xlsx"), and headings
    say what a passage is about even when its sentences do not repeat the topic.
    """
    title = re.sub(r"[-_.]+", " ", source.rsplit(".", 1)[0]).strip()
    return "\n".join(part for part in (title, section, text) if part)


def chunk_document(document: LoadedDocument, doc_id: str) -> list[Chunk]:
    """Chunk every page of `document`; chunk ids are stable for the same content."""
    chunks: list[Chunk] = []
    section = ""
    for page in document.pages:
        if not page.text.strip():
            continue
        buffer: list[str] = []
        lines, cards = (page.text.split("\n"), []) if page.locations else _link_cards(page.text.split("\n"))
        for kind, unit in _units("\n".join(lines), page.locations):
            if kind == "heading":
                _flush(chunks, buffer, document, doc_id, page, section)
                buffer = []
                section = unit
                continue
            for piece in _split_long(unit) if kind == "para" else [unit]:
                if buffer and (_words(buffer) + len(piece.split()) > TARGET_WORDS or _opens_entry(piece, buffer)):
                    _flush(chunks, buffer, document, doc_id, page, section)
                    buffer = []
                buffer.append(piece)
        _flush(chunks, buffer, document, doc_id, page, section)
        for heading, card in cards:  # each link card is a passage of its own, marked as such
            _flush(chunks, card, document, doc_id, page, heading or section, role="link")
    return chunks


def _opens_entry(piece: str, buffer: list[str]) -> bool:
    """A question on its own line after an answered one (an FAQ entry) starts a passage, so it keeps its answer.

    A list of questions (one after another, no answers between) stays one passage.
    """
    question = "\n" not in piece and piece.rstrip().endswith("?") and len(piece.split()) <= 30
    return question and not buffer[-1].rstrip().endswith("?")


def _flush(chunks: list[Chunk], buffer: list[str], document: LoadedDocument, doc_id: str, page: Page, section: str,
           role: str = ""):
    text = "\n".join(buffer).strip()
    if not text:
        return
    ordinal = len(chunks)
    digest = hashlib.sha1(f"{doc_id}:{ordinal}:{text}".encode()).hexdigest()[:16]
    rows = tuple(page.locations.get(line.strip(), "") for line in text.split("\n")) if page.locations else ()
    chunks.append(Chunk(f"{doc_id[:16]}-{ordinal:05d}-{digest}", doc_id, document.source, page.number, section, text,
                        ordinal, page.label, rows if any(rows) else (), role))


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()


def _units(text: str, rows: dict[str, str] | None = None):
    """Yield (kind, text) units: 'heading', 'row' (table row or list item) or 'para'; lines in `rows` are rows."""
    paragraph: list[str] = []

    def end_paragraph():
        if paragraph:
            joined = "\n".join(paragraph)
            paragraph.clear()
            return joined
        return None

    lines = [raw.strip() for raw in text.split("\n")]
    for number, line in enumerate(lines):
        if not line:
            if (p := end_paragraph()) is not None:
                yield "para", p
            continue
        if rows and line in rows:
            if (p := end_paragraph()) is not None:
                yield "para", p
            yield "row", line
            continue
        heading = _heading(line) or _lone_word_heading(line, lines[number - 1] if number else "",
                                                       lines[number + 1] if number + 1 < len(lines) else "")
        if heading:
            if (p := end_paragraph()) is not None:
                yield "para", p
            yield "heading", heading
        elif _TABLE_ROW.search(line) or re.match(r"^([-*•▪]|\d{1,2}[.)])\s+", line):
            if (p := end_paragraph()) is not None:
                yield "para", p
            if not re.fullmatch(r"\|?[\s:|-]+\|?", line):  # skip Markdown table rules
                yield "row", line
        else:
            paragraph.append(line)
    if (p := end_paragraph()) is not None:
        yield "para", p


def _heading(line: str) -> str | None:
    match = _MD_HEADING.match(line)
    if match:
        return match.group(2).strip()
    words = line.split()
    if len(words) > 12 or line.endswith((".", ",", ";", ":")) or "|" in line:
        return None
    if (_NUMBERED_HEADING.match(line) and not re.search(r"\d[\d,.]*\s*(%|[a-zA-Z]{1,3}\b)", line[3:])
            and not _AMOUNT.search(line[3:])):
        return line
    letters = [c for c in line if c.isalpha()]
    if len(words) >= 2 and len(letters) >= 6 and all(c.isupper() for c in letters):
        return line
    if 2 <= len(words) <= 10 and not re.search(r"\d|[$€£%?!]", line) and _is_title_case(words):
        return line
    return None


def _lone_word_heading(line: str, before: str, after: str) -> str | None:
    """A one-word heading ("Conclusion", "Summary"): a capitalised word alone between a finished sentence and prose."""
    if not re.fullmatch(r"[A-Z][a-z]{3,}", line) or len(after.split()) < 6 or not after[:1].isupper():
        return None
    return line if not before or before.endswith((".", "!", "?", ":")) or _heading(before) else None


def _link_cards(lines: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The page's lines without its runs of link cards, and the cards ((heading above the run, [title, teaser])).

    Related-article teasers and series navigation are not the document's content: left in its passages they blend
    into the sections around them and read like answers to many questions. A lone bullet is joined to its text.
    """
    lines = [line.strip() for line in lines]
    starts = [i for i, line in enumerate(lines) if _LONE_MARKER.match(line)]
    spans: list[tuple[int, int]] = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        for stop in range(start + 2, end):
            if not lines[stop] or (_heading(lines[stop]) and lines[stop].isupper()):
                end = stop
                break
        if _is_card(lines[start + 1 : end]):
            spans.append((start, end))
    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        if runs and span[0] == runs[-1][-1][1]:
            runs[-1].append(span)
        else:
            runs.append([span])
    cards: list[tuple[str, list[str]]] = []
    dropped: set[int] = set()
    for run in (r for r in runs if len(r) >= CARD_MIN_RUN):
        above = next((lines[i] for i in range(run[0][0] - 1, -1, -1) if lines[i]), "")
        heading = _heading(above) or ""
        cards += [(heading, lines[begin + 1 : end]) for begin, end in run]
        dropped.update(i for begin, end in run for i in range(begin, end))
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in dropped:
            continue
        if _LONE_MARKER.match(line) and i + 1 < len(lines) and lines[i + 1] and i + 1 not in dropped:
            lines[i + 1] = f"{line} {lines[i + 1]}"  # the bullet's text was on the next line
            continue
        out.append(line)
    return out, cards


def _is_card(lines: list[str]) -> bool:
    """A title (title case, or a question or exclamation), then a teaser of a few sentences starting a new one."""
    if len(lines) < 2 or not lines[0]:
        return False
    title, teaser = lines[0], " ".join(lines[1:])
    words = title.split()
    titled = len(words) <= 14 and not title.endswith((".", ",", ";", ":")) and (
        title.endswith(("?", "!")) or _is_title_case(words))
    return titled and teaser[:1].isupper() and len(teaser.split()) <= CARD_TEASER_WORDS


_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs", "with"}


def _is_title_case(words: list[str]) -> bool:
    words = [w.lstrip("(\"'“‘[") for w in words]  # "Frequently Asked Questions (FAQs)"
    significant = [w for w in words if w and w.lower() not in _SMALL_WORDS]
    return bool(significant) and words[0][:1].isupper() and all(w[0].isupper() for w in significant)


def _split_long(paragraph: str) -> list[str]:
    """Cut a long paragraph at line ends (PDF lines, table rows), else at sentence ends, else by words."""
    if len(paragraph.split()) <= MAX_WORDS:
        return [paragraph]
    lines = paragraph.split("\n")
    if len(lines) == 1:
        lines = _SENTENCE_END.split(paragraph)
    pieces, current = [], []
    for line in lines:
        if current and _words(current) + len(line.split()) > TARGET_WORDS:
            pieces.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        pieces.append("\n".join(current))
    out = []
    for piece in pieces:
        if len(piece.split()) <= MAX_WORDS:
            out.append(piece)
        elif "\n" not in piece and len(_SENTENCE_END.split(piece)) > 1:
            out.extend(_split_long(piece))
        else:
            words = piece.split()
            out.extend(" ".join(words[i : i + MAX_WORDS]) for i in range(0, len(words), MAX_WORDS))
    return out


def _words(buffer: list[str]) -> int:
    return sum(len(b.split()) for b in buffer)
