"""LLM extractor: the model reads a proposal into comparison schema v1, one call per group of fields.

Every value the model returns must come with a quote that is really on the cited page (and must parse as
its field's type); otherwise it is rejected and the field falls back to the offline extractor's reading, or
to "not stated". Results are cached per (file sha256, prompt version, model name).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, create_model

from ..documents import LoadedDocument, Page
from ..evidence import normalize_whitespace, quote_in_text
from ..resources import KNOWLEDGE_DIR
from .llm_cache import cache_path, load_cached, store
from .offline import extract_offline
from .schema import Evidence, FieldResult, FieldSpec, Money, ProposalExtraction, field_keys, field_specs

PROMPT = "extract_fields.v1"
CHAR_BUDGET = 24_000  # proposal characters sent per call; shorter proposals are sent whole
ACCEPTED_CONFIDENCE = 0.9
STATUSES = ("stated", "not_stated", "conflicting")


@dataclass(frozen=True)
class FieldGroup:
    """Fields asked for in one model call; `model_name` is also the JSON-schema name the endpoint sees."""

    name: str
    model_name: str
    title: str
    keys: tuple[str, ...]
    lead_pages: tuple[int, ...] = ()  # pages always sent first (the cover page names the company and date)


GROUPS: tuple[FieldGroup, ...] = (
    FieldGroup("identity_scope", "IdentityAndScope", "identity and scope",
               ("cdmo_name", "sites", "proposal_date", "proposal_validity_days", "modalities", "services_included",
                "assumptions"), lead_pages=(1,)),
    FieldGroup("capacity_capabilities", "CapacityAndCapabilities", "capacity and capabilities",
               ("max_bioreactor_volume_l", "bioreactor_type", "aseptic_fill_finish", "lyophilization",
                "high_containment")),
    FieldGroup("timeline", "Timeline", "timeline",
               ("first_available_gmp_slot", "tech_transfer_weeks", "process_development_weeks",
                "weeks_to_first_gmp_batch")),
    FieldGroup("commercial", "CommercialTerms", "commercial terms",
               ("pricing_model", "total_price", "gmp_batch_price", "tech_transfer_fee", "raw_material_markup_pct",
                "payment_terms", "cancellation_terms")),
    FieldGroup("quality_regulatory", "QualityAndRegulatory", "quality and regulatory record",
               ("last_fda_inspection_date", "last_fda_inspection_outcome", "fda_483_observations",
                "warning_letters_5y", "regulatory_approvals", "commercial_products_count")),
    FieldGroup("management_supply", "ProjectManagementAndSupply", "project management and supply",
               ("dedicated_project_manager", "reporting_cadence", "electronic_batch_records",
                "dual_sourcing_critical_materials", "similar_programs_count")),
)


# -- public entry point ------------------------------------------------------------------------------------

def extract_with_llm(
    document: LoadedDocument, chat, *, cache_dir: Path, offline: ProposalExtraction | None = None,
    char_budget: int = CHAR_BUDGET,
) -> ProposalExtraction:
    """Read `document` with the model (one call per field group), keeping only verifiable values.

    `offline` is the offline extractor's reading of the same document (computed when needed if not given);
    `char_budget` caps the proposal characters sent per call. Raises LLMError when the endpoint fails;
    nothing is cached then.
    """
    model = chat.settings.model
    path = cache_path(Path(cache_dir), document.sha256, PROMPT, model)
    cached = load_cached(path, document, prompt=PROMPT, model=model)
    if cached is not None:
        return cached

    blocked = addressed_to_ai(document)
    # The offline fallback must not read text addressed to an AI reader either.
    offline_reading = _Lazy(lambda: offline if offline is not None and not blocked else _offline(document, blocked))
    specs = field_specs()
    fields: dict[str, FieldResult] = {}
    rejected: list[str] = []
    trimmed: list[str] = []
    for group in GROUPS:
        pages, excerpt = select_pages(document, group, char_budget)
        reply = chat.structured(PROMPT, group_model(group.name), **prompt_variables(document, group, pages, excerpt))
        sent = {page["number"] for page in pages}
        for key in group.keys:
            verdict = check_answer(specs[key], getattr(reply, key, None), document, blocked)
            trimmed += [key] * verdict.dropped_items
            if verdict.result is None:
                if verdict.rejected:
                    rejected.append(key)
                fields[key] = _fallback(offline_reading, key, document, blocked)
            elif verdict.result.status == "not_stated" and excerpt and _seen_elsewhere(offline_reading, key, sent):
                # The model could only say "not stated" about the pages it was shown.
                fields[key] = _fallback(offline_reading, key, document, blocked)
            else:
                fields[key] = verdict.result

    warnings = _warnings(rejected, trimmed, sorted(blocked))
    result = ProposalExtraction(
        source=document.source, pages=document.page_count, mode="llm",
        fields={key: fields.get(key) or FieldResult() for key in field_keys()},
        warnings=list(document.warnings) + warnings,
    )
    store(path, result, document, prompt=PROMPT, model=model, warnings=warnings)
    return result


def _offline(document: LoadedDocument, blocked: dict[int, list[str]]) -> ProposalExtraction:
    if blocked:
        pages = [Page(page.number, _blank_spans(page.text, _ai_spans(page.text))) for page in document.pages]
        document = replace(document, pages=pages)
    return extract_offline(document)


class _Lazy:
    """Compute the offline reading only when a field needs it."""

    def __init__(self, make: Callable[[], ProposalExtraction]):
        self._make = make
        self._value: ProposalExtraction | None = None

    def __call__(self) -> ProposalExtraction:
        if self._value is None:
            self._value = self._make()
        return self._value


def _fallback(offline_reading: _Lazy, key: str, document: LoadedDocument,
              blocked: dict[int, list[str]]) -> FieldResult:
    """The offline reading of `key` (a copy), unless it rests on text addressed to an AI reader."""
    result = (offline_reading().fields.get(key) or FieldResult()).model_copy(deep=True)
    if any(_overlaps(e.quote, document.page_text(e.page), blocked.get(e.page, [])) for e in result.evidence):
        return FieldResult()
    return result


def _seen_elsewhere(offline_reading: _Lazy, key: str, sent: set[int]) -> bool:
    result = offline_reading().fields.get(key)
    return bool(result and result.status != "not_stated" and any(e.page not in sent for e in result.evidence))


def _warnings(rejected: list[str], trimmed: list[str], injected_pages: list[int]) -> list[str]:
    out = []
    if injected_pages:
        many = len(injected_pages) > 1
        out.append(f"Page{'s' if many else ''} {', '.join(map(str, injected_pages))} contain{'' if many else 's'} "
                   "text addressed to an AI reader (possible prompt injection); it was ignored and not used as "
                   "evidence.")
    if rejected:
        many = len(rejected) > 1
        out.append(f"{len(rejected)} value{'s' if many else ''} returned by the model {'were' if many else 'was'} "
                   "rejected (no matching quote on the cited page, or a value that could not be read): "
                   f"{', '.join(rejected)}. Those fields use the offline reading or 'not stated'.")
    if trimmed:
        many = len(trimmed) > 1
        out.append(f"{len(trimmed)} list item{'s' if many else ''} not supported by {'their' if many else 'its'} "
                   f"quotes {'were' if many else 'was'} dropped ({', '.join(dict.fromkeys(trimmed))}).")
    return out


# -- response models -----------------------------------------------------------------------------------------

_EVIDENCE_SCHEMA = {
    "type": "array",
    "description": "Quotes backing the value: each copied character for character from the page it names. "
                   "At least one when stated; one per value when conflicting; empty when not stated.",
    "items": {
        "type": "object",
        "properties": {
            "page": {"type": "integer", "description": "The page number from the <page number=...> tag."},
            "quote": {"type": "string", "description": "A sentence or shorter, copied exactly from that page."},
        },
        "required": ["page", "quote"],
        "additionalProperties": False,
    },
}
_STATUS_SCHEMA = {
    "type": "string", "enum": list(STATUSES),
    "description": "stated (the proposal gives the value), not_stated (it is silent: value null) or "
                   "conflicting (it gives different values in different places: value null).",
}


class _Lenient(BaseModel):
    """Accept whatever the model sends; each field is checked on its own afterwards (so one bad value
    costs one field, not the whole group)."""

    model_config = ConfigDict(extra="ignore")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def value_schema(spec: FieldSpec) -> dict[str, Any]:
    """JSON schema of one field's value as the model should give it (always nullable)."""
    enum = list(spec.enum)
    unit = f" in {spec.unit}" if spec.unit and spec.unit != "%" else " in percent" if spec.unit == "%" else ""
    kinds: dict[str, tuple[dict[str, Any], str]] = {
        "string": ({"type": "string"}, "Text in the proposal's own words."),
        "list_string": ({"type": "array", "items": {"type": "string"}},
                        "A list; each item in the proposal's own words."),
        "date": ({"type": "string"},
                 "ISO date YYYY-MM-DD; a month or quarter is its first day (Q3 2026 -> 2026-07-01)."),
        "int": ({"type": "integer"}, "A whole number; 0 only when the proposal says none."),
        "number": ({"type": "number"},
                   f"A number{unit}; a range gives its upper bound (10-12 -> 12); convert other units{unit}."),
        "bool": ({"type": "boolean"},
                 "true when the proposal says it offers this; false only when it says it does not."),
        "enum": ({"type": "string", "enum": enum}, "One of the allowed values."),
        "list_enum": ({"type": "array", "items": {"type": "string", "enum": enum}},
                      "Allowed values only, each one stated in the proposal."),
        "money": ({"type": "object",
                   "properties": {"amount": {"type": "number", "description": "Plain number: 1250000 for 1.25M."},
                                  "currency": {"type": "string", "description": "ISO 4217 code, e.g. USD, EUR."}},
                   "required": ["amount", "currency"], "additionalProperties": False},
                  "Amount and ISO 4217 currency."),
    }
    schema, rule = kinds[spec.type]
    return {**_nullable(schema), "description": f"{spec.question} ({spec.format}). {rule} Null unless stated."}


