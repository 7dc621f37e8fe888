"""Cache of LLM extractions, inside the workspace: one JSON file per (file, endpoint, model, prompt, verifier).

A proposal's extraction holds its quotes, so it is vendor text: it lives in the workspace's folder (never a
machine-wide cache), is named by the file's hash so deleting the document deletes it, and goes with the workspace.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rfp_assistant.core.documents import LoadedDocument
from rfp_assistant.core.storage.document_files import document_file
from rfp_assistant.schemas.proposal import (
    Evidence,
    FieldResult,
    Money,
    ProposalExtraction,
    field_specs,
    to_json_value,
)

CACHE_FORMAT = 2
DEFAULT_ENDPOINT = "https://api.openai.com/v1"  # what the OpenAI client calls when OPENAI_BASE_URL is unset


@dataclass(frozen=True)
class CacheKey:
    """Everything that decides what the model's reading of a file is: a change in any of these redoes it."""

    sha256: str
    base_url: str | None
    model: str
    prompt: str
    verifier: int

    @property
    def endpoint(self) -> str:
        """The endpoint as compared: trailing slashes dropped, the default spelled out."""
        return (self.base_url or DEFAULT_ENDPOINT).rstrip("/")

    @property
    def digest(self) -> str:
        """Hash of the whole key (the endpoint may carry credentials, so it is never written out in clear)."""
        material = "\0".join([str(CACHE_FORMAT), self.sha256, self.endpoint, self.model, self.prompt,
                               str(self.verifier)])
        return hashlib.sha256(material.encode()).hexdigest()


def cache_path(folder: Path, key: CacheKey) -> Path:
    """Where the extraction for `key` is kept under the workspace folder `folder`."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", key.model)[:40]
    return document_file(folder, "extractions", key.sha256, f"{key.prompt}.{slug}.{key.digest[:24]}.json")


def load_cached(path: Path, document: LoadedDocument, key: CacheKey) -> ProposalExtraction | None:
    """The cached extraction for `document`, or None when absent, stale or unreadable (it is then redone).

    A hit under a file name not seen before adds that name to the entry, so deleting by either name removes it.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if (data.get("format"), data.get("sha256"), data.get("key")) != (CACHE_FORMAT, document.sha256, key.digest):
            return None
        specs = field_specs()
        fields = {name: _field_from_json(name, raw) for name, raw in data["fields"].items() if name in specs}
        if set(fields) != set(specs):
            return None
        result = ProposalExtraction(
            source=document.source, pages=document.page_count, mode="llm", fields=fields,
            warnings=list(document.warnings) + list(data.get("warnings") or []),
        )
        names = list(data.get("sources") or [])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if document.source not in names:
        try:
            _write(path, {**data, "source": document.source, "sources": names + [document.source]})
        except OSError:
            pass  # the reading is still good; only the extra name is not remembered
    return result


def store(path: Path, extraction: ProposalExtraction, document: LoadedDocument, key: CacheKey,
          warnings: list[str]) -> None:
    """Write the extraction (fields and the model's own warnings) atomically: a temp file renamed into place."""
    endpoint = urlsplit(key.endpoint)
    _write(path, {
        "format": CACHE_FORMAT, "sha256": document.sha256, "key": key.digest, "source": document.source,
        "sources": [document.source], "prompt": key.prompt, "model": key.model, "verifier": key.verifier,
        "endpoint": f"{endpoint.scheme}://{endpoint.netloc.rsplit('@', 1)[-1]}{endpoint.path}",  # no user:pw@, query
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "fields": {name: _field_to_json(result) for name, result in extraction.fields.items()},
        "warnings": warnings,
    })


def _write(path: Path, payload: dict[str, Any]) -> None:
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
