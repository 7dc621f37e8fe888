"""State shared by the tabs: settings, open indexes, and helpers to show errors in plain words."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from pathlib import Path

import gradio as gr

from rfp_assistant.config import Settings, validate_workspace_name
from rfp_assistant.errors import RfpAssistantError
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.ingestion import open_workspace
from rfp_assistant.core.llm import make_chat_client
from rfp_assistant.core.retrieval.store import list_workspaces
from rfp_assistant.interfaces.ui.startup import Preparation, take

log = logging.getLogger("rfp_assistant.interfaces.ui")
DOWNLOADS_KEPT_S = 86_400  # Gradio's own copies of uploads and downloads are kept as long (app.py)


class Session:
    """One per running app: opens each workspace once (with the built-in playbook) and reuses it."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._indexes: dict[str, WorkspaceIndex] = {}
        self._lock = threading.Lock()
        self.chat = make_chat_client(settings)
        self.preparation: Preparation | None = None

    def prepare(self, workspace: str, console=None) -> Preparation:
        """Open `workspace` in the background (first start), or adopt the preparation begun before the UI loaded;
        index() waits for it and shows its progress."""
        self.preparation = take(self.settings, workspace) or Preparation(self.settings, workspace, console).start()
        return self.preparation

    def workspaces(self) -> list[str]:
        """Every workspace on disk (an index or a folder of its own), sorted, with the default."""
        folder = self.settings.data_dir / "workspaces"
        on_disk = {p.name for p in folder.iterdir() if p.is_dir()} if folder.is_dir() else set()
        names = set(list_workspaces(self.settings)) | on_disk
        return sorted(n for n in names if self.valid_name(n))

    def page_workspace(self, remembered: str | None, shown: str) -> str:
        """The workspace a freshly loaded page shows: this browser's remembered one while it exists, else `shown`."""
        return remembered if remembered and remembered in self.workspaces() else shown

    def index(self, workspace: str, progress=None) -> WorkspaceIndex:
        """The index of `workspace`, opened on first use (waiting for a first-start preparation of it)."""
        name = validate_workspace_name((workspace or self.settings.workspace).strip())
        preparing = self.preparation
        if preparing is not None and preparing.workspace == name:
            preparing.wait_opened(progress)
            if preparing.index is not None:
                with self._lock:
                    self._indexes.setdefault(name, preparing.index)
        with self._lock:
            if name not in self._indexes:
                self._indexes[name] = open_workspace(self.settings, name, progress=progress)
            return self._indexes[name]

    @staticmethod
    def valid_name(name: str | None) -> bool:
        """Whether `name` can be a workspace (a folder and a collection name)."""
        try:
            validate_workspace_name(name or "")
        except RfpAssistantError:
            return False
        return True


class Refusal(Exception):
    """Input the user can fix (nothing given, say); its message is shown where the result would be."""


def problem(exc: Exception) -> str:
    """A failed action in plain words, for the place its result would have gone (never a red "Error" badge).

    Refusals and known problems are shown as they are and logged as one line; anything else is shown briefly
    and logged with its traceback.
    """
    if isinstance(exc, Refusal):
        return f"⚠ {exc}"
    if isinstance(exc, RfpAssistantError):
        log.warning("%s: %s", type(exc).__name__, exc)  # messages are already plain and free of secrets
        return f"⚠ {exc}"
    log.exception("Unexpected failure in the web UI")
    return f"⚠ Something went wrong: {type(exc).__name__}: {exc}"


def ui_files_dir(settings: Settings) -> Path:
    """Where the web UI keeps uploads and downloads: they hold document text, so inside the data folder."""
    return settings.data_dir / "ui-files"


def download_folder(settings: Settings, prefix: str) -> Path:
    """A new folder for one set of download files, under the UI's folder (not the system temp folder)."""
    root = ui_files_dir(settings) / "exports"
    root.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - DOWNLOADS_KEPT_S
    for old in root.iterdir():  # downloads are made again on demand; old ones only hold text
        try:
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return Path(tempfile.mkdtemp(prefix=prefix, dir=root))


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
