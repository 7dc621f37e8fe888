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
.tag-missing, .st-missing { background: #fee4e2; color: #912018; }
.st-partial { background: #fef0c7; color: #93370d; }
.rd-quote { color: #475467; font-size: .9em; margin: 2px 0 2px 1em; }
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
        workspace = gr.Dropdown(
            choices=session.workspaces(), value=settings.workspace, label="Workspace (one per program)",
            allow_custom_value=True, elem_id="workspace",
        )
        with gr.Tabs():
            with gr.Tab("Knowledge", id="knowledge"):
                knowledge_tab.build(session, workspace, app)
            with gr.Tab("Draft RFP", id="draft"):
                draft_tab.build(session, workspace)
            with gr.Tab("Compare proposals", id="compare"):
                compare_tab.build(session, workspace)
            with gr.Tab("Readiness", id="readiness"):
                readiness_tab.build(session, workspace, app)
            with gr.Tab("Ask", id="ask"):
                ask_tab.build(session, workspace)
    return app


def _port_free(host: str, port: int) -> bool:
    import socket

    with socket.socket() as probe:
        # Like the server itself: a port left in TIME_WAIT by a stopped instance is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


_SUMMARY = ("Done", "Search improved", "Preparing")


def _console_progress(fraction: float, message: str) -> None:
    # Start-up prints milestones only, not every batch.
    if message.startswith(_SUMMARY) or "one time" in message:
        print(f"  {message}", flush=True)


def launch(settings: Settings, host: str = "127.0.0.1", port: int = 7860, *, block: bool = True,
           allow_open: bool = False):
    """Serve the UI; returns (app, local_url) when block is False (tests). No login beyond loopback needs allow_open."""
    check_open_bind(host, port, settings, allow_open)
    gate = login_gate(settings)
    if not _port_free(host, port):
        raise ConfigurationError(
            f"Port {port} on {host} is already in use (another rfp-assistant?). Stop it, or start with --port N."
        )
    session = Session(settings)
    # Open the default workspace before serving, so the first page a user sees is ready to answer.
    session.index(settings.workspace, progress=_console_progress if block else None)
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
    )
    return app, url
