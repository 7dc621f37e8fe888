"""Ground each section: retrieve passages of the guide and company documents, cite the sentence behind a statement."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from rfp_assistant.core.text.sentences import quote_in_text, split_sentences
from rfp_assistant.core.retrieval.index import SearchHit, WorkspaceIndex
from rfp_assistant.core.retrieval.lexical import tokenize
from rfp_assistant.schemas.common import Citation
from rfp_assistant.jobs.drafting.catalog import SectionSpec

KINDS = ["guide", "internal"]
MAX_CITATIONS = 4
# Below this a passage sentence only shares vocabulary with the statement; it does not back it.
MIN_SCORE = 0.44
# A section with no statement above MIN_SCORE still cites its single closest passage when it is this close.
SECTION_MIN_SCORE = 0.37


_NUMBERS = re.compile(r"[$€£]?\d[\d,.]*\s*(?:%|[kKmM]\b|L\b|kL\b)?")


@dataclass
class _Candidate:
    quote: str
    hit: SearchHit


def retrieve(index: WorkspaceIndex, spec: SectionSpec, statements: list[str] = (), k: int = 4) -> list[SearchHit]:
    """Passages for the section's catalog queries and for each of its statements, best first, each chunk once."""
    seen: dict[str, SearchHit] = {}
    # Statements are long and many: the lexical tier finds their passages without running the contextual model.
    searches = [(q, k, "hybrid") for q in spec.queries] + [(s, 2, "lexical") for s in statements]
    for query, limit, method in searches:
        for hit in index.search(query, k=limit, kinds=KINDS, method=method):
            seen.setdefault(hit.chunk.chunk_id, hit)
    return list(seen.values())


def cite(index: WorkspaceIndex, hits: list[SearchHit], statements: list[str]) -> tuple[dict[int, list[int]], list[Citation]]:
    """Markers (statement index -> citation numbers) and the citations, numbered in reading order."""
    candidates = [
        _Candidate(sentence, hit)
        for hit in hits
        for sentence in split_sentences(hit.chunk.text)
        if 40 <= len(sentence) <= 600 and not sentence.endswith("?") and not sentence.startswith("|")
        and quote_in_text(sentence, hit.chunk.text)
    ]
    if not candidates or not statements:
        return {}, []
    # The passage heading says what a sentence is about ("Scoring likelihood and impact").
    scores = _scores(index, statements, [f"{c.hit.chunk.section}. {c.quote}" for c in candidates])
    chosen: dict[int, int] = {}
    used: set[str] = set()
    for flat in np.argsort(-scores, axis=None):
        i, j = divmod(int(flat), len(candidates))
        floor = MIN_SCORE if chosen else SECTION_MIN_SCORE
        if scores[i, j] < floor or len(chosen) >= MAX_CITATIONS:
            break
        if i in chosen or candidates[j].quote in used:
            continue
        chosen[i] = j
        used.add(candidates[j].quote)
    markers: dict[int, list[int]] = {}
    citations: list[Citation] = []
    for i in sorted(chosen):
        c = candidates[chosen[i]]
        citations.append(Citation(source=c.hit.chunk.source, page=c.hit.chunk.page, quote=c.quote,
                                  location=c.hit.chunk.locate(c.quote)))
        markers[i] = [len(citations)]
    return markers, citations


def _scores(index: WorkspaceIndex, statements: list[str], quotes: list[str]) -> np.ndarray:
    # Program numbers (scale, batches, dates) say nothing about whether a guide sentence backs a statement.
    statements = [_NUMBERS.sub(" ", s) for s in statements]
    quotes = [_NUMBERS.sub(" ", q) for q in quotes]
    statement_terms = [set(tokenize(t)) for t in statements]
    quote_terms = [set(tokenize(q)) for q in quotes]
    # Words every passage shares ("sponsor", "proposal") should not make two sentences look alike.
    df: dict[str, int] = {}
    for terms in quote_terms + statement_terms:
        for term in terms:
            df[term] = df.get(term, 0) + 1
    n = len(quote_terms) + len(statement_terms)
    weight = {t: np.log(1 + n / c) for t, c in df.items()}
    lexical = np.zeros((len(statements), len(quotes)), dtype=np.float32)
    for i, terms in enumerate(statement_terms):
        norm_i = sum(weight[t] ** 2 for t in terms) ** 0.5
        for j, other in enumerate(quote_terms):
            shared = sum(weight[t] ** 2 for t in terms & other)
            if shared:
                lexical[i, j] = shared / max(norm_i * sum(weight[t] ** 2 for t in other) ** 0.5, 1e-9)
    embedder = index.embedder
    a = np.asarray(embedder.embed_documents(statements), dtype=np.float32)
    b = np.asarray(embedder.embed_documents(quotes), dtype=np.float32)
    a /= np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-9)
    b /= np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-9)
    return 0.6 * (a @ b.T) + 0.4 * lexical
