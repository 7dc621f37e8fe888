"""Second retrieval tier: full contextual MiniLM vectors, added after a document is already searchable.

Ingest stays fast (static vectors + BM25 make a document searchable at once); `upgrade` then embeds
each document's passages with the contextual model, which understands paraphrase far better. A
document is used by this tier only once all its passages are in, written in one call per document.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

from rfp_assistant.core.documents.chunking import Chunk

Progress = Callable[[float, str], None]
EMBED_BATCH = 16
PAGE_ROWS = 10_000
PAGE_IDS = 2_000


class ContextualTier:
    """The contextual-vector collection of one workspace."""

    def __init__(self, client, name: str, embedder, cache=None):
        self.embedder = embedder
        self.cache = cache
        # A model other than the default MiniLM keeps its vectors apart, so switching models never mixes them.
        name += getattr(embedder, "collection_suffix", "")
        self._collection = client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self._complete: set[str] = set()

    def covered(self, doc_ids: set[str], expected_chunks: dict[str, int]) -> set[str]:
        """The documents among `doc_ids` whose passages all have contextual vectors."""
        unknown = doc_ids - self._complete
        if unknown:
            counts: dict[str, int] = {}
            # Paged: Chroma's SQLite backend refuses a result of more than ~32,000 rows in one call.
            ids = sorted(unknown)
            for first in range(0, len(ids), PAGE_IDS):
                for offset in itertools.count(0, PAGE_ROWS):
                    got = self._collection.get(where={"doc_id": {"$in": ids[first:first + PAGE_IDS]}},
                                               include=["metadatas"], limit=PAGE_ROWS, offset=offset)
                    for meta in got["metadatas"] or []:
                        counts[meta["doc_id"]] = counts.get(meta["doc_id"], 0) + 1
                    if len(got["ids"]) < PAGE_ROWS:
                        break
            self._complete |= {d for d in unknown if counts.get(d, 0) >= expected_chunks.get(d, 1)}
        return doc_ids & self._complete

    def add(self, doc_id: str, chunks: list[Chunk], progress: Progress | None = None, done: int = 0, total: int = 0,
            *, shareable: bool = False):
        """Embed and store one document's passages (one write, so a document is never half in).

        `shareable` marks public text (the built-in playbook) whose vectors may be reused from the machine cache.
        """
        texts = [c.search_text for c in chunks]
        cached = self.cache.get(texts) if shareable and self.cache else {}
        missing = [t for t in texts if t not in cached]
        fresh: dict[str, list[float]] = {}
        for start in range(0, len(missing), EMBED_BATCH):
            batch = missing[start : start + EMBED_BATCH]
            fresh.update(zip(batch, self.embedder.embed_documents(batch)))
            if progress and total:
                progress(min(1.0, (done + start + EMBED_BATCH) / total),
                         f"Improving search: {min(done + start + EMBED_BATCH, total)}/{total} passages")
        if shareable and self.cache and fresh:
            self.cache.put(list(fresh), list(fresh.values()))
        vectors = [cached.get(t) or fresh[t] for t in texts]
        self._collection.upsert(
            ids=[c.chunk_id for c in chunks], embeddings=vectors, metadatas=[{"doc_id": doc_id} for _ in chunks]
        )
        self._complete.add(doc_id)

    def remove(self, doc_id: str) -> None:
        """Forget a document's contextual vectors."""
        self._collection.delete(where={"doc_id": doc_id})
        self._complete.discard(doc_id)

    def search(self, query: str, expansion: str, doc_ids: set[str], n: int) -> list[tuple[str, float]]:
        """Nearest passages among `doc_ids` by contextual similarity."""
        if not doc_ids:
            return []
        vector = np.asarray(self.embedder.embed_query(query), dtype=np.float32)
        if expansion:
            vector = vector + 0.5 * np.asarray(self.embedder.embed_query(expansion), dtype=np.float32)
        vector = vector / (np.linalg.norm(vector) or 1.0)
        result = self._collection.query(
            query_embeddings=[vector.tolist()], n_results=n, where={"doc_id": {"$in": sorted(doc_ids)}},
            include=["distances"],
        )
        return list(zip(result["ids"][0], result["distances"][0]))
