"""Models of job 1: the parsed project brief and the drafted RFP (contract: DESIGN.md section 6)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from rfp_assistant.schemas.common import Citation, Mode, Model

FieldStatus = Literal["stated", "missing"]

# The ProjectBrief field names the fixtures and the section catalog use, in display order.
BRIEF_FIELDS = (
    "title", "company_name", "product_name", "modality", "phase", "expression_system", "services", "scale_l",
    "batches", "dosage_form", "special_capabilities", "markets", "regulatory_frameworks", "timeline", "budget",
    "location_preference", "governance_style", "evaluation_priorities",
)
# Additions beyond the fixture names: details a brief often gives that an RFP should carry.
EXTRA_FIELDS = ("batch_size", "submissions", "reporting_cadence", "dedicated_project_manager", "scope_notes")
LIST_FIELDS = frozenset({
    "services", "special_capabilities", "markets", "regulatory_frameworks", "timeline", "evaluation_priorities",
    "submissions", "scope_notes",
})


class BriefField(Model):
    """One field of the brief: its normalized value, whether the brief states it, and the brief's own words."""

    status: FieldStatus = "missing"
    """stated when the brief gives the value; missing otherwise (a missing field is never guessed)."""
    value: Any = None
    """The normalized value (see the field's description); a list for list fields; null when missing."""
    text: list[str] = Field(default_factory=list)
    """The brief's own words for the value, one entry per value (per item for list fields)."""
    note: str = ""
    """Why a field is missing when the brief mentions it without a value (for example 'TBD')."""


def _field() -> BriefField:
    return Field(default_factory=BriefField)


class ProjectBrief(Model):
    """A short project brief read into fields, each stated or missing (job 1, DESIGN.md section 6)."""

    title: BriefField = _field()
    """Title of the RFP, when the brief gives one."""
    company_name: BriefField = _field()
    """The sponsor company issuing the RFP."""
    product_name: BriefField = _field()
    """Product or program code, such as 'ACM-114'."""
    modality: BriefField = _field()
    """A comparison-schema modality: monoclonal_antibody, recombinant_protein, antibody_drug_conjugate, vaccine, mrna, cell_therapy, gene_therapy, peptide, oligonucleotide, small_molecule."""
    phase: BriefField = _field()
    """Development phase: Preclinical, Phase 1, Phase 2, Phase 3 or Commercial."""
    expression_system: BriefField = _field()
    """Expression system, host cell or platform, such as 'CHO' or 'HEK293'."""
    services: BriefField = _field()
    """Services requested, as comparison-schema services (cell_line_development, process_development, analytical_development, tech_transfer, clinical_manufacturing, commercial_manufacturing, fill_finish, lyophilization, qc_release, stability, regulatory_support)."""
    scale_l: BriefField = _field()
    """Production scale in liters (2000 for '2kL')."""
    batches: BriefField = _field()
    """Number of GMP batches, patient lots or campaigns (an integer)."""
    batch_size: BriefField = _field()
    """Batch size when given as a mass or amount rather than a volume, such as '10 kg'."""
    dosage_form: BriefField = _field()
    """Drug product presentation, such as 'lyophilized vial'."""
    special_capabilities: BriefField = _field()
    """Capabilities the program needs, as snake_case tags: high_containment, aseptic_processing, lyophilization, perfusion, stainless_steel, single_use, biosafety_containment, cryogenic_storage."""
    markets: BriefField = _field()
    """Target markets as two-letter codes: US, EU, UK, JP, CN, AU, CA, CH, KR."""
    regulatory_frameworks: BriefField = _field()
    """Agencies or frameworks named in the brief: FDA, EMA, MHRA, PMDA, NMPA, TGA, Health Canada, ICH, cGMP."""
    submissions: BriefField = _field()
    """Regulatory submissions named in the brief: IND, CTA, CTN, BLA, NDA, MAA, IMPD."""
    timeline: BriefField = _field()
    """Milestones, each {milestone, date} with dates like 'Q1 2028', 'H2 2027', 'June 2027'."""
    budget: BriefField = _field()
    """Budget as {amount, currency} with an ISO 4217 currency."""
    location_preference: BriefField = _field()
    """Preferred or required location of the manufacturing site, such as 'EU', 'US' or 'North America'."""
    governance_style: BriefField = _field()
    """Governance style wanted: 'milestone-driven', 'structured', 'adaptive' or 'collaborative'."""
    reporting_cadence: BriefField = _field()
    """Reporting or meeting cadence the sponsor expects: weekly, biweekly or monthly."""
    dedicated_project_manager: BriefField = _field()
    """True when the brief asks for a dedicated project manager at the CDMO."""
    evaluation_priorities: BriefField = _field()
    """Scorecard criterion ids in the brief's order of priority (cost, timeline, technical_fit, quality_regulatory, experience, project_management, supply_robustness)."""
    scope_notes: BriefField = _field()
    """Scope boundaries in the brief's words: materials the sponsor supplies, work that stays elsewhere, runs beyond the GMP batches."""
    clauses: list[str] = Field(default_factory=list)
    """The brief cut into clauses, each in the sponsor's own words; the draft places every one in a section."""
    drug_substance_only: bool = False
    """True when the brief limits the scope to drug substance or API (no drug product is requested)."""
    source_format: Literal["text", "yaml", "json"] = "text"
    """How the brief was written."""

    def field(self, name: str) -> BriefField:
        """The BriefField called `name`."""
        return getattr(self, name)

    def stated(self, name: str) -> bool:
        """True when the brief states field `name`."""
        return self.field(name).status == "stated"

    def value(self, name: str, default: Any = None) -> Any:
        """The normalized value of a stated field, else `default`."""
        f = self.field(name)
        return f.value if f.status == "stated" else default

    def items(self, name: str) -> list[tuple[Any, str]]:
        """(value, brief words) pairs of a stated list field."""
        f = self.field(name)
        if f.status != "stated":
            return []
        texts = f.text + [""] * (len(f.value) - len(f.text))
        return list(zip(f.value, texts))


