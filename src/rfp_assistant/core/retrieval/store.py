"""Chroma client: embedded PersistentClient under the data folder, or HttpClient for a shared server."""

from __future__ import annotations

import os
import threading
import uuid
from pathlib import Path

from rfp_assistant.config import Settings
from rfp_assistant.core.embeddings.e5 import E5Embedder
from rfp_assistant.core.retrieval.scrub import scrub_deleted_text
from rfp_assistant.core.storage.files import replace_atomically
from rfp_assistant.errors import IndexError_

_generations: dict[str, int] = {}
_clients: dict[str, object] = {}
_seen: dict[str, dict[str, str | None]] = {}  # per embedded client: the change stamp of each workspace it has read
_lock = threading.Lock()
_STALE = "stale"

# Chroma reads these at import time; set before it is first imported so no telemetry is attempted.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("CHROMA_TELEMETRY", "False")


def chroma_client(settings: Settings):
    """One client per location per process, telemetry off."""
    key = _key(settings)
    with _lock:
        if key not in _clients:
            _clients[key] = _open(settings)
            _seen[key] = {}
        return _clients[key]


def workspace_client(settings: Settings, workspace: str, *, reopen: bool = False):
    """The client to use for `workspace` now: a fresh one when another process has changed it since (or on `reopen`).

    Embedded Chroma keeps vectors in memory and never sees other processes' writes: a stale process fails to find
    their passages ("Error finding id"), and if it then writes, it persists vectors lacking them, for everyone.
    """
    client = chroma_client(settings)
    if settings.chroma_host:
        return client
    key = _key(settings)
    stamp = _read_stamp(settings, workspace)  # read before the new client loads anything, so no change goes unseen
    with _lock:
        seen = _seen[key]
        if reopen or seen.get(workspace, stamp) != stamp:
            _generations[key] = _generations.get(key, 0) + 1
            _clients[key] = _open(settings, _generations[key])
            seen = _seen[key] = {}
        seen.setdefault(workspace, stamp)
        return _clients[key]


def note_change(settings: Settings, workspace: str, client) -> None:
    """After writing `workspace` through `client` (holding its workspace lock): tell other processes to reopen."""
    if settings.chroma_host:
        return
    stamp = uuid.uuid4().hex
    path = _stamp_path(settings, workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, lambda tmp: tmp.write_text(stamp))
    key = _key(settings)
    with _lock:
        if _clients.get(key) is client:
            _seen[key][workspace] = stamp
        elif key in _seen:
            # The write went through a client replaced meanwhile; the current one may hold older vectors.
            _seen[key][workspace] = _STALE


def _key(settings: Settings) -> str:
    return f"http://{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.data_dir)


def _stamp_path(settings: Settings, workspace: str) -> Path:
    return settings.workspace_dir(workspace) / ".index-changed"


def _read_stamp(settings: Settings, workspace: str) -> str | None:
    try:
        return _stamp_path(settings, workspace).read_text()
    except OSError:
        return None


def _open(settings: Settings, generation: int = 0):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_host:
            client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            client.heartbeat()
        else:
            path = settings.data_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            # chromadb shares one in-memory system per path string; a new spelling of the same folder
            # ("chroma/./", "chroma/././") opens a fresh system that reads the other processes' writes,
            # while callers still holding the previous client keep a working one.
            client = chromadb.PersistentClient(path=str(path) + "/." * generation, settings=chroma_settings)
    except Exception as exc:  # connection refused, bad host, unreadable folder
        where = _key(settings) if settings.chroma_host else f"the data folder {settings.data_dir}"
        raise IndexError_(f"Could not open the index at {where}: {exc}") from exc
    return client


def collection_name(workspace: str) -> str:
    """Name of the Chroma collection holding a workspace's passages and document manifests."""
    return f"rfp-{workspace}-chunks"


def forget_clients() -> None:
    """Drop cached clients (tests that switch data folders within one process)."""
    with _lock:
        _clients.clear()
        _seen.clear()


def list_workspaces(settings: Settings) -> list[str]:
    """Workspaces that have an index, sorted, always including the configured default."""
    names = {settings.workspace}
    for collection in chroma_client(settings).list_collections():
        name = getattr(collection, "name", collection)
        if name.startswith("rfp-") and name.endswith("-chunks"):
            names.add(name[len("rfp-") : -len("-chunks")])
    return sorted(names)


def delete_workspace(settings: Settings, workspace: str) -> bool:
    """Remove a workspace entirely: its passages and vectors in Chroma and its folder (keyword index, cached
    extractions). Returns False when there was no such workspace."""
    import shutil

    from rfp_assistant.core.storage.locking import workspace_lock

    folder = settings.workspace_dir(workspace)
    client = chroma_client(settings)
    ctx = collection_name(workspace) + "-ctx"
    own = {collection_name(workspace), ctx, ctx + E5Embedder.collection_suffix}  # passages, contextual vectors
    found = [name for name in (getattr(c, "name", c) for c in client.list_collections()) if name in own]
    if not found and not folder.exists():
        return False
    with workspace_lock(folder):
        for name in found:
            client.delete_collection(name)
    # Other processes notice the change stamp has gone with the folder and reopen.
    shutil.rmtree(folder, ignore_errors=True)
    if found:
        scrub_deleted_text(settings)  # the index file would otherwise keep the passages in its log and free pages
    return True