def _camel(key: str) -> str:
    return "".join(part.capitalize() for part in key.split("_"))


@lru_cache(maxsize=None)
def answer_model(key: str) -> type[BaseModel]:
    """Response model for one field: value (typed in the schema), status, evidence."""
    spec = field_specs()[key]
    return create_model(
        f"{_camel(key)}Answer",
        __base__=_Lenient,
        __doc__=f"{spec.label}: {spec.question}.",
        value=(Annotated[Any, WithJsonSchema(value_schema(spec))], Field(default=None)),
        status=(Annotated[Any, WithJsonSchema(_STATUS_SCHEMA)], Field(default_factory=lambda: "not_stated")),
        evidence=(Annotated[Any, WithJsonSchema(_EVIDENCE_SCHEMA)], Field(default_factory=list)),
    )


@lru_cache(maxsize=None)
def group_model(name: str) -> type[BaseModel]:
    """Response model for one field group (its class name is the schema name the endpoint receives)."""
    group = _group(name)
    specs = field_specs()
    # A missing field is read as "no answer" (default None); the default_factory keeps it out of the schema.
    fields = {
        key: (answer_model(key), Field(default_factory=lambda: None, description=f"{specs[key].label}: "
                                       f"{specs[key].question}."))
        for key in group.keys
    }
    return create_model(group.model_name, __base__=_Lenient,
                        __doc__=f"Fields of a CDMO proposal: {group.title}.", **fields)


