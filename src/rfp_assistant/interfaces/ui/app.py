"""Build and launch the Gradio Blocks app (127.0.0.1 by default, analytics off, optional login)."""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from rfp_assistant.config import Settings  # noqa: E402
from rfp_assistant.errors import ConfigurationError  # noqa: E402
from rfp_assistant.interfaces.ui import ask_tab  # noqa: E402
from rfp_assistant.interfaces.ui import compare_tab
from rfp_assistant.interfaces.ui import draft_tab
from rfp_assistant.interfaces.ui import knowledge_tab
from rfp_assistant.interfaces.ui import readiness_tab
from rfp_assistant.interfaces.ui.common import DOWNLOADS_KEPT_S, Session, ui_files_dir  # noqa: E402
from rfp_assistant.interfaces.ui.startup import (  # noqa: E402
    STARTUP_CSS,
    console_progress,
    port_free,
    render_startup,
)
from rfp_assistant.interfaces.ui.login import check_open_bind, login_gate, login_middleware  # noqa: E402

CSS = """
.cite-list li { margin-bottom: .35em; }
.cmp-wrap { overflow-x: auto; }
.cmp-table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
.cmp-table th, .cmp-table td { border: 1px solid #d0d5dd; padding: 4px 8px; text-align: left; vertical-align: top; }
.cmp-table thead th { position: sticky; top: 0; background: #f2f4f7; }
td.cmp-best { background: #d1fadf; } td.cmp-worst { background: #fee4e2; }
td.cmp-not_stated { color: #667085; font-style: italic; background: #f9fafb; }
td.cmp-conflicting { background: #fef0c7; }
.cmp-page { white-space: pre-wrap; max-height: 24em; overflow-y: auto; background: #f9fafb; padding: 8px; }
.cmp-page mark { background: #fde272; }
.tag-stated, .tag-missing, .st-covered, .st-partial, .st-missing { border-radius: 4px; padding: 1px 6px; font-size: .85em; }
.tag-stated, .st-covered { background: #d1fadf; color: #05603a; }
.tag-made { border-radius: 4px; padding: 1px 6px; font-size: .85em; background: #eff8ff; color: #175cd3; }
.tag-missing, .st-missing { background: #fee4e2; color: #912018; }
.st-partial { background: #fef0c7; color: #93370d; }
.rd-quote { color: #475467; font-size: .9em; margin: 2px 0 2px 1em; }
.rd-reason { margin-bottom: 2px; }
#draft-status, #compare-status, #readiness-summary { min-height: 4em; }  /* room for the progress bar shown there */
.block.weight .head { flex-wrap: wrap; }
.block.weight .head label { flex: 1 1 100%; min-height: 7em; }  /* titles of up to four lines: sliders line up */
.rd-deciding { color: #344054; font-weight: 600; }
.rd-table { table-layout: fixed; }
.rd-table col.rd-item { width: 22%; } .rd-table col.rd-status { width: 7em; }
"""


def build_app(settings: Settings, session: Session | None = None) -> gr.Blocks:
    """The whole UI; every tab calls the UI-free core through a shared Session."""
    session = session or Session(settings)
    # Uploads and downloads hold document text: Gradio keeps them in the data folder (not /tmp), for a day at most.
    os.environ["GRADIO_TEMP_DIR"] = str(ui_files_dir(settings))
    with gr.Blocks(title="RFP Assistant — CDMO outsourcing", analytics_enabled=False,
                   delete_cache=(3600, DOWNLOADS_KEPT_S)) as app:
        gr.Markdown(
            "# RFP Assistant\nPrepare CDMO outsourcing: knowledge, questions, RFPs and proposal comparison. "
            f"Mode: **{'LLM (' + settings.model + ')' if settings.llm_enabled else 'offline — nothing leaves this machine'}**."
        )
        startup = gr.HTML(render_startup(session.preparation), elem_id="startup-status", js_on_load=None,
                          css_template=STARTUP_CSS)
        workspace = gr.Dropdown(
            choices=session.workspaces(), value=settings.workspace, label="Workspace (one per program)",
            info="Every workspace in the data folder is listed. To create one, type a new name (letters, digits, "
                 "'-' or '_') and press Enter; it is kept, with the documents you add to it.",
            allow_custom_value=True, elem_id="workspace",
        )
        chosen = gr.BrowserState(settings.workspace, storage_key="rfp-assistant-workspace")
        with gr.Tabs():
            with gr.Tab("Knowledge", id="knowledge"):
                knowledge_tab.build(session, workspace, app, chosen)
            with gr.Tab("Draft RFP", id="draft"):
                draft_tab.build(session, workspace)
            with gr.Tab("Compare proposals", id="compare"):
                compare_tab.build(session, workspace)
            with gr.Tab("Readiness", id="readiness") as readiness:
                readiness_tab.build(session, workspace, app, readiness, chosen)
            with gr.Tab("Ask", id="ask"):
                ask_tab.build(session, workspace)
        _wire_workspaces(app, session, workspace, chosen)
        _wire_startup(app, session, startup)
    return app


