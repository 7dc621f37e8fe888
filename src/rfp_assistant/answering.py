"""Grounded Q&A: retrieve passages, then answer from them only — extractively offline, or with the model."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .evidence import normalize_whitespace, quote_in_text, split_sentences
from .index import SearchHit, WorkspaceIndex
from .lexical import tokenize
from .schemas import Answer, Citation, Model

MAX_SENTENCES = 4
# Below both of these the retrieved text does not really address the question.
MIN_COVERAGE = 0.34
MIN_SIMILARITY = 0.52
NOT_FOUND = "Nothing in the indexed documents answers this."

_ASKS_FOR = {
    "person": (re.compile(r"^\s*(who|whom)\b|\bwhich (person|role|function|team)\b|\bowner|\bowns?\b|\bresponsible\b", re.I),
               re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b|\b(Dr|Mr|Ms|Mrs)\.? [A-Z]|\b(head|director|lead|manager|VP|officer|owner)\b")),
    "money": (re.compile(r"\b(how much|cost|budget|price|spend|fund|money|expens)", re.I),
              re.compile(r"[$€£]\s?\d|\b(USD|EUR|GBP|CHF)\b|\b\d[\d,.]*\s?(k|m|million|bn)\b", re.I)),
    "time": (re.compile(r"\b(when|how long|deadline|date|timeline|by what)\b", re.I),
             re.compile(r"\b(Q[1-4]|20\d\d|\d+\s?(weeks?|months?|days?|years?)|january|february|march|april|may|june|"
                        r"july|august|september|october|november|december)\b", re.I)),
}


@dataclass
class _Candidate:
    text: str
    hit: SearchHit
    position: int
    score: float = 0.0
    coverage: float = 0.0
    similarity: float = 0.0


class _LLMAnswer(Model):
    """An answer written only from the numbered passages."""

    answer: str
    """The answer; each statement ends with [n], n being the number of the passage it comes from."""
    citations: list[_LLMCitation]
    """For each passage number used in the answer, a quote copied exactly from that passage."""
    found: bool
    """False when the passages do not answer the question."""


class _LLMCitation(Model):
    """A verbatim quote from one numbered passage."""

    passage: int
    """The passage number, as given in the prompt."""
    quote: str
    """Text copied exactly from that passage."""


_LLMAnswer.model_rebuild()


def answer_question(
    index: WorkspaceIndex, question: str, *, chat=None, kinds: list[str] | None = None, k: int = 8
) -> Answer:
    """Answer `question` from the workspace's documents, citing source and page for every statement."""
    question = question.strip()
    if not question:
        return Answer(answer="Please type a question.", citations=[], found=False)
    hits = index.search(question, k=k, kinds=kinds)
    if chat is not None:
        return _answer_with_model(chat, question, hits, index)
    return _answer_extractively(question, hits, index)


def _answer_extractively(question: str, hits: list[SearchHit], index: WorkspaceIndex) -> Answer:
    if not hits:
        return Answer(answer=NOT_FOUND + " No documents are indexed yet, or none match.", found=False)
    candidates = _score_sentences(question, hits, index)
    if not candidates:
        return Answer(answer=NOT_FOUND, found=False)
    best = candidates[0]
    if best.coverage < MIN_COVERAGE and best.similarity < MIN_SIMILARITY:
        closest = [Citation(source=c.hit.chunk.source, page=c.hit.chunk.page, quote=c.text) for c in candidates[:2]]
        lines = [NOT_FOUND + " The closest passages are:"] + [f"- {c.quote} [{i}]" for i, c in enumerate(closest, 1)]
        return Answer(answer="\n".join(lines), citations=closest, found=False)
    chosen = _select(candidates)
    return _compose(chosen)


def _score_sentences(question: str, hits: list[SearchHit], index: WorkspaceIndex) -> list[_Candidate]:
    wanted = [kind for kind, (ask, _) in _ASKS_FOR.items() if ask.search(question)]
    query_terms = set(tokenize(question))
    candidates: list[_Candidate] = []
    for rank, hit in enumerate(hits):
        for position, sentence in enumerate(split_sentences(hit.chunk.text)):
            if len(sentence) < 25 and not wanted:
                continue
            terms = set(tokenize(sentence))
            heading_terms = set(tokenize(hit.chunk.section))
            coverage = len(query_terms & (terms | heading_terms)) / max(len(query_terms), 1)
            candidate = _Candidate(sentence, hit, position, coverage=coverage)
            candidate.score = 0.45 * coverage + 0.2 / (1 + rank)
            candidate.score += sum(0.12 for kind in wanted if _ASKS_FOR[kind][1].search(sentence))
            if sentence.rstrip().endswith("?"):
                candidate.score -= 0.15  # a question in the source is rarely the answer
            candidates.append(candidate)
    if not candidates:
        return []
    _add_similarity(question, candidates, index)
    candidates.sort(key=lambda c: -c.score)
    return candidates


