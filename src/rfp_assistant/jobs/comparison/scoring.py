"""Scoring proposals against the scorecard: values made comparable, 0-5 rules, weighted totals, ranks and ties."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import Field

from rfp_assistant.jobs.comparison.scorecard import (
    Criterion,
    Rule,
    Scorecard,
    load_scorecard,
)
from rfp_assistant.schemas.common import Model
from rfp_assistant.schemas.proposal import FieldResult, Money, field_specs

__all__ = ["Criterion", "CriterionScore", "PartScore", "Rule", "Scorecard", "VendorScore", "apply_weights", "as_money",
           "comparable_values", "convert", "format_money", "format_number", "load_scorecard", "score_proposals",
           "ties"]

# ------------------------------------------------------------------ values and money

def as_money(value: Any) -> Money | None:
    """A Money from a Money, a {amount, currency} dict or any object with those attributes."""
    if isinstance(value, Money):
        return value
    if isinstance(value, dict) and "amount" in value and "currency" in value:
        return Money(amount=float(value["amount"]), currency=str(value["currency"]).upper())
    if hasattr(value, "amount") and hasattr(value, "currency"):
        return Money(amount=float(value.amount), currency=str(value.currency).upper())
    return None


def format_number(value: float) -> str:
    """12 -> '12', 2000 -> '2,000', 12.5 -> '12.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_money(money: Money) -> str:
    """'USD 4,850,000'."""
    return f"{money.currency} {format_number(round(money.amount, 2))}"


def convert(money: Money, scorecard: Scorecard) -> float | None:
    """The amount in the base currency, or None without a rate."""
    if money.currency == scorecard.base_currency:
        return money.amount
    rate = scorecard.fx.get(money.currency)
    return None if rate is None else money.amount * rate


def comparable_values(key: str, results: list[FieldResult | None], scorecard: Scorecard) -> tuple[list, str | None]:
    """Numbers to rank one field across vendors (None where not stated); all None plus a reason when they cannot be."""
    spec = field_specs()[key]
    stated = [r.value if r is not None and r.status == "stated" and r.value is not None else None for r in results]
    if spec.type != "money":
        return [None if v is None else _sortable(v) for v in stated], None
    amounts = [as_money(v) if v is not None else None for v in stated]
    currencies = sorted({m.currency for m in amounts if m is not None})
    if len(currencies) <= 1:
        return [None if m is None else m.amount for m in amounts], None
    unrated = [c for c in currencies if c != scorecard.base_currency and c not in scorecard.fx]
    if unrated:
        reason = f"prices in {' and '.join(currencies)}; no rate from {', '.join(unrated)} to {scorecard.base_currency}"
        return [None] * len(results), reason
    return [None if m is None else convert(m, scorecard) for m in amounts], None


def _sortable(value: Any) -> float | None:
    try:
        if isinstance(value, dt.date):
            return float(value.toordinal())
        if isinstance(value, str):
            return float(dt.date.fromisoformat(value).toordinal())
        return float(len(value)) if isinstance(value, (list, tuple)) else float(value)
    except (TypeError, ValueError):
        return None  # a malformed value is shown but never ranked


# ------------------------------------------------------------------ scores

class PartScore(Model):
    """The score of one rule of a criterion for one vendor."""

    field: str
    """The schema key the rule reads."""
    weight: float
    """Weight of the part inside its criterion."""
    score: float | None
    """0-5, or None when the part is left out (amounts that cannot be compared; not stated under 'left_out')."""
    basis: str
    """How the score was reached, e.g. 'Time to first GMP batch: 30 → 4 (≤ 32)'."""
    shown: str = ""
    """The value as the rule read it: '30', 'not stated', 'USD 4,850,000 = 1.123 × lowest'."""
    band: str = ""
    """The band or reason that gave the score: '≤ 32', 'not in the rule'; empty when there is none."""
    stated: bool = True
    """False when the proposal does not state the field (or states two values, or one of the wrong type)."""


