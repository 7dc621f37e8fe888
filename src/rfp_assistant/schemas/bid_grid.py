"""The bid grid's layout (DESIGN.md sections 4 and 6): its sheets, columns and how each field type is answered.

The RFP writes the grid and the extractor reads it back; both take the layout from here.
"""

from __future__ import annotations

from rfp_assistant.schemas.proposal import FieldSpec

RESPONSE_SHEET = "Response form"
PRICES_SHEET = "Prices"
RESPONSE_COLUMNS = ("key", "field", "what we ask", "type", "allowed values", "answer", "currency", "comment")
PRICE_COLUMNS = ("item", "quantity", "unit price", "currency", "optional", "note")
LIST_SEPARATOR = ";"
YES_NO = ("yes", "no")
# Answers that mean "we do not answer this" rather than a value.
NO_ANSWER = frozenset({"not stated", "n/a", "na", "-", "—", "–", "tbd", "tbc", "not applicable"})

_TYPE_LABELS = {
    "string": "text",
    "list_string": "list (items separated by ;)",
    "date": "date (YYYY-MM-DD)",
    "int": "whole number",
    "number": "number",
    "bool": "yes / no",
    "enum": "one allowed value",
    "list_enum": "allowed values, separated by ;",
    "money": "amount (ISO code in currency)",
}


def type_label(spec: FieldSpec) -> str:
    """What kind of answer a row takes, as the grid's `type` column says it: 'number (weeks)'."""
    label = _TYPE_LABELS[spec.type]
    if spec.type in ("int", "number") and spec.unit:
        label += f" ({'percent' if spec.unit == '%' else spec.unit})"
    return label


def allowed_values(spec: FieldSpec) -> list[str]:
    """The answers a row accepts when they form a fixed list (enum keys, yes/no); empty otherwise."""
    if spec.type in ("enum", "list_enum"):
        return list(spec.enum)
    if spec.type == "bool":
        return list(YES_NO)
    return []
