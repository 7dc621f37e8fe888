"""Knowledge tab: upload documents with progress, list them, delete them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import gradio as gr

from rfp_assistant.core.documents import RECOGNISED_SUFFIXES
from rfp_assistant.jobs.ingestion import ingest_files, max_file_bytes
from rfp_assistant.interfaces.ui.common import Session, progress_adapter, refuse, upload_names, user_error

COLUMNS = ["Document", "Kind", "Pages", "Passages", "Added", "Id"]


def build(session: Session, workspace: gr.Dropdown, app: gr.Blocks) -> None:
    """Lay out the tab and wire its events."""
    gr.Markdown(
        "Add your **internal documents** (strategy memos, budgets, rosters, risk registers, tech-transfer packages) "
        "or another **guide**: PDF, Word, Excel, CSV, PowerPoint, e-mails (.eml), saved web or wiki pages (.html), "
        "Markdown and text. An e-mail's attachments become documents of their own. The built-in playbook is always "
        "loaded."
    )
    with gr.Row():
        files = gr.File(label="Documents", file_count="multiple", file_types=RECOGNISED_SUFFIXES,
                        elem_id="upload-files")
        with gr.Column():
            kind = gr.Radio(["internal", "guide"], value="internal", label="Kind")
            add = gr.Button("Add to workspace", variant="primary", elem_id="add-documents")
    outcome = gr.Markdown(elem_id="ingest-outcome")
    table = gr.Dataframe(headers=COLUMNS, label="Indexed documents", interactive=False, elem_id="documents-table")
    with gr.Row():
        to_delete = gr.Dropdown(label="Document to delete", choices=[], elem_id="delete-choice")
        delete = gr.Button("Delete", variant="stop", elem_id="delete-document")

    def refresh(ws: str):
        try:
            records = session.index(ws).list_documents()
        except Exception as exc:  # shown to the user, never a traceback
            raise user_error(exc) from exc
        rows = [[r.source, r.kind, r.pages, r.chunks, dt.datetime.fromtimestamp(r.added_at).strftime("%Y-%m-%d %H:%M"),
                 r.doc_id[:12]] for r in records]
        choices = [r.source for r in records if r.kind != "guide" or not _is_builtin(r.source)]
        return rows, gr.update(choices=choices, value=None)

    def add_files(paths, kind_value, ws, progress=gr.Progress()):
        if not paths:
            raise refuse("Choose one or more files first.")
        try:
            index = session.index(ws, progress=progress_adapter(progress))
            paths = [Path(p) for p in paths]
            reports = ingest_files(index, paths, kind=kind_value, max_bytes=max_file_bytes(session.settings),
                                   progress=progress_adapter(progress), names=upload_names(paths))
            index.upgrade(progress_adapter(progress))
        except Exception as exc:
            raise user_error(exc) from exc
        lines = []
        for r in reports:
            if r.status == "error":
                lines.append(f"- ✗ **{r.source}** — {r.error.split(': ', 1)[-1]}")
            else:
                lines.append(f"- ✓ **{r.source}** — {r.status}: {r.pages} page(s), {r.chunks} passage(s)")
            lines.extend(f"  - ⚠ {w}" for w in r.warnings)
        rows, choices = refresh(ws)
        return "\n".join(lines), rows, choices, None

    def delete_document(name, ws):
        if not name:
            raise refuse("Choose a document to delete.")
        try:
            removed = session.index(ws).delete_document(name)
        except Exception as exc:
            raise user_error(exc) from exc
        rows, choices = refresh(ws)
        return (f"Deleted **{removed.source}**." if removed else f"{name} was already gone."), rows, choices

    add.click(add_files, [files, kind, workspace], [outcome, table, to_delete, files])
    delete.click(delete_document, [to_delete, workspace], [outcome, table, to_delete])
    workspace.change(refresh, [workspace], [table, to_delete])
    workspace.select(refresh, [workspace], [table, to_delete])
    app.load(refresh, [workspace], [table, to_delete])


def _is_builtin(source: str) -> bool:
    from rfp_assistant.jobs.ingestion import builtin_playbook_files

    return source in {p.name for p in builtin_playbook_files()}
