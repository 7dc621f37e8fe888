"""The RFP section catalog (knowledge/rfp_sections.yaml) and the evaluation scorecard (knowledge/scorecard.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from rfp_assistant.errors import ConfigurationError
from rfp_assistant.resources import KNOWLEDGE_DIR

SECTION_IDS = (
    "overview", "scope_of_work", "technical_requirements", "quality_regulatory", "timeline", "deliverables",
    "logistics", "commercial_terms", "risk_management", "evaluation_criteria", "submission_instructions",
    "confidentiality", "response_form",
)


@dataclass(frozen=True)
class OpenQuestion:
    """An input a program of some kind needs in a section: asked when the brief does not give it."""

    id: str
    section: str
    ask: str
    when: tuple[str, ...]
    stated: str


@dataclass(frozen=True)
class SectionSpec:
    """One catalog entry: what the section is for, what it must ask, how to ground it."""

    id: str
    title: str
    purpose: str
    brief_fields: tuple[str, ...]
    must_ask: tuple[str, ...]
    queries: tuple[str, ...]
    guidance: tuple[str, ...]
    schema_keys: tuple[str, ...]
    holds: tuple[str, ...] = ()
    clause_fields: tuple[str, ...] = ()
    open_questions: tuple[OpenQuestion, ...] = ()


@dataclass(frozen=True)
class Criterion:
    """One scorecard criterion with its default weight and the rule printed in the RFP."""

    id: str
    title: str
    weight: int
    aliases: tuple[str, ...]
    rule: str


@lru_cache(maxsize=1)
def section_catalog() -> tuple[SectionSpec, ...]:
    """The 13 sections in contract order."""
    data = _load("rfp_sections.yaml")
    specs = tuple(
        SectionSpec(
            id=s["id"], title=s["title"], purpose=" ".join(s["purpose"].split()),
            brief_fields=tuple(s.get("brief_fields") or ()), must_ask=tuple(s.get("must_ask") or ()),
            queries=tuple(s.get("queries") or ()), guidance=tuple(s.get("guidance") or ()),
            schema_keys=tuple(s.get("schema_keys") or ()), holds=tuple(s.get("holds") or ()),
            clause_fields=tuple(s.get("clause_fields") or ()),
            open_questions=tuple(OpenQuestion(id=q["id"], section=s["id"], ask=" ".join(q["ask"].split()),
                                              when=tuple(q.get("when") or ()), stated=q.get("stated") or "")
                                 for q in s.get("open_questions") or ()),
        )
        for s in data["sections"]
    )
    if tuple(s.id for s in specs) != SECTION_IDS:
        raise ConfigurationError("knowledge/rfp_sections.yaml must list the 13 RFP sections in contract order.")
    return specs


@lru_cache(maxsize=1)
def scorecard() -> tuple[Criterion, ...]:
    """The default scorecard criteria in display order."""
    data = _load("scorecard.yaml")
    return tuple(
        Criterion(id=c["id"], title=c["title"], weight=int(c["weight"]), aliases=tuple(c.get("aliases") or ()),
                  rule=" ".join(str(c.get("rule", "")).split()))
        for c in data["criteria"]
    )


def adjusted_weights(priorities: list[str]) -> dict[str, int]:
    """Default weights raised for the brief's stated priorities (first the most), re-normalized to sum 100."""
    boost = [1.5, 1.3, 1.2]
    raw = {c.id: float(c.weight) for c in scorecard()}
    for rank, cid in enumerate(p for p in priorities if p in raw):
        raw[cid] *= boost[rank] if rank < len(boost) else 1.1
    total = sum(raw.values())
    exact = {cid: 100 * w / total for cid, w in raw.items()}
    weights = {cid: int(v) for cid, v in exact.items()}
    # Largest remainder keeps the integers summing to exactly 100.
    for cid in sorted(exact, key=lambda c: -(exact[c] - weights[c]))[: 100 - sum(weights.values())]:
        weights[cid] += 1
    return weights


def _load(name: str) -> dict:
    path = KNOWLEDGE_DIR / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"{path} could not be read: {exc}") from exc
