"""One-time preparation of the machine cache, so a first start answers in seconds instead of minutes.

The machine cache (RFP_CACHE_DIR) holds only what is derived from what ships with the product: the local
embedding table distilled from the bundled MiniLM model, and the built-in playbook's contextual passage and
sentence vectors. The playbook is indexed in a throw-away data folder to produce them; a company's documents
are never read here and never reach the machine cache.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rfp_assistant.core.embeddings.embedder import StaticMiniLMEmbedder
from rfp_assistant.jobs.ingestion import open_workspace

Progress = Callable[[float, str], None]
CONTEXTUAL_CHOICES = ("local",)  # the default; e5 may lack its optional library at install, others need a network


@dataclass
class Prepared:
    """What the machine cache holds after `prepare_machine_cache`."""

    cache_dir: Path
    table_was_cached: bool
    playbook_passages: int
    seconds: float


def prepare_machine_cache(settings, progress: Progress | None = None) -> Prepared:
    """Build the embedding table and the playbook's vectors in the machine cache (quick when already there)."""
    started = time.monotonic()
    table = StaticMiniLMEmbedder(settings.cache_dir, progress)
    was_cached = table.is_ready
    table.prepare()
    passages = 0
    if (settings.embeddings or "local").strip().lower() in CONTEXTUAL_CHOICES:
        with tempfile.TemporaryDirectory(prefix="rfp-prepare-") as folder:
            # Embedded store in a throw-away folder: the user's data folder (or shared server) is left untouched.
            scratch = settings.model_copy(update={"data_dir": Path(folder), "chroma_host": None})
            index = open_workspace(scratch, "prepare", progress=progress, upgrade=False)
            passages = index.upgrade(progress)  # the playbook's vectors are shareable: they go to the cache
    return Prepared(Path(settings.cache_dir), was_cached, passages, time.monotonic() - started)
