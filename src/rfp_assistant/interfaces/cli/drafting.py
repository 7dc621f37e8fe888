"""`draft`: an RFP from a short project brief."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from rfp_assistant.errors import RfpAssistantError
from rfp_assistant.interfaces.cli.common import JsonOpt, WorkspaceOpt, settings_of, show_progress


def draft(
    ctx: typer.Context,
    brief: str = typer.Option(..., "--brief", help="A brief file (.txt/.md/.yaml/.json/.docx/.pdf) or the brief text itself."),
    output_format: Optional[str] = typer.Option(None, "--format", help="docx or md: the RFP; xlsx: the bid grid "
                                                "vendors fill in (with -o)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Where to write the RFP."),
    internal: bool = typer.Option(False, "--internal", help="The sponsor's version: with citations, sources and "
                                  "open points (not for vendors)."),
    workspace: Optional[str] = WorkspaceOpt,
    as_json: bool = JsonOpt,
):
    """Draft an RFP from a short project brief, grounded in the playbook and your documents, with open questions."""
    from rfp_assistant.jobs.drafting import draft_rfp
    from rfp_assistant.jobs.drafting.export import FORMATS, open_points_left, rfp_json, rfp_markdown, write_rfp
    from rfp_assistant.jobs.ingestion import open_workspace
    from rfp_assistant.core.llm import make_chat_client

    fmt = (output_format or (FORMATS.get(output.suffix.lower(), "") if output else "")).lower().lstrip(".")
    if (output_format or output is not None) and FORMATS.get(f".{fmt}") is None:
        raise RfpAssistantError(f"Cannot write an RFP as {output_format or output.suffix or output.name!r}: use docx, "
                                "md, xlsx or json.")
    if output is None and fmt in ("docx", "xlsx"):
        raise RfpAssistantError(f"--format {fmt} writes a file: add -o OUT.{fmt}.")
    if internal and fmt in ("xlsx", "json"):
        raise RfpAssistantError("--internal applies to the RFP document (docx or md); the bid grid and the JSON have "
                                "one version.")
    settings = settings_of(ctx)
    chat = make_chat_client(settings)
    index = open_workspace(settings, workspace, progress=show_progress)
    result = draft_rfp(brief, index, chat=chat, progress=show_progress)
    if as_json:
        typer.echo(rfp_json(result))
    elif output is not None:
        written = write_rfp(result, output, output_format, internal=internal)
        typer.echo(_draft_written(written, FORMATS.get(f".{fmt}", fmt), internal, result, open_points_left(result)))
    else:
        typer.echo(rfp_markdown(result, internal=internal))


def _draft_written(path: Path, fmt: str, internal: bool, result, open_points: int) -> str:
    if fmt == "xlsx":
        return (f"Wrote {path}: the bid grid (one row per comparison field on 'Response form', line items on "
                "'Prices'). Send it with the RFP; 'rfp-assistant compare' reads the filled grids back.")
    if fmt == "json":
        return f"Wrote {path} ({len(result.sections)} sections, {len(result.gaps)} open question(s))."
    if internal:
        return (f"Wrote {path}: the sponsor's internal version, with citations, sources and {len(result.gaps)} open "
                "point(s). Do not send it to vendors.")
    left = (f" {open_points} open point(s) are still marked [To be confirmed: …]; settle them before sending "
            "(listed in the --internal version)." if open_points else "")
    return f"Wrote {path}: the vendor-facing RFP ({len(result.sections)} sections).{left}"


def register(app: typer.Typer) -> None:
    """Add these commands to the CLI."""
    app.command('draft')(draft)
