"""Hybrid search over a workspace: dense vectors (contextual tier once upgraded, static before) and BM25, fused by
reciprocal rank. A mixin of WorkspaceIndex, kept apart so the index module holds ingest, commit and consistency."""

from __future__ import annotations

import hashlib
import itertools
import shutil
from dataclasses import dataclass
from typing import Literal

import numpy as np
from chromadb.errors import InternalError

from rfp_assistant.core.documents.chunking import Chunk, search_text
from rfp_assistant.core.retrieval.lexical import LexicalIndex
from rfp_assistant.core.retrieval.records import IS_CHUNK, DocumentRecord, chunk_from_row, is_builtin
from rfp_assistant.core.retrieval.thesaurus import expand_query

Method = Literal["hybrid", "lexical", "dense"]
RRF_K = 60
CANDIDATES = 50
LEXICAL_PAGE = 10_000
_lexical_cache: dict[str, tuple[str, LexicalIndex]] = {}


@dataclass
class SearchHit:
    """A retrieved chunk with its fused score and the rank it had in each retriever (1-based)."""

    chunk: Chunk
    kind: str
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    similarity: float | None = None
    """Cosine similarity to the query from the dense tier that ranked it, when one did."""
    builtin: bool = False
    """True for a passage of the built-in playbook; False for a document the user ingested."""