def _group(name: str) -> FieldGroup:
    for group in GROUPS:
        if group.name == name:
            return group
    raise KeyError(name)


# -- prompt variables and page selection ---------------------------------------------------------------------

_FENCE_TAG = re.compile(r"<(?=\s*/?\s*(?:proposal|page)\b)", re.I)


def fence_safe(text: str) -> str:
    """The proposal text with anything that looks like our delimiter tags defused (it cannot close the fence)."""
    return _FENCE_TAG.sub("‹", text)


def prompt_variables(document: LoadedDocument, group: FieldGroup, pages: list[dict], excerpt: bool) -> dict:
    """Variables for prompts/extract_fields.v1.jinja."""
    specs = field_specs()
    fields = [
        {"key": key, "label": specs[key].label, "type": specs[key].type, "unit": specs[key].unit,
         "question": specs[key].question, "format": specs[key].format, "enum": list(specs[key].enum)}
        for key in group.keys
    ]
    return {
        "source": fence_safe(document.source), "page_count": document.page_count, "group_title": group.title,
        "fields": fields, "pages": pages, "excerpt": excerpt,
    }


def select_pages(document: LoadedDocument, group: FieldGroup, budget: int = CHAR_BUDGET) -> tuple[list[dict], bool]:
    """Pages to send for `group` as [{number, text}] in reading order, and whether this is only an excerpt.

    A proposal within `budget` characters is sent whole; a longer one sends the group's lead pages and then the
    pages its cue words score highest, until the budget is spent (an oversized page keeps its best paragraphs).
    """
    pages = [page for page in document.pages if page.text.strip()]
    if sum(len(page.text) for page in pages) <= budget:
        return [{"number": page.number, "text": fence_safe(page.text)} for page in pages], False
    cues = _group_cues(group.name)
    scores = {page.number: _score(page.text, cues) for page in pages}
    lead = [page for page in pages if page.number in group.lead_pages]
    ranked = lead + sorted((p for p in pages if p not in lead), key=lambda p: (-scores[p.number], p.number))
    chosen: dict[int, str] = {}
    left = budget
    for page in ranked:
        if left < 400:
            break
        text = page.text
        if len(text) > left:
            if scores[page.number] == 0 and chosen:
                continue
            text = _best_passages(text, cues, left)
            if not text:
                continue
        chosen[page.number] = text
        left -= len(text)
    return [{"number": n, "text": fence_safe(chosen[n])} for n in sorted(chosen)], True


