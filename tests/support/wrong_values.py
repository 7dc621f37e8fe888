"""A plausible wrong answer for a gold value: what a model that misreads the page would return with a real quote."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rfp_assistant.schemas.proposal import FieldSpec


def wrong_value(spec: FieldSpec, value: Any, others: list[Any]) -> Any:
    """A JSON value of the field's type that differs from `value` (None when no different value exists).

    `others` are the same field's gold values in other proposals (used for text: another vendor's wording).
    """
    kind = spec.type
    if kind == "int":
        return value + 2 if value < 5 else int(value * 1.5)
    if kind == "number":
        return round(value * 1.5 + 1, 1)
    if kind == "money":
        return {"amount": round(value["amount"] * 1.25, 2), "currency": value["currency"]}
    if kind == "date":
        day = dt.date.fromisoformat(value)
        month = (day.month + 4) % 12 + 1
        return day.replace(year=day.year + (month < day.month), month=month, day=min(day.day, 28)).isoformat()
    if kind == "bool":
        return not value
    if kind == "enum":
        options = list(spec.enum)
        return options[(options.index(value) + 1) % len(options)]
    if kind == "list_enum":
        missing = [option for option in spec.enum if option not in value]
        if not missing:
            return None
        return ([missing[0]] + list(value[1:])) if value else [missing[0]]
    different = [other for other in others if other and _words(other).isdisjoint(_words(value))]
    return different[0] if different else None


def _words(value: Any) -> set[str]:
    text = " ".join(value) if isinstance(value, list) else str(value)
    return {w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split() if len(w) > 3}
