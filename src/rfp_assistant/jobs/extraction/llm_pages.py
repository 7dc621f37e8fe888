"""Page selection for the LLM extractor: what each call sees, fenced so proposal text cannot close the tags."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from rfp_assistant.core.documents import LoadedDocument
from rfp_assistant.resources import KNOWLEDGE_DIR
from rfp_assistant.jobs.extraction.llm_schema import FieldGroup, field_group
from rfp_assistant.schemas.proposal import field_specs

CHAR_BUDGET = 24_000  # proposal characters sent per call; shorter proposals are sent whole


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
    for key in field_group(name).keys:
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
