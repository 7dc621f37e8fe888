"""Draft RFP tab: a brief in, the parsed brief with stated/missing tags, the sections with sources, downloads."""

from __future__ import annotations

import html
import re

import gradio as gr

from rfp_assistant.jobs.drafting import RfpDraft, draft_rfp
from rfp_assistant.schemas.brief import BRIEF_FIELDS, EXTRA_FIELDS, ProjectBrief
from rfp_assistant.jobs.drafting.render import OPEN_POINT, money
from rfp_assistant.jobs.drafting.export import write_rfp
from rfp_assistant.interfaces.ui.common import (
    Refusal,
    Session,
    download_folder,
    problem,
    progress_adapter,
    upload_names,
)

EXAMPLE_BRIEF = (
    "We are Norhaven Bio, a Series B company with NHB-207, an IgG1 mAb expressed in CHO. "
    "We need a CDMO for process transfer and two 2,000 L GMP batches for Phase 1, lyophilized vials, "
    "FIH Q1'28 with US/EU filings. Budget ~$6M; we prefer an EU site and weekly calls with a dedicated PM."
)
BRIEF_FILE_TYPES = [".txt", ".md", ".yaml", ".yml", ".json", ".docx", ".pdf", ".pptx", ".eml", ".html", ".htm", ".xlsx",
                    ".csv"]
_LABELS = {"scale_l": "Scale (L)", "dedicated_project_manager": "Dedicated project manager"}
_ACRONYMS = {"dp": "DP", "ds": "DS", "qp": "QP", "rfp": "RFP", "gmp": "GMP", "qc": "QC", "cmc": "CMC", "fih": "FIH",
             "api": "API", "lnp": "LNP", "aav": "AAV", "mcb": "MCB", "wcb": "WCB", "cda": "CDA", "ip": "IP"}
WAITING = ("No draft yet. Type or paste a brief (or upload one), then press **Draft RFP**. The parsed brief, the open "
           "questions, every section with its sources and the downloads appear here.")
# (element id, file name suffix, label, internal version): what the tab offers to download once a draft is made.
EXPORTS = [("download-docx", "docx", "Word (.docx), for vendors", False),
           ("download-md", "md", "Markdown (.md), for vendors", False),
           ("download-grid", "xlsx", "Bid grid (.xlsx) to send with the RFP", False),
           ("download-internal", "docx", "Internal version (.docx): sources and open points", True)]


def build(session: Session, workspace: gr.Dropdown) -> None:
    """Lay out the tab and wire its events."""
    gr.Markdown("Write a few sentences about the program, or upload a brief (text, Markdown, YAML, JSON, Word, PDF, "
                "PowerPoint, e-mail, HTML, Excel or CSV). "
                "Facts the brief does not give become marked open points, never guesses.")
    brief = gr.Textbox(label="Project brief", lines=5, placeholder=EXAMPLE_BRIEF, elem_id="brief")
    brief_file = gr.File(label="…or a brief file", file_types=BRIEF_FILE_TYPES, elem_id="brief-file", height=140)
    with gr.Row():
        go = gr.Button("Draft RFP", variant="primary", elem_id="draft-button")
        example = gr.Button("Use the example brief", size="sm")
    status = gr.Markdown(WAITING, elem_id="draft-status")
    downloads = []
    for pair in (EXPORTS[:2], EXPORTS[2:]):  # two to a row, so the file names have room; shown once there is a draft
        with gr.Row():
            downloads += [gr.File(label=label, elem_id=elem_id, interactive=False, visible=False)
                          for elem_id, _, label, _ in pair]
    with gr.Accordion("Parsed brief — what the brief states and what it leaves open", open=True,
                      visible=False) as parsed_box:  # shown once there is a draft
        parsed = gr.HTML(elem_id="parsed-brief")
    questions = gr.Markdown(elem_id="open-questions")
    draft = gr.Markdown(elem_id="draft")

    def run(text: str, upload, ws: str, progress=gr.Progress()):
        source = upload if upload else (text or "").strip()
        try:
            if not source:
                raise Refusal("Type a brief or upload a brief file first.")
            result = draft_rfp(source, session.index(ws), chat=session.chat, progress=progress_adapter(progress))
            files = [gr.update(value=path, visible=True) for path in _exports(result, session)]
        except Exception as exc:  # said where the draft's status would be; the rest stays empty
            hidden = gr.update(value=None, visible=False)
            return problem(exc), *[hidden] * len(EXPORTS), gr.update(visible=False), "", "", ""
        said = render_status(result)
        if upload and (text or "").strip():  # both given: say which one the draft comes from
            name = html.escape(upload_names([upload])[0])
            said += (f"\n- ℹ Drafted from the uploaded file **{name}**; the text typed above was not used "
                     "(remove the file to draft from the text).")
        return (said, *files, gr.update(visible=True), render_brief(result.brief, result.title), render_gaps(result),
                render_sections(result))

    example.click(lambda: EXAMPLE_BRIEF, None, brief)
    go.click(run, [brief, brief_file, workspace], [status, *downloads, parsed_box, parsed, questions, draft],
             show_progress_on=[status])


