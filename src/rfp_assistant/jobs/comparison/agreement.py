"""When two figures are the same figure: a unit conversion's rounding is not a difference worth a question.

The extractor converts what it reads to the field's unit (152 days -> 21.7 weeks, 500 US gal -> 1,892.7 L), so one
plan said in two units can come out as two numbers. The tolerance is the rounding such a conversion can carry, by
the field's unit (core.values.tolerance, the rule the extractor's conflicts use too); money, counts, dates and
options must match exactly.
"""

from __future__ import annotations

from typing import Any

from rfp_assistant.core.values.tolerance import same_figure
from rfp_assistant.jobs.comparison.scoring import as_money
from rfp_assistant.schemas.proposal import FieldResult, FieldSpec


def close(spec: FieldSpec, a: float, b: float) -> bool:
    """Whether two numbers of one field (money already in one currency) are the same figure."""
    return same_figure(spec.unit, a, b, money=spec.type == "money")


def same_value(spec: FieldSpec, a: Any, b: Any) -> bool:
    """Whether two typed values of one field say the same thing (money only in one currency)."""
    first, second = as_money(a), as_money(b)
    if first is not None or second is not None:
        return first is not None and second is not None and first.currency == second.currency \
            and close(spec, first.amount, second.amount)
    numeric = (int, float)
    if isinstance(a, numeric) and isinstance(b, numeric) and not isinstance(a, bool) and not isinstance(b, bool):
        return close(spec, float(a), float(b))
    return a == b


def reconciled(spec: FieldSpec, result: FieldResult | None) -> FieldResult | None:
    """A 'conflicting' result whose values are all the same figure, as one stated value with every quote."""
    if result is None or result.status != "conflicting" or len(result.candidates) < 2:
        return result
    values = result.candidates
    if not all(same_value(spec, values[0], v) for v in values[1:]):
        return result
    # The figure given in the field's own unit reads as a whole number; a converted one rarely does.
    whole = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer()]
    value = whole[0] if whole else values[0]
    return FieldResult(value=value, status="stated", evidence=result.evidence, confidence=result.confidence)
