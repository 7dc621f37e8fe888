"""Chroma client: embedded PersistentClient under the data folder, or HttpClient for a shared server."""

from __future__ import annotations

import os
import threading

from .config import Settings
from .errors import IndexError_

_clients: dict[str, object] = {}
_lock = threading.Lock()

# Chroma reads these at import time; set before it is first imported so no telemetry is attempted.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("CHROMA_TELEMETRY", "False")


def chroma_client(settings: Settings):
    """One client per location per process, telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    key = f"http://{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.data_dir)
    with _lock:
        if key in _clients:
            return _clients[key]
        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        try:
            if settings.chroma_host:
                client = chromadb.HttpClient(
                    host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
                )
                client.heartbeat()
            else:
                path = settings.data_dir / "chroma"
                path.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        except Exception as exc:  # connection refused, bad host, unreadable folder
            where = key if settings.chroma_host else f"the data folder {settings.data_dir}"
            raise IndexError_(f"Could not open the index at {where}: {exc}") from exc
        _clients[key] = client
        return client


def collection_name(workspace: str) -> str:
    """Name of the Chroma collection holding a workspace's passages and document manifests."""
    return f"rfp-{workspace}-chunks"


def forget_clients() -> None:
    """Drop cached clients (tests that switch data folders within one process)."""
    with _lock:
        _clients.clear()


def list_workspaces(settings: Settings) -> list[str]:
    """Workspaces that have an index, sorted, always including the configured default."""
    names = {settings.workspace}
    for collection in chroma_client(settings).list_collections():
        name = getattr(collection, "name", collection)
        if name.startswith("rfp-") and name.endswith("-chunks"):
            names.add(name[len("rfp-") : -len("-chunks")])
    return sorted(names)
