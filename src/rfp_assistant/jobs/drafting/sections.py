"""Offline section writers: pick each section's writer and add the catalog's guidance and questions."""

from __future__ import annotations

from rfp_assistant.jobs.drafting.catalog import SectionSpec
from rfp_assistant.jobs.drafting.response_form import response_form_parts
from rfp_assistant.jobs.drafting.section_parts import Parts, assemble
from rfp_assistant.jobs.drafting.sections_program import PROGRAM_WRITERS
from rfp_assistant.jobs.drafting.sections_terms import TERMS_WRITERS
from rfp_assistant.schemas.brief import ProjectBrief

__all__ = ["assemble", "write_parts"]


def write_parts(spec: SectionSpec, brief: ProjectBrief) -> Parts:
    """The section's program-specific parts followed by the catalog's guidance and questions."""
    writer = {**PROGRAM_WRITERS, **TERMS_WRITERS, "response_form": response_form_parts}[spec.id]
    parts = writer(brief)
    parts.requirements += list(spec.guidance)
    parts.asks += list(spec.must_ask)
    return parts
