"""Compare tab: upload proposals, see them side by side with evidence, re-weight the scorecard, download."""

from __future__ import annotations

import html
import re
from pathlib import Path

import gradio as gr

from rfp_assistant.jobs.comparison.table import Comparison, compare_proposals, load_scorecard, rescore
from rfp_assistant.core.documents import RECOGNISED_SUFFIXES, load_document
from rfp_assistant.jobs.comparison.export import write_comparison
from rfp_assistant.jobs.extraction.service import extract_proposals
from rfp_assistant.interfaces.ui.common import Refusal, Session, download_folder, problem, progress_adapter

CSS_CLASSES = {"best": "cmp-best", "worst": "cmp-worst"}


def build(session: Session, workspace: gr.Dropdown) -> None:
    """Lay out the tab and wire its events."""
    scorecard = load_scorecard()
    gr.Markdown(
        "Upload the CDMOs' response PDFs. Each is read into the same 34 fields; every value shows the quote and "
        "page it comes from, and silent proposals say **not stated**. Hover a cell for its quote; pick a field and a "
        "vendor below to see the page with the quote highlighted."
    )
    with gr.Row():
        files = gr.File(label="Proposals", file_count="multiple", file_types=RECOGNISED_SUFFIXES,
                        elem_id="compare-files")
        run = gr.Button("Compare", variant="primary", elem_id="compare-button", scale=0)
    state = gr.State(None)
    documents = gr.State({})
    status = gr.Markdown(elem_id="compare-status")
    table = gr.HTML(elem_id="compare-table")
    with gr.Row():
        cell_key = gr.Dropdown(label="Field", choices=[], elem_id="evidence-field")
        cell_vendor = gr.Dropdown(label="Vendor", choices=[], elem_id="evidence-vendor")
    evidence = gr.HTML(elem_id="evidence")
    gr.Markdown("### Scorecard — move a slider to re-weight")
    sliders = []
    with gr.Row():
        for criterion in scorecard.criteria:
            sliders.append(gr.Slider(0, 50, value=criterion.weight, step=1, label=criterion.title,
                                     elem_id=f"weight-{criterion.id}"))
    scores = gr.HTML(elem_id="compare-scores")
    questions = gr.Markdown(elem_id="compare-questions")
    with gr.Row():
        xlsx = gr.File(label="Excel (with evidence)", elem_id="download-xlsx", interactive=False)
        csv = gr.File(label="CSV", elem_id="download-csv", interactive=False)

    def compare(paths, ws, progress=gr.Progress()):
        try:
            if not paths:
                raise Refusal("Choose one or more proposal files first.")
            paths = [Path(p) for p in paths]
            names = [p.name for p in paths]
            extractions = extract_proposals(paths, session.settings, chat=session.chat, names=names,
                                            progress=progress_adapter(progress), workspace=ws)
            comparison = compare_proposals(extractions, load_scorecard())
            texts = _page_texts(paths, names, session)
            xlsx_path, csv_path = _exports(comparison, session)
        except Exception as exc:  # said where the comparison would be; the other outputs stay empty
            nothing = gr.update(choices=[], value=None)
            return None, {}, problem(exc), "", nothing, nothing, "", "", "", None, None
        keys = [(row.label, row.key) for row in comparison.rows]
        vendors = [(v.name, i) for i, v in enumerate(comparison.vendors)]
        return (comparison, texts, _status(comparison), render_table(comparison),
                gr.update(choices=keys, value=None), gr.update(choices=vendors, value=None), "",
                render_scores(comparison), render_questions(comparison), xlsx_path, csv_path)

    def reweight(comparison: Comparison | None, *weights):
        if comparison is None:
            return "", None
        ids = [c.id for c in comparison.scorecard.criteria]
        updated = rescore(comparison, dict(zip(ids, weights)))
        xlsx_path, _ = _exports(updated, session)
        return render_scores(updated), xlsx_path

    def show_evidence(comparison: Comparison | None, texts: dict, key: str | None, vendor: int | None):
        if comparison is None or key is None or vendor is None:
            return ""
        return render_evidence(comparison, texts, key, int(vendor))

    run.click(compare, [files, workspace], [state, documents, status, table, cell_key, cell_vendor, evidence, scores,
                                            questions, xlsx, csv])
    for slider in sliders:
        slider.release(reweight, [state, *sliders], [scores, xlsx])
    cell_key.change(show_evidence, [state, documents, cell_key, cell_vendor], [evidence])
    cell_vendor.change(show_evidence, [state, documents, cell_key, cell_vendor], [evidence])


def _page_texts(paths: list[Path], names: list[str], session: Session) -> dict:
    texts = {}
    for path, name in zip(paths, names):
        try:
            document = load_document(path, max_bytes=int(session.settings.max_file_mb * 1_000_000), source=name)
        except Exception:  # the extraction already reported it; there is simply no page to show
            continue
        texts[name] = {page.number: page.text for page in document.pages}
    return texts


