"""Job 2: read CDMO proposals into comparison schema v1, every value backed by a verified quote."""

from rfp_assistant.schemas.proposal import FieldResult, ProposalExtraction, field_keys, field_specs

__all__ = ["FieldResult", "ProposalExtraction", "field_keys", "field_specs"]
