"""Command line: a thin layer that reads settings once, calls the core, and turns errors into messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from rfp_assistant.config import Settings, load_settings
from rfp_assistant.errors import RfpAssistantError
from rfp_assistant.interfaces.cli_users import users_app

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Prepare CDMO outsourcing: draft RFPs, compare proposals, find readiness gaps. Offline by default.",
)
app.add_typer(users_app, name="user")
WorkspaceOpt = typer.Option(None, "--workspace", "-w", help="Workspace (one per program); default from RFP_WORKSPACE or 'default'.")
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON.")


def _settings(ctx: typer.Context) -> Settings:
    return ctx.obj


def _progress(fraction: float, message: str) -> None:
    # Only a terminal gets a live progress line; pipes and CI logs stay clean for --json consumers.
    if sys.stderr.isatty():
        sys.stderr.write(f"\r[{fraction:>4.0%}] {message[:70]:<70}")
        if fraction >= 1.0:
            sys.stderr.write("\r" + " " * 78 + "\r")
        sys.stderr.flush()


@app.callback()
def _load(ctx: typer.Context, data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="Overrides RFP_DATA_DIR.")):
    """Read the configuration once, here at the edge, and pass it down."""
    ctx.obj = load_settings(data_dir=data_dir)


@app.command()
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
    settings = _settings(ctx)
    index = open_workspace(settings, workspace, progress=_progress)
    reports = ingest_files(index, paths, kind=kind, max_bytes=max_file_bytes(settings), progress=_progress)
    index.upgrade(_progress)
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


@app.command()
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

    settings = _settings(ctx)
    chat = make_chat_client(settings)
    index = open_workspace(settings, workspace, progress=_progress)
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


@app.command()
def documents(ctx: typer.Context, workspace: Optional[str] = WorkspaceOpt, as_json: bool = JsonOpt):
    """List the documents indexed in a workspace."""
    from rfp_assistant.jobs.ingestion import open_workspace

    records = open_workspace(_settings(ctx), workspace, progress=_progress).list_documents()
    if as_json:
        typer.echo(json.dumps([r.__dict__ for r in records], indent=2))
        return
    for r in records:
        typer.echo(f"{r.doc_id[:12]}  {r.kind:<8} {r.pages:>4} p  {r.chunks:>5} passages  {r.source}")


@app.command()
def delete(ctx: typer.Context, name: str = typer.Argument(..., help="File name or document id."), workspace: Optional[str] = WorkspaceOpt):
    """Remove a document from a workspace: its passages, vectors and cached extractions."""
    from rfp_assistant.core.retrieval.index import WorkspaceIndex
    from rfp_assistant.core.storage.document_files import forget
    from rfp_assistant.jobs.ingestion import remove_document

    index = WorkspaceIndex(_settings(ctx), workspace)
    record = index.find_document(name)
    # Readings cached under this name (also of proposals that were only extracted, never indexed) or this content.
    cached = forget(index.folder, source=name) + (forget(index.folder, sha256=record.sha256) if record else [])
    removed = remove_document(index, name)
    if not removed and not cached:
        raise RfpAssistantError(f"No document named {name!r} in this workspace (see 'rfp-assistant documents').")
    extra = f" and {len(cached)} cached extraction(s)" if cached else ""
    names = ", ".join(r.source for r in removed) if removed else name
    typer.echo(f"Deleted {names}{extra}.")


@app.command("delete-workspace")
def delete_workspace(
    ctx: typer.Context, name: str = typer.Argument(..., help="Workspace to remove."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
):
    """Remove a whole workspace: every document, passage, vector and cached extraction in it."""
    from rfp_assistant.core.retrieval.store import delete_workspace as remove

    if not yes and not typer.confirm(f"Delete workspace {name!r} and everything in it?"):
        raise typer.Exit(1)
    if not remove(_settings(ctx), name):
        raise RfpAssistantError(f"There is no workspace named {name!r}.")
    typer.echo(f"Deleted workspace {name}.")


@app.command()
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

    settings = _settings(ctx)
    results = extract_proposals(files, settings, chat=make_chat_client(settings), progress=_progress,
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


@app.command()
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
    settings = _settings(ctx)
    scorecard = load_scorecard(weights)
    extractions = extract_proposals(files, settings, chat=make_chat_client(settings), progress=_progress,
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


@app.command()
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
    settings = _settings(ctx)
    chat = make_chat_client(settings)
    index = open_workspace(settings, workspace, progress=_progress)
    result = draft_rfp(brief, index, chat=chat, progress=_progress)
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


@app.command()
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

    settings = _settings(ctx)
    chat = make_chat_client(settings)
    index = open_workspace(settings, workspace, progress=_progress)
    sources = None
    failed = False
    if docs:
        reports = ingest_files(index, docs, kind="internal", max_bytes=max_file_bytes(settings), progress=_progress)
        for r in reports:
            if r.status == "error":
                failed = True
                typer.echo(f"✗ {r.source}: {r.error.split(': ', 1)[-1]}", err=True)
        sources = [r.source for r in reports if r.status != "error"]
        if not sources:
            raise RfpAssistantError("None of the given documents could be read, so there is nothing to assess.")
    elif not index.list_documents(kind="internal"):
        raise RfpAssistantError(
            f"Workspace '{index.workspace}' has no internal documents yet. Name them: "
            "rfp-assistant readiness team-plan.docx budget.pdf ... (or ingest them first).")
    report = assess_readiness(index, chat=chat, sources=sources)
    if output is not None:
        write_readiness(report, output)
        typer.echo(f"Wrote {output} (readiness {report.score:.0%}, {len(report.gaps())} gap(s)).", err=as_json)
    if as_json:
        typer.echo(json.dumps(readiness_to_json(report), indent=2, ensure_ascii=False))
    elif output is None:
        typer.echo(readiness_to_markdown(report))
    raise typer.Exit(1 if failed else 0)


@app.command()
def ui(
    ctx: typer.Context,
    host: Optional[str] = typer.Option(None, "--host", help="Interface to bind; default 127.0.0.1 (this machine only)."),
    port: Optional[int] = typer.Option(None, "--port", help="Port; default 7860."),
    allow_open: bool = typer.Option(False, "--allow-open", help="Serve beyond this machine with no login (RFP_AUTH_FILE unset)."),
):
    """Start the web UI (Gradio) on 127.0.0.1:7860; another --host needs RFP_AUTH_FILE (or --allow-open)."""
    from rfp_assistant.interfaces.ui.startup import early_start

    settings, host, port = _settings(ctx), host or "127.0.0.1", port or 7860
    early_start(settings, host, port, allow_open)  # the built-in playbook is prepared while the web UI loads
    from rfp_assistant.interfaces.ui.app import launch

    launch(settings, host=host, port=port, allow_open=allow_open)


@app.command()
def prepare(ctx: typer.Context):
    """Build the machine cache once (embedding table, built-in playbook vectors); `make install` runs it."""
    from rfp_assistant.jobs.preparation import prepare_machine_cache

    settings = _settings(ctx)
    typer.echo(f"Preparing the machine cache in {settings.cache_dir} (one time; nothing of your documents goes there)…")
    done = prepare_machine_cache(settings, progress=_progress if sys.stderr.isatty() else _milestones())
    table = "found" if done.table_was_cached else "built"
    typer.echo(f"Ready in {done.seconds:.0f} s: embedding table {table}, vectors of {done.playbook_passages} "
               "built-in playbook passages cached. A first start now answers in seconds.")


def _milestones():
    # Logs (make, CI) get a line per stage and per tenth of progress instead of a rewritten line.
    last: dict[str, int] = {}

    def report(fraction: float, message: str) -> None:
        stage, step = message.split(" ")[0], int(fraction * 10)
        if last.get(stage, -1) < step:
            last[stage] = step
            typer.echo(f"  [{fraction:>4.0%}] {message}", err=True)

    return report


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

    results = run_suites(_settings(ctx), suite or None, progress=_progress, jobs=jobs)
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
