"""Per-workspace hybrid index: Chroma vectors plus BM25, fused by reciprocal rank.

Consistency rule: a document exists only once its manifest record is stored, and the manifest is
written in the same call as the document's last batch of chunks (for ordinary documents, the only
call). Chunks of a half-finished ingest have no manifest, are invisible to search, and are removed
when the same document is ingested again, so a crash never leaves a half-indexed document behind.

At ~400 lines it is one class on purpose: ingest, commit, search and the freshness checks share the
workspace lock and the consistency rule above, which are easiest to audit in one place.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
from chromadb.errors import InternalError

from rfp_assistant.core.documents.chunking import CHUNKING_VERSION, Chunk, chunk_document, search_text
from rfp_assistant.config import Settings
from rfp_assistant.core.documents import LoadedDocument
from rfp_assistant.errors import ConfigurationError, IndexError_
from rfp_assistant.core.retrieval.lexical import LexicalIndex
from rfp_assistant.core.storage.document_files import forget
from rfp_assistant.core.storage.locking import workspace_lock
from rfp_assistant.core.retrieval.store import collection_name, note_change, workspace_client
from rfp_assistant.core.retrieval.scrub import scrub_deleted_text
from rfp_assistant.core.retrieval.records import (
    IS_CHUNK,
    IS_MANIFEST,
    DocumentRecord,
    chunk_from_row,
    chunk_metadata,
    manifest_id,
    manifest_metadata,
    record_from_metadata,
)
from rfp_assistant.core.retrieval.thesaurus import expand_query
from rfp_assistant.core.retrieval.unit_vectors import UnitVectors

Kind = Literal["guide", "internal", "proposal"]
Method = Literal["hybrid", "lexical", "dense"]
Progress = Callable[[float, str], None]
RRF_K = 60
CANDIDATES = 50
WRITE_BATCH = 4000  # below Chroma's max batch size, so a typical document is one atomic call

_lexical_cache: dict[str, tuple[str, LexicalIndex]] = {}
# The document list of each embedded workspace, valid while the client (reopened when another process writes) and this
# process's write count are the same: an ask lists documents several times and at 10,000 passages each costs ~50 ms.
_listings: dict[str, tuple[object, int, list[DocumentRecord]]] = {}
_writes: dict[str, int] = {}
LEXICAL_PAGE = 10_000
_UNSET = object()


@dataclass
class IngestResult:
    """What happened to one file: added, updated (replaced an older version) or unchanged."""

    status: Literal["added", "updated", "unchanged"]
    record: DocumentRecord


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


class WorkspaceIndex:
    """Documents and their chunks for one workspace, on embedded Chroma or a Chroma server."""

    def __init__(self, settings: Settings, workspace: str | None = None, embedder=None, progress: Progress | None = None):
        self.settings = settings
        self.workspace = workspace or settings.workspace
        self.folder = settings.workspace_dir(self.workspace)
        self._embedder = embedder
        self._embedder_checked = False
        self._contextual = _UNSET
        self._units: UnitVectors | None = None
        self._progress = progress
        self._client = None
        self._swaps = 0  # how often this index moved to a fresh client; a write that saw one must say so
        self._sync_lock = threading.Lock()
        self._sync()

    def _sync(self, reopen: bool = False) -> None:
        """Use the current client, reopened when another process has changed this workspace (see store.py)."""
        with self._sync_lock:
            self._use(workspace_client(self.settings, self.workspace, reopen=reopen))

    def _use(self, client) -> None:
        if client is self._client:
            return
        try:
            self._chunks = client.get_or_create_collection(
                collection_name(self.workspace), embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        except Exception as exc:  # chromadb raises a wide range of transport and storage errors
            raise IndexError_(f"The index for workspace '{self.workspace}' could not be opened: {exc}") from exc
        if self._client is not None and self._contextual not in (_UNSET, None):
            from rfp_assistant.core.embeddings.contextual import ContextualTier

            old = self._contextual
            self._contextual = ContextualTier(client, collection_name(self.workspace) + "-ctx", old.embedder, old.cache)
        self._client = client
        self._swaps += 1

    def _changed(self, swaps: int) -> None:
        """Record a write begun when this index had moved `swaps` times (so which client wrote is known)."""
        _writes[self._key] = _writes.get(self._key, 0) + 1
        note_change(self.settings, self.workspace, self._client if swaps == self._swaps else None)

    @property
    def contextual(self):
        """The contextual second tier (RFP_EMBEDDINGS=local), or None."""
        if self._contextual is _UNSET:
            from rfp_assistant.core.embeddings.contextual import ContextualTier
            from rfp_assistant.core.embeddings.vector_cache import VectorCache
            from rfp_assistant.core.embeddings.embedder import make_contextual_embedder

            embedder = make_contextual_embedder(self.settings)
            self._contextual = (
                ContextualTier(self._client, collection_name(self.workspace) + "-ctx", embedder,
                               VectorCache(self.settings.cache_dir, type(embedder).__name__)) if embedder else None
            )
        return self._contextual

    def upgrade(self, progress: Progress | None = None, limit: int | None = None) -> int:
        """Give documents contextual vectors (the slower, better tier); returns passages embedded.

        With `limit`, whole documents are done until about `limit` passages are embedded (the built-in playbook,
        read from the machine cache, always); the rest wait for a later call.
        """
        if self.contextual is None:
            return 0
        with workspace_lock(self.folder):
            records = self.list_documents()
            swaps, tier = self._swaps, self.contextual  # after list_documents, which may move to a fresh client
            covered = tier.covered({r.doc_id for r in records}, {r.doc_id: r.chunks for r in records})
            covered &= self.units.contextual_documents(tier.embedder)  # a passage's sentences are part of its tier
            builtin = _builtin_playbook_hashes()
            pending = sorted((r for r in records if r.doc_id not in covered), key=lambda r: r.sha256 not in builtin)
            if limit is not None:
                chosen, budget = [], limit
                for record in pending:
                    if record.sha256 in builtin or record.chunks <= budget:
                        chosen.append(record)
                        budget -= 0 if record.sha256 in builtin else record.chunks
                pending = chosen
            total, done = sum(r.chunks for r in pending), 0
            for record in pending:
                chunks = self.chunks_of(record.doc_id)
                shareable = record.sha256 in builtin
                try:
                    tier.add(record.doc_id, chunks, progress, done, total, shareable=shareable)
                finally:
                    self._changed(swaps)
                self.units.add_contextual(record.doc_id, chunks, tier.embedder, tier.cache if shareable else None)
                done += record.chunks
        if progress and total:
            progress(1.0, f"Search improved for {total} passages")
        return total

    def unit_similarities(self, chunks: list[Chunk], query: str, static_query: str | None = None):
        """(space, {chunk_id: (units, similarities)}): each passage's sentences, items and rows against the query.

        Uses the vectors stored at ingest and by the contextual tier; only the query is embedded.
        """
        tier = self.contextual
        return self.units.similarities(chunks, query, static_query, tier.embedder if tier is not None else None)

    @property
    def units(self) -> UnitVectors:
        """The vectors of every passage's sentences, list items and rows (local static table, made at ingest)."""
        if self._units is None:
            from rfp_assistant.core.embeddings.embedder import StaticMiniLMEmbedder

            # Always the local table, whatever RFP_EMBEDDINGS says: fast, and sentences never leave the machine.
            self._units = UnitVectors(self.folder, StaticMiniLMEmbedder(self.settings.cache_dir, self._progress))
        return self._units

    @property
    def embedder(self):
        """The embedder, created on first use (the local table may take a minute to build once)."""
        if self._embedder is None:
            from rfp_assistant.core.embeddings.embedder import make_embedder

            self._embedder = make_embedder(self.settings, progress=self._progress)
        if not self._embedder_checked:
            self._check_embedder(self._embedder)
        return self._embedder

    def _check_embedder(self, embedder) -> None:
        """Refuse to mix vectors from two different embeddings in one workspace."""
        meta = dict(self._chunks.metadata or {})
        stored = meta.get("embedder")
        if stored is None:
            meta["embedder"] = embedder.name
            self._chunks.modify(metadata=meta)
        elif stored != embedder.name:
            raise ConfigurationError(
                f"Workspace '{self.workspace}' was indexed with the '{stored}' embedding, but RFP_EMBEDDINGS now "
                f"selects '{embedder.name}'. Use the original setting, or a new workspace."
            )
        self._embedder_checked = True

    # --- documents -------------------------------------------------------------------------

    def list_documents(self, kind: str | None = None) -> list[DocumentRecord]:
        """Committed documents, oldest first, optionally of one kind."""
        self._sync()
        cached = _listings.get(self._key)
        writes = _writes.get(self._key, 0)
        if cached is not None and cached[0] is self._client and cached[1] == writes and not self.settings.chroma_host:
            records = cached[2]
        else:
            got = self._chunks.get(where=IS_MANIFEST, include=["metadatas"])
            records = [record_from_metadata(meta) for meta in got["metadatas"] or []]
            records.sort(key=lambda r: (r.added_at, r.source))
            _listings[self._key] = (self._client, writes, records)
        return [r for r in records if kind is None or r.kind == kind]

    @property
    def _key(self) -> str:
        return f"{self.settings.chroma_host or self.settings.data_dir}:{self.workspace}"

    def find_document(self, name_or_id: str) -> DocumentRecord | None:
        """A document by id, id prefix (8+ characters) or file name."""
        for record in self.list_documents():
            if name_or_id in (record.doc_id, record.source) or (
                len(name_or_id) >= 8 and record.doc_id.startswith(name_or_id)
            ):
                return record
        return None

    def add_document(self, document: LoadedDocument, kind: Kind) -> IngestResult:
        """Index a loaded document; re-adding unchanged content is a no-op, a new version replaces the old."""
        doc_id = document.sha256[:40]
        with workspace_lock(self.folder):
            existing = self.list_documents()
            swaps = self._swaps
            same = next((r for r in existing if r.doc_id == doc_id), None)
            if same is not None and same.chunking >= CHUNKING_VERSION:
                return IngestResult("unchanged", same)
            older = [r for r in existing if r.source == document.source and r.kind == kind and r.doc_id != doc_id]
            chunks = chunk_document(document, doc_id)
            record = DocumentRecord(
                doc_id, document.source, kind, document.sha256, document.page_count, len(chunks), time.time(),
                list(document.warnings), CHUNKING_VERSION,
            )
            try:
                if same is not None:
                    # Cut by an older chunking: its passages share ids with the new ones, so they go first (the
                    # document is invisible until its new manifest is written; an interrupted run leaves it absent).
                    # What was extracted from the file stays: only its passages change.
                    self._chunks.delete(ids=[manifest_id(doc_id)])
                    self._chunks.delete(where={"doc_id": doc_id})
                    if self.contextual is not None:
                        self.contextual.remove(doc_id)
                    self.units.remove(doc_id)
                if len(chunks) > WRITE_BATCH:
                    self._chunks.delete(where={"doc_id": doc_id})  # leftovers of an interrupted multi-call ingest
                try:
                    self.units.add(doc_id, chunks)  # before the commit: a committed document always has them
                    self._write_chunks(chunks, kind, record)
                except Exception as exc:
                    self._chunks.delete(where={"doc_id": doc_id})
                    self.units.remove(doc_id)
                    raise IndexError_(f"{document.source}: indexing failed and was rolled back ({exc})") from exc
                for old in older:
                    self._remove(old.doc_id)
            finally:
                self._changed(swaps)
        return IngestResult("updated" if older or same is not None else "added", record)

    def delete_document(self, name_or_id: str, *, scrub: bool = True) -> DocumentRecord | None:
        """Remove a document and its chunks; returns what was removed, or None if absent.

        Then (unless `scrub` is False, for a caller deleting several and scrubbing once) no file keeps its text.
        """
        with workspace_lock(self.folder):
            record = self.find_document(name_or_id)
            swaps = self._swaps
            if record is not None:
                try:
                    self._remove(record.doc_id)
                finally:
                    self._changed(swaps)
        if record is not None and scrub:
            scrub_deleted_text(self.settings)
        return record

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """All chunks of one document, in reading order."""
        self._sync()
        got = self._chunks.get(where={"$and": [IS_CHUNK, {"doc_id": doc_id}]}, include=["documents", "metadatas"])
        chunks = [chunk_from_row(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(chunks, key=lambda c: c.ordinal)

    def _remove(self, doc_id: str) -> None:
        self._chunks.delete(ids=[manifest_id(doc_id)])  # uncommit first: search stops seeing it at once
        self._chunks.delete(where={"doc_id": doc_id})
        if self.contextual is not None:
            self.contextual.remove(doc_id)
        self.units.remove(doc_id)
        forget(self.folder, sha256=doc_id)  # what was derived from it (cached extractions) goes with it
        # Saved keyword indexes list its words; the next search builds one for the new set of documents anyway.
        for saved in (self.folder / "lexical").glob("[!.]*"):
            _remove_tree(saved)

    def _write_chunks(self, chunks: list[Chunk], kind: str, record: DocumentRecord) -> None:
        """Embed and store chunks; the manifest rides with the last batch, committing the document."""
        total = max(len(chunks), 1)
        vectors: list[list[float]] = []
        for start in range(0, len(chunks), 256):
            vectors.extend(self.embedder.embed_documents([c.search_text for c in chunks[start : start + 256]]))
            if self._progress and len(chunks) > 256:
                self._progress(min(1.0, len(vectors) / total), f"embedded {len(vectors)}/{total} passages")
        for start in range(0, len(chunks), WRITE_BATCH):
            part = chunks[start : start + WRITE_BATCH]
            ids = [c.chunk_id for c in part]
            embeddings = vectors[start : start + WRITE_BATCH]
            documents = [c.text for c in part]
            metadatas = [chunk_metadata(c, kind) for c in part]
            if start + WRITE_BATCH >= len(chunks):
                ids.append(manifest_id(record.doc_id))
                embeddings.append([1.0] + [0.0] * (len(vectors[0]) - 1))
                documents.append(record.source)
                metadatas.append(manifest_metadata(record))
            self._chunks.add(ids=ids, embeddings=embeddings, documents=documents, metadatas=metadatas)

    # --- search ----------------------------------------------------------------------------

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
            for stale in (self.folder / "lexical").iterdir():
                if stale.name != signature and not stale.name.startswith(".tmp-"):
                    _remove_tree(stale)
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


def _remove_tree(path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def is_builtin(record: DocumentRecord) -> bool:
    """True for a file of the built-in playbook (exactly as shipped), False for a document the user ingested."""
    return record.kind == "guide" and record.sha256 in _builtin_playbook_hashes()


@lru_cache(maxsize=1)
def _builtin_playbook_hashes() -> frozenset[str]:
    """Content hashes of the shipped playbook: only these exact files are public enough for the machine cache."""
    from rfp_assistant.resources import KNOWLEDGE_DIR

    return frozenset(hashlib.sha256(p.read_bytes()).hexdigest() for p in (KNOWLEDGE_DIR / "playbook").glob("*.md"))
