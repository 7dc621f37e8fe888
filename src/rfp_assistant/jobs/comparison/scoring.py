"""The CDMO scorecard (knowledge/scorecard.yaml): criteria, weights, exchange rates and the 0-5 scoring rules."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from rfp_assistant.schemas.common import Model
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.schemas.proposal import FieldResult, Money, field_specs
from rfp_assistant.resources import KNOWLEDGE_DIR

DEFAULT_SCORECARD = KNOWLEDGE_DIR / "scorecard.yaml"


class Rule(Model):
    """One machine-readable 0-5 rule over one comparison-schema field."""

    field: str
    """The comparison-schema key the rule reads."""
    type: Literal["bands", "count", "relative", "boolean", "enum"] = "bands"
    """How the value becomes a score (a rule written without a type is bands)."""
    weight: float = 1.0
    """Weight of this part inside its criterion (parts sum to 1)."""
    direction: Literal["lower_better", "higher_better"] = "lower_better"
    """Whether smaller or larger values score higher (bands, count, relative)."""
    bands: list[float] = Field(default_factory=list)
    """Thresholds: ascending for lower_better, descending for higher_better."""
    scores: list[float] | None = None
    """len(bands) + 1 scores; default [5, 4, 3, 2, 1] for four bands."""
    when_true: float = 5
    """Score of a yes (boolean)."""
    when_false: float = 1
    """Score of a no (boolean)."""
    map: dict[str, float] = Field(default_factory=dict)
    """Value to score (enum)."""
    other: float = 0
    """Score of an enum value missing from the map."""
    missing: float = 0
    """Score when the field is not stated or conflicting."""

    @model_validator(mode="after")
    def _check(self) -> Rule:
        if self.field not in field_specs():
            raise ValueError(f"unknown field {self.field!r}")
        if self.type in ("bands", "count", "relative"):
            if self.scores is None:
                if len(self.bands) != 4:
                    raise ValueError(f"{self.field}: give 'scores' when there are not exactly four bands")
                self.scores = [5, 4, 3, 2, 1]
            if len(self.scores) != len(self.bands) + 1:
                raise ValueError(f"{self.field}: 'scores' needs {len(self.bands) + 1} values")
        return self


class Criterion(Model):
    """One scorecard criterion."""

    id: str
    """Stable identifier (lowercase, underscores)."""
    title: str
    """Label shown in the RFP and the comparison."""
    weight: float
    """Share of the total; all weights sum to 100."""
    fields: list[str] = Field(default_factory=list)
    """Schema keys the criterion draws on (scored or shown as context)."""
    aliases: list[str] = Field(default_factory=list)
    """Words a brief may use for this criterion."""
    rule: str = ""
    """The 0-5 rule in plain words."""
    parts: list[Rule]
    """The machine-readable rule: one part, or the parts of a weighted mean."""


class Scorecard(Model):
    """Criteria with weights, plus the exchange rates used to compare money."""

    criteria: list[Criterion]
    """Criteria in display order."""
    fx: dict[str, float] = Field(default_factory=dict)
    """Rates to the base currency: 1 unit of the key currency = rate units of base_currency."""
    base_currency: str = "USD"
    """Currency that amounts are converted to for ranking and scoring."""
    source: str = "knowledge/scorecard.yaml"
    """Where the weights came from (the default scorecard or a user's weights file)."""

    def weights(self) -> dict[str, float]:
        """Criterion id -> weight (sums to 100)."""
        return {c.id: c.weight for c in self.criteria}

    def with_weights(self, weights: dict[str, Any], where: str = "the weights") -> Scorecard:
        """A copy with some weights replaced and all re-normalized to sum 100."""
        current = self.weights()
        unknown = sorted(set(weights) - set(current))
        if unknown:
            raise ConfigurationError(
                f"{where} names unknown criteria: {', '.join(unknown)}. Valid criteria: {', '.join(current)}.")
        for key, value in weights.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigurationError(f"{where}: the weight of {key!r} must be a number of 0 or more, not {value!r}.")
        merged = {**current, **{k: float(v) for k, v in weights.items()}}
        total = sum(merged.values())
        if total <= 0:
            raise ConfigurationError(f"{where}: at least one criterion needs a weight above 0.")
        criteria = [c.model_copy(update={"weight": merged[c.id] * 100 / total}) for c in self.criteria]
        return self.model_copy(update={"criteria": criteria})


def load_scorecard(weights_file: Path | None = None) -> Scorecard:
    """The default scorecard, re-weighted and given exchange rates by an optional YAML/JSON weights file."""
    data = yaml.safe_load(DEFAULT_SCORECARD.read_text(encoding="utf-8"))
    try:
        criteria = [Criterion(**{k: v for k, v in raw.items() if k != "scoring"}, parts=_parts(raw["scoring"]))
                    for raw in data["criteria"]]
    except (ValidationError, KeyError, TypeError) as exc:
        raise ConfigurationError(f"{DEFAULT_SCORECARD} has an invalid criterion: {exc}") from exc
    scorecard = Scorecard(criteria=criteria)
    return scorecard if weights_file is None else _apply_weights_file(scorecard, Path(weights_file))


def _parts(scoring: dict) -> list[Rule]:
    if scoring.get("combine") == "weighted_mean":
        return [Rule(**part) for part in scoring["parts"]]
    return [Rule(**scoring)]


def _apply_weights_file(scorecard: Scorecard, path: Path) -> Scorecard:
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigurationError(f"Weights file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"Weights file {path} could not be read: {exc}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        kind = "JSON" if path.suffix.lower() == ".json" else "YAML"
        raise ConfigurationError(f"Weights file {name} is not valid {kind}: {exc}") from None
    data = data or {}
    if not isinstance(data, dict):
        raise ConfigurationError(f"Weights file {name} must map criterion ids to weights, e.g. 'cost: 30'.")
    data = dict(data)
    fx = data.pop("fx", None) or {}
    base = data.pop("base_currency", scorecard.base_currency)
    base = _currency(base, f"Weights file {name}: base_currency")
    if not isinstance(fx, dict):
        raise ConfigurationError(f"Weights file {name}: 'fx' must map currency codes to rates, e.g. 'fx: {{EUR: 1.08}}'.")
    rates = {}
    for code, rate in fx.items():
        code = _currency(code, f"Weights file {name}: fx")
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
            raise ConfigurationError(f"Weights file {name}: the rate for {code} must be a number above 0, not {rate!r}.")
        if code == base and rate != 1:
            raise ConfigurationError(f"Weights file {name}: {code} is the base currency, so its rate must be 1.")
        rates[code] = float(rate)
    scorecard = scorecard.with_weights(data, where=f"Weights file {name}")
    return scorecard.model_copy(update={"fx": rates, "base_currency": base, "source": str(path)})


def _currency(code: Any, where: str) -> str:
    if not isinstance(code, str) or len(code.strip()) != 3 or not code.strip().isalpha():
        raise ConfigurationError(f"{where}: {code!r} is not a three-letter currency code such as USD or EUR.")
    return code.strip().upper()


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
    """0-5, or None when the part is left out (amounts in currencies that cannot be compared)."""
    basis: str
    """How the score was reached, e.g. 'weeks_to_first_gmp_batch 30 → 4 (≤ 32)'."""


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
        criteria = [] if fields is None else [_score_criterion(c, fields, (relative, index, scorecard.base_currency))
                                              for c in scorecard.criteria]
        scores.append(VendorScore(vendor=index, name=name, criteria=criteria))
    return apply_weights(scores, scorecard)


def apply_weights(scores: list[VendorScore], scorecard: Scorecard) -> list[VendorScore]:
    """Totals (sum of weight × score / 5) and ranks under the scorecard's current weights."""
    weights = scorecard.weights()
    totals = [None if not s.criteria else _round(sum(weights[c.id] * (c.score or 0) / 5 for c in s.criteria))
              for s in scores]
    ranked = [t for t in totals if t is not None]
    return [s.model_copy(update={"total": t, "rank": None if t is None else 1 + sum(o > t for o in ranked)})
            for s, t in zip(scores, totals)]


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
    return CriterionScore(id=criterion.id, title=criterion.title, score=score, basis=basis, parts=parts)


def _score_part(rule: Rule, result: FieldResult | None, context: tuple) -> PartScore:
    relative, index, base = context
    def part(score: float | None, shown: str, band: str = "") -> PartScore:
        arrow = "→ left out" if score is None else f"→ {format_number(score)}" + (f" ({band})" if band else "")
        return PartScore(field=rule.field, weight=rule.weight, score=score, basis=f"{rule.field} {shown} {arrow}")

    if result is None or result.status != "stated" or result.value is None:
        status = "conflicting (to clarify)" if result is not None and result.status == "conflicting" else "not stated"
        return part(rule.missing, status)
    value = result.value
    if rule.type == "boolean":
        return part(rule.when_true if value else rule.when_false, "yes" if value else "no")
    if rule.type == "enum":
        known = str(value) in rule.map
        return part(rule.map.get(str(value), rule.other), str(value), "" if known else "not in the rule")
    if rule.type == "count":
        if not isinstance(value, (list, tuple)):
            return part(rule.missing, f"{value!r} is not a list")
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
        return part(rule.missing, f"{value!r} is not a number")
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
