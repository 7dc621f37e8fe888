"""Vectors of every passage's answer units (sentences, list items, rows), computed once and kept.

Answering compares the question with each unit of the retrieved passages; embedding those units at ask time was
most of an ask's time. They are embedded with the local static table when a document is indexed (cheap, so a
document is answerable at once) and again with the contextual model when the second tier reaches the document
(better at paraphrase). An ask embeds only the question. Vectors are stored int8 with one scale per unit (a
quarter of float32; rankings do not change).

The store is a SQLite file in the workspace folder, beside the keyword index: like it, it is derived from the
passages, so a machine reading a shared Chroma server fills in, once, the passages it has not seen.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

import numpy as np

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.core.text.units import UNITS_VERSION, Unit, passage_units

log = logging.getLogger(__name__)

FILE_NAME = "unit-vectors.sqlite3"
BATCH = 512  # passages embedded and written per step
_SCHEMA = ("CREATE TABLE IF NOT EXISTS units (chunk_id TEXT, model TEXT, doc_id TEXT, version INTEGER, count INTEGER, "
           "dims INTEGER, scales BLOB, vectors BLOB, PRIMARY KEY (chunk_id, model))")
Space = Literal["contextual", "static"]


def encode(matrix: np.ndarray) -> tuple[bytes, bytes]:
    """Unit vectors (rows) as int8 with one float32 scale per row."""
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.size == 0:
        return b"", b""
    scales = np.maximum(np.abs(matrix).max(axis=1, initial=0.0), 1e-12) / 127.0
    return scales.astype(np.float32).tobytes(), np.round(matrix / scales[:, None]).astype(np.int8).tobytes()


def decode(scales: bytes, vectors: bytes, count: int, dims: int) -> np.ndarray:
    """The float32 rows stored by `encode`."""
    if count == 0 or dims == 0:
        return np.zeros((count, dims), dtype=np.float32)
    scale = np.frombuffer(scales, dtype=np.float32)
    return np.frombuffer(vectors, dtype=np.int8).reshape(count, dims).astype(np.float32) * scale[:, None]


class UnitVectorStore:
    """Unit vectors of one workspace's passages, by passage id and model."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / FILE_NAME
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=60)
            # Derived data, recomputed when missing or unreadable: no fsync per document (it was most of the cost).
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute(_SCHEMA)
            connection.execute("CREATE INDEX IF NOT EXISTS units_doc ON units (doc_id, model)")
            self._local.connection = connection
        return connection

    def put(self, model: str, rows: Iterable[tuple[str, str, np.ndarray]]) -> None:
        """Store (chunk_id, doc_id, unit vectors) rows made by `model`, replacing what a passage had."""
        records = [(chunk_id, model, doc_id, UNITS_VERSION, len(matrix), matrix.shape[1] if matrix.ndim == 2 else 0,
                    *encode(matrix)) for chunk_id, doc_id, matrix in rows]
        try:
            with self._connection() as connection:
                connection.executemany("INSERT OR REPLACE INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?)", records)
        except sqlite3.Error as exc:  # only costs time later: missing vectors are computed when first needed
            log.warning("Sentence vectors not stored in %s: %s", self.path, exc)

    def get(self, model: str, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        """Stored unit vectors of these passages made by `model` (with this splitter version); others are absent."""
        found: list = []
        try:
            for start in range(0, len(chunk_ids), 500):  # SQLite caps the number of parameters
                part = chunk_ids[start : start + 500]
                found += self._connection().execute(
                    f"SELECT chunk_id, count, dims, scales, vectors FROM units WHERE model = ? AND version = ? "
                    f"AND chunk_id IN ({','.join('?' * len(part))})", [model, UNITS_VERSION, *part]).fetchall()
        except sqlite3.Error:
            return {}  # an unreadable store only costs time: the vectors are computed again
        return {chunk_id: decode(scales, vectors, count, dims) for chunk_id, count, dims, scales, vectors in found}

    def documents(self, model: str) -> set[str]:
        """Documents with vectors made by `model`."""
        try:
            rows = self._connection().execute("SELECT DISTINCT doc_id FROM units WHERE model = ? AND version = ?",
                                              (model, UNITS_VERSION)).fetchall()
        except sqlite3.Error:
            return set()
        return {doc_id for (doc_id,) in rows}

    def remove(self, doc_id: str) -> None:
        """Forget one document's unit vectors."""
        with self._connection() as connection:
            connection.execute("DELETE FROM units WHERE doc_id = ?", (doc_id,))


class UnitVectors:
    """A workspace's unit vectors: static ones from ingest, contextual ones from the second tier."""

    def __init__(self, folder: Path, embedder):
        self.embedder = embedder
        self.store = UnitVectorStore(folder)

    def add(self, doc_id: str, chunks: list[Chunk]) -> None:
        """Embed (local static table) and store the units of a document's passages."""
        self._add(self.embedder, doc_id, chunks, self.embedder.embed_array)

    def add_contextual(self, doc_id: str, chunks: list[Chunk], embedder, cache=None) -> None:
        """Embed the units with the contextual model (`cache`: the machine cache, for public text only)."""

        def embed(texts: list[str]) -> np.ndarray:
            cached = cache.get(texts) if cache else {}
            missing = list(dict.fromkeys(t for t in texts if t not in cached))
            fresh = dict(zip(missing, embedder.embed_documents(missing))) if missing else {}
            if cache and fresh:
                cache.put(list(fresh), list(fresh.values()))
            return np.asarray([cached.get(t) or fresh[t] for t in texts], dtype=np.float32)

        self._add(embedder, doc_id, chunks, embed)

    def contextual_documents(self, embedder) -> set[str]:
        """Documents whose units have vectors from this contextual model."""
        return self.store.documents(embedder.name)

    def remove(self, doc_id: str) -> None:
        """Forget a document's unit vectors."""
        self.store.remove(doc_id)

    def similarities(self, chunks: list[Chunk], query: str, static_query: str | None = None, contextual=None
                     ) -> tuple[Space, dict[str, tuple[list[Unit], np.ndarray]]]:
        """Each passage's units and their cosine similarity to the query, and which vectors were compared.

        Contextual vectors when every passage has them (`contextual`: that model), else the static ones for all,
        so scores stay comparable; `static_query` may drop words that only shape the question. A passage nobody
        has embedded yet (read from a shared server) gets its static vectors now, once.
        """
        ids = list(dict.fromkeys(c.chunk_id for c in chunks))
        units = {c.chunk_id: passage_units(c.text) for c in chunks}
        if contextual is not None:
            stored = self.store.get(contextual.name, ids)
            if all(len(stored.get(i, ())) == len(units[i]) for i in ids):
                query_vector = np.asarray(contextual.embed_query(query), dtype=np.float32)
                return "contextual", {i: (units[i], _cosines(stored[i], query_vector)) for i in ids}
        stored = self.store.get(self.embedder.name, ids)
        missing = [c for c in {c.chunk_id: c for c in chunks}.values() if len(stored.get(c.chunk_id, ())) != len(units[c.chunk_id])]
        if missing:
            fresh = self._embed(self.embedder.embed_array, missing)
            self.store.put(self.embedder.name, ((c.chunk_id, c.doc_id, m) for c, m in zip(missing, fresh)))
            stored |= {c.chunk_id: m for c, m in zip(missing, fresh)}
        query_vector = self.embedder.embed_array([static_query or query])[0]
        return "static", {i: (units[i], _cosines(stored[i], query_vector)) for i in ids}

    def _add(self, embedder, doc_id: str, chunks: list[Chunk], embed: Callable[[list[str]], np.ndarray]) -> None:
        for start in range(0, len(chunks), BATCH):
            part = chunks[start : start + BATCH]
            self.store.put(embedder.name, ((c.chunk_id, doc_id, m) for c, m in zip(part, self._embed(embed, part))))

    @staticmethod
    def _embed(embed: Callable[[list[str]], np.ndarray], chunks: list[Chunk]) -> list[np.ndarray]:
        groups = [[u.text for u in passage_units(c.text)] for c in chunks]
        flat = [text for group in groups for text in group]
        matrix = embed(flat) if flat else np.zeros((0, 0), np.float32)
        out, start = [], 0
        for group in groups:
            out.append(matrix[start : start + len(group)])
            start += len(group)
        return out


def _cosines(matrix: np.ndarray, query: np.ndarray) -> np.ndarray:
    if matrix.size == 0:
        return np.zeros(len(matrix), dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(query) or 1.0)
    return matrix @ query / np.where(norms == 0, 1.0, norms)
