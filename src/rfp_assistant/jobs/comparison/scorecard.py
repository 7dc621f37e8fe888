"""The CDMO scorecard (knowledge/scorecard.yaml): criteria, weights, exchange rates and the not-stated rule."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from rfp_assistant.errors import ConfigurationError
from rfp_assistant.resources import KNOWLEDGE_DIR
from rfp_assistant.schemas.common import Model
from rfp_assistant.schemas.proposal import field_specs

DEFAULT_SCORECARD = KNOWLEDGE_DIR / "scorecard.yaml"
NotStatedRule = Literal["zero", "left_out"]
NOT_STATED_RULES: dict[str, str] = {
    "zero": "a value the proposal does not state scores 0",
    "left_out": "a value the proposal does not state is left out and the other weights count for more",
}


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
    """Score when the field is not stated or conflicting (under the 'zero' rule)."""

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
    """Criteria with weights, the exchange rates used to compare money, and how not-stated values score."""

    criteria: list[Criterion]
    """Criteria in display order."""
    fx: dict[str, float] = Field(default_factory=dict)
    """Rates to the base currency: 1 unit of the key currency = rate units of base_currency."""
    base_currency: str = "USD"
    """Currency that amounts are converted to for ranking and scoring."""
    not_stated: NotStatedRule = "zero"
    """'zero': a not-stated (or conflicting) value scores the rule's `missing` score (0); 'left_out': it is left out
    and the remaining parts and criteria are re-weighted."""
    source: str = "knowledge/scorecard.yaml"
    """Where the weights came from (the default scorecard or a user's weights file)."""

    def weights(self) -> dict[str, float]:
        """Criterion id -> weight (sums to 100)."""
        return {c.id: c.weight for c in self.criteria}

    def percentages(self) -> dict[str, int]:
        """Criterion id -> weight as a whole percentage (each rounded half up, so 38.46 shows as 38)."""
        return {k: math.floor(v + 0.5 + 1e-9) for k, v in self.weights().items()}

    def with_weights(self, weights: dict[str, Any], where: str = "the weights") -> Scorecard:
        """A copy with some weights replaced and all re-normalized to sum 100."""
        current = self.weights()
        unknown = sorted(set(weights) - set(current))
        if unknown:
            raise ConfigurationError(
                f"{where} names unknown criteria: {', '.join(unknown)}. Valid criteria: {', '.join(current)}.")
        for key, value in weights.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != value:
                raise ConfigurationError(f"{where}: the weight of {key!r} must be a number of 0 or more, not {value!r}.")
        merged = {**current, **{k: float(v) for k, v in weights.items()}}
        total = sum(merged.values())
        if total <= 0:
            raise ConfigurationError(f"{where}: at least one criterion needs a weight above 0.")
        criteria = [c.model_copy(update={"weight": merged[c.id] * 100 / total}) for c in self.criteria]
        return self.model_copy(update={"criteria": criteria})

    def with_fx(self, fx: dict[str, Any], base_currency: str | None = None, where: str = "the exchange rates"
                ) -> Scorecard:
        """A copy with these exchange rates (1 unit of each currency = rate units of the base) and base currency."""
        base = _currency(base_currency or self.base_currency, f"{where}: base currency")
        return self.model_copy(update={"fx": validated_rates(fx, base, where), "base_currency": base})

    def with_not_stated(self, rule: str) -> Scorecard:
        """A copy where not-stated values score 0 ('zero') or are left out with the weights renormalized."""
        if rule not in NOT_STATED_RULES:
            raise ConfigurationError(f"The not-stated rule must be one of {', '.join(NOT_STATED_RULES)}, not {rule!r}.")
        return self.model_copy(update={"not_stated": rule})


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


def validated_rates(fx: Any, base: str, where: str) -> dict[str, float]:
    """Exchange rates checked: three-letter codes, numbers above 0, the base currency (if given) at 1."""
    if not isinstance(fx, dict):
        raise ConfigurationError(f"{where}: 'fx' must map currency codes to rates, e.g. 'fx: {{EUR: 1.08}}'.")
    rates = {}
    for code, rate in fx.items():
        code = _currency(code, f"{where}: fx")
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not rate > 0 or math.isinf(rate):
            raise ConfigurationError(f"{where}: the rate for {code} must be a number above 0, not {rate!r}.")
        if code == base and rate != 1:
            raise ConfigurationError(f"{where}: {code} is the base currency, so its rate must be 1.")
        rates[code] = float(rate)
    return rates


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
    rule = data.pop("not_stated", scorecard.not_stated)
    if rule not in NOT_STATED_RULES:
        raise ConfigurationError(f"Weights file {name}: 'not_stated' must be one of {', '.join(NOT_STATED_RULES)}, "
                                 f"not {rule!r}.")
    scorecard = scorecard.with_fx(fx, base, where=f"Weights file {name}")
    scorecard = scorecard.with_weights(data, where=f"Weights file {name}")
    return scorecard.model_copy(update={"not_stated": rule, "source": str(path)})


def _currency(code: Any, where: str) -> str:
    if not isinstance(code, str) or len(code.strip()) != 3 or not code.strip().isalpha():
        raise ConfigurationError(f"{where}: {code!r} is not a three-letter currency code such as USD or EUR.")
    return code.strip().upper()