class HybridSearch:
    """Search methods of WorkspaceIndex; they use its collection (`_chunks`), folder, documents and tiers."""

    def search(
        self, query: str, k: int = 8, *, kinds: list[str] | None = None, sources: list[str] | None = None,
        method: Method = "hybrid", builtin: bool | None = None,
    ) -> list[SearchHit]:
        """Best chunks for `query` among committed documents, optionally filtered by kind, file name or origin.

        `builtin` True searches only the built-in playbook, False only the documents the user ingested.
        """
        try:
            return self._search(query, k, kinds, sources, method, builtin)
        except InternalError:
            # Another process committed passages between this process's freshness check and its query
            # (embedded Chroma then fails to find their ids); reopen and ask once more.
            self._sync(reopen=True)
            return self._search(query, k, kinds, sources, method, builtin)

    def _search(self, query: str, k: int, kinds: list[str] | None, sources: list[str] | None,
                method: Method, builtin: bool | None) -> list[SearchHit]:
        records = self.list_documents()
        allowed = {r.doc_id for r in records if (not kinds or r.kind in kinds) and (not sources or r.source in sources)
                   and (builtin is None or is_builtin(r) == builtin)}
        if not allowed or not query.strip():
            return []
        kind_of = {r.doc_id: r.kind for r in records}
        shipped = {r.doc_id for r in records if is_builtin(r)}
        expansion = expand_query(query)
        dense: list[tuple[str, float]] = []
        if method in ("hybrid", "dense"):
            tier = self.contextual
            upgraded = tier.covered(allowed, {r.doc_id: r.chunks for r in records}) if tier else set()
            # Each document is ranked by the best vectors it has: contextual once upgraded, static before.
            dense = tier.search(query, expansion, upgraded, CANDIDATES) if upgraded else []
            if allowed - upgraded:
                dense = _merge_by_distance(dense, self._dense(query, expansion, allowed - upgraded, len(records)))
        lexical = (
            self._lexical(records).search(query, CANDIDATES, allowed, expansion=expansion)
            if method in ("hybrid", "lexical") else []
        )
        fused: dict[str, SearchHit] = {}
        for rank, (chunk_id, distance) in enumerate(dense, start=1):
            fused[chunk_id] = SearchHit(None, "", 1.0 / (RRF_K + rank), dense_rank=rank,  # type: ignore[arg-type]
                                        similarity=1.0 - float(distance))
        for rank, (chunk_id, _) in enumerate(lexical, start=1):
            hit = fused.setdefault(chunk_id, SearchHit(None, "", 0.0))  # type: ignore[arg-type]
            hit.score += 1.0 / (RRF_K + rank)
            hit.lexical_rank = rank
        best = sorted(fused.items(), key=lambda item: -item[1].score)[:k]
        if not best:
            return []
        got = self._chunks.get(ids=[chunk_id for chunk_id, _ in best], include=["documents", "metadatas"])
        by_id = {i: chunk_from_row(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
        hits = []
        for chunk_id, hit in best:
            if chunk_id in by_id:
                hit.chunk = by_id[chunk_id]
                hit.kind = kind_of.get(hit.chunk.doc_id, "")
                hit.builtin = hit.chunk.doc_id in shipped
                hits.append(hit)
        return hits

    def _dense(self, query: str, expansion: str, allowed: set[str], documents: int = 0) -> list[tuple[str, float]]:
        total = self._chunks.count()
        if total == 0:
            return []
        vector = np.asarray(self.embedder.embed_query(query), dtype=np.float32)
        if expansion:
            vector = vector + 0.5 * np.asarray(self.embedder.embed_query(expansion), dtype=np.float32)
        vector = (vector / (np.linalg.norm(vector) or 1.0)).tolist()
        if len(allowed) * 2 > documents:
            # Most documents allowed: an unfiltered query, sieved by the document id each passage id starts with,
            # is several times faster than making Chroma filter every row's metadata first (~0.3 s at 10,000).
            result = self._chunks.query(query_embeddings=[vector], n_results=min(2 * CANDIDATES, total),
                                        include=["distances"])
            prefixes = {doc_id[:16] for doc_id in allowed}
            kept = [(i, d) for i, d in zip(result["ids"][0], result["distances"][0])
                    if not i.startswith("manifest-") and i[:16] in prefixes]
            if len(kept) >= CANDIDATES // 2 or len(result["ids"][0]) >= total:
                return kept[:CANDIDATES]
        result = self._chunks.query(
            query_embeddings=[vector], n_results=min(CANDIDATES, total),
            where={"$and": [IS_CHUNK, {"doc_id": {"$in": sorted(allowed)}}]}, include=["distances"],
        )
        return list(zip(result["ids"][0], result["distances"][0]))

    def _lexical(self, records: list[DocumentRecord]) -> LexicalIndex:
        signature = hashlib.sha1(",".join(sorted(r.doc_id for r in records)).encode()).hexdigest()
        key = self._key
        cached = _lexical_cache.get(key)
        if cached and cached[0] == signature:
            return cached[1]
        folder = self.folder / "lexical" / signature
        index = LexicalIndex.load(folder) if folder.exists() else None
        if index is None:
            index = self._build_lexical([r.doc_id for r in records])
            index.save(folder)
            remove_saved_lexical(self.folder, keep=signature)
        _lexical_cache[key] = (signature, index)
        return index

    def _build_lexical(self, doc_ids: list[str]) -> LexicalIndex:
        # One paged scan, not one query per document: at 100,000 passages per-document queries took 190 s.
        wanted, rows = set(doc_ids), []
        for offset in itertools.count(0, LEXICAL_PAGE):
            got = self._chunks.get(where=IS_CHUNK, include=["documents", "metadatas"], limit=LEXICAL_PAGE, offset=offset)
            rows += [(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"]) if m["doc_id"] in wanted]
            if len(got["ids"]) < LEXICAL_PAGE:
                break
        position = {doc_id: n for n, doc_id in enumerate(doc_ids)}
        rows.sort(key=lambda row: (position[row[2]["doc_id"]], row[0]))
        return LexicalIndex([i for i, _, _ in rows], [m["doc_id"] for _, _, m in rows],
                            [search_text(m["source"], m.get("section", ""), d) for _, d, m in rows])


def _merge_by_distance(first: list[tuple[str, float]], second: list[tuple[str, float]]) -> list[tuple[str, float]]:
    if not first:
        return second
    return sorted(first + second, key=lambda item: item[1])[:CANDIDATES]


def remove_saved_lexical(folder, keep: str | None = None) -> None:
    """Delete the BM25 indexes saved under a workspace folder (all, or all but `keep`)."""
    root = folder / "lexical"
    if root.exists():
        for saved in root.iterdir():
            if saved.name != keep and not saved.name.startswith(".tmp-"):
                shutil.rmtree(saved, ignore_errors=True)
