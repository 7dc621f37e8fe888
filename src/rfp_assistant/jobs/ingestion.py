"""Ingest files into a workspace: load, chunk, index — one report per file, a bad file never stops the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rfp_assistant.core.documents import RECOGNISED_SUFFIXES, LoadedDocument, load_document
from rfp_assistant.core.documents.chunking import CHUNKING_VERSION
from rfp_assistant.errors import RfpAssistantError
from rfp_assistant.core.retrieval.index import Kind, WorkspaceIndex
from rfp_assistant.core.retrieval.records import DocumentRecord
from rfp_assistant.core.retrieval.scrub import scrub_deleted_text
from rfp_assistant.resources import KNOWLEDGE_DIR
from rfp_assistant.schemas.common import IngestReport

Progress = Callable[[float, str], None]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus the documents found inside named folders (sorted; old formats too, to be refused)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in RECOGNISED_SUFFIXES))
        else:
            found.append(path)
    return found


def ingest_files(
    index: WorkspaceIndex, paths: Iterable[str | Path], *, kind: Kind, max_bytes: int,
    progress: Progress | None = None, names: list[str] | None = None, max_pages: int | None = None,
) -> list[IngestReport]:
    """Load and index each file; `names` overrides the displayed file names (uploads keep their original name).

    `max_pages` defaults to the index's settings (RFP_MAX_PAGES).
    """
    files = expand_paths(paths)
    max_pages = max_pages if max_pages is not None else index.settings.max_pages
    reports: list[IngestReport] = []
    for position, path in enumerate(files):
        name = names[position] if names and position < len(names) else path.name
        if progress:
            progress(position / max(len(files), 1), f"Reading {name} ({position + 1}/{len(files)})")
        try:
            # A company's own risk logs and trackers are tables: a row's status must stay with its row.
            document = load_document(path, max_bytes=max_bytes, source=name, max_pages=max_pages,
                                     table_rows=kind == "internal",
                                     max_rows=index.settings.max_sheet_rows)
        except RfpAssistantError as exc:
            reports.append(IngestReport(source=name, status="error", kind=kind, error=str(exc)))
            continue
        reports.extend(_add(index, document, kind))
    if progress:
        progress(1.0, f"Done: {len(files)} file(s)")
    return reports


def _add(index: WorkspaceIndex, document: LoadedDocument, kind: Kind) -> list[IngestReport]:
    """Index a document and each of its attachments (an e-mail's) as documents of their own, one report each.

    A new version of an e-mail replaces its attachments too: one it no longer carries is removed.
    """
    reports = []
    for item in [document, *document.attachments]:
        try:
            result = index.add_document(item, kind)
        except RfpAssistantError as exc:
            reports.append(IngestReport(source=item.source, status="error", kind=kind, error=str(exc)))
            continue
        record = result.record
        reports.append(IngestReport(
            source=item.source, status=result.status, kind=record.kind, doc_id=record.doc_id, pages=record.pages,
            chunks=record.chunks, warnings=record.warnings,
        ))
    reports += [IngestReport(source=e.source, status="error", kind=kind, error=str(e)) for e in document.attachment_errors]
    if reports[0].status == "updated":
        carried = {a.source for a in document.attachments}
        for record in index.list_documents(kind=kind):
            if record.source.startswith(document.source + " / ") and record.source not in carried:
                index.delete_document(record.doc_id)
    return reports


def remove_document(index: WorkspaceIndex, name_or_id: str) -> list[DocumentRecord]:
    """Remove a document and the attachments indexed with it (an e-mail's); returns what was removed."""
    record = index.find_document(name_or_id)
    if record is None:
        return []
    attachments = [r for r in index.list_documents(kind=record.kind) if r.source.startswith(record.source + " / ")]
    removed = [index.delete_document(r.doc_id, scrub=False) for r in [record, *attachments]]
    scrub_deleted_text(index.settings)  # once for all of them: it rewrites the whole index file
    return [r for r in removed if r is not None]


def builtin_playbook_files() -> list[Path]:
    """The built-in playbook shipped in knowledge/playbook/."""
    return sorted((KNOWLEDGE_DIR / "playbook").glob("*.md"))


def ensure_builtin_knowledge(index: WorkspaceIndex, *, max_bytes: int, progress: Progress | None = None) -> list[IngestReport]:
    """Index the built-in playbook as kind=guide; unchanged files cost only a hash check."""
    files = builtin_playbook_files()
    indexed = {(r.source, r.sha256) for r in index.list_documents(kind="guide") if r.chunking >= CHUNKING_VERSION}
    pending = [f for f in files if (f.name, _sha256(f)) not in indexed]
    if not pending:
        return []
    return ingest_files(index, pending, kind="guide", max_bytes=max_bytes, progress=progress)


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


UPGRADE_ON_OPEN = 400


def open_workspace(settings, workspace: str | None = None, *, progress: Progress | None = None,
                   upgrade: bool = True) -> WorkspaceIndex:
    """The workspace index with the built-in playbook loaded (indexed on first use).

    With `upgrade` False the contextual tier is left for the caller (the web UI does it in the background, so the
    first question is answered from the first tier instead of waiting minutes on a new machine).
    """
    index = WorkspaceIndex(settings, workspace, progress=progress)
    ensure_builtin_knowledge(index, max_bytes=max_file_bytes(settings), progress=progress)
    if upgrade:
        # Opening must stay quick even when a big ingest left thousands of passages at the first tier (an hour of
        # CPU at this model's pace): each open improves a bounded share, and every document is searchable meanwhile.
        index.upgrade(progress, limit=UPGRADE_ON_OPEN)
    return index


def max_file_bytes(settings) -> int:
    """The configured upload/ingest size limit in bytes."""
    return int(settings.max_file_mb * 1_000_000)
