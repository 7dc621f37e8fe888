"""State shared by the tabs: settings, open indexes, and helpers to show errors in plain words."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import gradio as gr

from rfp_assistant.config import Settings, validate_workspace_name
from rfp_assistant.errors import RfpAssistantError
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.ingestion import open_workspace
from rfp_assistant.core.llm import make_chat_client
from rfp_assistant.core.retrieval.store import list_workspaces

log = logging.getLogger("rfp_assistant.interfaces.ui")


class Session:
    """One per running app: opens each workspace once (with the built-in playbook) and reuses it."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._indexes: dict[str, WorkspaceIndex] = {}
        self._lock = threading.Lock()
        self.chat = make_chat_client(settings)

    def workspaces(self) -> list[str]:
        """Workspace names for the selector."""
        return list_workspaces(self.settings)

    def index(self, workspace: str, progress=None) -> WorkspaceIndex:
        """The index of `workspace`, opened on first use."""
        name = validate_workspace_name((workspace or self.settings.workspace).strip())
        with self._lock:
            if name not in self._indexes:
                self._indexes[name] = open_workspace(self.settings, name, progress=progress)
            return self._indexes[name]


def user_error(exc: Exception) -> gr.Error:
    """A message box for the user; a known problem is logged as one line, an unexpected one with its traceback."""
    if isinstance(exc, RfpAssistantError):
        log.warning("%s: %s", type(exc).__name__, exc)  # messages are already plain and free of secrets
        return gr.Error(str(exc), print_exception=False)
    return gr.Error(f"Something went wrong: {type(exc).__name__}: {exc}")


def refuse(message: str) -> gr.Error:
    """A message for input the user can fix (nothing to log)."""
    return gr.Error(message, print_exception=False)


def progress_adapter(progress: gr.Progress):
    """Turn the core's (fraction, message) callback into Gradio's progress bar."""

    def report(fraction: float, message: str) -> None:
        progress(fraction, desc=message)

    return report


def upload_names(paths) -> list[str]:
    """Each upload's own file name, never a path (uploads cannot name files outside the data folder)."""
    names = []
    for path in paths:
        name = Path(str(path).replace("\\", "/")).name
        names.append(name.lstrip(".") or "upload")
    return names
