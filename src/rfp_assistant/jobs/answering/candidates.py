"""Score every unit (sentence, list item, row) of the retrieved passages against the question.

A unit's score adds how much of the question's wording it covers (rarer words count more, a synonym stands in
for the question's phrase, the heading and the line introducing a list count a little), its similarity to the
question (vectors stored at ingest: an ask embeds only the question), the passage's own similarity and rank,
and whether it carries what the question asks for (a name, an amount, a date, a list).
"""

from __future__ import annotations

import math
import os
import re

import numpy as np
from dataclasses import dataclass

from rfp_assistant.core.retrieval.index import SearchHit, WorkspaceIndex
from rfp_assistant.core.retrieval.lexical import tokenize
from rfp_assistant.core.retrieval.thesaurus import synonym_groups
from rfp_assistant.core.text.units import Unit
from rfp_assistant.jobs.answering.intent import ASKS_FOR, QUESTION_FORM, Intent, question_parts, topic_words

# Unit score = weights x (question coverage, retrieval rank, answer type, similarity, passage similarity, shape).
W_COVERAGE, W_RANK, W_TYPE, W_SIMILARITY, W_PASSAGE, W_SHAPE = 0.6, 0.1, 0.12, 0.45, 0.3, 0.15
CONTEXT_WEIGHT = 0.7  # a word in the heading or the line introducing a list counts 70% of one in the sentence
MIN_ANCHOR_CHARS = 25  # shorter units (a bare list item, a label) complete an answer but do not lead it
W_SELF = 0.1
W_QUESTION = 0.15  # a question found in the source counts this much less than its answer, which inherits its score
W_ANSWER_STEP = 0.01  # ... less a little per sentence, so the answer's sentences keep their order
_SELF_REFERENCE = re.compile(r"^[-*•▪ ]*(this|the|our) ((next|previous|following|last|first) )?(guide|page|article|post|document|series|report|paper|author|"
                             r"e-?book|white ?paper)\b", re.I)
# A question about the document itself (its series, its author, what comes next) may be answered by such a sentence.
_ABOUT_DOCUMENT = re.compile(r"\b(series|author|wrote|written|published|publisher|title|next (page|part|article|one)|"
                             r"previous (page|part|article)|part \d|this (doc|document|guide|article|page|piece)|"
                             r"related|read next|further reading|other (articles|pieces|posts|pages)|articles|links?)\b",
                             re.I)
KIN_WEIGHT = 0.8  # a word of the question's word family ('defensible' for 'defend') counts 80% of the word itself
W_NAME = 0.3  # a named company or person narrows the answer to where it is named
_NOT_NAMES = frozenset("i i'm i've i'd ok okay please thanks hi hello".split())
_DOCUMENT_WORDS = frozenset(tokenize("author guide article document page series"))
W_LINK = 0.3  # a link card (a related article's title and teaser) answers only a question about such links
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to vs with".split())
_ITEMS = re.compile(r",[^,]+,[^,]*\b(and|or)\b|;|:\s*$|\b(such as|including|include|includes)\b", re.I)
_ENUMERATION = re.compile(r"(,[^,]+){2,}|;|:\s*$|\b(such as|including|include|includes|like)\b", re.I)


@dataclass(eq=False)  # one candidate is one unit of one hit: identity is equality
class Candidate:
    """One unit of a retrieved passage, with how well it answers the question."""

    unit: Unit
    hit: SearchHit
    position: int
    """Index of the unit in its passage."""
    score: float = 0.0
    coverage: float = 0.0
    similarity: float = 0.0
    eligible: bool = True
    """Long enough (or of the asked type) to lead an answer."""
    matched: frozenset[str] = frozenset()
    """The question's words (or their synonyms) the unit itself says, its heading aside."""

    @property
    def text(self) -> str:
        """The unit's verbatim text."""
        return self.unit.text

    @property
    def chunk_id(self) -> str:
        """The passage it belongs to."""
        return self.hit.chunk.chunk_id