def _exports(result: RfpDraft, session: Session) -> list[str]:
    """Every download of EXPORTS, in order; the bid grid is named after the RFP too."""
    folder = download_folder(session.settings, "rfp-draft-")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", result.title).strip("-")[:60] or "rfp"
    names = {"download-grid": f"{stem}-bid-grid.xlsx", "download-internal": f"{stem}-INTERNAL.docx"}
    return [str(write_rfp(result, folder / names.get(elem_id, f"{stem}.{suffix}"), internal=internal))
            for elem_id, suffix, _, internal in EXPORTS]


def render_status(result: RfpDraft) -> str:
    """One line on what was drafted, and any warnings."""
    mode = "offline" if result.mode == "offline" else "with the language model"
    cited = sum(1 for s in result.sections if s.citations)
    lines = [f"**{html.escape(result.title)}** — {len(result.sections)} sections drafted {mode}, "
             f"{cited} with sources, {len(result.gaps)} open question(s)."]
    lines += [f"- ⚠ {w}" for w in result.warnings]
    return "\n".join(lines)


def render_brief(brief: ProjectBrief, title: str = "") -> str:
    """The brief's fields as a table: value and the brief's own words, tagged stated or missing (a title the brief
    does not give is the one the draft composed from its facts, not an open point)."""
    rows = []
    for name in BRIEF_FIELDS + EXTRA_FIELDS:
        field = brief.field(name)
        label = gap_label(name)
        if field.status == "stated":
            value, words = _value_text(field.value), "; ".join(field.text)
            tag = '<span class="tag-stated">stated</span>'
        elif name == "title" and title:
            value, words = title, "Not in the brief: composed from its facts (sponsor, product, modality, phase)."
            tag = '<span class="tag-made">composed</span>'
        else:
            value, words = "—", field.note
            tag = '<span class="tag-missing">missing</span>'
        rows.append(f'<tr data-field="{name}"><th>{html.escape(label)}</th><td>{tag}</td>'
                    f"<td>{html.escape(value)}</td><td><small>{html.escape(words)}</small></td></tr>")
    return ('<table class="cmp-table brief-table"><thead><tr><th>Field</th><th></th><th>Value</th>'
            f"<th>In the brief's words</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _value_text(value) -> str:
    if isinstance(value, list):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, dict):
        if {"amount", "currency"} <= value.keys():
            return money(value)
        if {"milestone", "date"} <= value.keys():
            return f"{value['milestone']}: {value['date']}"
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,g}"
    return str(value).replace("_", " ")


def render_gaps(result: RfpDraft) -> str:
    """The open questions the team must settle before the RFP goes out."""
    if not result.gaps:
        return "### Open questions\nNone: the brief gives everything the RFP needs."
    lines = ["### Open questions to settle before issue"]
    lines += [f"- **{gap_label(g.field)}** — {g.question}" for g in result.gaps]
    return "\n".join(lines)


def gap_label(field: str) -> str:
    """A field id as a reader's heading: "dp_units" -> "DP units", "location_preference" -> "Location preference"."""
    if field in _LABELS:
        return _LABELS[field]
    words = [_ACRONYMS.get(w, w) for w in field.split("_") if w]
    return " ".join(words)[:1].upper() + " ".join(words)[1:] if words else field


def render_sections(result: RfpDraft) -> str:
    """Every section with its open points highlighted and its numbered sources beneath."""
    out = []
    for number, section in enumerate(result.sections, start=1):
        body = OPEN_POINT.sub(lambda m: f"**{m.group(0)}**", section.markdown.strip())
        out += [f"## {number}. {section.title}", "", body, ""]
        if section.citations:
            out.append("<details><summary>Sources</summary>\n")
            out += [f"{i}. *{c.source}*, {c.where} — “{c.quote}”" for i, c in enumerate(section.citations, 1)]
            out += ["", "</details>", ""]
    return "\n".join(out)
