"""Compare tab: upload proposals, see them ranked and side by side, click a cell for its page, re-weight, download."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import gradio as gr

from rfp_assistant.jobs.comparison.table import Comparison, compare_proposals, load_scorecard, recompare
from rfp_assistant.core.documents import RECOGNISED_SUFFIXES
from rfp_assistant.jobs.comparison.export import write_comparison
from rfp_assistant.jobs.comparison.pages import read_page_texts
from rfp_assistant.jobs.comparison.scoring import as_money
from rfp_assistant.jobs.extraction.service import extract_proposals
from rfp_assistant.interfaces.ui.common import Refusal, Session, download_folder, problem, progress_adapter
from rfp_assistant.interfaces.ui.compare_render import (
    EVIDENCE_CSS,
    RANKING_CSS,
    SCORES_CSS,
    TABLE_CSS,
    render_evidence,
    render_questions,
    render_ranking,
    render_scores,
    render_table,
)

FX_BOXES = 4  # currencies besides the base one that can be given a rate
TABLE_HEADING = "<h3>Side by side — click a cell for its page</h3>"
# (element id, file name suffix, label): every export the comparison offers (DESIGN.md section 1, job 2).
EXPORTS = [("download-xlsx", "xlsx", "Excel (with evidence)"), ("download-csv", "csv", "CSV"),
           ("download-compare-md", "md", "Markdown"), ("download-compare-json", "json", "JSON")]
WAITING = ("No comparison yet. Choose two or more proposal files (PDF, Word, or a filled bid grid) and press "
           "**Compare**: the ranking, the scorecard you can re-weight, the side-by-side table, the clarification "
           "questions and the downloads appear here.")
RULES = [("Not stated scores 0", "zero"), ("Not stated is left out (other weights count more)", "left_out")]
# A click on a table cell asks for its evidence; the close button empties the viewer.
TABLE_JS = """
element.addEventListener('click', (event) => {
  const cell = event.target.closest('td[data-key]');
  if (cell) trigger('select', {key: cell.dataset.key, vendor: Number(cell.dataset.vendor)});
});
"""
EVIDENCE_JS = """
element.addEventListener('click', (event) => {
  if (event.target.closest('.ev-close')) { props.value = ''; return; }
  const image = event.target.closest('img.ev-page');
  if (image) image.classList.toggle('ev-zoom');
});
document.addEventListener('keydown', (event) => { if (event.key === 'Escape' && props.value) props.value = ''; });
"""


def build(session: Session, workspace: gr.Dropdown) -> None:
    """Lay out the tab and wire its events."""
    scorecard = load_scorecard()
    gr.Markdown(
        "Upload the CDMOs' responses (PDF or Word, or a bid grid filled in from the Draft RFP tab). Each is read into "
        "the same 34 fields; silent proposals say **not stated**, "
        "and a file that is not a proposal (a guide, a brief) is left out and said so. The ranking shows how every "
        "score was reached. **Click any cell** to see its page with the quote highlighted."
    )
    with gr.Row():
        files = gr.File(label="Proposals", file_count="multiple", file_types=RECOGNISED_SUFFIXES,
                        elem_id="compare-files")
        run = gr.Button("Compare", variant="primary", elem_id="compare-button", scale=0)
    state = gr.State(None)  # the comparison as read: every recomputation starts from it
    current = gr.State(None)  # the comparison as shown (rates, rule, weights, documents included)
    documents = gr.State({})
    fx_codes = gr.State([])
    status = gr.Markdown(WAITING, elem_id="compare-status")
    include = gr.CheckboxGroup(label="Compare anyway", choices=[], visible=False, elem_id="compare-include")
    ranking = gr.HTML(elem_id="compare-ranking", js_on_load=None, css_template=RANKING_CSS)
    with gr.Row(equal_height=False):
        rule = gr.Radio(RULES, value="zero", label="A value the proposal does not state", elem_id="not-stated-rule")
        with gr.Column():
            fx_note = gr.Markdown(elem_id="fx-note")
            with gr.Row():
                fx_boxes = [gr.Number(label="rate", visible=False, minimum=0, elem_id=f"fx-{i}")
                            for i in range(FX_BOXES)]
    with gr.Accordion("How the scores were reached — and how much each criterion counts", open=True):
        gr.Markdown("Drag a slider, or type a number and press Enter; the shares are shown as whole percentages.")
        sliders = []
        with gr.Row():
            for criterion in scorecard.criteria:
                sliders.append(gr.Slider(0, 50, value=round(criterion.weight), step=1, label=criterion.title,
                                         elem_id=f"weight-{criterion.id}", elem_classes=["weight"]))
        scores = gr.HTML(elem_id="compare-scores", js_on_load=None, css_template=SCORES_CSS)
    table = gr.HTML(elem_id="compare-table", js_on_load=TABLE_JS, css_template=TABLE_CSS)
    evidence = gr.HTML(elem_id="evidence", js_on_load=EVIDENCE_JS, css_template=EVIDENCE_CSS)
    questions = gr.Markdown(elem_id="compare-questions")
    downloads = []
    for pair in (EXPORTS[:2], EXPORTS[2:]):  # two to a row, so the file names have room; shown once there is a result
        with gr.Row():
            downloads += [gr.File(label=label, elem_id=elem_id, interactive=False, visible=False)
                          for elem_id, _, label in pair]
    shown = [status, include, ranking, fx_note, *fx_boxes, table, scores, questions, *downloads]

    def compare(paths, ws, rule_value, *weights, progress=gr.Progress()):
        try:
            if not paths:
                raise Refusal("Choose one or more proposal files first.")
            paths = [Path(p) for p in paths]
            names = [p.name for p in paths]
            extractions = extract_proposals(paths, session.settings, chat=session.chat, names=names,
                                            progress=progress_adapter(progress), workspace=ws)
            texts = read_page_texts(paths, names, max_bytes=int(session.settings.max_file_mb * 1_000_000),
                                    max_pages=session.settings.max_pages)
            card = _scorecard(weights, rule_value)
            comparison = compare_proposals(extractions, card, page_texts=texts)
            base = _base_currency(comparison)
            if base != card.base_currency:
                comparison = recompare(comparison, card.with_fx({}, base))
            outputs = list(_outputs(comparison, session, fx_values=None))
        except Exception as exc:  # said where the comparison would be; the other outputs stay empty
            return (None, None, {}, [], problem(exc), gr.update(choices=[], value=[], visible=False), "", "",
                    *[gr.update(visible=False, value=None)] * FX_BOXES, "", "", "",
                    *[gr.update(visible=False, value=None)] * len(EXPORTS), "")
        left_out = [item.source for item in comparison.left_out]
        outputs[1] = gr.update(choices=left_out, value=[], visible=bool(left_out))
        return (comparison, comparison, dict(zip(names, map(str, paths))), _fx_codes(comparison), *outputs, "")

    def recompute(comparison: Comparison | None, codes: list[str], included: list[str], rule_value: str, *values):
        if comparison is None:
            return (gr.update(), *[gr.update()] * len(shown))
        rates, weights = values[:FX_BOXES], values[FX_BOXES:]
        try:
            fx = _rates(codes, rates)
            card = _scorecard(weights, rule_value).with_fx(fx, comparison.scorecard.base_currency)
            updated = recompare(comparison, card, include=included or [])
            outputs = _outputs(updated, session, fx_values=rates)
        except Exception as exc:  # a bad rate or weight is said above the table; the last good result stays
            return (gr.update(), problem(exc), *[gr.update()] * (len(shown) - 1))
        return (updated, *outputs)

    def show_evidence(comparison: Comparison | None, paths: dict, event: gr.EventData):
        if comparison is None:
            return ""
        try:
            return render_evidence(comparison, paths, str(event.key), int(event.vendor))
        except Exception as exc:  # the viewer says what went wrong; the table stays usable
            return f"<p>{problem(exc)}</p>"

    # Progress is shown once, in the status line, not over every output (reading PDFs can take a while).
    run.click(compare, [files, workspace, rule, *sliders], [state, current, documents, fx_codes, *shown, evidence],
              show_progress_on=[status])
    controls = [state, fx_codes, include, rule, *fx_boxes, *sliders]
    # One at a time, in the order the user acted: a rate box losing focus as a weight is typed must not finish
    # last with the old weight.
    after = {"concurrency_id": "compare-recompute", "concurrency_limit": 1, "show_progress_on": [status]}
    for box in fx_boxes:
        box.submit(recompute, controls, [current, *shown], **after)
        box.blur(recompute, controls, [current, *shown], **after)
    rule.change(recompute, controls, [current, *shown], **after)
    include.change(recompute, controls, [current, *shown], **after)
    for slider in sliders:
        slider.change(recompute, controls, [current, *shown], trigger_mode="always_last", show_progress="hidden",
                      **after)
    table.select(show_evidence, [current, documents], [evidence])


def _scorecard(weights, rule_value: str):
    ids = [c.id for c in load_scorecard().criteria]
    values = {i: float(w) for i, w in zip(ids, weights) if w is not None}
    return load_scorecard().with_weights(values, where="The weights").with_not_stated(rule_value or "zero")


def _base_currency(comparison: Comparison) -> str:
    """The scorecard's base when a proposal quotes in it, else the currency most totals are quoted in."""
    found = comparison.currencies()
    if not found or comparison.scorecard.base_currency in found:
        return comparison.scorecard.base_currency
    totals = [m.currency for c in comparison.row("total_price").cells if (m := as_money(c.value))]
    return Counter(totals or found).most_common(1)[0][0]


