"""Questions about how a document is laid out ("how many main sections does the guide have?", "what does the
overview list at the top cover?") are answered by its own outline: the list near its start whose items are the
headings of the sections that follow, quoted whole.
"""

from __future__ import annotations

import re

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.core.retrieval.index import SearchHit, WorkspaceIndex
from rfp_assistant.core.retrieval.lexical import tokenize
from rfp_assistant.jobs.answering.compose import cite
from rfp_assistant.jobs.answering.intent import QUESTION_FORM
from rfp_assistant.schemas.common import Answer

_DOC = r"(guide|document|doc|article|page|paper|report|piece|text|playbook)"
_PARTS = r"(sections|parts|chapters|headings|topics|areas|structure|outline|layout)(?!\s*\d)"
# The parts must belong to the document ("the guide's sections", "sections does the guide have"), not to something the
# document describes ("what sections should an RFP have?").
_ASKS_OUTLINE = re.compile(
    rf"\btable of contents\b|\boverview list\b|\b(list|overview) at the (very )?(top|start|beginning)\b"
    rf"|\b{_DOC}'?s? (main |major |top-level |key |big )?{_PARTS}\b"
    rf"|\b{_PARTS} (does|do|of|in) (the|this|that) {_DOC}\b"
    rf"|\bhow (is|was) (the|this|that) {_DOC} (organi[sz]ed|structured|laid out|set up|broken (up|down)|divided)\b"
    rf"|\bwhat (does|do) (the|this|that) {_DOC} cover( overall| in general)?\s*[?.!]?\s*$",
    re.I,
)
_ITEM = re.compile(r"^([-*•▪]|\d{1,2}[.)])\s+(.+)$")
MIN_ITEMS = 3
MATCHING = 0.75  # this share of a list's items must be headings of later sections for it to be the outline


# Words that ask about the layout itself; any other word names a topic ("which part of the guide covers budgets?"),
# and such a question asks for that part's content, not for the outline.
_LAYOUT_WORDS = frozenset(tokenize(
    "guide document doc article page paper report piece text playbook section sections part parts chapter chapters "
    "heading headings topic topics area areas structure structured outline layout laid organised organized divided "
    "broken set overview list table contents top start beginning first main major key big top-level overall general "
    "many number cover covers covered have has contain contains say says tell give name names exactly whole"))


def asks_outline(question: str) -> bool:
    """True when the question asks how the document itself is divided (its sections, its overview list), nothing else."""
    if not _ASKS_OUTLINE.search(question):
        return False
    return not [t for t in tokenize(question) if t not in _LAYOUT_WORDS and t not in QUESTION_FORM]


def outline_answer(index: WorkspaceIndex, hits: list[SearchHit]) -> Answer | None:
    """The outline of the best-ranked document among `hits` that has one, cited; None when none has."""
    seen: set[str] = set()
    for hit in hits:
        if hit.chunk.doc_id in seen:
            continue
        seen.add(hit.chunk.doc_id)
        found = _outline(index.chunks_of(hit.chunk.doc_id))
        if found is not None:
            chunk, intro, items = found
            cited = cite(chunk, "\n".join(([intro] if intro else []) + items), builtin=hit.builtin)
            lines = [f"{intro} [1]"] if intro else [f"The document has {len(items)} main sections: [1]"]
            lines += [f"- {_ITEM.match(item).group(2).strip()} [1]" for item in items]
            return Answer(answer="\n".join(lines), citations=[cited], found=True)
    return None


def _outline(chunks: list[Chunk]) -> tuple[Chunk, str, list[str]] | None:
    """(passage, the line introducing the list, its items) of the first list naming later sections' headings."""
    last = {_norm(c.section): n for n, c in enumerate(chunks) if c.section}  # where each heading last appears
    for position, chunk in enumerate(chunks):
        lines = [line.strip() for line in chunk.text.split("\n")]
        start = 0
        while start < len(lines):
            if not _ITEM.match(lines[start]):
                start += 1
                continue
            end = start
            while end < len(lines) and _ITEM.match(lines[end]):
                end += 1
            items = lines[start:end]
            named = sum(last.get(_norm(_ITEM.match(item).group(2)), -1) > position for item in items)
            if len(items) >= MIN_ITEMS and named >= MATCHING * len(items):
                intro = lines[start - 1] if start and lines[start - 1].endswith(":") else ""
                return chunk, intro, items
            start = end
    return None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def part_headings(chunks: list[Chunk]) -> list[str]:
    """The headings the document's own outline names (its main parts), in order; [] when it has no outline."""
    found = _outline(chunks)
    return [_ITEM.match(item).group(2).strip() for item in found[2]] if found else []
