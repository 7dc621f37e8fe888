"""Readiness tab: assess internal documents against the checklist, area by area, and ask follow-up questions."""

from __future__ import annotations

import html
from pathlib import Path

import gradio as gr

from rfp_assistant.core.documents import RECOGNISED_SUFFIXES
from rfp_assistant.jobs.readiness.export import write_readiness
from rfp_assistant.jobs.ingestion import ingest_files, max_file_bytes
from rfp_assistant.jobs.readiness.assess import ReadinessReport, assess_readiness
from rfp_assistant.interfaces.ui.ask_tab import answer_handler
from rfp_assistant.interfaces.ui.common import (
    Refusal,
    Session,
    download_folder,
    problem,
    progress_adapter,
    upload_names,
)

STATUS_LABEL = {"covered": "Covered", "partial": "Partial", "missing": "Missing"}
NO_DOCUMENTS = ("There are no internal documents in this workspace yet: upload some here (left) or in the Knowledge "
                "tab, then press **Assess readiness**.")
WAITING = ("No assessment yet. Upload your planning documents on the left, or use the ones already in this workspace, "
           "and press **Assess readiness**: the overall score, each area's items with their evidence, and the "
           "report downloads appear here.")
QUESTIONS = [
    "What haven't we budgeted for?",
    "Who on our side owns tech transfer?",
    "Which risks have we not assessed yet?",
]


def build(session: Session, workspace: gr.Dropdown, app: gr.Blocks, tab: gr.Tab | None = None,
          remembered: gr.BrowserState | None = None) -> None:
    """Lay out the tab and wire its events."""
    gr.Markdown("Upload your planning documents (strategy memos, budgets, rosters, risk registers, meeting minutes) "
                "or pick ones already in the workspace. Each of the 38 checklist items is judged covered, partial "
                "or missing from what the documents actually commit to, with the quotes that show it.")
    with gr.Row():
        files = gr.File(label="Internal documents", file_count="multiple",
                        file_types=RECOGNISED_SUFFIXES, elem_id="readiness-files")
        with gr.Column():
            picked = gr.CheckboxGroup(label="Documents already indexed (none ticked = all)", choices=[],
                                      elem_id="readiness-docs")
            with gr.Row():
                refresh = gr.Button("Refresh list", size="sm")
                assess = gr.Button("Assess readiness", variant="primary", elem_id="assess-button")
    summary = gr.Markdown(WAITING, elem_id="readiness-summary")
    with gr.Row():  # shown once there is a report
        docx_file = gr.File(label="Report (.docx)", elem_id="download-readiness-docx", interactive=False, visible=False)
        md_file = gr.File(label="Report (.md)", elem_id="download-readiness-md", interactive=False, visible=False)
    # The question box comes before the 38-item report, so it is not a long scroll away once there is a report.
    gr.Markdown("### Ask about your readiness")
    question = gr.Textbox(label="Question", placeholder=QUESTIONS[0], lines=1, elem_id="readiness-question")
    ask = gr.Button("Ask", elem_id="readiness-ask")
    gr.Examples(QUESTIONS, inputs=[question])
    answer = gr.Markdown(elem_id="readiness-answer")
    sources = gr.Markdown(elem_id="readiness-citations")
    report_html = gr.HTML(elem_id="readiness-report")

    def internal_documents(ws: str, ticked=None, said: str = ""):
        """(document choices, summary): what is ticked and still there stays ticked; a workspace that cannot be
        opened is said in the summary, and the "no documents yet" note goes once there are some."""
        try:
            names = [r.source for r in session.index(ws).list_documents(kind="internal")]
        except Exception as exc:  # said in words, never as an error badge
            return gr.update(choices=[], value=[], info=""), problem(exc)
        info = "" if names else "None yet: upload documents here or in the Knowledge tab."
        kept = [n for n in (ticked or []) if n in names]
        stale = bool(names) and NO_DOCUMENTS in (said or "")
        return gr.update(choices=names, value=kept, info=info), (WAITING if stale else gr.update())

    def run(paths, chosen, ws, progress=gr.Progress()):
        notes: list[str] = []
        try:
            index = session.index(ws)
            sources = list(chosen or []) or None
            if paths:
                reports = ingest_files(index, [Path(p) for p in paths], kind="internal",
                                       max_bytes=max_file_bytes(session.settings), progress=progress_adapter(progress),
                                       names=upload_names(paths))
                notes += [f"- ✗ **{r.source}** — {r.error.split(': ', 1)[-1]}" for r in reports if r.status == "error"]
                sources = [r.source for r in reports if r.status != "error"] + (sources or [])
                if not sources:
                    raise Refusal("None of the uploaded documents could be read:\n" + "\n".join(notes))
                index.upgrade(progress_adapter(progress))  # assessed with the contextual vectors, as after ingest
            elif not index.list_documents(kind="internal"):
                raise Refusal(NO_DOCUMENTS)
            report = assess_readiness(index, chat=session.chat, sources=sources, progress=progress_adapter(progress))
            docx_path, md_path = _exports(report, session)
            names = [r.source for r in index.list_documents(kind="internal")]
        except Exception as exc:  # said where the summary would be; the report stays empty
            hidden = gr.update(value=None, visible=False)
            return problem(exc), hidden, hidden, "", gr.update(), gr.update()
        return (render_summary(report, notes), gr.update(value=docx_path, visible=True),
                gr.update(value=md_path, visible=True), render_report(report),
                gr.update(choices=names, value=list(chosen or []), info=""), None)

    ask_question = answer_handler(session)
    assess.click(run, [files, picked, workspace], [summary, docx_file, md_file, report_html, picked, files],
                 show_progress_on=[summary])
    ask.click(ask_question, [question, workspace], [answer, sources])
    question.submit(ask_question, [question, workspace], [answer, sources])
    workspace.change(internal_documents, [workspace], [picked, summary])
    workspace.select(internal_documents, [workspace], [picked, summary])
    listing = [workspace, picked, summary]
    refresh.click(internal_documents, listing, [picked, summary])
    if tab is not None:  # documents added in the Knowledge tab are listed as soon as this tab is opened
        tab.select(internal_documents, listing, [picked, summary], show_progress="hidden")
    # As in the Knowledge tab: on page load, list the workspace the page will show (this browser's remembered one).
    app.load(lambda ws, kept=None: internal_documents(session.page_workspace(kept, ws)),
             [workspace] + ([remembered] if remembered else []), [picked, summary])