def _fx_codes(comparison: Comparison) -> list[str]:
    base = comparison.scorecard.base_currency
    found = comparison.currencies()
    return [c for c in found if c != base][:FX_BOXES] if len(found) > 1 else []


def _rates(codes: list[str], values) -> dict[str, float]:
    rates = {}
    for code, value in zip(codes, values):
        if value is None or value == "":
            continue
        if float(value) <= 0:
            raise Refusal(f"The rate for {code} must be a number above 0.")
        rates[code] = float(value)
    return rates


def _outputs(comparison: Comparison, session: Session, *, fx_values) -> tuple:
    """Status, (unchanged) include choices, ranking, exchange-rate note and boxes, table, scores, questions, downloads."""
    files = [gr.update(value=path, visible=True) for path in _exports(comparison, session)]
    codes = _fx_codes(comparison)
    base = comparison.scorecard.base_currency
    boxes = []
    for index in range(FX_BOXES):
        if index < len(codes):
            update = {"visible": True, "label": f"1 {codes[index]} = ? {base}"}
            if fx_values is None:
                update["value"] = None
            boxes.append(gr.update(**update))
        else:
            boxes.append(gr.update(visible=False, value=None))
    return (_status(comparison), gr.update(), render_ranking(comparison), _fx_note(comparison, codes),
            *boxes, TABLE_HEADING + render_table(comparison), render_scores(comparison), render_questions(comparison),
            *files)