def score_units(question: str, intent: Intent, hits: list[SearchHit], index: WorkspaceIndex
                ) -> tuple[str, list[Candidate]]:
    """Every unit of `hits`, scored, best first; and which vectors gave the similarities (contextual or static)."""
    if not hits:
        return "static", []
    space, compared = index.unit_similarities([h.chunk for h in hits], question, topic_words(question))
    # A question put in several sentences (context, then what is asked; or two asks) is also compared part by part:
    # the whole question's vector blurs what any one of its parts asks.
    for part in question_parts(question):
        part_space, by_part = index.unit_similarities([h.chunk for h in hits], part, topic_words(part))
        if part_space == space:
            compared = {i: (units, np.maximum(sims, by_part[i][1])) for i, (units, sims) in compared.items()}
    candidates: list[Candidate] = []
    similarities: list[float] = []
    for hit in hits:
        units, sims = compared[hit.chunk.chunk_id]
        for position, unit in enumerate(units):
            candidates.append(Candidate(unit, hit, position))
            similarities.append(float(sims[position]))
    about_document = bool(_ABOUT_DOCUMENT.search(question))
    # "Who is the author?" asks about the document itself: then its words name the topic instead of shaping the question.
    asked = [t for t in dict.fromkeys(tokenize(question))
             if t not in QUESTION_FORM or (about_document and t in _DOCUMENT_WORDS)]
    groups = synonym_groups(question)
    stems = [tokenize(c.text) for c in candidates]
    idf = _idf(asked, [set(s) for s in stems])
    weight = sum(idf[t] for t in asked) or 1.0
    vocabulary = set().union(*map(set, stems)) if stems else set()
    kin = {t: {v for v in vocabulary if _kindred(t, v)} for t in asked}
    rank_of = {id(hit): rank for rank, hit in enumerate(hits)}
    names = proper_names(question)
    for candidate, sequence, similarity in zip(candidates, stems, similarities):
        terms = set(sequence)
        context_sequence = tokenize(f"{candidate.hit.chunk.section} {candidate.unit.lead}")
        context = set(context_sequence)
        # A synonym in the sentence (or its heading) stands in for the question's own phrase ("set aside" -> "budget").
        terms |= {t for mentioned, phrases in groups if any(_has_phrase(sequence, p) for p in phrases) for t in mentioned}
        context |= {t for mentioned, phrases in groups if any(_has_phrase(context_sequence, p) for p in phrases)
                    for t in mentioned}
        candidate.matched = frozenset(t for t in asked if t in terms)
        got = sum(idf[t] for t in asked if t in terms) + CONTEXT_WEIGHT * sum(idf[t] for t in asked if t in context - terms)
        got += KIN_WEIGHT * sum(idf[t] for t in asked if t not in terms and t not in context and kin[t] & terms)
        candidate.coverage = min(1.0, got / weight)
        candidate.similarity = similarity
        candidate.eligible = (len(candidate.text) >= MIN_ANCHOR_CHARS or bool(intent.wants)) and not is_label(candidate.text)
        score = W_COVERAGE * candidate.coverage + W_RANK / (1 + rank_of[id(candidate.hit)])
        score += W_PASSAGE * (candidate.hit.similarity or 0.0) + W_SIMILARITY * similarity
        score += sum(W_TYPE for kind in intent.wants if ASKS_FOR[kind][1].search(candidate.text))
        if names and names <= (set(sequence) | context):
            score += W_NAME  # "Can Acme make ...?" is answered where Acme is named (its line, or its heading)
        if intent.shape == "list" and (candidate.unit.is_row or _ENUMERATION.search(candidate.text)):
            score += W_SHAPE
        if candidate.text.rstrip().endswith("?"):
            score -= W_QUESTION  # a question in the source is rarely the answer (its answer follows it)
        if _SELF_REFERENCE.match(candidate.text) and not about_document:
            score -= W_SELF  # "This page shares...", "This guide is part of...": the document describing itself
        if candidate.hit.chunk.role == "link" and not about_document:
            score -= W_LINK
        candidate.score = score
    _answers_inherit(candidates)
    candidates.sort(key=lambda c: -c.score)
    return space, candidates


def _answers_inherit(candidates: list[Candidate]) -> None:
    """The answer to a question the source asks (an FAQ entry) scores at least as well as that question.

    Such a question is often the user's own in other words; its answer's sentences need not repeat its wording.
    """
    by_passage: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_passage.setdefault(candidate.chunk_id, []).append(candidate)
    for units in by_passage.values():
        for position, question in enumerate(units[:-1]):
            answer = units[position + 1 :]
            if not question.text.rstrip().endswith("?") or answer[0].text.rstrip().endswith("?"):
                continue
            block = answer[0].unit.block
            for step, unit in enumerate(c for c in answer if c.unit.block == block):
                unit.coverage = max(unit.coverage, question.coverage)
                unit.score = max(unit.score, question.score + W_QUESTION - W_ANSWER_STEP * (step + 1))


def proper_names(question: str) -> set[str]:
    """Stems of the names in a question ('Acme', 'Globex'): capitalised words not opening it, not all capitals."""
    words = re.findall(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z]+(?:[A-Z][a-z]+)*\b", question.strip())
    return {t for w in words if w.lower() not in _NOT_NAMES for t in tokenize(w)}


def is_label(text: str) -> bool:
    """A title or heading caught in the text ("Preparing To Engage With The Market"): it names a topic, answers nothing."""
    words = re.sub(r"^([-*•▪]|\d{1,2}[.)])\s+", "", text).split()
    if not 4 <= len(words) <= 14 or text.rstrip()[-1:] in ".!?;:," or re.search(r"\d|\|", text):
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    return bool(significant) and sum(w[0].isupper() for w in significant) >= 0.8 * len(significant)


def lists_items(text: str) -> bool:
    """Stricter than is_enumeration: names three or more things ("a, b, and c") or introduces them ("such as", ":")."""
    return bool(_ITEMS.search(text))


def is_enumeration(text: str) -> bool:
    """True for a sentence that lists things inline ("a, b, and c"; "such as ..."; "...:")."""
    return bool(_ENUMERATION.search(text))


def _kindred(a: str, b: str) -> bool:
    """Two stems of one word family the stemmer keeps apart ('young'/'younger', 'defend'/'defens', 'compar'/'comparison')."""
    if a == b or min(len(a), len(b)) < 5:
        return False
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 5 and shared >= min(len(a), len(b)) - 1


def _has_phrase(sequence: list[str], stems: tuple[str, ...]) -> bool:
    n = len(stems)
    return any(tuple(sequence[i : i + n]) == stems for i in range(len(sequence) - n + 1))


def _idf(terms: list[str], stems: list[set[str]]) -> dict[str, float]:
    n = len(stems)
    return {t: math.log(1 + n / (1 + sum(t in s for s in stems))) for t in terms}
