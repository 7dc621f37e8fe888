"""Cache of LLM extractions: one JSON file per (file sha256, prompt version, model name), written atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from rfp_assistant.core.documents import LoadedDocument
from rfp_assistant.schemas.proposal import (
    Evidence,
    FieldResult,
    Money,
    ProposalExtraction,
    field_specs,
    to_json_value,
)

CACHE_FORMAT = 1


def cache_path(cache_dir: Path, sha256: str, prompt: str, model: str) -> Path:
    """Where the extraction of the file with `sha256` by `model` with `prompt` is kept."""
    key = hashlib.sha256(f"{CACHE_FORMAT}\0{sha256}\0{prompt}\0{model}".encode()).hexdigest()[:24]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", model)[:40]
    return Path(cache_dir) / "extractions" / f"{sha256[:16]}.{prompt}.{slug}.{key}.json"


def load_cached(path: Path, document: LoadedDocument, *, prompt: str, model: str) -> ProposalExtraction | None:
    """The cached extraction for `document`, or None when absent, stale or unreadable (it is then redone)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if (data.get("format"), data.get("sha256"), data.get("prompt"), data.get("model")) != (
            CACHE_FORMAT, document.sha256, prompt, model
        ):
            return None
        specs = field_specs()
        fields = {key: _field_from_json(key, raw) for key, raw in data["fields"].items() if key in specs}
        if set(fields) != set(specs):
            return None
        return ProposalExtraction(
            source=document.source, pages=document.page_count, mode="llm", fields=fields,
            warnings=list(document.warnings) + list(data.get("warnings") or []),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(path: Path, extraction: ProposalExtraction, document: LoadedDocument, *, prompt: str, model: str,
          warnings: list[str]) -> None:
    """Write the extraction (fields and the model's own warnings) atomically: a temp file renamed into place."""
    payload = {
        "format": CACHE_FORMAT, "sha256": document.sha256, "prompt": prompt, "model": model,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "fields": {key: _field_to_json(result) for key, result in extraction.fields.items()},
        "warnings": warnings,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(payload, out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _field_to_json(result: FieldResult) -> dict[str, Any]:
    return {
        "value": to_json_value(result.value), "status": result.status,
        "evidence": [e.model_dump() for e in result.evidence], "confidence": result.confidence,
        "candidates": [to_json_value(c) for c in result.candidates],
    }


def _field_from_json(key: str, raw: dict[str, Any]) -> FieldResult:
    kind = field_specs()[key].type
    return FieldResult(
        value=_typed(kind, raw.get("value")), status=raw.get("status", "not_stated"),
        evidence=[Evidence.model_validate(e) for e in raw.get("evidence") or []],
        confidence=float(raw.get("confidence") or 0.0),
        candidates=[_typed(kind, c) for c in raw.get("candidates") or []],
    )


def _typed(kind: str, value: Any) -> Any:
    """Undo to_json_value: ISO strings back to dates, {amount, currency} back to Money."""
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "money":
        return Money.model_validate(value)
    return value
