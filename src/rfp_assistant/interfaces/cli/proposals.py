"""`extract` and `compare`: read CDMO proposals into the comparison schema and set them side by side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from rfp_assistant.errors import RfpAssistantError
from rfp_assistant.interfaces.cli.common import JsonOpt, settings_of, show_progress


def extract(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="CDMO proposal files (PDF, DOCX, text) or filled bid grids (.xlsx)."),
    as_json: bool = JsonOpt,
    workspace: Optional[str] = typer.Option(None, "--workspace", "-w", help="Workspace that keeps the model's "
                                            "readings (LLM mode); default from RFP_WORKSPACE or 'default'."),
):
    """Read proposals into the comparison schema: typed values, each with a verbatim quote and page."""
    from rfp_assistant.schemas.proposal import field_specs, to_json_value
    from rfp_assistant.jobs.extraction.service import extract_proposals
    from rfp_assistant.core.llm import make_chat_client

    settings = settings_of(ctx)
    results = extract_proposals(files, settings, chat=make_chat_client(settings), progress=show_progress,
                                workspace=workspace)
    if as_json:
        typer.echo(json.dumps([r.contract_dict() for r in results], indent=2, ensure_ascii=False))
    else:
        specs = field_specs()
        for result in results:
            typer.echo(f"== {result.source} ({result.pages} page(s), {result.mode})")
            if result.error:
                typer.echo(f"  ✗ {result.error}")
                continue
            for key, field in result.fields.items():
                if field.status == "stated":
                    quote = field.evidence[0]
                    where = f"cell {quote.cell}" if quote.cell else f"p. {quote.page}"
                    typer.echo(f"  {specs[key].label:<28} {to_json_value(field.value)}   [{where}: \"{quote.quote[:70]}\"]")
                elif field.status == "conflicting":
                    typer.echo(f"  {specs[key].label:<28} CONFLICTING: {', '.join(map(str, map(to_json_value, field.candidates)))}")
            silent = [specs[k].label for k, f in result.fields.items() if f.status == "not_stated"]
            if silent:
                typer.echo(f"  not stated: {', '.join(silent)}")
            for warning in result.warnings:
                typer.echo(f"  ! {warning}")
    raise typer.Exit(1 if any(r.error for r in results) else 0)


def compare(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="CDMO proposal files (PDF, DOCX, text) or filled bid grids (.xlsx)."),
    weights: Optional[Path] = typer.Option(None, "--weights", help="YAML/JSON file re-weighting criteria (and FX rates)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write .xlsx, .csv, .md or .json."),
    workspace: Optional[str] = typer.Option(None, "--workspace", "-w", help="Workspace that keeps the model's "
                                            "readings (LLM mode); default from RFP_WORKSPACE or 'default'."),
    output_format: str = typer.Option("table", "--format", help="On screen: 'table' (fits the terminal) or 'md' "
                                      "(the whole Markdown report)."),
):
    """Compare proposals side by side: table with evidence, weighted scorecard, gaps and clarification questions."""
    from rfp_assistant.jobs.comparison.table import compare_proposals, load_scorecard
    from rfp_assistant.jobs.comparison.export import comparison_to_markdown, write_comparison
    from rfp_assistant.jobs.comparison.pages import read_page_texts
    from rfp_assistant.jobs.extraction.service import extract_proposals
    from rfp_assistant.core.llm import make_chat_client

    if output_format not in ("table", "md"):
        raise RfpAssistantError(f"Unknown --format {output_format!r}: use 'table' or 'md'.")
    settings = settings_of(ctx)
    scorecard = load_scorecard(weights)
    extractions = extract_proposals(files, settings, chat=make_chat_client(settings), progress=show_progress,
                                    workspace=workspace)
    texts = read_page_texts(files, None, max_bytes=int(settings.max_file_mb * 1_000_000))
    comparison = compare_proposals(extractions, scorecard, page_texts=texts)
    if output is not None:
        write_comparison(comparison, output)
        typer.echo(f"Wrote {output}")
    elif output_format == "md":
        typer.echo(comparison_to_markdown(comparison))
    else:
        from rich.console import Console
        from rfp_assistant.jobs.comparison.terminal import print_comparison

        print_comparison(comparison, Console(highlight=False))
    for extraction in extractions:
        if extraction.error:
            typer.echo(f"✗ {extraction.source}: {extraction.error}", err=True)
    raise typer.Exit(1 if any(e.error for e in extractions) else 0)


def register(app: typer.Typer) -> None:
    """Add these commands to the CLI."""
    app.command('extract')(extract)
    app.command('compare')(compare)