def _wire_workspaces(app: gr.Blocks, session: Session, workspace: gr.Dropdown, chosen: gr.BrowserState) -> None:
    """The selector lists what is on disk at every page load and keeps this browser's choice across reloads."""

    def listed(remembered: str | None):
        names = session.workspaces()
        page = session.page_workspace(remembered, session.settings.workspace)
        if page != session.settings.workspace:
            return gr.update(choices=names, value=page)
        return gr.update(choices=sorted(set(names) | {session.settings.workspace}))  # what is typed stays

    def remember(name: str | None):
        if not session.valid_name(name):
            return gr.update(), gr.update()  # the tabs say why the name cannot be used
        return name, gr.update(choices=sorted(set(session.workspaces()) | {name}))

    # Unqueued: a listing is quick, and it must land before the user can type a name it would overwrite.
    app.load(listed, [chosen], [workspace], queue=False)
    # A typed new name is listed at once (and opened by the tab that reacts to the change, which creates it).
    workspace.change(remember, [workspace], [chosen, workspace], show_progress="hidden", queue=False)


def _wire_startup(app: gr.Blocks, session: Session, startup: gr.HTML) -> None:
    """While the playbook is prepared, the banner shows how far it is; the timer stops once all is ready."""
    preparing = session.preparation is not None and session.preparation.stage != "ready"
    timer = gr.Timer(1.0, active=preparing)

    def tick():
        done = session.preparation is None or session.preparation.stage in ("ready", "failed", "stopped")
        return render_startup(session.preparation), gr.Timer(active=not done)

    timer.tick(tick, None, [startup, timer], show_progress="hidden")
    app.load(tick, None, [startup, timer], show_progress="hidden")


def launch(settings: Settings, host: str = "127.0.0.1", port: int = 7860, *, block: bool = True,
           allow_open: bool = False):
    """Serve the UI; returns (app, local_url) when block is False (tests). No login beyond loopback needs allow_open."""
    check_open_bind(host, port, settings, allow_open)
    gate = login_gate(settings)
    if not port_free(host, port):
        raise ConfigurationError(
            f"Port {port} on {host} is already in use (another rfp-assistant?). Stop it, or start with --port N."
        )
    session = Session(settings)
    # Serve at once: the default workspace is prepared in the background and the page shows how far it is
    # (on a new machine the first start distils the embedding table; nothing should look frozen meanwhile).
    session.prepare(settings.workspace, console=console_progress if block else None)
    app = build_app(settings, session)
    app.queue(default_concurrency_limit=4)
    theme = gr.themes.Soft(font=["ui-sans-serif", "system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    _, url, _ = app.launch(
        server_name=host, server_port=port, auth=gate.check if gate else None,
        auth_message=gate.message() if gate else None, app_kwargs={"middleware": login_middleware()},
        share=False, inbrowser=False,
        prevent_thread_lock=not block, show_error=True, quiet=not block, theme=theme, css=CSS,
        max_file_size=f"{int(settings.max_file_mb)}mb", footer_links=[], ssr_mode=False, pwa=False, mcp_server=False,
        enable_monitoring=False,
        # Gradio would otherwise keep every run's inputs and outputs (proposal text, page images) in the browser's
        # storage and offer to copy them to a Hugging Face bucket; False also clears what an earlier version kept.
        run_history=False,
    )
    close = app.close

    def close_and_stop(*args, **kwargs):
        session.preparation.stop()  # no background indexing outlives the app (tests open many)
        return close(*args, **kwargs)

    app.close = close_and_stop
    return app, url
