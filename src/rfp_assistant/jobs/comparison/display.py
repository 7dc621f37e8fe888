"""How comparison values and questions read: '12 weeks', 'USD 4,850,000', 'Please state …'."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rfp_assistant.jobs.comparison.scoring import Scorecard, as_money, convert, format_money, format_number
from rfp_assistant.schemas.proposal import FieldSpec

ENUM_LABELS = {
    "antibody_drug_conjugate": "antibody-drug conjugate", "mrna": "mRNA", "fill_finish": "fill-finish",
    "qc_release": "QC release", "single_use": "single-use", "fte_based": "FTE-based",
}
SINGULAR = {"weeks": "week", "days": "day"}


def display_value(spec: FieldSpec, value: Any, scorecard: Scorecard | None = None) -> str:
    """A typed value as a person reads it: '12 weeks', 'USD 4,850,000', '2,000 L', '2027-07-01', 'Yes'."""
    if value is None:
        return "not stated"
    if spec.type == "money" and (money := as_money(value)) is not None:
        text = format_money(money)
        converted = convert(money, scorecard) if scorecard and money.currency != scorecard.base_currency else None
        return text if converted is None else f"{text} (≈ {scorecard.base_currency} {format_number(round(converted))})"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        # "Basel, Switzerland; Visp, Switzerland": sites and assumptions hold commas of their own.
        separator = "; " if spec.type == "list_string" else ", "
        return separator.join(display_value(spec, v) for v in value) if value else "none"
    if isinstance(value, (int, float)):
        unit = SINGULAR.get(spec.unit, spec.unit) if value == 1 else spec.unit
        return format_number(value) + ("%" if unit == "%" else f" {unit}" if unit else "")
    if spec.type in ("enum", "list_enum"):
        return ENUM_LABELS.get(str(value), str(value).replace("_", " "))
    return str(value)


def clarification_question(spec: FieldSpec, cell) -> str:
    """The question to send a vendor about a field its proposal leaves open (not stated or conflicting)."""
    if cell.status == "conflicting":
        places = [f"in cell {e.cell}" if e.cell else f"on page {e.page}" for e in cell.evidence]
        if cell.candidates and len(cell.candidates) == len(places):
            items = [f"{v} {p}" for v, p in zip(cell.candidates, places)]
        else:
            items = cell.candidates or places
        count = {2: "two", 3: "three"}.get(len(items), "different")
        listed = f" ({and_list(items)})" if items else ""
        return f"Your proposal gives {count} different values for {_lower_first(spec.label)}{listed}; which is correct?"
    question = spec.question.strip()
    if question.endswith("?"):
        return question
    article = "" if question.split()[0].lower() in ("how", "what", "which", "whether", "when", "where", "who") else "the "
    return f"Please state {article}{_lower_first(question)}."


def _lower_first(text: str) -> str:
    # Acronyms ("CDMO", "FDA inspection outcome", "GMP batch price") keep their capitals.
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
