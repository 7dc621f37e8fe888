"""Evidence checks: a quote counts only if it is really on the cited page (whitespace-normalized)."""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")
_SENTENCE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(\[•-])")
_ABBREVIATION = re.compile(
    r"\b(Dr|Mr|Mrs|Ms|Prof|St|No|Nos|Inc|Ltd|Co|Corp|approx|e\.g|i\.e|vs|etc|Fig|Ref|Sec|Q\d|[A-Z])\.$"
)


def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return _WS.sub(" ", text or "").strip()


# Typographic quotes and dashes vary between PDF producers and model outputs.
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def canonical_text(text: str) -> str:
    """Whitespace-normalized text with typographic quotes and dashes made plain, for comparing quotes."""
    return normalize_whitespace(text).translate(_TYPOGRAPHIC)


def quote_in_text(quote: str, text: str) -> bool:
    """True when `quote` is a verbatim (whitespace-normalized) substring of `text` and not trivially short."""
    q = canonical_text(quote)
    return len(q) >= 3 and q in canonical_text(text)


def split_sentences(text: str) -> list[str]:
    """Sentences, list items and table rows of a passage, each verbatim (whitespace-normalized)."""
    units: list[str] = []
    paragraph: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        is_item = bool(re.match(r"^([-*•▪]|\d{1,2}[.)]|\|)\s*", stripped))
        if not stripped or is_item:
            if paragraph:
                units.extend(_sentences(" ".join(paragraph)))
                paragraph = []
            if stripped:
                units.append(stripped)
        else:
            paragraph.append(stripped)
    if paragraph:
        units.extend(_sentences(" ".join(paragraph)))
    return [normalize_whitespace(u) for u in units if len(normalize_whitespace(u)) > 2]


def _sentences(paragraph: str) -> list[str]:
    merged: list[str] = []
    for piece in _SENTENCE.split(paragraph):
        if merged and _ABBREVIATION.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged
