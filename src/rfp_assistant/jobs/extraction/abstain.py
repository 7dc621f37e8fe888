"""A price or a model whose own clause hedges ('fixed price, to be confirmed', 'EUR 450,000 - pending') is no answer."""

from __future__ import annotations

import re

import rfp_assistant.core.values as p
from rfp_assistant.jobs.extraction.hedges import HEDGE
from rfp_assistant.jobs.extraction.terms import enum_terms
from rfp_assistant.schemas.proposal import FieldResult, FieldSpec

# Clauses of a quote: sentences, semicolons, ", but" and a dash between words.
_CLAUSE_BREAK = re.compile(r"(?<=[.;!?])\s+|;\s*|,\s+but\s+|\s+[-–—]\s+")


def hedged(spec: FieldSpec, result: FieldResult) -> bool:
    """Whether every quote of a stated money or enum value gives it only in a clause that hedges it."""
    if result.status != "stated" or spec.type not in ("money", "enum") or not result.evidence:
        return False
    for evidence in result.evidence:
        naming = [c for c in _CLAUSE_BREAK.split(evidence.quote) if c and _names(spec, result.value, c)]
        if not naming or not all(HEDGE.search(c) for c in naming):
            return False
    return True


def _names(spec: FieldSpec, value, clause: str) -> bool:
    if spec.type == "money":
        return any(m.value.currency == value.currency and abs(m.value.amount - value.amount) < 0.5
                   for m in p.find_money(clause))
    return any(pattern.search(clause) for pattern in enum_terms(spec.key).get(value, []))
