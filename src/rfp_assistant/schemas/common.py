"""Pydantic models shared by the CLI, the UI and both engines (offline and LLM)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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
