"""Split loaded documents into retrieval chunks that keep source, page and section heading.

Units are paragraphs, list items and table rows; a unit is never split unless it is a long
paragraph, which is cut at sentence ends. A chunk never straddles a page or a heading. A row read
from a spreadsheet, CSV, slide or web table is always one unit, and the chunk remembers where each
such row sits ("sheet Budget, row 3") so a quote of it can say so.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rfp_assistant.core.documents import LoadedDocument, Page

TARGET_WORDS = 170
MAX_WORDS = 260

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_NUMBERED_HEADING = re.compile(r"^(?:section\s+)?\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-Z][^.!?]{2,80}$", re.I)
# A bare amount ("690", "1,250") after the number makes a numbered line a table row, not a heading; years do not.
_AMOUNT = re.compile(r"(?<![\w.,/-])(?!(?:19|20)\d\d(?![\d,]))\d{1,3}(?:,\d{3})+(?![\w-])|(?<![\w.,/-])(?!(?:19|20)\d\d\b)\d{3,}(?![\w.,-])")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|\S\s{0,2}\|\s{0,2}\S")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9(\"'])")


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
        for kind, unit in _units(page.text, page.locations):
            if kind == "heading":
                _flush(chunks, buffer, document, doc_id, page, section)
                buffer = []
                section = unit
                continue
            for piece in _split_long(unit) if kind == "para" else [unit]:
                if buffer and _words(buffer) + len(piece.split()) > TARGET_WORDS:
                    _flush(chunks, buffer, document, doc_id, page, section)
                    buffer = []
                buffer.append(piece)
        _flush(chunks, buffer, document, doc_id, page, section)
    return chunks


def _flush(chunks: list[Chunk], buffer: list[str], document: LoadedDocument, doc_id: str, page: Page, section: str):
    text = "\n".join(buffer).strip()
    if not text:
        return
    ordinal = len(chunks)
    digest = hashlib.sha1(f"{doc_id}:{ordinal}:{text}".encode()).hexdigest()[:16]
    rows = tuple(page.locations.get(line.strip(), "") for line in text.split("\n")) if page.locations else ()
    chunks.append(Chunk(f"{doc_id[:16]}-{ordinal:05d}-{digest}", doc_id, document.source, page.number, section, text,
                        ordinal, page.label, rows if any(rows) else ()))


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

    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if (p := end_paragraph()) is not None:
                yield "para", p
            continue
        if rows and line in rows:
            if (p := end_paragraph()) is not None:
                yield "para", p
            yield "row", line
            continue
        heading = _heading(line)
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


_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs", "with"}


def _is_title_case(words: list[str]) -> bool:
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(significant) and words[0][0].isupper() and all(w[0].isupper() for w in significant)


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
