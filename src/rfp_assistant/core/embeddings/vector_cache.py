"""Machine-wide cache of contextual vectors for the built-in playbook, so a new workspace is ready at once.

Only public text (the playbook shipped with the product) is cached here; vectors of a company's own
documents stay inside that workspace's index, so deleting a document leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np


class VectorCache:
    """Vectors keyed by model and text hash in one SQLite file; safe for several processes at once."""

    def __init__(self, cache_dir: Path, model: str):
        self.path = Path(cache_dir).expanduser() / "contextual-vectors.sqlite3"
        self.model = model

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vector BLOB, "
                           "PRIMARY KEY (model, key))")
        return connection

    @staticmethod
    def key(text: str) -> str:
        """The cache key of a text."""
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, texts: list[str]) -> dict[str, list[float]]:
        """Cached vectors of `texts`, by text; missing texts are absent. An unreadable cache is simply empty."""
        keys = {self.key(t): t for t in texts}
        try:
            with self._connect() as connection:
                rows = connection.execute(
                    f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({','.join('?' * len(keys))})",
                    [self.model, *keys]).fetchall()
        except sqlite3.Error:
            return {}
        return {keys[k]: np.frombuffer(blob, dtype=np.float32).tolist() for k, blob in rows}

    def put(self, texts: list[str], vectors: list[list[float]]) -> None:
        """Store vectors; a cache that cannot be written is skipped (it only saves time)."""
        rows = [(self.model, self.key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        try:
            with self._connect() as connection:
                connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass
