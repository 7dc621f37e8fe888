"""Text embedders behind one small protocol; the default works offline from the bundled MiniLM files."""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from filelock import FileLock, Timeout

from rfp_assistant.core.embeddings import e5, minilm
from rfp_assistant.config import Settings
from rfp_assistant.core.storage.files import replace_atomically
from rfp_assistant.errors import ConfigurationError


log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]

STATIC_NAME = "static-minilm-l6-v1"  # bump when the distillation changes: indexes store it to detect stale vectors
STATIC_DIMS = 256
STATIC_MAX_TOKENS = 2048  # a whole 1,000-word chunk (~1,300 tokens) counts; pathological blobs stay bounded
CHARS_PER_TOKEN_CAP = 16  # cut the string before tokenising so a huge text costs no more than its kept head
OPENAI_DIMS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536}
CHOICES = "local, static, minilm, openai, openai:<model>, st:/path/to/model, e5"

_lock = threading.Lock()
_tables: dict[Path, np.ndarray] = {}
_st_models: dict[str, object] = {}


@runtime_checkable
class Embedder(Protocol):
    """What the index needs from an embedding backend."""

    name: str
    dim: int

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


def _normalise(v: np.ndarray) -> np.ndarray:
    # Empty or untokenisable text stays the zero vector rather than NaN.
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


def _load_table(path: Path, rows: int) -> np.ndarray | None:
    try:
        table = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if table.shape != (rows, STATIC_DIMS) or table.dtype != np.float32 or not np.isfinite(table).all():
        log.warning("Ignoring damaged embedding table %s; rebuilding it.", path)
        return None
    return table


def _save_table(path: Path, table: np.ndarray) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            np.save(f, table)
            f.flush()
            os.fsync(f.fileno())

    replace_atomically(path, write, mode=0o644)  # a shared RFP_CACHE_DIR should stay readable


def _table_path(cache_dir: Path) -> Path:
    return (Path(cache_dir).expanduser() / f"{STATIC_NAME}.npy").resolve()


def _build_table(progress: Progress | None) -> np.ndarray:
    # A private model instance: once the table exists the 90 MB of weights can be freed.
    model = minilm.MiniLM(minilm.model_dir())
    vocab = minilm.load_tokenizer().get_vocab()
    return minilm.distill_static_table(model, vocab, dims=STATIC_DIMS, progress=progress)


def _load_or_build(path: Path, progress: Progress | None) -> np.ndarray:
    rows = minilm.vocab_size()
    table = _load_table(path, rows) if path.is_file() else None
    if table is not None:
        return table
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path.with_suffix(".lock"))
        lock.acquire(timeout=0)
    except Timeout:
        if progress:
            progress(0.0, "Waiting for another process to finish preparing the local embedding table…")
        lock.acquire()  # the winner is building; reuse its file once it is done
    except OSError as exc:
        log.warning("Cannot write to %s (%s); the embedding table stays in memory only.", path.parent, exc)
        return _build_table(progress)
    with lock:
        lock.release()  # balance the acquire above; the `with` holds it until the table is ready
        table = _load_table(path, rows) if path.is_file() else None
        if table is not None:
            if progress:
                progress(1.0, "Local embedding table ready.")
            return table
        table = _build_table(progress)
        try:
            _save_table(path, table)
        except OSError as exc:
            log.warning("Cannot save the embedding table to %s (%s); it stays in memory only.", path, exc)
    return table


def static_table(cache_dir: Path, progress: Progress | None = None) -> np.ndarray:
    """The static token table, loaded from `cache_dir` or distilled once and saved there."""
    path = _table_path(cache_dir)
    with _lock:
        if path not in _tables:
            _tables[path] = _load_or_build(path, progress)
        return _tables[path]


def clear_cache() -> None:
    """Forget every table and model loaded in this process (tests use it to simulate a fresh start)."""
    with _lock:
        _tables.clear()
        _st_models.clear()
    minilm.clear_cache()


