"""Extraction suite: value accuracy, fabrication, conflict detection and evidence validity against gold."""

from __future__ import annotations

import datetime as dt
import json
import re

from rfp_assistant.core.documents import load_document
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.extraction.offline import extract_offline
from rfp_assistant.schemas.proposal import field_specs, to_json_value
from rfp_assistant.resources import EVAL_DIR
from rfp_assistant.evals.result import SuiteResult, Target

LOOSE = {"cdmo_name", "sites", "assumptions", "payment_terms", "cancellation_terms"}


def run_extraction_suite(settings, progress=None) -> SuiteResult:
    """Extract every fixture proposal offline and score it field by field against its gold file."""
    gold_files = sorted((EVAL_DIR / "extraction" / "gold").glob("*.json"))
    stated = correct = silent = fabricated = conflicts = detected = quotes = valid = 0
    failures: list[str] = []
    for position, gold_path in enumerate(gold_files):
        gold = json.loads(gold_path.read_text())
        if progress:
            progress(position / len(gold_files), f"extraction: {gold['source']}")
        document = load_document(EVAL_DIR / "extraction" / "proposals" / gold["source"], max_bytes=50_000_000)
        result = extract_offline(document)
        for key, expected in gold["fields"].items():
            got = result.fields[key]
            for evidence in got.evidence:
                quotes += 1
                valid += quote_in_text(evidence.quote, document.page_text(evidence.page))
            if expected["status"] == "stated":
                stated += 1
                ok = got.status == "stated" and values_match(key, to_json_value(got.value), expected["value"])
                correct += ok
                if not ok:
                    failures.append(f"{gold['source']} {key}: want {expected['value']!r}, got {got.status} {to_json_value(got.value)!r}")
            elif expected["status"] == "not_stated":
                silent += 1
                if got.status != "not_stated":
                    fabricated += 1
                    failures.append(f"{gold['source']} {key}: should be not_stated, got {to_json_value(got.value)!r}")
            else:
                conflicts += 1
                detected += got.status == "conflicting"
                if got.status != "conflicting":
                    failures.append(f"{gold['source']} {key}: conflict missed, got {to_json_value(got.value)!r}")
    metrics = {
        "value_accuracy": correct / max(stated, 1),
        "fabrication_rate": fabricated / max(silent, 1),
        "conflict_detection": detected / max(conflicts, 1),
        "evidence_validity": valid / max(quotes, 1),
    }
    targets = [Target(metric="value_accuracy", op=">=", value=0.90), Target(metric="fabrication_rate", op="<=", value=0.02),
               Target(metric="evidence_validity", op=">=", value=1.0)]
    return SuiteResult(suite="extraction", metrics=metrics, targets=targets, cases=stated + silent + conflicts,
                       failures=failures)


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
