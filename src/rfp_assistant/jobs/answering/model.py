"""LLM answers: the model writes from the same passages the offline engine chose, and every citation is checked."""

from __future__ import annotations

import re

from rfp_assistant.core.retrieval.index import SearchHit
from rfp_assistant.core.text.sentences import normalize_whitespace, quote_in_text
from rfp_assistant.jobs.answering.compose import cite
from rfp_assistant.schemas.common import Answer, Citation, Model

PROMPT = "answer_question.v2"


class LLMAnswer(Model):
    """An answer written only from the numbered passages."""

    answer: str
    """The answer; each statement ends with [n], n being the number of the passage it comes from."""
    citations: list[LLMCitation]
    """For each passage number used in the answer, a quote copied exactly from that passage."""
    found: bool
    """False when the passages do not answer the question."""


class LLMCitation(Model):
    """A verbatim quote from one numbered passage."""

    passage: int
    """The passage number, as given in the prompt."""
    quote: str
    """Text copied exactly from that passage."""


LLMAnswer.model_rebuild()


def model_answer(chat, question: str, hits: list[SearchHit]) -> Answer | None:
    """The model's answer with only verified citations, or None when it found nothing it could prove."""
    passages = [
        {"number": i, "source": h.chunk.source, "page": h.chunk.page, "section": h.chunk.section, "text": h.chunk.text,
         "origin": "playbook" if h.builtin else "user"}
        for i, h in enumerate(hits, start=1)
    ]
    reply = chat.structured(PROMPT, LLMAnswer, question=question, passages=passages)
    citations: list[Citation] = []
    renumber: dict[int, int] = {}
    for cited in reply.citations:
        if cited.passage in renumber or not 1 <= cited.passage <= len(hits):
            continue
        hit = hits[cited.passage - 1]
        if not quote_in_text(cited.quote, hit.chunk.text):
            continue  # a quote that is not in the passage is not evidence
        citations.append(cite(hit.chunk, normalize_whitespace(cited.quote), builtin=hit.builtin))
        renumber[cited.passage] = len(citations)
    if not reply.found or not citations:
        return Answer(answer="", found=False, mode="llm") if not reply.found else None
    # A marker pointing at a passage whose quote failed the check is dropped with it.
    text = re.sub(r"\[(\d+)\]", lambda m: f"[{renumber[int(m.group(1))]}]" if int(m.group(1)) in renumber else "",
                  reply.answer)
    lines = (normalize_whitespace(line) for line in text.splitlines())  # a list keeps its lines
    return Answer(answer="\n".join(line for line in lines if line), citations=citations, found=True, mode="llm")