class CriterionScore(Model):
    """One criterion scored for one vendor."""

    id: str
    """Criterion id."""
    title: str
    """Criterion title."""
    score: float | None
    """0-5, rounded to one decimal; None when every part was left out."""
    basis: str
    """The parts' bases on one line."""
    parts: list[PartScore]
    """The individual rule results."""
    coverage: str = ""
    """'1 of 4 parts stated' when the score rests on some of its parts only; empty when all are stated."""


class VendorScore(Model):
    """The scorecard result for one vendor."""

    vendor: int
    """Index of the vendor in Comparison.vendors."""
    name: str
    """Vendor display name."""
    total: float | None = None
    """0-100 weighted total; None when the proposal could not be read."""
    rank: int | None = None
    """1 = highest total; vendors with equal totals share a rank."""
    tied: bool = False
    """True when another vendor has the same total (and so the same rank)."""
    scored_weight: float | None = None
    """Share of the weights (0-100) that was scored; below 100 when values were left out under 'left_out'."""
    criteria: list[CriterionScore] = Field(default_factory=list)
    """One entry per scorecard criterion, in scorecard order."""


def score_proposals(scorecard: Scorecard, vendors: list[tuple[str, dict[str, FieldResult] | None]]) -> list[VendorScore]:
    """Score every vendor (name, fields; fields None when unreadable) and rank them by weighted total."""
    relative = {}
    for rule in (r for c in scorecard.criteria for r in c.parts if r.type == "relative"):
        relative[rule.field] = comparable_values(rule.field, [f.get(rule.field) if f else None for _, f in vendors],
                                                 scorecard)
    scores = []
    for index, (name, fields) in enumerate(vendors):
        context = (relative, index, scorecard.base_currency, scorecard.not_stated == "left_out")
        criteria = [] if fields is None else [_score_criterion(c, fields, context) for c in scorecard.criteria]
        scores.append(VendorScore(vendor=index, name=name, criteria=criteria))
    return apply_weights(scores, scorecard)


def apply_weights(scores: list[VendorScore], scorecard: Scorecard) -> list[VendorScore]:
    """Totals (sum of weight × score / 5), ranks and ties under the scorecard's current weights.

    A criterion left out (no part could be scored) counts as 0 under the 'zero' rule. Under 'left_out' the total is
    taken over the weight that was stated, scaled up to 100, and an unstated part leaves out its own share of its
    criterion's weight: one part stated of four does not stand for the whole criterion.
    """
    weights = scorecard.weights()
    left_out = scorecard.not_stated == "left_out"
    totals, shares = [], []
    for s in scores:
        if not s.criteria:
            totals.append(None)
            shares.append(None)
            continue
        stated = {c.id: weights[c.id] * (_stated_share(c) if left_out else 1) for c in s.criteria}
        points = sum(stated[c.id] * (c.score or 0) / 5 for c in s.criteria)
        share = sum(stated[c.id] for c in s.criteria if c.score is not None)
        if left_out:
            totals.append(_round(points * 100 / share) if share > 0 else 0.0)
        else:
            totals.append(_round(points))
        shares.append(_round(share))
    ranked = [t for t in totals if t is not None]
    return [s.model_copy(update={"total": t, "rank": None if t is None else 1 + sum(o > t for o in ranked),
                                 "tied": t is not None and ranked.count(t) > 1, "scored_weight": share})
            for s, t, share in zip(scores, totals, shares)]


def ties(scores: list[VendorScore]) -> list[list[VendorScore]]:
    """Groups of two or more vendors with the same total, best rank first."""
    groups: dict[float, list[VendorScore]] = {}
    for score in scores:
        if score.total is not None:
            groups.setdefault(score.total, []).append(score)
    return [group for total, group in sorted(groups.items(), key=lambda item: -item[0]) if len(group) > 1]


def _stated_share(criterion: CriterionScore) -> float:
    """The share of a criterion's part weights that was scored, not counting parts no vendor could be scored on."""
    counted = sum(p.weight for p in criterion.parts if p.score is not None)
    unstated = sum(p.weight for p in criterion.parts if p.score is None and not p.stated)
    return counted / (counted + unstated) if counted else 0.0


