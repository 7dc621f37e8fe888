"""Checks on the LLM extractor's answers: evidence verification, text addressed to an AI reader, value coercion."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from rfp_assistant.core.documents import LoadedDocument
from rfp_assistant.core.text.sentences import canonical_text, normalize_whitespace, quote_in_text
from rfp_assistant.core.documents.injection import ai_spans
from rfp_assistant.jobs.extraction.llm_schema import STATUSES
from rfp_assistant.jobs.extraction.value_check import derived
from rfp_assistant.schemas.proposal import Evidence, FieldResult, FieldSpec, Money

ACCEPTED_CONFIDENCE = 0.9
# Part of the extraction cache's key: bump it whenever these checks accept or reject differently, so cached
# readings made under the old rules are redone.
VERIFIER_VERSION = 2


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
    # A genuine quote is not enough: the value must follow from it (the number, date, price, yes/no or option
    # the quote gives), or the field falls back.
    checked = derived(spec, value, [e.quote for e in evidence],
                      [document.page_text(n) for n in sorted({e.page for e in evidence})])
    if checked.value is None:
        return Verdict(None, rejected=True, reason=checked.reason)
    return Verdict(FieldResult(value=checked.value, status="stated", evidence=evidence[:3],
                               confidence=ACCEPTED_CONFIDENCE), dropped_items=len(checked.dropped))


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
        if blocked and quotes_overlap(quote, document.page_text(page), blocked.get(page, [])):
            continue
        seen.add((page, quote))
        out.append(Evidence(page=page, quote=quote))
    return out


def addressed_to_ai(document: LoadedDocument) -> dict[int, list[str]]:
    """Per page, the paragraphs (canonical text) that address an AI reader; they are never evidence."""
    found: dict[int, list[str]] = {}
    for page in document.pages:
        passages = list(dict.fromkeys(canonical_text(page.text[a:b]) for a, b in ai_spans(page.text)))
        if passages:
            found[page.number] = passages
    return found


def quotes_overlap(quote: str, page_text: str, passages: list[str]) -> bool:
    """True when the quote lies within (or overlaps) one of the passages the model was shown."""
    canon = canonical_text(page_text)
    start = canon.find(canonical_text(quote))
    end = start + len(canonical_text(quote))
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
        # An empty list is a statement ("none of our products is approved yet"); its quote must say so.
        items = value if isinstance(value, list) else [value]
        return list(dict.fromkeys(_enum(spec, item) for item in items))
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
