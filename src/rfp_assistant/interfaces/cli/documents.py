"""`ingest`, `ask`, `documents`, `delete`, `delete-workspace`: the workspace's documents and questions over them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from rfp_assistant.errors import RfpAssistantError
from rfp_assistant.interfaces.cli.common import JsonOpt, WorkspaceOpt, settings_of, show_progress


def ingest(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Files or folders (PDF, DOCX, XLSX, CSV, PPTX, EML, HTML, Markdown, text)."),
    kind: str = typer.Option("internal", "--kind", help="guide or internal"),
    workspace: Optional[str] = WorkspaceOpt,
    as_json: bool = JsonOpt,
):
    """Index documents into a workspace. Unchanged files are skipped; a new version replaces the old."""
    from rfp_assistant.jobs.ingestion import ingest_files, max_file_bytes, open_workspace

    if kind not in ("guide", "internal"):
        raise RfpAssistantError(f"--kind must be 'guide' or 'internal', not {kind!r}.")
    settings = settings_of(ctx)
    index = open_workspace(settings, workspace, progress=show_progress)
    reports = ingest_files(index, paths, kind=kind, max_bytes=max_file_bytes(settings), progress=show_progress)
    index.upgrade(show_progress)
    if as_json:
        typer.echo(json.dumps([r.model_dump() for r in reports], indent=2))
    else:
        for r in reports:
            if r.status == "error":
                typer.echo(f"✗ {r.source}: {r.error.split(': ', 1)[-1]}")
            else:
                typer.echo(f"✓ {r.source}: {r.status} ({r.pages} page(s), {r.chunks} passage(s))")
            for warning in r.warnings:
                typer.echo(f"  ! {warning}")
    if not reports:
        raise RfpAssistantError("No supported files found (PDF, DOCX, XLSX, CSV, PPTX, EML, HTML, Markdown or text).")
    raise typer.Exit(1 if any(r.status == "error" for r in reports) else 0)


def ask(
    ctx: typer.Context,
    question: str = typer.Argument(..., help="A free question, e.g. 'What hidden costs should we budget for?'"),
    workspace: Optional[str] = WorkspaceOpt,
    as_json: bool = JsonOpt,
):
    """Answer a question from the guide and the internal documents, with citations."""
    from rfp_assistant.jobs.answering import answer_question
    from rfp_assistant.jobs.ingestion import open_workspace
    from rfp_assistant.core.llm import make_chat_client

    settings = settings_of(ctx)
    chat = make_chat_client(settings)
    index = open_workspace(settings, workspace, progress=show_progress)
    answer = answer_question(index, question, chat=chat)
    if as_json:
        typer.echo(json.dumps(answer.model_dump(include={"answer", "citations", "mode", "found"}), indent=2))
        return
    typer.echo(answer.answer)
    if answer.citations:
        typer.echo("\nSources:")
        for i, c in enumerate(answer.citations, start=1):
            origin = f" — {c.origin_label}" if c.origin_label else ""
            typer.echo(f"  [{i}] {c.source}, {c.where}{origin}: \"{c.quote}\"")


def documents(ctx: typer.Context, workspace: Optional[str] = WorkspaceOpt, as_json: bool = JsonOpt):
    """List the documents indexed in a workspace."""
    from rfp_assistant.jobs.ingestion import open_workspace

    records = open_workspace(settings_of(ctx), workspace, progress=show_progress).list_documents()
    if as_json:
        typer.echo(json.dumps([r.__dict__ for r in records], indent=2))
        return
    for r in records:
        typer.echo(f"{r.doc_id[:12]}  {r.kind:<8} {r.pages:>4} p  {r.chunks:>5} passages  {r.source}")


def delete(ctx: typer.Context, name: str = typer.Argument(..., help="File name or document id."), workspace: Optional[str] = WorkspaceOpt):
    """Remove a document from a workspace: its passages, vectors and cached extractions."""
    from rfp_assistant.core.retrieval.index import WorkspaceIndex
    from rfp_assistant.core.storage.document_files import forget
    from rfp_assistant.jobs.ingestion import remove_document

    index = WorkspaceIndex(settings_of(ctx), workspace)
    record = index.find_document(name)
    # Readings cached under this name (also of proposals that were only extracted, never indexed) or this content.
    cached = forget(index.folder, source=name) + (forget(index.folder, sha256=record.sha256) if record else [])
    removed = remove_document(index, name)
    if not removed and not cached:
        raise RfpAssistantError(f"No document named {name!r} in this workspace (see 'rfp-assistant documents').")
    extra = f" and {len(cached)} cached extraction(s)" if cached else ""
    names = ", ".join(r.source for r in removed) if removed else name
    typer.echo(f"Deleted {names}{extra}.")


def delete_workspace(
    ctx: typer.Context, name: str = typer.Argument(..., help="Workspace to remove."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
):
    """Remove a whole workspace: every document, passage, vector and cached extraction in it."""
    from rfp_assistant.core.retrieval.store import delete_workspace as remove

    if not yes and not typer.confirm(f"Delete workspace {name!r} and everything in it?"):
        raise typer.Exit(1)
    if not remove(settings_of(ctx), name):
        raise RfpAssistantError(f"There is no workspace named {name!r}.")
    typer.echo(f"Deleted workspace {name}.")


def register(app: typer.Typer) -> None:
    """Add these commands to the CLI."""
    app.command('ingest')(ingest)
    app.command('ask')(ask)
    app.command('documents')(documents)
    app.command('delete')(delete)
    app.command('delete-workspace')(delete_workspace)
