"""Knowledge tab: upload documents with progress, list them, delete them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import gradio as gr

from rfp_assistant.core.documents import RECOGNISED_SUFFIXES
from rfp_assistant.jobs.ingestion import ingest_files, max_file_bytes, remove_document
from rfp_assistant.interfaces.ui.common import Refusal, Session, problem, progress_adapter, upload_names

COLUMNS = ["Document", "Kind", "Pages", "Passages", "Added", "Id"]
# Deleting cannot be undone: the browser asks first (an empty choice goes on, to be told to choose one).
CONFIRM_JS = """(name, ws, _) => [name, ws, !name || window.confirm(`Delete ${name} from workspace ${ws}? Its passages \
leave search and answers at once; the file on your disk is not touched. To have it back, add it again.`)]"""


def build(session: Session, workspace: gr.Dropdown, app: gr.Blocks,
          remembered: gr.BrowserState | None = None) -> None:
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
            kinds = [("Internal documents (your program's)", "internal"), ("A guide (general advice)", "guide")]
            kind = gr.Radio(kinds, value="internal", label="These files are")
            add = gr.Button("Add to workspace", variant="primary", elem_id="add-documents")
    outcome = gr.Markdown(elem_id="ingest-outcome")
    table = gr.Dataframe(headers=COLUMNS, label="Indexed documents", interactive=False, elem_id="documents-table")
    with gr.Row():
        to_delete = gr.Dropdown(label="Document to delete", choices=[], elem_id="delete-choice")
        delete = gr.Button("Delete", variant="stop", elem_id="delete-document")
    confirmed = gr.Checkbox(visible=False)  # the browser's answer to "Delete …?"

    def refresh(ws: str):
        """(table rows, delete choices, message): a workspace that cannot be opened is said in the outcome line."""
        try:
            records = session.index(ws).list_documents()
        except Exception as exc:  # said in words, never as an error badge
            return [], gr.update(choices=[], value=None), problem(exc)
        builtin = {r.doc_id for r in records if r.kind == "guide" and _is_builtin(r.source)}
        # The user's own documents first (what they just added is in view), the built-in playbook last.
        records = sorted(records, key=lambda r: (r.doc_id in builtin, r.kind != "internal", r.source.lower()))
        rows = [[r.source, r.kind, r.pages, r.chunks, dt.datetime.fromtimestamp(r.added_at).strftime("%Y-%m-%d %H:%M"),
                 r.doc_id[:12]] for r in records]
        choices = [r.source for r in records if r.doc_id not in builtin]
        return rows, gr.update(choices=choices, value=None), ""

    def add_files(paths, kind_value, ws, progress=gr.Progress()):
        try:
            if not paths:
                raise Refusal("Choose one or more files first.")
            index = session.index(ws, progress=progress_adapter(progress))
            paths = [Path(p) for p in paths]
            reports = ingest_files(index, paths, kind=kind_value, max_bytes=max_file_bytes(session.settings),
                                   progress=progress_adapter(progress), names=upload_names(paths))
            index.upgrade(progress_adapter(progress))
        except Exception as exc:  # the list of documents and the chosen files stay as they are
            return problem(exc), gr.update(), gr.update(), gr.update()
        lines = []
        for r in reports:
            if r.status == "error":
                lines.append(f"- ✗ **{r.source}** — {r.error.split(': ', 1)[-1]}")
            else:
                lines.append(f"- ✓ **{r.source}** — {r.status}: {r.pages} page(s), {r.chunks} passage(s)")
            lines.extend(f"  - ⚠ {w}" for w in r.warnings)
        rows, choices, _ = refresh(ws)
        return "\n".join(lines), rows, choices, None

    def delete_document(name, ws, confirmed):
        if not confirmed:  # the user answered "Cancel"
            return "Nothing deleted.", gr.update(), gr.update()
        try:
            if not name:
                raise Refusal("Choose a document to delete.")
            removed = remove_document(session.index(ws), name)
        except Exception as exc:
            return problem(exc), gr.update(), gr.update()
        rows, choices, _ = refresh(ws)
        names = ", ".join(f"**{r.source}**" for r in removed)
        return (f"Deleted {names}." if removed else f"{name} was already gone."), rows, choices

    add.click(add_files, [files, kind, workspace], [outcome, table, to_delete, files], show_progress_on=[files])
    delete.click(delete_document, [to_delete, workspace, confirmed], [outcome, table, to_delete], js=CONFIRM_JS)
    def relist(ws: str):
        """As `refresh`, but a message already shown stays unless there is a problem to say: a listing that arrives
        late (page load, the remembered workspace being restored) must not wipe what a button just said."""
        rows, choices, message = refresh(ws)
        return rows, choices, message or gr.update()

    workspace.change(relist, [workspace], [table, to_delete, outcome])
    workspace.select(refresh, [workspace], [table, to_delete, outcome])
    # On page load the selector may still show the default while this browser's remembered workspace is being
    # restored; list the one the page will show, or a late load would overwrite the restored list.
    shown = [workspace] + ([remembered] if remembered else [])
    app.load(lambda ws, kept=None: relist(session.page_workspace(kept, ws)), shown, [table, to_delete, outcome])


def _is_builtin(source: str) -> bool:
    from rfp_assistant.jobs.ingestion import builtin_playbook_files

    return source in {p.name for p in builtin_playbook_files()}