def _coverage(parts: list[PartScore]) -> str:
    stated = sum(p.stated for p in parts)
    if len(parts) < 2 or stated == len(parts):
        return ""
    return f"{stated or 'none'} of {len(parts)} parts stated"


def _score_criterion(criterion: Criterion, fields: dict[str, FieldResult], context: tuple) -> CriterionScore:
    parts = [_score_part(rule, fields.get(rule.field), context) for rule in criterion.parts]
    counted = [p for p in parts if p.score is not None]
    weight = sum(p.weight for p in counted)
    score = _round(sum(p.weight * p.score for p in counted) / weight) if counted and weight else None
    if len(parts) == 1:
        basis = parts[0].basis
    else:
        basis = "; ".join(f"{p.basis} [×{format_number(p.weight)}]" for p in parts)
        basis += f"; mean {format_number(score)}" if score is not None else "; not scored"
    return CriterionScore(id=criterion.id, title=criterion.title, score=score, basis=basis, parts=parts,
                          coverage=_coverage(parts))


def _score_part(rule: Rule, result: FieldResult | None, context: tuple) -> PartScore:
    relative, index, base, leave_out = context
    missing = None if leave_out else rule.missing

    def part(score: float | None, shown: str, band: str = "", stated: bool = True) -> PartScore:
        arrow = "→ left out" if score is None else f"→ {format_number(score)}" + (f" ({band})" if band else "")
        # The label, as on screen: the key stays in `field` for whoever computes with it.
        basis = f"{field_specs()[rule.field].label}: {shown} {arrow}"
        return PartScore(field=rule.field, weight=rule.weight, score=score, basis=basis, shown=shown, band=band,
                         stated=stated)

    if result is None or result.status != "stated" or result.value is None:
        status = "conflicting (to clarify)" if result is not None and result.status == "conflicting" else "not stated"
        return part(missing, status, stated=False)
    value = result.value
    if rule.type == "boolean":
        return part(rule.when_true if value else rule.when_false, "yes" if value else "no")
    if rule.type == "enum":
        known = str(value) in rule.map
        return part(rule.map.get(str(value), rule.other), str(value), "" if known else "not in the rule")
    if rule.type == "count":
        if not isinstance(value, (list, tuple)):
            return part(missing, f"{value!r} is not a list", stated=False)
        number, shown = len(value), f"{len(value)} item{'s' * (len(value) != 1)}"
    elif rule.type == "relative":
        values, reason = relative[rule.field]
        if reason:
            return part(None, f"not compared ({reason})")
        stated = [v for v in values if v is not None]
        best = min(stated) if rule.direction == "lower_better" else max(stated)
        if best <= 0:
            return part(None, "not compared (the best value is zero)")
        # Rounded so that the ratio shown is the ratio banded (5.335M / 4.85M is 1.1, not 1.1000000000000001).
        number = round(values[index] / best, 3)
        word = "lowest" if rule.direction == "lower_better" else "highest"
        ratio = f"{number:.3f}"
        shown = f"{_shown(value, values[index], base)} = {ratio[:-1] if ratio.endswith('0') else ratio} × {word}"
    elif (number := _sortable(value)) is None or isinstance(value, (str, dt.date)):
        return part(missing, f"{value!r} is not a number", stated=False)
    else:
        shown = format_number(number)
    score, band = _band(rule, number)
    return part(score, shown, band)


def _band(rule: Rule, number: float) -> tuple[float, str]:
    lower = rule.direction == "lower_better"
    for threshold, score in zip(rule.bands, rule.scores):
        if (number <= threshold) if lower else (number >= threshold):
            return score, f"{'≤' if lower else '≥'} {format_number(threshold)}"
    return rule.scores[-1], f"{'>' if lower else '<'} {format_number(rule.bands[-1])}"


def _shown(value: Any, converted: float, base: str) -> str:
    money = as_money(value)
    if money is None:
        return format_number(float(value))
    text = format_money(money)
    return text if money.currency == base or abs(converted - money.amount) < 0.005 else \
        f"{text} ≈ {base} {format_number(round(converted))}"


def _round(number: float) -> float:
    """Half up to one decimal (round() would send 4.45 to 4.4)."""
    return float(Decimal(repr(number)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
