"""Per-workspace hybrid index: Chroma vectors plus BM25, fused by reciprocal rank.

Consistency rule: a document exists only once its manifest record is stored, and the manifest is
written in the same call as the document's last batch of chunks (for ordinary documents, the only
call). Chunks of a half-finished ingest have no manifest, are invisible to search, and are removed
when the same document is ingested again, so a crash never leaves a half-indexed document behind.

Ingest, commit and the freshness checks share the workspace lock and the consistency rule above, so they stay in
one class here; the hybrid search over committed documents is its mixin in hybrid_search.py.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from rfp_assistant.core.documents.chunking import CHUNKING_VERSION, Chunk, chunk_document
from rfp_assistant.config import Settings
from rfp_assistant.core.documents import LoadedDocument
from rfp_assistant.errors import ConfigurationError, IndexError_
from rfp_assistant.core.storage.document_files import forget
from rfp_assistant.core.storage.locking import workspace_lock
from rfp_assistant.core.retrieval.store import collection_name, note_change, workspace_client
from rfp_assistant.core.retrieval.scrub import scrub_deleted_text
from rfp_assistant.core.retrieval.records import (
    IS_CHUNK,
    IS_MANIFEST,
    DocumentRecord,
    builtin_playbook_hashes,
    chunk_from_row,
    chunk_metadata,
    manifest_id,
    manifest_metadata,
    is_builtin,  # noqa: F401  (part of this module's API)
    record_from_metadata,
)
from rfp_assistant.core.retrieval.hybrid_search import (  # noqa: F401  (SearchHit: part of this module's API)
    HybridSearch, SearchHit, remove_saved_lexical,
)
from rfp_assistant.core.retrieval.unit_vectors import UnitVectors

Kind = Literal["guide", "internal", "proposal"]
Progress = Callable[[float, str], None]
WRITE_BATCH = 4000  # below Chroma's max batch size, so a typical document is one atomic call

# The document list of each embedded workspace, valid while the client (reopened when another process writes) and this
# process's write count are the same: an ask lists documents several times and at 10,000 passages each costs ~50 ms.
_listings: dict[str, tuple[object, int, list[DocumentRecord]]] = {}
_writes: dict[str, int] = {}
_UNSET = object()


@dataclass
class IngestResult:
    """What happened to one file: added, updated (replaced an older version) or unchanged."""

    status: Literal["added", "updated", "unchanged"]
    record: DocumentRecord


class WorkspaceIndex(HybridSearch):
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

    def upgrade(self, progress: Progress | None = None, limit: int | None = None, *, units: bool = True) -> int:
        """Give documents contextual vectors (the slower, better tier); returns passages embedded.

        With `limit`, whole documents are done until about `limit` passages are embedded (the built-in playbook,
        read from the machine cache, always); the rest wait for a later call. With `units` False their sentences
        keep their static vectors (about a third of the work, for a throwaway index that is only searched).
        """
        if self.contextual is None:
            return 0
        with workspace_lock(self.folder):
            records = self.list_documents()
            swaps, tier = self._swaps, self.contextual  # after list_documents, which may move to a fresh client
            covered = tier.covered({r.doc_id for r in records}, {r.doc_id: r.chunks for r in records})
            if units:
                covered &= self.units.contextual_documents(tier.embedder)  # a passage's sentences are part of its tier
            builtin = builtin_playbook_hashes()
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
                if units:
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
        remove_saved_lexical(self.folder)

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