def _exports(comparison: Comparison, session: Session) -> tuple[str, str]:
    folder = download_folder(session.settings, "rfp-compare-")
    xlsx_path, csv_path = folder / "cdmo-comparison.xlsx", folder / "cdmo-comparison.csv"
    write_comparison(comparison, xlsx_path)
    write_comparison(comparison, csv_path)
    return str(xlsx_path), str(csv_path)


def _status(comparison: Comparison) -> str:
    lines = [f"Compared **{len(comparison.vendors)}** proposal(s)."]
    lines += [f"- ✗ **{v.source}** — {v.error}" for v in comparison.vendors if v.error]
    lines += [f"- ⚠ {w}" for w in comparison.warnings]
    return "\n".join(lines)


def render_table(comparison: Comparison) -> str:
    """The side-by-side table as HTML: best/worst highlighted, not-stated and conflicting cells flagged."""
    head = "".join(f"<th>{html.escape(v.name)}</th>" for v in comparison.vendors)
    rows = []
    for row in comparison.rows:
        cells = []
        for vendor, cell in enumerate(row.cells):
            classes = [CSS_CLASSES.get(cell.mark or "", ""), f"cmp-{cell.status}"]
            page = f" <small>p.{cell.evidence[0].page}</small>" if cell.evidence else ""
            title = html.escape(cell.evidence[0].quote if cell.evidence else (cell.flag or ""), quote=True)
            text = html.escape(cell.text if cell.status == "stated" else (cell.flag or cell.status.replace("_", " ")))
            cells.append(f'<td class="{" ".join(c for c in classes if c)}" title="{title}" '
                         f'data-key="{row.key}" data-vendor="{vendor}">{text}{page}</td>')
        unit = f" ({html.escape(row.unit)})" if row.unit else ""
        rows.append(f"<tr><th>{html.escape(row.label)}{unit}</th>{''.join(cells)}</tr>")
    return (f'<div class="cmp-wrap"><table class="cmp-table"><thead><tr><th>Field</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def render_scores(comparison: Comparison) -> str:
    """Criteria × vendors with weights and totals."""
    head = "".join(f"<th>{html.escape(v.name)}</th>" for v in comparison.vendors)
    rows = []
    for index, criterion in enumerate(comparison.scorecard.criteria):
        cells = []
        for score in comparison.scores:
            item = score.criteria[index] if index < len(score.criteria) else None
            value = "—" if item is None or item.score is None else f"{item.score:.1f}"
            cells.append(f'<td title="{html.escape(item.basis if item else "", quote=True)}">{value}</td>')
        rows.append(f"<tr><th>{html.escape(criterion.title)} <small>({criterion.weight:g}%)</small></th>{''.join(cells)}</tr>")
    totals = "".join(f"<td><b>{'—' if s.total is None else f'{s.total:.0f}'}</b></td>" for s in comparison.scores)
    return (f'<table class="cmp-table" id="scores-table"><thead><tr><th>Criterion (weight)</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}<tr><th>Total (0-100)</th>{totals}</tr></tbody></table>")


def render_questions(comparison: Comparison) -> str:
    """Clarification questions, grouped by vendor."""
    if not comparison.questions:
        return "No clarification questions: every field is stated."
    lines = ["### Clarification questions"]
    current = None
    for question in comparison.questions:
        if question.name != current:
            current = question.name
            lines.append(f"\n**{current}**")
        lines.append(f"- {question.question}")
    return "\n".join(lines)


def render_evidence(comparison: Comparison, texts: dict, key: str, vendor: int) -> str:
    """The cell's value, its quotes, and the page text with each quote highlighted."""
    row = comparison.row(key)
    cell = row.cells[vendor]
    source = comparison.vendors[vendor].source
    parts = [f"<p><b>{html.escape(row.label)}</b> — {html.escape(comparison.vendors[vendor].name)}: "
             f"{html.escape(cell.text if cell.status == 'stated' else (cell.flag or 'not stated'))}</p>"]
    if not cell.evidence:
        parts.append("<p>The proposal does not state this. It is on the clarification list.</p>")
    for evidence in cell.evidence:
        page_text = texts.get(source, {}).get(evidence.page, "")
        parts.append(f'<p class="cmp-quote">p.{evidence.page}: “{html.escape(evidence.quote)}”</p>')
        if page_text:
            parts.append(f'<pre class="cmp-page">{highlight(page_text, evidence.quote)}</pre>')
    return "".join(parts)


def highlight(page_text: str, quote: str) -> str:
    """Page text as HTML with the quote marked, matching across line breaks and repeated spaces."""
    words = [re.escape(w) for w in quote.split()]
    pattern = re.compile(r"\s+".join(words)) if words else None
    match = pattern.search(page_text) if pattern else None
    if match is None:
        return html.escape(page_text)
    return (html.escape(page_text[: match.start()]) + "<mark>" + html.escape(match.group(0)) + "</mark>"
            + html.escape(page_text[match.end():]))
