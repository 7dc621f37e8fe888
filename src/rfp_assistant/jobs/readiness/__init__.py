"""Readiness: assess internal documents against the checklist, with evidence and recommendations (DESIGN.md §5)."""

from rfp_assistant.jobs.readiness.assess import (
    GAP_QUESTION,
    GapContext,
    ItemAssessment,
    ReadinessReport,
    assess_readiness,
    build_report,
    question_gaps,
)
from rfp_assistant.jobs.readiness.rules import load_checklist, passage_units

__all__ = [
    "GAP_QUESTION", "GapContext", "ItemAssessment", "ReadinessReport", "assess_readiness", "build_report",
    "load_checklist", "passage_units", "question_gaps",
]
