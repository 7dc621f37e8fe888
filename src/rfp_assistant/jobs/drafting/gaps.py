"""Which inputs an RFP needs that this brief does not give, each with the question that settles it."""

from __future__ import annotations

import re

from rfp_assistant.jobs.drafting.program_questions import (
    contact_stated,
    drug_substance_supplied,
    program_gaps,
    schedule_stated,
)
from rfp_assistant.schemas.brief import Gap, ProjectBrief

ALWAYS_NEEDED = ("modality", "phase", "services", "batches", "timeline", "budget", "markets", "location_preference")
# Products made by cells or vectors in culture: scale and host cell decide which CDMOs can bid.
CULTURED = {"monoclonal_antibody", "recombinant_protein", "gene_therapy", "vaccine"}

# Questions never suggest example values: an example in a draft reads like a decision.
QUESTIONS = {
    "company_name": "Which company name should appear as the issuing sponsor of this RFP?",
    "modality": "What is the product's modality?",
    "phase": "Which development phase will the CDMO's work support?",
    "expression_system": "Which expression system or host cell line is used, and is a banked cell line available for transfer?",
    "services": "Which services should respondents quote, and which stay with the sponsor or other suppliers?",
    "scale_l": "At what production scale (bioreactor volume, in liters) should respondents quote?",
    "batches": "How many GMP batches (or lots or campaigns) should respondents quote, and are engineering runs needed in addition?",
    "dosage_form": "What is the drug product presentation (dosage form and container), or is drug product outside this RFP?",
    "timeline": "What are the target milestones and their dates: when should the work start (kick-off or technology "
                "transfer), and when are the first GMP batch, first patient dosed and filing due?",
    "budget": "What budget is approved for this scope, in which currency, and will it be shared with respondents?",
    "markets": "In which markets will the product be filed or supplied? This sets the regulatory frameworks the site must meet.",
    "location_preference": "Is there a preferred or required region or country for the manufacturing site, or is the location open?",
    "rfp_schedule": "What are the RFP dates: intent to respond, deadline for written questions, and proposal due date?",
    "rfp_schedule_rest": "The brief says when proposals are due; which other RFP dates apply: intent to respond and "
                         "the last day for written questions?",
    "sponsor_contact": "Who is the single sponsor contact for this RFP (name and e-mail)?",
}


def needed_fields(brief: ProjectBrief) -> list[str]:
    """The ProjectBrief fields this program's RFP cannot be issued without."""
    fields = list(ALWAYS_NEEDED)
    modality = brief.value("modality")
    made_here = not drug_substance_supplied(brief)
    if made_here and (modality is None or modality in CULTURED
                      or modality == "antibody_drug_conjugate" and not antibody_supplied(brief)):
        fields += ["scale_l", "expression_system"]
    if not brief.drug_substance_only:
        fields.append("dosage_form")
    return fields + ["company_name"]


def antibody_supplied(brief: ProjectBrief) -> bool:
    """True when the brief says the antibody of an ADC comes from elsewhere."""
    return any(re.search(r"antibod", note, re.I) for note in brief.scope_notes.text)


def find_gaps(brief: ProjectBrief) -> list[Gap]:
    """Gaps in the brief plus the RFP's own logistics, in a stable order."""
    gaps = []
    for field in needed_fields(brief):
        if brief.stated(field):
            continue
        question = QUESTIONS[field]
        note = brief.field(field).note
        gaps.append(Gap(field=field, question=f"{question} {note}".strip() if note else question))
    gaps += program_gaps(brief)
    if schedule_stated(brief):
        gaps.append(Gap(field="rfp_schedule", question=QUESTIONS["rfp_schedule_rest"]))
    else:
        gaps.append(Gap(field="rfp_schedule", question=QUESTIONS["rfp_schedule"]))
    if not contact_stated(brief):
        gaps.append(Gap(field="sponsor_contact", question=QUESTIONS["sponsor_contact"]))
    return gaps


def is_open(brief: ProjectBrief, field: str) -> bool:
    """True when `field` is needed for this program and the brief leaves it open."""
    return field in needed_fields(brief) and not brief.stated(field)
