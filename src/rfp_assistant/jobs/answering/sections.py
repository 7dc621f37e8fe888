"""A question naming one of a document's main parts ("what does the part on preparing to engage the market say?",
"the gist of laying the groundwork") is answered by that part as a whole: its opening sentences, then each of its
sub-sections by heading with its first sentence, cited. A sentence picked from one sub-section would answer only a
corner of what was asked.
"""

from __future__ import annotations

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.core.retrieval.index import SearchHit, WorkspaceIndex
from rfp_assistant.core.retrieval.lexical import tokenize
from rfp_assistant.core.text.sentences import split_sentences
from rfp_assistant.jobs.answering.compose import MAX_LIST_ITEMS, cite
from rfp_assistant.jobs.answering.intent import QUESTION_FORM, topic_words
from rfp_assistant.jobs.answering.outline import part_headings
from rfp_assistant.schemas.common import Answer, Citation

# Words asking for a part as a whole rather than naming its topic.
_SUMMARY_WORDS = frozenset(tokenize(
    "summary summarise summarize gist overview outline recap brief short version main points key part section chapter "
    "heading cover covers say says give tell about what whats"))
NAMES_PART = 0.75  # this share of the question's topic words must be the heading's ...
COVERS_HEADING = 0.4  # ... and hold this share of the heading's words ("the groundwork part" names a long heading)
LEAD_SENTENCES = 2


def section_answer(index: WorkspaceIndex, question: str, hits: list[SearchHit]) -> Answer | None:
    """The main part of a document that the question names by its heading, answered whole; None when it names none."""
    topic = set(tokenize(topic_words(question))) - QUESTION_FORM - _SUMMARY_WORDS
    if len(topic) < 2:
        return None
    tried: set[tuple[str, str]] = set()
    # A part the question names is among the hits (its heading is searched with its text): only those are read whole.
    for hit in hits:
        key = (hit.chunk.doc_id, hit.chunk.section)
        if key in tried or not _names(topic, hit.chunk.section):
            continue
        tried.add(key)
        chunks = index.chunks_of(hit.chunk.doc_id)
        parts = {_key(h) for h in part_headings(chunks)}
        if _key(hit.chunk.section) in parts:
            return _part_answer(chunks, hit.chunk.section, parts, builtin=hit.builtin)
    return None


def _names(topic: set[str], heading: str) -> bool:
    """The question's topic is mostly the heading's words, and holds a fair share of them."""
    words = set(tokenize(heading))
    shared = topic & words
    return bool(words) and len(shared) >= NAMES_PART * len(topic) and len(shared) >= COVERS_HEADING * len(words)


def _part_answer(chunks: list[Chunk], heading: str, parts: set[str], *, builtin: bool) -> Answer | None:
    """The part's opening sentences, then each sub-section's heading and first sentence; None without sub-sections."""
    key = _key(heading)
    start = next((n for n, c in enumerate(chunks) if _key(c.section) == key), None)
    if start is None:
        return None
    lead = [c for c in chunks[start:] if _key(c.section) == key and c.role != "link"]
    subsections: list[Chunk] = []
    for chunk in chunks[start + 1 :]:
        if _key(chunk.section) in parts or len(chunk.section.split()) == 1:
            break  # the next main part begins, or the document's own closing ("Conclusion", "Summary")
        if chunk.role != "link" and _key(chunk.section) != key and all(chunk.section != s.section for s in subsections):
            subsections.append(chunk)
    if len(subsections) < 2 or not lead:
        return None  # a part without sub-sections is answered like any passage
    citations: list[Citation] = []
    opening = " ".join(split_sentences(lead[0].text)[:LEAD_SENTENCES])
    lines = []
    if opening:
        citations.append(cite(lead[0], opening, builtin=builtin))
        lines.append(f"{opening} [1]")
    for chunk in subsections[:MAX_LIST_ITEMS]:
        first = next(iter(split_sentences(chunk.text)), "")
        if not first:
            continue
        citations.append(cite(chunk, first, builtin=builtin))
        lines.append(f"- {chunk.section}: {first} [{len(citations)}]")
    if len(subsections) > MAX_LIST_ITEMS:
        lines.append(f"- … and {len(subsections) - MAX_LIST_ITEMS} more")
    return Answer(answer="\n".join(lines), citations=citations, found=True)


def _key(text: str) -> str:
    return " ".join(tokenize(text))