class _TokenizerMixin:
    _max_tokens: int
    _special: bool
    _tok = None

    def _encode(self, texts: Sequence[str]):
        if self._tok is None:
            self._tok = minilm.load_tokenizer(max_tokens=self._max_tokens)
        cut = self._max_tokens * CHARS_PER_TOKEN_CAP
        encode = getattr(self._tok, "encode_batch_fast", self._tok.encode_batch)  # no char offsets: faster
        return encode([t[:cut] for t in texts], add_special_tokens=self._special)


class StaticMiniLMEmbedder(_TokenizerMixin):
    """Default offline embedder: mean of distilled MiniLM token vectors (model2vec-style), 256 dimensions."""

    name = STATIC_NAME
    dim = STATIC_DIMS
    _max_tokens = STATIC_MAX_TOKENS
    _special = False

    def __init__(self, cache_dir: Path, progress: Progress | None = None):
        self.cache_dir = Path(cache_dir)
        self.progress = progress
        self._table: np.ndarray | None = None

    @property
    def is_ready(self) -> bool:
        """True when embedding will not first spend time building the table."""
        path = _table_path(self.cache_dir)
        return self._table is not None or path in _tables or path.is_file()

    def prepare(self) -> None:
        """Load the table now (building it once if needed) instead of on the first embed call."""
        if self._table is None:
            self._table = static_table(self.cache_dir, self.progress)

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        self.prepare()
        out = np.zeros((len(texts), STATIC_DIMS), dtype=np.float32)
        for s in range(0, len(texts), 512):  # the Rust tokenizer parallelises over a batch
            ids = [e.ids for e in self._encode(texts[s : s + 512])]
            # Sum rows a few texts at a time so the gathered block stays in CPU cache (~4x faster than one gather).
            for g in range(0, len(ids), 16):
                group = [i for i in range(g, min(g + 16, len(ids))) if ids[i]]
                if group:
                    lens = [len(ids[i]) for i in group]
                    starts = np.concatenate([[0], np.cumsum(lens[:-1])]).astype(np.intp)
                    rows = self._table[np.concatenate([ids[i] for i in group])]
                    out[s + np.array(group)] = np.add.reduceat(rows, starts, axis=0)
        return _normalise(out)

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed passages for the index."""
        return self.embed_array(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query."""
        return self.embed_array([text])[0].tolist()


