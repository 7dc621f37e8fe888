"""The vendor response form: one question per comparison-schema key, so answers map onto the comparison table."""

from __future__ import annotations

from dataclasses import dataclass

from rfp_assistant.schemas.proposal import field_specs
from rfp_assistant.jobs.drafting import render as R
from rfp_assistant.schemas.brief import ProjectBrief
from rfp_assistant.jobs.drafting.section_parts import Parts, table


@dataclass(frozen=True)
class FormQuestion:
    """One row of the response form."""

    number: int
    key: str
    label: str
    question: str
    format: str
    unit: str


def form_questions() -> list[FormQuestion]:
    """Every comparison-schema key as a question, in schema order."""
    return [
        FormQuestion(number=i, key=spec.key, label=spec.label, question=spec.question, format=spec.format,
                     unit=spec.unit or "—")
        for i, spec in enumerate(field_specs().values(), start=1)
    ]


def response_form_parts(brief: ProjectBrief) -> Parts:
    """The response form section: instructions, program context and the question table."""
    parts = Parts(intro=["Complete this form with your proposal. Each row is one field of the sponsor's comparison "
                         "table, so answers are compared side by side exactly as given; the field key is shown for "
                         "reference."])
    context = []
    if brief.stated("services"):
        context.append(f"Services requested in this RFP: {R.service_names(brief)}.")
    if brief.stated("modality"):
        context.append(f"Modality of this program: {R.modality(brief)}.")
    if brief.stated("markets"):
        context.append(f"Target markets: {R.markets(brief)}.")
    if context:
        parts.intro.append(" ".join(context))
    rows = [[str(q.number), f"{q.label} (`{q.key}`)", q.question, q.format, q.unit, "", ""] for q in form_questions()]
    parts.blocks.append(table(["#", "Field", "Question", "Answer format", "Unit", "Your answer", "Proposal page"], rows))
    return parts