class RfpSection(Model):
    """One section of the drafted RFP."""

    id: str
    """Section id from the catalog (DESIGN.md section 6)."""
    title: str
    """Heading shown in the document."""
    markdown: str
    """The section body in Markdown; [n] markers point into `citations`; open points read '[To be confirmed: ...]'."""
    citations: list[Citation] = Field(default_factory=list)
    """Passages of the guide or the company's documents the section rests on, in marker order."""
    brief_clauses: list[str] = Field(default_factory=list, exclude=True)
    """The clauses of the brief placed in this section, in the sponsor's words (each clause is in one section);
    shown in `markdown`, kept here for checks and not part of the JSON contract."""


class Gap(Model):
    """An input the RFP needs that the brief does not give, with the question that settles it."""

    field: str
    """The ProjectBrief field (or RFP logistics item) that is open."""
    question: str
    """The question the team must answer before the RFP is issued."""


class RfpDraft(Model):
    """A complete, editable RFP drafted from a brief (contract: DESIGN.md section 6)."""

    title: str
    """Title of the RFP."""
    brief: ProjectBrief
    """The brief as parsed, each field stated or missing."""
    sections: list[RfpSection]
    """The 13 sections in contract order."""
    gaps: list[Gap] = Field(default_factory=list)
    """Inputs the brief does not give, each with the question that settles it."""
    mode: Mode = "offline"
    """Which engine wrote the draft."""
    warnings: list[str] = Field(default_factory=list)
    """Things the team should know about how the draft was produced (for example a citation dropped)."""

    def contract_dict(self) -> dict:
        """The JSON object promised by `rfp-assistant draft --json`."""
        return {
            "title": self.title,
            "brief": self.brief.model_dump(mode="json"),
            "sections": [s.model_dump(mode="json") for s in self.sections],
            "gaps": [g.model_dump() for g in self.gaps],
            "mode": self.mode,
            "warnings": self.warnings,
        }

    def section(self, section_id: str) -> RfpSection:
        """The section with id `section_id`."""
        return next(s for s in self.sections if s.id == section_id)
