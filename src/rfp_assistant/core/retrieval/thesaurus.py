"""Domain query expansion from knowledge/synonyms.yaml: everyday words find the trade's terms."""

from __future__ import annotations

from functools import lru_cache

import yaml

from rfp_assistant.core.retrieval.lexical import tokenize
from rfp_assistant.resources import KNOWLEDGE_DIR


@lru_cache(maxsize=1)
def _groups() -> list[list[tuple[str, tuple[str, ...]]]]:
    data = yaml.safe_load((KNOWLEDGE_DIR / "synonyms.yaml").read_text())
    groups = []
    for group in data["groups"]:
        entries = [(phrase, tuple(tokenize(phrase))) for phrase in group]
        groups.append([(phrase, stems) for phrase, stems in entries if stems])
    return groups


def _contains(sequence: list[str], stems: tuple[str, ...]) -> bool:
    n = len(stems)
    return any(tuple(sequence[i : i + n]) == stems for i in range(len(sequence) - n + 1))


def expand_query(query: str) -> str:
    """Phrases synonymous with those in `query` (not already in it), as one string; empty when none apply."""
    stems = tokenize(query)
    present = set(stems)
    extra: list[str] = []
    for group in _groups():
        if any(_contains(stems, phrase_stems) for _, phrase_stems in group):
            extra.extend(phrase for phrase, phrase_stems in group if not set(phrase_stems) <= present)
    return " ".join(dict.fromkeys(extra))


def synonym_groups(query: str) -> list[tuple[set[str], list[tuple[str, ...]]]]:
    """For each thesaurus group `query` mentions: the stems of the phrases it mentions, and every phrase's stems."""
    stems = tokenize(query)
    found = []
    for group in _groups():
        mentioned = {t for _, p in group if _contains(stems, p) for t in p}
        if mentioned:
            found.append((mentioned, [p for _, p in group]))
    return found
