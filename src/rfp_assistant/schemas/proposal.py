"""Comparison schema v1: field specifications (from knowledge/comparison_schema.yaml) and result models."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import yaml
from pydantic import Field, model_serializer

from rfp_assistant.schemas.common import Model
from rfp_assistant.resources import KNOWLEDGE_DIR

FieldType = Literal["string", "list_string", "date", "int", "number", "bool", "enum", "list_enum", "money"]
Status = Literal["stated", "not_stated", "conflicting"]


@dataclass(frozen=True)
class FieldSpec:
    """One key of the comparison schema and how to find, show and compare it."""

    key: str
    type: FieldType
    label: str
    question: str
    format: str
    better: Literal["lower", "higher", "none"] = "none"
    unit: str = ""
    enum: tuple[str, ...] = ()
    cues: tuple[re.Pattern, ...] = field(default=(), compare=False)
    distractors: tuple[re.Pattern, ...] = field(default=(), compare=False)
    plausible: tuple[float, float] | None = None
    """The range a value of this field can take in any real proposal (a money field: its amount); outside it, the
    reading is wrong (a network's total volume as one vessel, two days of a workshop as a transfer's duration)."""


@lru_cache(maxsize=1)
def field_specs() -> dict[str, FieldSpec]:
    """All 34 fields in contract order."""
    data = yaml.safe_load((KNOWLEDGE_DIR / "comparison_schema.yaml").read_text())
    specs = {}
    for raw in data["fields"]:
        specs[raw["key"]] = FieldSpec(
            key=raw["key"], type=raw["type"], label=raw["label"], question=raw["question"], format=raw["format"],
            better=raw.get("better", "none"), unit=raw.get("unit", ""), enum=tuple(raw.get("enum") or ()),
            # DOTALL: PDF text wraps lines anywhere, so ".{0,40}" must cross line breaks.
            cues=tuple(re.compile(p, re.I | re.S) for p in raw.get("cues") or ()),
            distractors=tuple(re.compile(p, re.I | re.S) for p in raw.get("distractors") or ()),
            plausible=tuple(raw["plausible"]) if raw.get("plausible") else None,
        )
    return specs


def field_keys() -> list[str]:
    """The schema keys in contract order."""
    return list(field_specs())


class Money(Model):
    """An amount of money in one currency."""

    amount: float
    """The amount, as a plain number (1250000.0 for 'USD 1.25M')."""
    currency: str
    """ISO 4217 code such as USD, EUR, CHF, GBP, JPY."""


class Evidence(Model):
    """A verbatim quote and the page it is on."""

    page: int
    """1-based page number."""
    quote: str
    """Text copied exactly from that page."""
    cell: str | None = None
    """The spreadsheet cell ("F12") when the value was read from a filled bid grid."""

    @model_serializer(mode="wrap")
    def _without_empty_cell(self, handler):
        # The contract grows only by adding: evidence from a document keeps its {"page", "quote"} shape.
        data = handler(self)
        if isinstance(data, dict) and data.get("cell") is None:
            data.pop("cell", None)
        return data


class FieldResult(Model):
    """One field of one proposal."""

    value: Any = None
    """The typed, normalized value; null unless status is 'stated'."""
    status: Status = "not_stated"
    """stated, not_stated (the proposal is silent) or conflicting (it gives two different values)."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Quotes that back the value (or, when conflicting, each of the values)."""
    confidence: float = 0.0
    """0-1: how sure the extractor is."""
    candidates: list[Any] = Field(default_factory=list, exclude=True)
    """The distinct values seen when conflicting (for display; not part of the JSON contract)."""


class ProposalExtraction(Model):
    """A proposal read into the comparison schema (contract: DESIGN.md section 4)."""

    source: str
    pages: int = 0
    mode: Literal["offline", "llm"] = "offline"
    fields: dict[str, FieldResult] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None

    def contract_dict(self) -> dict:
        """The JSON object promised by `rfp-assistant extract --json`."""
        return {
            "source": self.source, "pages": self.pages, "mode": self.mode,
            "fields": {key: _field_json(self.fields.get(key) or FieldResult()) for key in field_keys()},
            "warnings": self.warnings, "error": self.error,
        }


def _field_json(result: FieldResult) -> dict:
    return {
        "value": to_json_value(result.value), "status": result.status,
        "evidence": [e.model_dump() for e in result.evidence], "confidence": round(result.confidence, 2),
    }


def to_json_value(value: Any) -> Any:
    """Dates as ISO strings, Money as {amount, currency}; everything else unchanged."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Money):
        return value.model_dump()
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    return value