def _score(text: str, cues: tuple[re.Pattern, ...]) -> int:
    return sum(min(len(cue.findall(text)), 3) for cue in cues)


def _best_passages(text: str, cues: tuple[re.Pattern, ...], budget: int) -> str:
    """The highest-scoring paragraphs of an oversized page that fit `budget`, in reading order."""
    joint = "\n[…]\n"
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    ranked = sorted(range(len(paragraphs)), key=lambda i: (-_score(paragraphs[i], cues), i))
    keep: list[int] = []
    used = 0
    for i in ranked:
        size = len(paragraphs[i]) + (len(joint) if keep else 0)
        if used + size <= budget:
            keep.append(i)
            used += size
    if keep:
        return joint.join(paragraphs[i] for i in sorted(keep))
    # One paragraph larger than the budget: a window starting shortly before its first cue.
    best = paragraphs[ranked[0]] if ranked else text
    hits = [m.start() for cue in cues if (m := cue.search(best))]
    start = max(0, min(min(hits, default=0) - budget // 4, len(best) - budget))
    return best[start:start + budget]


@lru_cache(maxsize=None)
def _group_cues(name: str) -> tuple[re.Pattern, ...]:
    """Cue patterns of a group: the schema's cues, the extraction term lists, and the fields' label words."""
    terms = yaml.safe_load((KNOWLEDGE_DIR / "extraction_terms.yaml").read_text())
    specs = field_specs()
    patterns: list[re.Pattern] = []
    raw: list[str] = []
    for key in _group(name).keys:
        spec = specs[key]
        patterns += spec.cues
        boolean = (terms.get("booleans") or {}).get(key) or {}
        raw += list(boolean.get("terms") or []) + list(boolean.get("negative_terms") or [])
        for section in ("enums", "lists"):
            for options in ((terms.get(section) or {}).get(key) or {}).values():
                raw += list(options or [])
        raw += [rf"\b{re.escape(word)}" for word in re.findall(r"[A-Za-z]{4,}", spec.label)]
    for pattern in dict.fromkeys(raw):
        try:
            patterns.append(re.compile(pattern, re.I))
        except re.error:
            continue
    return tuple(patterns)


# -- verification ----------------------------------------------------------------------------------------------

@dataclass
class Verdict:
    """The checked answer for one field: a result to keep, or None (rejected / no answer) to fall back."""

    result: FieldResult | None
    rejected: bool = False
    reason: str = ""
    dropped_items: int = 0


def check_answer(spec: FieldSpec, answer: BaseModel | dict | None, document: LoadedDocument,
                 blocked: dict[int, list[str]] | None = None) -> Verdict:
    """Keep a model answer only when its value parses and at least one quote is really on the cited page.

    `blocked` holds, per page, passages that are not evidence (text addressed to an AI reader).
    """
    if answer is None:
        return Verdict(None, reason="no answer")
    raw = answer.model_dump() if isinstance(answer, BaseModel) else dict(answer)
    status = str(raw.get("status") or "not_stated").strip().lower().replace("-", "_").replace(" ", "_")
    if status not in STATUSES:
        return Verdict(None, rejected=True, reason=f"unknown status {status!r}")
    if status == "not_stated":
        return Verdict(FieldResult())
    evidence = verified_evidence(raw.get("evidence"), document, blocked)
    if status == "conflicting":
        if len(evidence) < 2:
            return Verdict(None, rejected=True, reason="a conflict needs a verifiable quote for each value")
        return Verdict(FieldResult(status="conflicting", evidence=evidence[:3], confidence=0.7))
    if not evidence:
        return Verdict(None, rejected=True, reason="no quote found on the cited page")
    try:
        value = coerce_value(spec, raw.get("value"))
    except (TypeError, ValueError) as exc:
        return Verdict(None, rejected=True, reason=str(exc))
    dropped = 0
    if spec.type in ("string", "list_string"):
        quoted = " ".join(e.quote for e in evidence)
        items = value if isinstance(value, list) else [value]
        kept = [item for item in items if supported_by(item, quoted)]
        dropped = len(items) - len(kept) if kept else 0
        if not kept:
            return Verdict(None, rejected=True, reason="the value is not in its quotes")
        value = kept if isinstance(value, list) else kept[0]
    return Verdict(FieldResult(value=value, status="stated", evidence=evidence[:3], confidence=ACCEPTED_CONFIDENCE),
                   dropped_items=dropped)


def verified_evidence(items: Any, document: LoadedDocument,
                      blocked: dict[int, list[str]] | None = None) -> list[Evidence]:
    """The quotes that are verbatim (whitespace-normalized) on the page they cite and outside blocked passages."""
    out: list[Evidence] = []
    seen: set[tuple[int, str]] = set()
    for item in items if isinstance(items, list) else []:
        if isinstance(item, BaseModel):
            item = item.model_dump()
        if not isinstance(item, dict):
            continue
        try:
            page = int(item.get("page"))
        except (TypeError, ValueError):
            continue
        quote = normalize_whitespace(str(item.get("quote") or ""))
        if (page, quote) in seen or not quote_in_text(quote, document.page_text(page)):
            continue
        if blocked and _overlaps(quote, document.page_text(page), blocked.get(page, [])):
            continue
        seen.add((page, quote))
        out.append(Evidence(page=page, quote=quote))
    return out


# Text that talks to a model or an evaluator rather than describing the vendor ("ignore previous instructions").
_ADDRESSED_TO_AI = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:instructions?|prompts?|rules|guidelines)\b"
    r"|\bsystem prompt\b|\b(?:you are|as) an? (?:ai|llm|language model|ai assistant)\b"
    r"|\b(?:ai|llm|gpt|chatbot|language model|automated)[- ](?:evaluators?|reviewers?|assistants?|models?|graders?)\b"
    r"|\b(?:score|rank|rate|grade)\s+(?:us|this (?:vendor|proposal|company|bid|cdmo))\b",
    re.I,
)
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_MAX_BLOCK = 1200


