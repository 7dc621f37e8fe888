"""How a workspace's documents and passages are stored in Chroma: one manifest record per document, one per chunk."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache

from rfp_assistant.core.documents.chunking import Chunk

IS_CHUNK = {"record": "chunk"}
IS_MANIFEST = {"record": "manifest"}


@dataclass
class DocumentRecord:
    """A committed document in a workspace."""

    doc_id: str
    source: str
    kind: str
    sha256: str
    pages: int
    chunks: int
    added_at: float
    warnings: list[str] = field(default_factory=list)
    chunking: int = 1
    """The chunking version its passages were cut with (documents indexed before versions were kept: 1)."""


def manifest_id(doc_id: str) -> str:
    """The Chroma id of a document's manifest record."""
    return f"manifest-{doc_id}"


def manifest_metadata(record: DocumentRecord) -> dict:
    """A document record as manifest metadata."""
    return {
        "record": "manifest", "doc_id": record.doc_id, "source": record.source, "kind": record.kind, "sha256": record.sha256, "pages": record.pages,
        "chunks": record.chunks, "added_at": record.added_at, "warnings": json.dumps(record.warnings),
        "chunking": record.chunking,
    }


def record_from_metadata(meta: dict) -> DocumentRecord:
    """A document record read back from manifest metadata."""
    return DocumentRecord(
        meta["doc_id"], meta["source"], meta["kind"], meta["sha256"], int(meta["pages"]), int(meta["chunks"]),
        float(meta["added_at"]), json.loads(meta.get("warnings") or "[]"), int(meta.get("chunking", 1)),
    )


def chunk_metadata(chunk: Chunk, kind: str) -> dict:
    """A chunk's metadata as stored beside its text (where its rows sit only when it has any)."""
    meta = {
        "record": "chunk", "doc_id": chunk.doc_id, "source": chunk.source, "page": chunk.page, "section": chunk.section,
        "ordinal": chunk.ordinal, "kind": kind,
    }
    if chunk.location:
        meta["location"] = chunk.location
    if chunk.line_locations:
        meta["line_locations"] = json.dumps(list(chunk.line_locations))
    if chunk.role:
        meta["role"] = chunk.role
    return meta


def chunk_from_row(chunk_id: str, text: str, meta: dict) -> Chunk:
    """A chunk read back from its stored id, text and metadata."""
    return Chunk(chunk_id, meta["doc_id"], meta["source"], int(meta["page"]), meta.get("section", ""), text,
                 int(meta["ordinal"]), meta.get("location", ""), tuple(json.loads(meta.get("line_locations") or "[]")),
                 meta.get("role", ""))


def is_builtin(record: DocumentRecord) -> bool:
    """True for a file of the built-in playbook (exactly as shipped), False for a document the user ingested."""
    return record.kind == "guide" and record.sha256 in builtin_playbook_hashes()


@lru_cache(maxsize=1)
def builtin_playbook_hashes() -> frozenset[str]:
    """Content hashes of the shipped playbook: only these exact files are public enough for the machine cache."""
    from rfp_assistant.resources import KNOWLEDGE_DIR

    return frozenset(hashlib.sha256(p.read_bytes()).hexdigest() for p in (KNOWLEDGE_DIR / "playbook").glob("*.md"))