def _add_similarity(question: str, candidates: list[_Candidate], index: WorkspaceIndex) -> None:
    embedder = index.embedder
    vectors = np.asarray(embedder.embed_documents([c.text for c in candidates]), dtype=np.float32)
    query = np.asarray(embedder.embed_query(question), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1) * (np.linalg.norm(query) or 1.0)
    similarities = vectors @ query / np.where(norms == 0, 1.0, norms)
    for candidate, similarity in zip(candidates, similarities):
        candidate.similarity = float(similarity)
        candidate.score += 0.45 * float(similarity)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Answer from the best passage (coherent, in reading order), plus one strong corroborating sentence."""
    by_passage: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        by_passage.setdefault(candidate.hit.chunk.chunk_id, []).append(candidate)

    def passage_score(group: list[_Candidate]) -> float:
        top = sorted((c.score for c in group), reverse=True)[:3]
        return top[0] + 0.15 * sum(top[1:]) / 2

    best_group = max(by_passage.values(), key=passage_score)
    floor = best_group[0].score * 0.7
    chosen = [c for c in best_group if c.score >= floor][:MAX_SENTENCES]
    for candidate in candidates:
        if candidate.hit.chunk.chunk_id == best_group[0].hit.chunk.chunk_id:
            continue
        if candidate.score >= 0.95 * best_group[0].score and not any(
            _jaccard(set(tokenize(candidate.text)), set(tokenize(c.text))) > 0.5 for c in chosen
        ):
            chosen.append(candidate)
        break
    return chosen


def _compose(chosen: list[_Candidate]) -> Answer:
    citations: list[Citation] = []
    marker_of: dict[tuple[str, int], int] = {}
    # Keep sentences of one passage together and in reading order so the answer reads naturally.
    order: dict[int, int] = {}
    for c in chosen:
        order.setdefault(id(c.hit), len(order))
    chosen = sorted(chosen, key=lambda c: (order[id(c.hit)], c.position))
    parts: list[str] = []
    for candidate in chosen:
        chunk = candidate.hit.chunk
        key = (chunk.chunk_id, candidate.position)
        if key not in marker_of:
            citations.append(Citation(source=chunk.source, page=chunk.page, quote=candidate.text))
            marker_of[key] = len(citations)
        text = re.sub(r"^([-*•▪]|\d{1,2}[.)])\s+", "", candidate.text).strip("| ").replace(" | ", ", ")
        parts.append(f"{_sentence_case(text)} [{marker_of[key]}]")
    return Answer(answer=" ".join(parts), citations=citations, found=True)


def _answer_with_model(chat, question: str, hits: list[SearchHit], index: WorkspaceIndex) -> Answer:
    if not hits:
        return Answer(answer=NOT_FOUND + " No documents are indexed yet, or none match.", found=False, mode="llm")
    passages = [
        {"number": i, "source": h.chunk.source, "page": h.chunk.page, "section": h.chunk.section, "text": h.chunk.text}
        for i, h in enumerate(hits, start=1)
    ]
    reply = chat.structured("answer_question.v1", _LLMAnswer, question=question, passages=passages)
    citations: list[Citation] = []
    renumber: dict[int, int] = {}
    for cited in reply.citations:
        if cited.passage in renumber or not 1 <= cited.passage <= len(hits):
            continue
        chunk = hits[cited.passage - 1].chunk
        if not quote_in_text(cited.quote, chunk.text):
            continue  # a quote that is not in the passage is not evidence
        citations.append(Citation(source=chunk.source, page=chunk.page, quote=normalize_whitespace(cited.quote)))
        renumber[cited.passage] = len(citations)
    if not reply.found or not citations:
        fallback = _answer_extractively(question, hits, index)
        fallback.mode = "llm"
        return fallback
    text = re.sub(r"\[(\d+)\]", lambda m: f"[{renumber[int(m.group(1))]}]" if int(m.group(1)) in renumber else "", reply.answer)
    return Answer(answer=normalize_whitespace(text), citations=citations, found=True, mode="llm")


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a | b), 1)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