def _canonical(text: str) -> str:
    return normalize_whitespace(text).translate(_TYPOGRAPHIC)


def addressed_to_ai(document: LoadedDocument) -> dict[int, list[str]]:
    """Per page, the paragraphs (canonical text) that address an AI reader; they are never evidence."""
    found: dict[int, list[str]] = {}
    for page in document.pages:
        passages = list(dict.fromkeys(_canonical(page.text[a:b]) for a, b in _ai_spans(page.text)))
        if passages:
            found[page.number] = passages
    return found


def _ai_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph that addresses an AI reader (around the marker, in a wall of text)."""
    spans = []
    for paragraph in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text):
        for marker in _ADDRESSED_TO_AI.finditer(paragraph.group(0)):
            start, end = paragraph.span()
            if end - start > _MAX_BLOCK:
                half = _MAX_BLOCK // 2
                start, end = max(start, start + marker.start() - half), min(end, start + marker.end() + half)
            spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + "\n" + text[end:]
    return text


def _overlaps(quote: str, page_text: str, passages: list[str]) -> bool:
    canon = _canonical(page_text)
    start = canon.find(_canonical(quote))
    end = start + len(_canonical(quote))
    for passage in passages:
        p_start = canon.find(passage)
        if p_start >= 0 and start < p_start + len(passage) and p_start < end:
            return True
    return False


_WORD = re.compile(r"[^\W_]+")


def supported_by(value: str, quoted: str, share: float = 0.5) -> bool:
    """At least `share` of the value's words (3+ letters, or any number) appear in the quoted text."""
    words = [w for w in _WORD.findall(value.casefold()) if len(w) >= 3 or w.isdigit()]
    if not words:
        return True
    available = set(_WORD.findall(quoted.casefold()))
    return sum(w in available for w in words) >= share * len(words)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "CHF": "CHF"}


