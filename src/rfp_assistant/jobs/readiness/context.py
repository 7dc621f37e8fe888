"""What the offline engine knows about a company's documents: its program, their dates, and each item's cells."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.core.text.sentences import normalize_whitespace
from rfp_assistant.jobs.readiness.cells import Cell, cells_of, heading_cell
from rfp_assistant.jobs.readiness.programs import Programs, chunk_dates, document_date, find_programs
from rfp_assistant.jobs.readiness.rules import ChecklistItem
from rfp_assistant.schemas.common import Citation

MAX_QUOTE_CHARS = 300


@dataclass
class Context:
    """The program assessed, today, and per document its date, its program and where each chunk speaks from."""

    today: date
    programs: Programs = field(default_factory=Programs)
    document_program: dict[str, str] = field(default_factory=dict)
    chunk_when: dict[str, date | None] = field(default_factory=dict)
    section_start: dict[tuple[str, str], Chunk] = field(default_factory=dict)
    """The first chunk of each section (doc id, heading): the page its heading is on."""

    def cells(self, item: ChecklistItem, chunks: list[Chunk]) -> list[Cell]:
        """Every cell of `chunks` (and each section heading once), judged as `item` reads language."""
        cells: list[Cell] = []
        headed: set[tuple[str, str]] = set()
        options = {"plan_item": item.kind == "plan", "stale_years": item.stale_after_years}
        for chunk in chunks:
            key = (chunk.doc_id, chunk.section)
            if key not in headed:
                headed.add(key)
                first = self.section_start.get(key, chunk)
                title = heading_cell(first, self.programs, self.document_program.get(chunk.doc_id, ""),
                                     self.chunk_when.get(first.chunk_id), self.today, **options)
                if title is not None and title.verdict.standing == "firm":
                    title = _as_body(title, cells_of(first, self.programs, self.document_program.get(
                        chunk.doc_id, ""), self.chunk_when.get(first.chunk_id), self.today, **options))
                cells += [title] if title else []
            cells += cells_of(chunk, self.programs, self.document_program.get(chunk.doc_id, ""),
                              self.chunk_when.get(chunk.chunk_id), self.today, **options)
        return cells

    def when(self, chunk: Chunk) -> date | None:
        """The date a chunk speaks from (its document's, or a quoted e-mail's)."""
        return self.chunk_when.get(chunk.chunk_id)


def _as_body(title: Cell, body: list[Cell]) -> Cell:
    """A heading over a body that is all blanks to fill in or open points ("1. Process description" over
    "[insert process description]") shows what should be there, not that it is: it stands as its body does."""
    if body and all(c.verdict.standing == "open" for c in body):
        return replace(title, verdict=body[0].verdict)
    return title


def build_context(sources: list[str], documents: dict[str, list[Chunk]], today: date) -> Context:
    """The context from every assessed file name and the chunks of the documents read (by doc id)."""
    texts = {source: "" for source in sources}
    openings: dict[str, str] = {}
    for chunks in documents.values():
        if chunks:
            texts[chunks[0].source] = "\n".join(f"{c.section}\n{c.text}" for c in chunks)
            openings[chunks[0].source] = "\n".join(c.text for c in chunks[:2])
    context = Context(today=today, programs=find_programs(texts))
    for doc_id, chunks in documents.items():
        if not chunks:
            continue
        source = chunks[0].source
        first_line = next((line for line in chunks[0].text.split("\n") if line.strip()), "")
        context.document_program[doc_id] = context.programs.of(f"{source}\n{chunks[0].section}\n{first_line}")
        for chunk in sorted(chunks, key=lambda c: c.ordinal, reverse=True):
            context.section_start[(doc_id, chunk.section)] = chunk
        written = document_date(source, openings.get(source, ""), today)
        context.chunk_when.update(chunk_dates(chunks, written, today))
    return context


def cite(cell: Cell) -> Citation:
    """A verbatim quote of the cell's sentence or row; a long row is cut to whole cells around the cell."""
    text, unit = cell.text, cell.unit.text
    quote = unit
    if len(unit) > MAX_QUOTE_CHARS:
        at = max(unit.find(text), 0)
        if " | " in unit:
            quote = _whole_cells(unit, at)
        else:
            start = max(0, at - MAX_QUOTE_CHARS // 4)
            start = unit.rfind(" ", 0, start) + 1 if start else 0
            end = unit.rfind(" ", start, start + MAX_QUOTE_CHARS)
            quote = unit[start: end if end > start else start + MAX_QUOTE_CHARS].strip()
    quote = normalize_whitespace(quote)
    return Citation(source=cell.chunk.source, page=cell.chunk.page, quote=quote, location=cell.chunk.locate(quote))


def _whole_cells(row: str, cue: int) -> str:
    """A long table row cut to whole cells ("Owner: CFO"): the cell at `cue`, then its neighbours, first-column
    side first, while they fit."""
    cells, position = row.split(" | "), 0
    ends = []
    for cell in cells:
        ends.append((position, position + len(cell)))
        position += len(cell) + 3
    first = last = next((i for i, (_, end) in enumerate(ends) if cue < end), len(cells) - 1)
    while True:
        grown = False
        for left, right in ((first - 1, last), (first, last + 1)):
            if 0 <= left and right < len(cells) and ends[right][1] - ends[left][0] <= MAX_QUOTE_CHARS:
                first, last, grown = left, right, True
                break
        if not grown:
            return row[ends[first][0]: ends[last][1]]
