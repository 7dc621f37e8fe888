"""Job 1: draft an RFP to a CDMO from a short project brief (contract: DESIGN.md section 6)."""

from rfp_assistant.jobs.drafting.brief import parse_brief, read_brief
from rfp_assistant.jobs.drafting.draft import draft_from_brief, draft_rfp
from rfp_assistant.schemas.brief import BRIEF_FIELDS, BriefField, Gap, ProjectBrief, RfpDraft, RfpSection
from rfp_assistant.jobs.drafting.response_form import form_questions

__all__ = [
    "BRIEF_FIELDS", "BriefField", "Gap", "ProjectBrief", "RfpDraft", "RfpSection", "draft_from_brief", "draft_rfp",
    "form_questions", "parse_brief", "read_brief",
]