def coerce_value(spec: FieldSpec, value: Any) -> Any:
    """The value in the schema's Python type; ValueError/TypeError when it does not parse or is not allowed."""
    if value is None:
        raise ValueError("stated without a value")
    kind = spec.type
    if kind == "string":
        text = normalize_whitespace(_text(value))
        if not text:
            raise ValueError("empty text")
        return text
    if kind == "list_string":
        items = [normalize_whitespace(_text(v)) for v in (value if isinstance(value, list) else [value])]
        items = list(dict.fromkeys(i for i in items if i))
        if not items:
            raise ValueError("empty list")
        return items
    if kind == "date":
        return _date(value)
    if kind == "int":
        number = _number(value)
        if number != int(number) or number < 0:
            raise ValueError(f"{value!r} is not a whole number")
        return int(number)
    if kind == "number":
        number = _number(value)
        if number < 0:
            raise ValueError(f"{value!r} is negative")
        return float(number)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in ("true", "yes"):
            return True
        if word in ("false", "no"):
            return False
        raise ValueError(f"{value!r} is not true or false")
    if kind == "enum":
        return _enum(spec, value)
    if kind == "list_enum":
        items = value if isinstance(value, list) else [value]
        chosen = list(dict.fromkeys(_enum(spec, item) for item in items))
        if not chosen:
            raise ValueError("empty list")
        return chosen
    if kind == "money":
        return _money(value)
    raise ValueError(f"unknown field type {kind}")


def _text(value: Any) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise TypeError(f"{value!r} is not text")
    return str(value)


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, str):
        value = value.strip().replace(",", "")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _date(value: Any) -> dt.date:
    match = _ISO_DATE.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"{value!r} is not an ISO date")
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
    if not 1950 <= year <= 2100:
        raise ValueError(f"{value!r} is out of range")
    return dt.date(year, month, day)  # raises ValueError for 2026-13-45


def _squash(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.casefold())


def _enum(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not one of {', '.join(spec.enum)}")
    for option in spec.enum:
        if _squash(option) == _squash(value):
            return option
    raise ValueError(f"{value!r} is not one of {', '.join(spec.enum)}")


def _money(value: Any) -> Money:
    if isinstance(value, Money):
        value = value.model_dump()
    if not isinstance(value, dict):
        raise TypeError(f"{value!r} is not an amount with a currency")
    amount = _number(value.get("amount"))
    currency = str(value.get("currency") or "").strip()
    currency = _CURRENCY_SIGNS.get(currency, currency.upper())
    if amount < 0 or not re.fullmatch(r"[A-Z]{3}", currency):
        raise ValueError(f"{value!r} is not a valid amount and ISO 4217 currency")
    return Money(amount=round(amount, 2), currency=currency)


__all__ = ["GROUPS", "PROMPT", "FieldGroup", "check_answer", "extract_with_llm", "group_model", "select_pages"]
