"""What every CLI command shares: the settings read at the edge, common options, progress on the terminal."""

from __future__ import annotations

import sys
from typing import Callable

import typer

from rfp_assistant.config import Settings

WorkspaceOpt = typer.Option(None, "--workspace", "-w", help="Workspace (one per program); default from RFP_WORKSPACE or 'default'.")
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON.")


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the app callback read once for this invocation."""
    return ctx.obj


def show_progress(fraction: float, message: str) -> None:
    """Progress as one rewritten line, on a terminal only."""
    # Pipes and CI logs stay clean for --json consumers.
    if sys.stderr.isatty():
        sys.stderr.write(f"\r[{fraction:>4.0%}] {message[:70]:<70}")
        if fraction >= 1.0:
            sys.stderr.write("\r" + " " * 78 + "\r")
        sys.stderr.flush()


def log_milestones() -> Callable[[float, str], None]:
    """Progress for logs (make, CI): a line per stage and per tenth of progress instead of a rewritten line."""
    last: dict[str, int] = {}

    def report(fraction: float, message: str) -> None:
        stage, step = message.split(" ")[0], int(fraction * 10)
        if last.get(stage, -1) < step:
            last[stage] = step
            typer.echo(f"  [{fraction:>4.0%}] {message}", err=True)

    return report
