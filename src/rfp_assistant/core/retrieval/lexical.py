"""Lexical retrieval: English tokenization with stemming, and a BM25 index over chunk texts."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not of off on once only or other our ours ourselves out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your yours
    yourself yourselves us also may might must shall""".split()
)
# Negations carry meaning for evidence rules, so they are kept even though they are stopwords elsewhere.
_KEEP = frozenset({"no", "not", "nor"})


_local = threading.local()


def _stemmer():
    # One per thread: a Snowball stemmer keeps the word being stemmed in the object, so UI users sharing one
    # got each other's stems ('agreement' -> 'never') or an IndexError, and wrong stems were cached and indexed.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import snowballstemmer

        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def tokenize(text: str) -> list[str]:
    """Lowercase, split into words, drop stopwords, stem; hyphenated terms also yield their parts."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(text.lower()):
        word = match.group(0)
        parts = [word] + (word.split("-") if "-" in word else [])
        for part in parts:
            part = part.strip("'")
            if not part or (part in STOPWORDS and part not in _KEEP):
                continue
            tokens.append(_stem(part))
    return tokens


class LexicalIndex:
    """BM25 over a fixed list of (chunk id, text); rebuilt when the set of documents changes."""

    def __init__(self, ids: list[str], doc_ids: list[str], texts: list[str] | None = None, *, _retriever=None):
        import bm25s

        self.ids = ids
        self.doc_ids = doc_ids
        if _retriever is not None:
            self._bm25 = _retriever
        else:
            self._bm25 = bm25s.BM25()
            corpus = [tokenize(t) or ["\u2205"] for t in (texts or [])]
            if corpus:
                self._bm25.index(corpus, show_progress=False)

    def __len__(self) -> int:
        return len(self.ids)

    def search(
        self, query: str, k: int, allowed_docs: set[str] | None = None, *, expansion: str = "", expansion_weight: float = 0.4
    ) -> list[tuple[str, float]]:
        """Top-k (chunk id, BM25 score) pairs with a positive score, limited to chunks of `allowed_docs` if given.

        `expansion` (synonyms of the query's terms) adds its BM25 score at a lower weight.
        """
        if not self.ids:
            return []
        tokens = [t for t in tokenize(query) if t in self._vocab]
        extra = [t for t in tokenize(expansion) if t in self._vocab and t not in tokens]
        if not tokens and not extra:
            return []
        scores = self._bm25.get_scores(tokens) if tokens else np.zeros(len(self.ids), dtype=np.float32)
        if extra:
            scores = scores + expansion_weight * self._bm25.get_scores(extra)
        if allowed_docs is not None:
            scores = scores * np.fromiter((d in allowed_docs for d in self.doc_ids), dtype=np.float32, count=len(self.ids))
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[int(i)], float(scores[i])) for i in top if scores[i] > 0]

    @property
    def _vocab(self) -> dict:
        return self._bm25.vocab_dict or {}

    def save(self, folder: Path) -> None:
        """Write the index atomically to `folder` (a temp folder renamed into place)."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(folder.parent)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
        try:
            if self.ids:
                self._bm25.save(str(tmp / "bm25"))
            (tmp / "ids.json").write_text(json.dumps({"ids": self.ids, "doc_ids": self.doc_ids}))
            if folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
            os.replace(tmp, folder)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        """Read an index written by `save`, or None when absent or unreadable."""
        import bm25s

        try:
            stored = json.loads((folder / "ids.json").read_text())
            ids, doc_ids = stored["ids"], stored["doc_ids"]
            retriever = bm25s.BM25.load(str(folder / "bm25")) if ids else None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not ids:
            return cls([], [])
        return cls(ids, doc_ids, _retriever=retriever)


ABANDONED_AFTER_S = 3600


def _remove_abandoned(parent: Path) -> None:
    """Delete temp folders left by a save that was killed; a recent one may belong to a save still running."""
    import time

    for leftover in parent.glob(".tmp-*"):
        try:
            if time.time() - leftover.stat().st_mtime > ABANDONED_AFTER_S:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass
