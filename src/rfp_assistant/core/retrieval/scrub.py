"""Wipe deleted passages' text from the embedded Chroma file, where a delete alone leaves it.

Chroma (1.x, embedded) writes every add to a log in its SQLite file (table `embeddings_queue`, passage text
included) and purges the log only up to the last save of the collection's vector index, which happens every 1,000
writes by default: a small workspace's documents stay in the log indefinitely, deleted or not. A delete also only
frees the pages that held the passages' rows, and the full-text index keeps deleted passages' trigrams until its
segments are merged. So after each delete this:

- removes from the log the writes that a later delete undid. The delete entries (ids only) stay, so replaying the
  log over the last saved vector index gives the same index as before;
- purges the entries every segment has applied (what Chroma's own purge and `chroma utils vacuum` remove), and the
  log of collections that no longer exist (deleted workspaces);
- merges the full-text index, dropping deleted passages, and VACUUMs the file, so no free page keeps their text.

It runs in a child process: Chroma's Rust core links its own SQLite, and a second SQLite library opening the same
file in this process would drop that one's POSIX locks when it closes the file (sqlite.org/howtocorrupt.html §2.2),
breaking readers and writers in other threads. From another process, ordinary SQLite locking applies: readers wait
for the VACUUM's brief exclusive lock as they wait for any writer.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the child process imports nothing but sqlite3, to start fast
    from rfp_assistant.config import Settings

DELETE = 3  # Chroma's operation code for a delete in embeddings_queue
BUSY_TIMEOUT_S = 60
TIMEOUT_S = 900


def chroma_file(settings: Settings) -> Path:
    """The embedded Chroma SQLite file of this data folder."""
    return settings.data_dir / "chroma" / "chroma.sqlite3"


def scrub_deleted_text(settings: Settings) -> None:
    """After a delete: leave no trace of deleted passages' text in the embedded index file (no-op on a server)."""
    from rfp_assistant.errors import IndexError_

    path = chroma_file(settings)
    if settings.chroma_host or not path.exists():
        return
    package_parent = str(Path(__file__).resolve().parents[3])  # the child runs this very file's code
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    try:
        done = subprocess.run([sys.executable, "-m", __name__, str(path)], capture_output=True, text=True,
                              timeout=TIMEOUT_S, env=env)
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1] if done.returncode else ""
    except (OSError, subprocess.TimeoutExpired) as exc:
        reason = str(exc)
    if reason:
        raise IndexError_(
            f"Deleted from the workspace, but the deleted text could not be wiped from the index file {path} yet "
            f"({reason}); the next delete wipes it."
        )


def scrub(path: Path) -> dict[str, int]:
    """Do the scrub on the Chroma file at `path` (in this process: only where no Chroma client has it open)."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute("BEGIN IMMEDIATE")  # waits for a writer in progress, then keeps others out until COMMIT
        try:
            counts = {"undone": _drop_undone_writes(connection), "applied": _purge_applied(connection)}
            if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'embedding_fulltext_search'").fetchone():
                connection.execute(
                    "INSERT INTO embedding_fulltext_search(embedding_fulltext_search) VALUES ('optimize')")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("VACUUM")
    finally:
        connection.close()
    return counts


def _drop_undone_writes(connection: sqlite3.Connection) -> int:
    """Delete log entries (adds, updates, upserts: the ones with text) of ids deleted later in the same topic."""
    last_delete: dict[tuple[str, str], int] = {}
    writes: list[tuple[int, str, str]] = []
    for seq_id, topic, item, operation in connection.execute(
            "SELECT seq_id, topic, id, operation FROM embeddings_queue ORDER BY seq_id"):
        if operation == DELETE:
            last_delete[(topic, item)] = seq_id
        else:
            writes.append((seq_id, topic, item))
    undone = [(seq_id,) for seq_id, topic, item in writes if last_delete.get((topic, item), -1) > seq_id]
    connection.executemany("DELETE FROM embeddings_queue WHERE seq_id = ?", undone)
    return len(undone)


def _purge_applied(connection: sqlite3.Connection) -> int:
    """Delete entries every segment of their collection has applied, and entries of collections that are gone."""
    applied = connection.execute(
        "DELETE FROM embeddings_queue WHERE seq_id < COALESCE(("
        "  SELECT MIN(COALESCE(m.seq_id, 0)) FROM segments s LEFT JOIN max_seq_id m ON m.segment_id = s.id"
        "  WHERE embeddings_queue.topic LIKE '%/' || s.collection), 0)").rowcount
    orphans = connection.execute(
        "DELETE FROM embeddings_queue WHERE NOT EXISTS ("
        "  SELECT 1 FROM collections c WHERE embeddings_queue.topic LIKE '%/' || c.id)").rowcount
    return applied + orphans


if __name__ == "__main__":
    scrub(Path(sys.argv[1]))
