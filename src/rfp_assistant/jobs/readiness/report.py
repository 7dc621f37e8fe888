"""The readiness report: item statuses with evidence, area scores, the overall score (DESIGN.md section 5)."""

from __future__ import annotations

from pydantic import Field

from rfp_assistant.jobs.readiness.rules import Status
from rfp_assistant.schemas.common import Citation, Mode, Model


class ItemAssessment(Model):
    """The status of one checklist item, with the evidence it rests on."""

    id: str
    """Checklist item id, e.g. risk.financial."""
    area: str
    """Id of the item's area."""
    title: str = ""
    """Short human title of the item."""
    status: Status
    """covered, partial or missing."""
    evidence: list[Citation] = Field(default_factory=list)
    """Verbatim sentences from the internal documents, with source and page."""
    recommendation: str = ""
    """What to do next; empty when the item is covered."""
    reason: str = ""
    """Why the status was given, in one sentence."""
    deciding: Citation | None = None
    """The passage that decided the status (also first in `evidence`); None when nothing addresses the item."""


class AreaScore(Model):
    """The score of one checklist area."""

    id: str
    """Area id, e.g. budget."""
    title: str = ""
    """Human title of the area."""
    score: float
    """Mean item score in the area (covered 1, partial 0.5, missing 0)."""


class ReadinessReport(Model):
    """The readiness assessment (contract: DESIGN.md section 5)."""

    score: float
    """Mean item score over all assessed items, 0-1."""
    areas: list[AreaScore]
    """Per-area scores, in checklist order."""
    items: list[ItemAssessment]
    """Per-item statuses, in checklist order."""
    mode: Mode = "offline"
    """Which engine produced the assessment."""
    documents: list[str] = Field(default_factory=list)
    """File names of the internal documents that were assessed."""

    def item(self, item_id: str) -> ItemAssessment | None:
        """One item's assessment by id, or None."""
        return next((i for i in self.items if i.id == item_id), None)

    def gaps(self) -> list[ItemAssessment]:
        """Items that are not covered: missing first, then partial, in checklist order within each."""
        return [i for i in self.items if i.status == "missing"] + [i for i in self.items if i.status == "partial"]
