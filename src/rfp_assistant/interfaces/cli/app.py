"""Command line: a thin layer that reads settings once, calls the jobs, and turns errors into messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from rfp_assistant.config import load_settings
from rfp_assistant.errors import RfpAssistantError
from rfp_assistant.interfaces.cli import documents, drafting, proposals, readiness
from rfp_assistant.interfaces.cli.common import JsonOpt, log_milestones, settings_of, show_progress
from rfp_assistant.interfaces.cli.users import users_app

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Prepare CDMO outsourcing: draft RFPs, compare proposals, find readiness gaps. Offline by default.",
)
app.add_typer(users_app, name="user")


@app.callback()
def _load(ctx: typer.Context, data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="Overrides RFP_DATA_DIR.")):
    """Read the configuration once, here at the edge, and pass it down."""
    ctx.obj = load_settings(data_dir=data_dir)


# Registered in the order `--help` lists them: the documents, then the three jobs.
for module in (documents, proposals, drafting, readiness):
    module.register(app)


@app.command()
def ui(
    ctx: typer.Context,
    host: Optional[str] = typer.Option(None, "--host", help="Interface to bind; default 127.0.0.1 (this machine only)."),
    port: Optional[int] = typer.Option(None, "--port", help="Port; default 7860."),
    allow_open: bool = typer.Option(False, "--allow-open", help="Serve beyond this machine with no login (RFP_AUTH_FILE unset)."),
):
    """Start the web UI (Gradio) on 127.0.0.1:7860; another --host needs RFP_AUTH_FILE (or --allow-open)."""
    from rfp_assistant.interfaces.ui.startup import early_start

    settings, host, port = settings_of(ctx), host or "127.0.0.1", port or 7860
    early_start(settings, host, port, allow_open)  # the built-in playbook is prepared while the web UI loads
    from rfp_assistant.interfaces.ui.app import launch

    launch(settings, host=host, port=port, allow_open=allow_open)


@app.command()
def prepare(ctx: typer.Context):
    """Build the machine cache once (embedding table, built-in playbook vectors); `make install` runs it."""
    from rfp_assistant.jobs.preparation import prepare_machine_cache

    settings = settings_of(ctx)
    typer.echo(f"Preparing the machine cache in {settings.cache_dir} (one time; nothing of your documents goes there)…")
    done = prepare_machine_cache(settings, progress=show_progress if sys.stderr.isatty() else log_milestones())
    table = "found" if done.table_was_cached else "built"
    typer.echo(f"Ready in {done.seconds:.0f} s: embedding table {table}, vectors of {done.playbook_passages} "
               "built-in playbook passages cached. A first start now answers in seconds.")


@app.command("eval")
def run_eval(
    ctx: typer.Context,
    suite: Optional[list[str]] = typer.Option(None, "--suite", "-s", help="retrieval, extraction, drafting, readiness or qa (repeatable); default: all"),
    enforce: bool = typer.Option(False, "--enforce", help="Exit 1 when a score misses its target (used by CI)."),
    report: Optional[Path] = typer.Option(None, "--report", help="Also write REPORT.md and REPORT.json with every figure and target."),
    as_json: bool = JsonOpt,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Run this many suites at once, each in its own process."),
):
    """Run the offline evaluation suites on the fixtures in eval/ and print scores against targets."""
    from rfp_assistant.evals import run_suites
    from rfp_assistant.evals.report import write_eval_report

    results = run_suites(settings_of(ctx), suite or None, progress=show_progress, jobs=jobs)
    if report is not None:
        written = write_eval_report(results, report)
        typer.echo(f"Wrote {written[0]} and {written[1]}", err=as_json)
    if as_json:
        typer.echo(json.dumps([r.model_dump() for r in results], indent=2))
    else:
        for result in results:
            typer.echo(result.render())
    if enforce and not all(r.passed for r in results):
        raise typer.Exit(1)


def main() -> None:
    """Console entry point: domain errors become one plain message and exit status 2."""
    try:
        app()
    except RfpAssistantError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(2)
