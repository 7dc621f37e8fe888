"""Pydantic models shared by the CLI, the UI and both engines (offline and LLM)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer

Mode = Literal["offline", "llm"]


class Model(BaseModel):
    """Base model: field docstrings become schema descriptions (they are shown to the LLM too)."""

    model_config = ConfigDict(use_attribute_docstrings=True)


class Citation(Model):
    """Where a statement comes from."""

    source: str
    """File name of the document."""
    page: int
    """1-based page number."""
    quote: str
    """Verbatim text from that page."""
    location: str | None = None
    """Where on the page, when the page number alone does not say: "sheet Budget, row 3", "slide 2"."""
    origin: Literal["user", "playbook"] | None = None
    """Whose document it is: "user" (one the user ingested) or "playbook" (the built-in playbook); set by answers."""

    @model_serializer(mode="wrap")
    def _without_empty_location(self, handler):
        # The contract grows only by adding: a citation without a known location or origin keeps its original shape.
        data = handler(self)
        if isinstance(data, dict):
            for key in ("location", "origin"):
                if data.get(key) is None:
                    data.pop(key, None)
        return data

    @property
    def origin_label(self) -> str:
        """Whose document, for people: "your document", "built-in playbook", or "" when not known."""
        return {"user": "your document", "playbook": "built-in playbook"}.get(self.origin or "", "")

    @property
    def where(self) -> str:
        """Where the quote is, for people: "sheet Budget, row 3" or "p. 4"."""
        return self.location or f"p. {self.page}"


class Answer(Model):
    """A grounded answer to a free question (contract: DESIGN.md section 7)."""

    answer: str
    """The answer, with [n] markers pointing into `citations`."""
    citations: list[Citation] = Field(default_factory=list)
    """The passages the answer rests on, in marker order."""
    mode: Mode = "offline"
    """Which engine produced the answer."""
    found: bool = True
    """False when nothing in the indexed documents answers the question."""


class IngestReport(Model):
    """Outcome of ingesting one file."""

    source: str
    status: Literal["added", "updated", "unchanged", "error"]
    kind: str = ""
    doc_id: str | None = None
    pages: int = 0
    chunks: int = 0
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None