class MiniLMEmbedder(_TokenizerMixin):
    """The full contextual all-MiniLM-L6-v2 run in NumPy: better than the static table, far slower."""

    name = "minilm-l6-v2"
    dim = 384
    _max_tokens = minilm.MAX_SEQ_TOKENS
    _special = True

    MEMO_SIZE = 8192

    def __init__(self, batch_size: int = 16):
        self.batch_size = batch_size
        # The same texts come back again and again (checklist queries, a passage's sentences across questions),
        # and each costs a full transformer pass on the CPU; remembering recent ones keeps answers fast.
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self._memo_lock = threading.Lock()

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with self._memo_lock:
            known = {i: self._memo[t] for i, t in enumerate(texts) if t in self._memo}
            for t in {texts[i] for i in known}:
                self._memo.move_to_end(t)
        for i, vector in known.items():
            out[i] = vector
        todo = [i for i in range(len(texts)) if i not in known]
        if todo:
            out[todo] = self._compute([texts[i] for i in todo])
            with self._memo_lock:
                for i in todo:
                    self._memo[texts[i]] = out[i].copy()
                while len(self._memo) > self.MEMO_SIZE:
                    self._memo.popitem(last=False)
        return out

    def _compute(self, texts: list[str]) -> np.ndarray:
        model = minilm.get_model()
        encs = [e.ids for e in self._encode(texts)]
        out = np.zeros((len(encs), self.dim), dtype=np.float32)
        order = np.argsort([len(e) for e in encs], kind="stable")  # similar lengths together: little padding
        for s in range(0, len(order), self.batch_size):
            idx = order[s : s + self.batch_size]
            out[idx] = model.encode_ids([encs[i] for i in idx])
        return out

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed passages for the index."""
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query."""
        return self.embed_array([text])[0].tolist()


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible endpoint through langchain-openai; the client is built on first use."""

    def __init__(self, settings: Settings, model: str = "text-embedding-3-small"):
        if settings.openai_api_key is None and not settings.openai_base_url:
            raise ConfigurationError(
                f"RFP_EMBEDDINGS={settings.embeddings} needs OPENAI_API_KEY (for OpenAI or Azure) or "
                "OPENAI_BASE_URL (for a local server such as Ollama). "
                "Set one, or use RFP_EMBEDDINGS=local to work offline."
            )
        self.settings = settings
        self.model = model
        self.name = f"openai:{model}"
        self._client = None
        self._dim = OPENAI_DIMS.get(model)

    @property
    def dim(self) -> int:
        """Vector size; for models we do not know it costs one embedding call."""
        if self._dim is None:
            self._dim = len(self.embed_query("dimension probe"))
        return self._dim

    def _get_client(self):
        if self._client is None:
            from langchain_openai import OpenAIEmbeddings

            key = self.settings.openai_api_key
            self._client = OpenAIEmbeddings(
                model=self.model,
                # Local servers ignore the key, but the client insists on one.
                api_key=key.get_secret_value() if key is not None else "not-needed",
                base_url=self.settings.openai_base_url,
                timeout=self.settings.llm_timeout_s,
                max_retries=self.settings.llm_max_retries,
                # The length check downloads a tiktoken file and breaks non-OpenAI servers; chunks are short anyway.
                check_embedding_ctx_length=False,
            )
        return self._client

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed passages for the index."""
        return self._get_client().embed_documents(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query."""
        return self._get_client().embed_query(text)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model stored in a local folder (needs the optional library)."""

    def __init__(self, path: str):
        folder = Path(path).expanduser()
        try:
            import sentence_transformers  # noqa: F401
        except ImportError:
            raise ConfigurationError(
                f"RFP_EMBEDDINGS=st:{path} needs the sentence-transformers library. "
                "Install it with: pip install sentence-transformers — or use RFP_EMBEDDINGS=local."
            ) from None
        if not folder.is_dir():
            raise ConfigurationError(f"RFP_EMBEDDINGS=st:{path}: no model folder at {folder}.")
        key = str(folder.resolve())
        with _lock:
            if key not in _st_models:
                from sentence_transformers import SentenceTransformer

                _st_models[key] = SentenceTransformer(key, local_files_only=True)
        self._model = _st_models[key]
        self.name = f"st:{key}"
        self.dim = int(self._model.get_sentence_embedding_dimension())

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed passages for the index."""
        return self._model.encode(list(texts), normalize_embeddings=True).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query."""
        return self.embed_documents([text])[0]


def make_embedder(settings: Settings, progress: Progress | None = None) -> Embedder:
    """The embedder chosen by RFP_EMBEDDINGS; heavy files load on first use and are shared per process."""
    choice = (settings.embeddings or "local").strip()
    kind, _, arg = choice.partition(":")
    kind = kind.lower()
    if kind in ("local", "static") and not arg:
        return StaticMiniLMEmbedder(settings.cache_dir, progress)
    if kind == "e5" and not arg:
        e5.require()  # say so before any work, not when the second tier first runs
        return StaticMiniLMEmbedder(settings.cache_dir, progress)
    if kind == "minilm" and not arg:
        return MiniLMEmbedder()
    if kind == "openai":
        return OpenAIEmbedder(settings, arg.strip() or "text-embedding-3-small")
    if kind == "st" and arg.strip():
        return SentenceTransformerEmbedder(arg.strip())
    raise ConfigurationError(f"RFP_EMBEDDINGS={choice!r} is not recognised. Valid choices: {CHOICES}.")


def make_contextual_embedder(settings: Settings) -> Embedder | None:
    """The second-tier contextual model: full MiniLM for RFP_EMBEDDINGS=local, E5 for e5; None for other choices."""
    choice = (settings.embeddings or "local").strip().lower()
    if choice == "e5":
        return e5.shared_e5_embedder()
    return shared_minilm_embedder() if choice == "local" else None


@lru_cache(maxsize=1)
def shared_minilm_embedder() -> MiniLMEmbedder:
    """One contextual embedder per process, so every workspace shares its memory of recent texts."""
    return MiniLMEmbedder()
