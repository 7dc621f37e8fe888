"""Extraction suite: value accuracy, fabrication, conflicts and evidence, on generated and blind proposals.

Three sets side by side: the generated fixtures (eval/extraction/proposals), and the blind proposals written by
authors who never saw the code (eval/extraction/blind), split into dev and held-out by split.yaml. Held-out is
reported in aggregate only: its misses are never listed, so nobody tunes rules against it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rfp_assistant.core.documents import load_document
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.extraction.offline import extract_offline
from rfp_assistant.schemas.proposal import field_specs, to_json_value
from rfp_assistant.resources import EVAL_DIR
from rfp_assistant.evals.result import SuiteResult, Target

LOOSE = {"cdmo_name", "sites", "assumptions", "payment_terms", "cancellation_terms"}
SETS = ("generated", "dev", "held_out")
METRICS = ("value_accuracy", "fabrication_rate", "evidence_verified", "conflicts_reported")
# Goals on held-out proposals not met yet: shown as "not yet" instead of failing CI (never a lower threshold).
NOT_YET: set[str] = {"value_accuracy.held_out", "fabrication_rate.held_out", "conflicts_reported.held_out",
                     "value_accuracy.dev_gap"}


@dataclass
class Tally:
    """Counts for one set of proposals."""

    stated: int = 0
    correct: int = 0
    silent: int = 0
    fabricated: int = 0
    conflicts: int = 0
    detected: int = 0
    quotes: int = 0
    verified: int = 0
    misses: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        """The four figures of this set."""
        return {
            "value_accuracy": self.correct / max(self.stated, 1),
            "fabrication_rate": self.fabricated / max(self.silent, 1),
            "evidence_verified": self.verified / max(self.quotes, 1),
            "conflicts_reported": self.detected / max(self.conflicts, 1),
        }


def fixture_sets(root: Path = EVAL_DIR / "extraction") -> dict[str, list[tuple[Path, Path]]]:
    """(proposal, gold) pairs per set: generated, dev and held_out."""
    generated = [(root / "proposals" / f"{gold.stem}.pdf", gold) for gold in sorted((root / "gold").glob("*.json"))]
    sets = {"generated": generated, "dev": [], "held_out": []}
    split_file = root / "blind" / "split.yaml"
    if split_file.is_file():
        split = yaml.safe_load(split_file.read_text())
        for name in ("dev", "held_out"):
            sets[name] = [(root / "blind" / "proposals" / f"{stem}.pdf", root / "blind" / "gold" / f"{stem}.json")
                          for stem in split.get(name) or []]
    return sets


def score_set(pairs: list[tuple[Path, Path]], *, list_misses: bool, extract=extract_offline) -> Tally:
    """Extract every proposal of a set and score it field by field against its gold."""
    tally = Tally()
    for pdf, gold_path in pairs:
        gold = json.loads(gold_path.read_text())
        document = load_document(pdf, max_bytes=50_000_000, layouts=True)  # as the extraction service reads it
        result = extract(document)
        for key, expected in gold["fields"].items():
            got = result.fields[key]
            for evidence in got.evidence:
                tally.quotes += 1
                tally.verified += quote_in_text(evidence.quote, document.page_text(evidence.page))
            miss = _miss(key, expected, got)
            if expected["status"] == "stated":
                tally.stated += 1
                tally.correct += miss is None
            elif expected["status"] == "not_stated":
                tally.silent += 1
                tally.fabricated += miss is not None
            else:
                tally.conflicts += 1
                tally.detected += miss is None
            if miss and list_misses:
                tally.misses.append(f"{gold['source']} {key}: {miss}")
    return tally


def _miss(key: str, expected: dict, got) -> str | None:
    value = to_json_value(got.value)
    if expected["status"] == "stated":
        if got.status == "stated" and values_match(key, value, expected["value"]):
            return None
        return f"want {expected['value']!r}, got {got.status} {value!r}"
    if expected["status"] == "not_stated":
        return None if got.status == "not_stated" else f"should be not_stated, got {got.status} {value!r}"
    return None if got.status == "conflicting" else f"conflict missed, got {value!r}"


def run_extraction_suite(settings, progress=None) -> SuiteResult:
    """Extract the generated, dev and held-out proposals offline and score each set against its gold."""
    sets = fixture_sets()
    metrics: dict[str, float] = {}
    tallies: dict[str, Tally] = {}
    for position, name in enumerate(SETS):
        if progress:
            progress(position / len(SETS), f"extraction: {name} proposals")
        if sets[name]:
            tallies[name] = score_set(sets[name], list_misses=name != "held_out")
    for metric in METRICS:
        for name, tally in tallies.items():
            metrics[f"{metric}.{name}"] = tally.metrics()[metric]
    if "dev" in tallies and "held_out" in tallies:
        metrics["value_accuracy.dev_gap"] = abs(metrics["value_accuracy.dev"] - metrics["value_accuracy.held_out"])
    targets = [
        Target(metric="value_accuracy.generated", op=">=", value=0.90),
        Target(metric="fabrication_rate.generated", op="<=", value=0.02),
        Target(metric="evidence_verified.generated", op=">=", value=1.0),
    ]
    if "held_out" in tallies:
        goals = [("value_accuracy.held_out", ">=", 0.90), ("fabrication_rate.held_out", "<=", 0.02),
                 ("evidence_verified.held_out", ">=", 1.0), ("conflicts_reported.held_out", ">=", 1.0),
                 ("value_accuracy.dev_gap", "<=", 0.05)]
        targets += [Target(metric=m, op=op, value=v, enforced=m not in NOT_YET) for m, op, v in goals]
    cases = sum(t.stated + t.silent + t.conflicts for t in tallies.values())
    failures = [miss for name in ("generated", "dev") if name in tallies for miss in tallies[name].misses]
    return SuiteResult(suite="extraction", metrics=metrics, targets=targets, cases=cases, failures=failures)


def values_match(key: str, got, want) -> bool:
    """Typed comparison: loose word overlap for free text, sets for lists, tolerance for numbers."""
    kind = field_specs()[key].type
    if got is None or want is None:
        return got == want
    if key in LOOSE:
        return _overlap(got, want) >= 0.5
    if kind == "list_enum":
        return set(got) == set(want)
    if kind == "money":
        return got["currency"] == want["currency"] and abs(got["amount"] - want["amount"]) <= 0.005 * max(want["amount"], 1)
    if kind in ("number", "int"):
        return abs(float(got) - float(want)) <= max(0.05, 0.01 * abs(float(want)))
    if kind == "date":
        return str(got) == str(want) or str(got) == dt.date.fromisoformat(str(want)).isoformat()
    return got == want


def _overlap(got, want) -> float:
    def words(value):
        text = " ".join(value) if isinstance(value, list) else str(value)
        return set(re.findall(r"[a-z0-9]+", text.lower()))

    a, b = words(got), words(want)
    return len(a & b) / max(len(b), 1)
