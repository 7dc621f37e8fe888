"""LLM extractor: the model reads a proposal into comparison schema v1, one call per group of fields.

Every value the model returns must come with a quote that is really on the cited page (and must parse as
its field's type); otherwise it is rejected and the field falls back to the offline extractor's reading, or
to "not stated". Results are cached in the workspace per (file sha256, endpoint, model, prompt, verifier version).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rfp_assistant.core.documents import LoadedDocument, Page
from rfp_assistant.core.documents.injection import ai_spans as _ai_spans
from rfp_assistant.core.documents.injection import blank_spans as _blank_spans
from rfp_assistant.jobs.extraction.llm_cache import CacheKey, cache_path, load_cached, store
from rfp_assistant.jobs.extraction.llm_pages import CHAR_BUDGET, fence_safe, prompt_variables, select_pages
from rfp_assistant.jobs.extraction.llm_schema import (
    GROUPS,
    STATUSES,
    FieldGroup,
    answer_model,
    group_model,
    value_schema,
)
from rfp_assistant.jobs.extraction.llm_verify import (
    ACCEPTED_CONFIDENCE,
    VERIFIER_VERSION,
    Verdict,
    quotes_overlap,
    addressed_to_ai,
    check_answer,
    coerce_value,
    supported_by,
    verified_evidence,
)
from rfp_assistant.jobs.extraction.offline import extract_offline
from rfp_assistant.schemas.proposal import FieldResult, ProposalExtraction, field_keys, field_specs

PROMPT = "extract_fields.v1"


# -- public entry point ------------------------------------------------------------------------------------

def extract_with_llm(
    document: LoadedDocument, chat, *, cache_dir: Path, offline: ProposalExtraction | None = None,
    char_budget: int = CHAR_BUDGET,
) -> ProposalExtraction:
    """Read `document` with the model (one call per field group), keeping only verifiable values.

    `cache_dir` is the workspace folder the reading is cached in (it holds vendor text, so never a machine-wide
    folder); `offline` is the offline extractor's reading of the same document (computed when needed if not
    given); `char_budget` caps the proposal characters sent per call. Raises LLMError when the endpoint fails;
    nothing is cached then.
    """
    cache_key = CacheKey(document.sha256, chat.settings.openai_base_url, chat.settings.model, PROMPT, VERIFIER_VERSION)
    path = cache_path(Path(cache_dir), cache_key)
    cached = load_cached(path, document, cache_key)
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
                    rejected.append(f"{key} ({verdict.reason})")
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
    store(path, result, document, cache_key, warnings)
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
    if any(quotes_overlap(e.quote, document.page_text(e.page), blocked.get(e.page, [])) for e in result.evidence):
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
                   "rejected (no matching quote on the cited page, or a value its quote does not give): "
                   f"{', '.join(rejected)}. Those fields use the offline reading or 'not stated'.")
    if trimmed:
        many = len(trimmed) > 1
        out.append(f"{len(trimmed)} list item{'s' if many else ''} not supported by {'their' if many else 'its'} "
                   f"quotes {'were' if many else 'was'} dropped ({', '.join(dict.fromkeys(trimmed))}).")
    return out


# Re-exported: the response models, page selection and answer checks live in llm_schema, llm_pages, llm_verify.
__all__ = [
    "ACCEPTED_CONFIDENCE", "CHAR_BUDGET", "GROUPS", "PROMPT", "STATUSES", "FieldGroup", "Verdict", "addressed_to_ai",
    "answer_model", "check_answer", "coerce_value", "extract_with_llm", "fence_safe", "group_model",
    "prompt_variables", "select_pages", "supported_by", "value_schema", "verified_evidence",
]
