"""Grounded Q&A: retrieve passages, then answer from them only — extractively offline, or with the model.

A question about the team's own situation ("who on our side...", "what haven't we budgeted...") is
answered from the internal documents; when they are silent the answer says so (found=False) and
adds what the guide recommends, so silence is never covered up by general advice.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from rfp_assistant.core.text.sentences import normalize_whitespace, quote_in_text
from rfp_assistant.core.retrieval.index import SearchHit, WorkspaceIndex
from rfp_assistant.core.retrieval.lexical import tokenize
from rfp_assistant.jobs.readiness import GAP_QUESTION, passage_units, question_gaps
from rfp_assistant.schemas.common import Answer, Citation, Model
from rfp_assistant.core.retrieval.thesaurus import synonym_groups

MAX_SENTENCES = 4
# Below both of these the retrieved text does not really address the question.
MIN_COVERAGE = 0.34
MIN_SIMILARITY = 0.52
# The internal documents must address a question about "us" more squarely than the guide must.
MIN_OWN_COVERAGE = 0.3
MIN_OWN_SIMILARITY = 0.56
OWN_K = 10  # the internal documents are fewer and terser than the guide: read a few more passages
# Sentence score = weights x (question coverage, retrieval rank, answer type, similarity, passage similarity).
W_COVERAGE, W_RANK, W_TYPE, W_SIMILARITY, W_PASSAGE = 0.6, 0.1, 0.12, 0.45, 0.3
CONTEXT_WEIGHT = 0.7  # a word in the heading or the line introducing a list counts 70% of one in the sentence
CORROBORATE = 0.8  # a sentence from another passage this close to the best one is added as a second source
# Words that shape a question rather than name its topic.
_QUESTION_FORM = frozenset(tokenize("much many big level kind exactly current right now want"))
NOT_FOUND = "Nothing in the indexed documents answers this."
NOT_IN_YOURS = "Nothing in your documents says this."

_OWN = re.compile(r"\b(we|we're|we've|we'd|our|ours|us)\b", re.I)
_ASKS_FOR = {
    "person": (re.compile(r"^\s*(who|whom)\b|\bwhich (person|role|function|team)\b|\bowner|\bowns?\b|\bresponsible\b", re.I),
               re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b|\b(Dr|Mr|Ms|Mrs)\.? [A-Z]|\b(head|director|lead|manager|VP|officer|owner)\b"
                          r"|^[-*•▪ ]*[A-Z][a-z]+ (is|was|will|has|owns|leads|runs|chairs|approves|signs)\b")),
    "money": (re.compile(r"\b(how much|cost|budget|price|spend|fund|money|expens)", re.I),
              re.compile(r"[$€£]\s?\d|\b(USD|EUR|GBP|CHF)\b|\b\d[\d,.]*\s?(k|m|million|bn)\b", re.I)),
    "time": (re.compile(r"\b(when|how long|deadline|date|timeline|by what)\b", re.I),
             re.compile(r"\b(Q[1-4]|20\d\d|\d+\s?(weeks?|months?|days?|years?)|january|february|march|april|may|june|"
                        r"july|august|september|october|november|december)\b", re.I)),
    "gap": (GAP_QUESTION,
            re.compile(r"\b(not|no|none|tbd|isn't|excluded|missing|open|yet|undecided)\b", re.I)),
    "number": (re.compile(r"\b(how many|how big|what share|what percent|number of)\b", re.I),
               re.compile(r"\b\d+(\.\d+)?\s?%|\b\d+\b")),
}


@dataclass
class _Candidate:
    text: str
    hit: SearchHit
    position: int
    context: str = ""
    block: int = 0
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
    about_us = _OWN.search(question) or _ASKS_FOR["person"][0].search(question)  # the guide names no one of ours
    if kinds is None and about_us and index.list_documents(kind="internal"):
        return _answer_about_us(index, question, chat, k)
    hits = index.search(question, k=k, kinds=kinds)
    if chat is not None:
        return _answer_with_model(chat, question, hits, index)
    return _answer_extractively(question, hits, index)


def _answer_about_us(index: WorkspaceIndex, question: str, chat, k: int) -> Answer:
    """Internal documents first; if they are silent, say so and add what the guide recommends."""
    gaps = question_gaps(index, question)
    hits = index.search(question, k=max(k, OWN_K), kinds=["internal"])
    if chat is not None:
        answer = _answer_with_model(chat, question, hits, index, own=True)
    else:
        answer = _answer_extractively(question, hits, index, own=True, silent_topic=gaps.silent)
    if answer.found:
        return gaps.annotate(answer) if gaps.asks_about_gaps else answer
    guide_hits = index.search(question, k=k, kinds=["guide"])
    if chat is not None:
        guide = _answer_with_model(chat, question, guide_hits, index)
    else:
        guide = _answer_extractively(question, guide_hits, index)
    if not gaps.silent and not guide.found:
        return answer  # nothing anywhere: the plain not-found answer with the closest passages
    lines = [gaps.silence_note() or NOT_IN_YOURS]
    if guide.found:
        lines.append("What the guide recommends: " + guide.answer)
    return Answer(answer=" ".join(lines), citations=guide.citations if guide.found else [], found=False,
                  mode="llm" if chat is not None else "offline")


def _answer_extractively(question: str, hits: list[SearchHit], index: WorkspaceIndex, *, own: bool = False,
                         silent_topic: bool = False) -> Answer:
    if not hits:
        return Answer(answer=NOT_FOUND + " No documents are indexed yet, or none match.", found=False)
    candidates = _score_sentences(question, hits, index)
    if not candidates:
        return Answer(answer=NOT_FOUND, found=False)
    best = max(candidates, key=lambda c: c.coverage)
    closest = max(candidates, key=lambda c: c.similarity)
    min_coverage, min_similarity = (MIN_OWN_COVERAGE, MIN_OWN_SIMILARITY) if own else (MIN_COVERAGE, MIN_SIMILARITY)
    if silent_topic:
        min_coverage, min_similarity = min_coverage + 0.15, min_similarity + 0.1
    if best.coverage < min_coverage and closest.similarity < min_similarity:
        top = candidates[:2]
        cited = [_cite(c.hit.chunk, c.text) for c in top]
        lines = [NOT_FOUND + " The closest passages are:"] + [f"- {c.quote} [{i}]" for i, c in enumerate(cited, 1)]
        return Answer(answer="\n".join(lines), citations=cited, found=False)
    chosen = _select(candidates)
    person_wanted = own and _ASKS_FOR["person"][0].search(question)
    if person_wanted and not any(_ASKS_FOR["person"][1].search(c.text) for c in chosen):
        return Answer(answer=NOT_FOUND, found=False)  # "who ...?" answered without naming anyone is no answer
    return _compose(chosen)


def _score_sentences(question: str, hits: list[SearchHit], index: WorkspaceIndex) -> list[_Candidate]:
    wanted = [kind for kind, (ask, _) in _ASKS_FOR.items() if ask.search(question)]
    candidates = [
        _Candidate(sentence, hit, position, context=f"{hit.chunk.section} {lead}", block=block)
        for hit in hits for position, (sentence, lead, block) in enumerate(passage_units(hit.chunk.text))
        if len(sentence) >= 25 or wanted
    ]
    if not candidates:
        return []
    asked = [t for t in dict.fromkeys(tokenize(question)) if t not in _QUESTION_FORM]
    groups = synonym_groups(question)
    stems = [tokenize(c.text) for c in candidates]
    idf = _idf(asked, [set(s) for s in stems])
    weight = sum(idf[t] for t in asked) or 1.0
    rank_of = {id(hit): rank for rank, hit in enumerate(hits)}
    for candidate, sequence in zip(candidates, stems):
        terms, context = set(sequence), set(tokenize(candidate.context))
        # A synonym in the sentence stands in for the question's own phrase ("set aside" -> "budget").
        terms |= {t for mentioned, phrases in groups if any(_has_phrase(sequence, p) for p in phrases) for t in mentioned}
        got = sum(idf[t] for t in asked if t in terms) + CONTEXT_WEIGHT * sum(idf[t] for t in asked if t in context - terms)
        candidate.coverage = min(1.0, got / weight)
        candidate.score = W_COVERAGE * candidate.coverage + W_RANK / (1 + rank_of[id(candidate.hit)])
        candidate.score += W_PASSAGE * (candidate.hit.similarity or 0.0)
        candidate.score += sum(W_TYPE for kind in wanted if _ASKS_FOR[kind][1].search(candidate.text))
        if candidate.text.rstrip().endswith("?"):
            candidate.score -= 0.15  # a question in the source is rarely the answer
    _add_similarity(question, candidates, index)
    candidates.sort(key=lambda c: -c.score)
    return candidates


def _has_phrase(sequence: list[str], stems: tuple[str, ...]) -> bool:
    n = len(stems)
    return any(tuple(sequence[i : i + n]) == stems for i in range(len(sequence) - n + 1))


def _idf(terms: list[str], stems: list[set[str]]) -> dict[str, float]:
    n = len(stems)
    return {t: math.log(1 + n / (1 + sum(t in s for s in stems))) for t in terms}


def _add_similarity(question: str, candidates: list[_Candidate], index: WorkspaceIndex) -> None:
    tier = index.contextual
    embedder = tier.embedder if tier is not None else index.embedder
    vectors = np.asarray(embedder.embed_documents([c.text for c in candidates]), dtype=np.float32)
    query = np.asarray(embedder.embed_query(question), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1) * (np.linalg.norm(query) or 1.0)
    similarities = vectors @ query / np.where(norms == 0, 1.0, norms)
    for candidate, similarity in zip(candidates, similarities):
        candidate.similarity = float(similarity)
        candidate.score += W_SIMILARITY * float(similarity)


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
    # The sentence right after the best one in the same paragraph often completes it ("...potent. OEB 5 is required").
    lead = best_group[0]
    follow = next((c for c in best_group if c.position == lead.position + 1 and c.block == lead.block), None)
    if follow is not None and follow not in chosen and follow.score >= 0.5 * lead.score and len(chosen) < MAX_SENTENCES:
        chosen.append(follow)
    for candidate in candidates:
        if candidate.hit.chunk.chunk_id == best_group[0].hit.chunk.chunk_id:
            continue
        if candidate.score >= CORROBORATE * best_group[0].score and not any(
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
            citations.append(_cite(chunk, candidate.text))
            marker_of[key] = len(citations)
        text = re.sub(r"^([-*•▪]|\d{1,2}[.)])\s+", "", candidate.text).strip("| ").replace(" | ", ", ")
        parts.append(f"{_sentence_case(text)} [{marker_of[key]}]")
    return Answer(answer=" ".join(parts), citations=citations, found=True)


def _answer_with_model(chat, question: str, hits: list[SearchHit], index: WorkspaceIndex, *, own: bool = False) -> Answer:
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
        citations.append(_cite(chunk, normalize_whitespace(cited.quote)))
        renumber[cited.passage] = len(citations)
    if not reply.found or not citations:
        if own and not reply.found:
            return Answer(answer=NOT_FOUND, found=False, mode="llm")  # the model read our documents and found nothing
        result = _answer_extractively(question, hits, index, own=own)
        result.mode = "llm"
        return result
    text = re.sub(r"\[(\d+)\]", lambda m: f"[{renumber[int(m.group(1))]}]" if int(m.group(1)) in renumber else "", reply.answer)
    return Answer(answer=normalize_whitespace(text), citations=citations, found=True, mode="llm")


def _cite(chunk, quote: str) -> Citation:
    """A citation of `quote` in `chunk`, saying which row or slide it is on when the page number does not."""
    return Citation(source=chunk.source, page=chunk.page, quote=quote, location=chunk.locate(quote))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a | b), 1)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
