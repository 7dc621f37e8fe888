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


GAP = 2  # a question's phrase may have this many words inside it ("rank which outsourcing threats" ~ "rank risks")


def _contains(sequence: list[str], stems: tuple[str, ...]) -> bool:
    n = len(stems)
    return any(tuple(sequence[i : i + n]) == stems for i in range(len(sequence) - n + 1))


@lru_cache(maxsize=1)
def _word_synonyms() -> dict[str, frozenset[str]]:
    """Each one-word phrase's stem with the other one-word phrases of its groups ('threat' -> 'risk')."""
    same: dict[str, set[str]] = {}
    for group in _groups():
        words = {p[0] for _, p in group if len(p) == 1}
        for word in words:
            same.setdefault(word, set()).update(words)
    return {word: frozenset(others) for word, others in same.items()}


def _matched(sequence: list[str], stems: tuple[str, ...]) -> set[str]:
    """The words of `sequence` that say phrase `stems`: exactly, or (for a longer phrase) in its order with up to GAP
    other words inside it and any word replaced by a one-word synonym; empty when it is not said."""
    if _contains(sequence, stems):
        return set(stems)
    if len(stems) < 2:
        return set()
    synonyms = _word_synonyms()
    fits = [synonyms.get(s, frozenset()) | {s} for s in stems]
    for start, word in enumerate(sequence):
        if word not in fits[0]:
            continue
        used, position = [word], start
        for wanted in fits[1:]:
            position = next((i for i in range(position + 1, min(position + 2 + GAP, len(sequence)))
                             if sequence[i] in wanted), -1)
            if position < 0:
                break
            used.append(sequence[position])
        if len(used) == len(stems):
            return set(used)
    return set()


@lru_cache(maxsize=4096)  # the same queries come back for every workspace (the readiness checklist's, per company)
def expand_query(query: str) -> str:
    """Phrases synonymous with those in `query` (not already in it), as one string; empty when none apply."""
    stems = tokenize(query)
    present = set(stems)
    extra: list[str] = []
    for group in _groups():
        if any(_matched(stems, phrase_stems) for _, phrase_stems in group):
            extra.extend(phrase for phrase, phrase_stems in group if not set(phrase_stems) <= present)
    return " ".join(dict.fromkeys(extra))


def synonym_groups(query: str) -> list[tuple[set[str], list[tuple[str, ...]]]]:
    """For each thesaurus group `query` mentions: the question's words that mention it, and every phrase's stems."""
    stems = tokenize(query)
    found = []
    for group in _groups():
        mentioned = set().union(*(_matched(stems, p) for _, p in group))
        if mentioned:
            found.append((mentioned, [p for _, p in group]))
    return found