def _exports(report: ReadinessReport, session: Session) -> tuple[str, str]:
    folder = download_folder(session.settings, "rfp-readiness-")
    return (str(write_readiness(report, folder / "readiness-report.docx")),
            str(write_readiness(report, folder / "readiness-report.md")))


def render_summary(report: ReadinessReport, notes: list[str]) -> str:
    """Overall score, counts, documents assessed, and any file that could not be read."""
    counts = {s: sum(1 for i in report.items if i.status == s) for s in STATUS_LABEL}
    mode = "offline" if report.mode == "offline" else "with the language model, quotes verified"
    lines = [f"**Overall readiness: {report.score:.0%}** — {counts['covered']} covered, {counts['partial']} partial, "
             f"{counts['missing']} missing ({mode}).",
             f"Documents assessed: {', '.join(report.documents) or 'none'}."]
    return "\n\n".join(lines + (["\n".join(notes)] if notes else []))


def render_report(report: ReadinessReport) -> str:
    """The assessment by area: each item's status, why, its evidence (the deciding quote first and marked) and the
    recommendation when it is open. Every area's table has the same columns, so they line up down the page."""
    parts = []
    for area in report.areas:
        rows = []
        for item in (i for i in report.items if i.area == area.id):
            quotes = "".join(_quote(e, e == item.deciding) for e in item.evidence)
            reason = f'<div class="rd-reason">{html.escape(item.reason)}</div>' if item.reason else ""
            advice = (f"<div><b>Recommendation:</b> {html.escape(item.recommendation)}</div>"
                      if item.status != "covered" and item.recommendation else "")
            rows.append(f'<tr data-item="{item.id}"><td>{html.escape(item.title or item.id)}</td>'
                        f'<td><span class="st-{item.status}">{STATUS_LABEL[item.status]}</span></td>'
                        f"<td>{reason if reason or quotes else _NO_EVIDENCE}{quotes}{advice}</td></tr>")
        parts.append(f'<h3 data-area="{area.id}">{html.escape(area.title or area.id)} — {area.score:.0%}</h3>'
                     '<table class="cmp-table rd-table"><colgroup><col class="rd-item"><col class="rd-status"><col>'
                     '</colgroup><thead><tr><th>Item</th><th>Status</th><th>Why, evidence and recommendation</th>'
                     f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return "".join(parts)


_NO_EVIDENCE = "<i>No evidence in the documents.</i>"


def _quote(evidence, deciding: bool) -> str:
    label = '<b class="rd-deciding">Decided by:</b> ' if deciding else ""
    return (f'<div class="rd-quote">{label}“{html.escape(evidence.quote)}” — '
            f"<i>{html.escape(evidence.source)}</i>, {html.escape(evidence.where)}</div>")
