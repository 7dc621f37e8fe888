"""Read a project brief (free text, a file, or YAML/JSON) into a ProjectBrief, offline or with the model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from rfp_assistant.errors import DocumentError, EmptyDocumentError
from rfp_assistant.jobs.drafting.brief_clauses import brief_clauses
from rfp_assistant.jobs.drafting.brief_offline import parse_units, units_from_mapping, units_from_text
from rfp_assistant.jobs.drafting.corrections import corrected_text
from rfp_assistant.jobs.drafting.form_boxes import ticked_only
from rfp_assistant.jobs.drafting.superseded import standing_units, without_superseded
from rfp_assistant.schemas.brief import ProjectBrief

MAX_BRIEF_BYTES = 2_000_000
_STRUCTURED = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
# Brief files read through the document loader (the rest are read as text, YAML or JSON).
READ_AS_DOCUMENT = (".pdf", ".docx", ".pptx", ".eml", ".html", ".htm", ".xlsx", ".csv")


def read_brief(brief_text_or_path: str | Path) -> tuple[str, str]:
    """The brief's text and format ('text', 'yaml' or 'json'); a path is read, anything else is the brief itself."""
    path = _as_path(brief_text_or_path)
    if path is not None:
        if path.suffix.lower() in READ_AS_DOCUMENT:
            from rfp_assistant.core.documents import load_document

            document = load_document(path, max_bytes=MAX_BRIEF_BYTES)
            text, fmt = "\n".join(page.text for page in document.pages), "text"
        else:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise DocumentError(path.name, f"the brief could not be read ({exc})") from exc
            fmt = _STRUCTURED.get(path.suffix.lower(), "text")
        source = path.name
    else:
        text, fmt, source = str(brief_text_or_path), "text", "brief"
    if not text.strip():
        raise EmptyDocumentError(source, "the brief is empty; write a few sentences about the program")
    if fmt == "text" and (mapping := _mapping(text, "yaml")) is not None and _labels_only(mapping):
        fmt = "yaml"
    return text, fmt


def parse_brief(brief_text_or_path: str | Path, *, chat=None) -> ProjectBrief:
    """Parse a brief into ProjectBrief fields, each stated or missing; with `chat`, the model reads it first."""
    text, fmt = read_brief(brief_text_or_path)
    brief = parse_brief_text(text, fmt)
    if chat is not None:
        from rfp_assistant.jobs.drafting.brief_llm import parse_with_model

        brief = parse_with_model(chat, text, brief)
    return brief


def parse_brief_text(text: str, fmt: str = "text") -> ProjectBrief:
    """The offline parser over already-read brief text."""
    mapping = _mapping(text, fmt) if fmt in ("yaml", "json") else None
    text = text if mapping is not None else without_superseded(corrected_text(ticked_only(text)))
    units = units_from_mapping(mapping) if mapping is not None else units_from_text(text)
    brief = parse_units(standing_units(units), fmt if mapping is not None else "text")
    brief.clauses = [c.text for c in brief_clauses(text, mapping=mapping)]
    return brief


def _labels_only(mapping: dict) -> bool:
    """Whether a plain-text brief that parses as YAML was written as fields ('Modality: mAb'), not as a message
    whose lines happen to end in a colon ('Team — quick brief for the RFP on our IgG1 (PSX-77):', 'From: ...')."""
    return all(len(key.split()) <= 4 and not re.search(r"[\u2013\u2014()?!]", key) for key in mapping) \
        and "from" not in {key.strip().lower() for key in mapping}


def _mapping(text: str, fmt: str) -> dict | None:
    try:
        data = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        return None
    # A one-line brief such as "Phase 1 mAb: 2 batches" parses as YAML too; a real mapping has several keys. A chat
    # whose speakers write more than once ('Mira: ...' twice) parses too, keeping only each speaker's last line.
    if isinstance(data, dict) and len(data) >= 2 and all(isinstance(k, str) for k in data) and not _repeats_keys(text):
        return data
    return None


def _repeats_keys(text: str) -> bool:
    keys = [m.group(1).strip() for m in re.finditer(r"^([^\s#:][^:\n]*):", text, re.M)]
    return len(keys) != len(set(keys))


def _as_path(value: str | Path) -> Path | None:
    if isinstance(value, Path):
        if not value.is_file():
            raise DocumentError(value.name, "no such file")
        return value
    if "\n" in value or len(value) > 500:
        return None
    candidate = Path(value.strip()).expanduser()
    try:
        if candidate.is_file():
            return candidate
    except OSError:
        return None
    if re.fullmatch(r"\S+\.(?:txt|md|yaml|yml|json|docx|pdf)", value.strip(), re.I):
        raise DocumentError(candidate.name, "no such file (give the path of the brief, or the brief's text)")
    return None
