"""LLM brief parsing: structured output, kept only where the quoted brief words are really in the brief."""

from __future__ import annotations

import re
from typing import Literal

from rfp_assistant.core.text.sentences import normalize_whitespace, quote_in_text
from rfp_assistant.core.values import find_dates
from rfp_assistant.schemas.common import Model
from rfp_assistant.jobs.drafting import brief_terms as T
from rfp_assistant.jobs.drafting.brief_values import format_date
from rfp_assistant.jobs.drafting.catalog import scorecard
from rfp_assistant.schemas.brief import BriefField, ProjectBrief

ModalityName = Literal["monoclonal_antibody", "recombinant_protein", "antibody_drug_conjugate", "vaccine", "mrna",
                       "cell_therapy", "gene_therapy", "peptide", "oligonucleotide", "small_molecule"]
ServiceName = Literal["cell_line_development", "process_development", "analytical_development", "tech_transfer",
                      "clinical_manufacturing", "commercial_manufacturing", "fill_finish", "lyophilization",
                      "qc_release", "stability", "regulatory_support"]
PhaseName = Literal["Preclinical", "Phase 1", "Phase 2", "Phase 3", "Commercial"]


class _Text(Model):
    """A value the brief states, with the brief's exact words."""

    value: str | None
    """The value, or null when the brief does not state it."""
    quote: str
    """Words copied exactly from the brief that state the value ('' when null)."""


class _Number(Model):
    """A number the brief states."""

    value: float | None
    """The number, or null when the brief does not state it."""
    quote: str
    """Words copied exactly from the brief ('' when null)."""


class _Item(Model):
    """One item of a list the brief states."""

    value: str
    """The normalized item."""
    quote: str
    """Words copied exactly from the brief."""


class _Service(Model):
    """One requested service."""

    value: ServiceName
    quote: str
    """Words copied exactly from the brief."""


class _Milestone(Model):
    """One target milestone."""

    milestone: str
    """What happens, e.g. 'First-in-human'."""
    date: str
    """As precise as the brief: 'Q1 2028', 'H2 2027', 'June 2027'."""
    quote: str
    """Words copied exactly from the brief."""


class _Money(Model):
    """The budget."""

    amount: float | None
    """Plain number (6000000 for '~$6M'); null when the brief gives no figure (TBD counts as none)."""
    currency: str | None
    """ISO 4217 code."""
    quote: str
    """Words copied exactly from the brief ('' when null)."""


class LLMBrief(Model):
    """A project brief read into fields. Every stated value quotes the brief; anything not stated is null or empty."""

    title: _Text
    company_name: _Text
    product_name: _Text
    modality: ModalityName | None
    """The modality; a bispecific is a monoclonal_antibody."""
    modality_quote: str
    """Words copied exactly from the brief that name the modality ('' when null)."""
    phase: PhaseName | None
    """The development phase the work supports."""
    phase_quote: str
    """Words copied exactly from the brief that state the phase ('' when null)."""
    expression_system: _Text
    services: list[_Service]
    scale_l: _Number
    """Production scale in liters ('2kL' is 2000); not a pilot or current scale."""
    batches: _Number
    """Number of GMP batches, patient lots or campaigns (not engineering runs)."""
    dosage_form: _Text
    special_capabilities: list[_Item]
    """Snake_case tags: high_containment, aseptic_processing, lyophilization, perfusion, stainless_steel, single_use."""
    markets: list[_Item]
    """Two-letter codes of markets for filing or supply (US, EU, UK, JP, CN, AU); not the site location."""
    timeline: list[_Milestone]
    budget: _Money
    location_preference: _Text
    """Where the manufacturing site should be, e.g. 'EU', 'US', 'North America'."""
    governance_style: _Text
    """'milestone-driven', 'structured', 'adaptive' or 'collaborative'."""
    evaluation_priorities: list[_Item]
    """Scorecard criterion ids in the brief's order: cost, timeline, technical_fit, quality_regulatory, experience, project_management, supply_robustness."""


def parse_with_model(chat, text: str, offline: ProjectBrief) -> ProjectBrief:
    """Ask the model to read the brief; keep each field whose quote is in the brief, else the offline reading."""
    reply = chat.structured("parse_brief.v1", LLMBrief, brief=text,
                            criteria=[c.id for c in scorecard()])
    merged = offline.model_copy(deep=True)
    ok = lambda quote: bool(quote) and quote_in_text(quote, text)  # noqa: E731
    for name in ("title", "company_name", "product_name", "expression_system", "dosage_form",
                 "location_preference", "governance_style"):
        got: _Text = getattr(reply, name)
        if got.value and ok(got.quote):
            setattr(merged, name, _stated(got.value.strip(), got.quote))
    if reply.modality and ok(reply.modality_quote):
        merged.modality = _stated(reply.modality, reply.modality_quote)
    if reply.phase and ok(reply.phase_quote):
        merged.phase = _stated(reply.phase, reply.phase_quote)
    for name, cast in (("scale_l", float), ("batches", int)):
        got: _Number = getattr(reply, name)
        if got.value and got.value > 0 and ok(got.quote):
            setattr(merged, name, _stated(cast(got.value), got.quote))
    if reply.budget.amount and reply.budget.currency and re.fullmatch(r"[A-Z]{3}", reply.budget.currency) \
            and ok(reply.budget.quote):
        merged.budget = _stated({"amount": float(reply.budget.amount), "currency": reply.budget.currency},
                                reply.budget.quote)
    _merge_list(merged, "services", [(s.value, s.quote) for s in reply.services if ok(s.quote)])
    _merge_list(merged, "special_capabilities", [(i.value, i.quote) for i in reply.special_capabilities
                                                 if ok(i.quote) and re.fullmatch(r"[a-z0-9_]+", i.value)])
    _merge_list(merged, "markets", [(i.value.upper(), i.quote) for i in reply.markets
                                    if ok(i.quote) and i.value.upper() in T.MARKET_NAMES])
    ids = {c.id for c in scorecard()}
    _merge_list(merged, "evaluation_priorities", [(i.value, i.quote) for i in reply.evaluation_priorities
                                                  if ok(i.quote) and i.value in ids])
    _merge_list(merged, "timeline", [(m, q) for m, q in (_milestone(x) for x in reply.timeline) if m and ok(q)])
    return merged


def _stated(value, quote: str) -> BriefField:
    return BriefField(status="stated", value=value, text=[normalize_whitespace(quote)])


def _merge_list(brief: ProjectBrief, name: str, pairs: list[tuple[object, str]]) -> None:
    """The model's verified items, then any the offline reading found that the model missed."""
    if not pairs:
        return
    values = list(dict.fromkeys(v for v, _ in pairs))
    texts = [next(q for v2, q in pairs if v2 == v) for v in values]
    for value, words in brief.items(name):
        if value not in values:
            values.append(value)
            texts.append(words)
    setattr(brief, name, BriefField(status="stated", value=values, text=[normalize_whitespace(t) for t in texts]))


def _milestone(item: _Milestone) -> tuple[dict | None, str]:
    found = find_dates(item.date)
    if not found:
        return None, item.quote
    return {"milestone": item.milestone.strip() or "Target date", "date": format_date(found[0].value, found[0].flags)}, item.quote
