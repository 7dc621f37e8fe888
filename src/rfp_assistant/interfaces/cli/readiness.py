"""`readiness`: the checklist assessment of the internal documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from rfp_assistant.errors import RfpAssistantError
from rfp_assistant.interfaces.cli.common import JsonOpt, WorkspaceOpt, settings_of, show_progress


def readiness(
    ctx: typer.Context,
    docs: Optional[list[Path]] = typer.Argument(None, help="Internal planning documents to index and assess; default: those already indexed."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report as .md, .docx or .json."),
    workspace: Optional[str] = WorkspaceOpt,
    as_json: bool = JsonOpt,
):
    """Assess your internal documents against the 38-item readiness checklist: status, evidence, recommendation."""
    from rfp_assistant.jobs.readiness.export import readiness_to_json, readiness_to_markdown, write_readiness
    from rfp_assistant.jobs.ingestion import ingest_files, max_file_bytes, open_workspace
    from rfp_assistant.core.llm import make_chat_client
    from rfp_assistant.jobs.readiness.assess import assess_readiness

    settings = settings_of(ctx)
    chat = make_chat_client(settings)
    index = open_workspace(settings, workspace, progress=show_progress)
    sources = None
    failed = False
    if docs:
        reports = ingest_files(index, docs, kind="internal", max_bytes=max_file_bytes(settings), progress=show_progress)
        for r in reports:
            if r.status == "error":
                failed = True
                typer.echo(f"✗ {r.source}: {r.error.split(': ', 1)[-1]}", err=True)
        sources = [r.source for r in reports if r.status != "error"]
        if not sources:
            raise RfpAssistantError("None of the given documents could be read, so there is nothing to assess.")
        index.upgrade(show_progress)  # the assessment reads them with the contextual vectors, as after `ingest`
    elif not index.list_documents(kind="internal"):
        raise RfpAssistantError(
            f"Workspace '{index.workspace}' has no internal documents yet. Name them: "
            "rfp-assistant readiness team-plan.docx budget.pdf ... (or ingest them first).")
    report = assess_readiness(index, chat=chat, sources=sources, progress=show_progress)
    if output is not None:
        write_readiness(report, output)
        typer.echo(f"Wrote {output} (readiness {report.score:.0%}, {len(report.gaps())} gap(s)).", err=as_json)
    if as_json:
        typer.echo(json.dumps(readiness_to_json(report), indent=2, ensure_ascii=False))
    elif output is None:
        typer.echo(readiness_to_markdown(report))
    raise typer.Exit(1 if failed else 0)


def register(app: typer.Typer) -> None:
    """Add these commands to the CLI."""
    app.command('readiness')(readiness)