def _fx_note(comparison: Comparison, codes: list[str]) -> str:
    if not codes:
        return ""
    base = comparison.scorecard.base_currency
    missing = comparison.unrated_currencies()
    if missing:
        return (f"**Exchange rates** — prices are quoted in {', '.join(comparison.currencies())}. Enter what one "
                f"{' / one '.join(missing)} is worth in {base} and press Enter; until then prices are not compared "
                "and the price part of the cost score is left out for every vendor. No rate is ever assumed.")
    rates = ", ".join(f"1 {c} = {r:g} {base}" for c, r in sorted(comparison.scorecard.fx.items()))
    return f"**Exchange rates** — prices compared in {base} at {rates} (your rates; change one and press Enter)."


def _exports(comparison: Comparison, session: Session) -> list[str]:
    """The comparison as shown (weights, rule, rates, documents included) in every export format, EXPORTS order."""
    folder = download_folder(session.settings, "rfp-compare-")
    return [str(write_comparison(comparison, folder / f"cdmo-comparison.{suffix}")) for _, suffix, _ in EXPORTS]


def _status(comparison: Comparison) -> str:
    """How many proposals were read and compared, then each file that could not be read or was left out, once."""
    unread = [v for v in comparison.vendors if v.error]
    lines = [f"Compared **{len(comparison.vendors) - len(unread)}** proposal(s)."]
    lines += [f"- ✗ **{v.source}** could not be read — {v.error}. Its column stays empty and it is not scored."
              for v in unread]
    said = {item.reason for item in comparison.left_out}
    lines += [f"- ⊘ {item.reason} Tick it under *Compare anyway* to score it regardless." for item in comparison.left_out]
    lines += [f"- ⚠ {w}" for w in comparison.warnings if w not in said and not w.startswith("Prices are quoted")
              and not any(w.startswith(f"{v.source} could not be read") for v in unread)]  # said above already
    return "\n".join(lines)
