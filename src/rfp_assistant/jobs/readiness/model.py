"""LLM mode: the model judges each area from the same retrieved passages, and its quotes are checked like any
other evidence: verbatim in the passage it names, then read by the same language rules (another product's
passage does not count; a draft, TBD or intention cannot make an item covered)."""

from __future__ import annotations

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.core.text.sentences import normalize_whitespace, quote_in_text
from rfp_assistant.jobs.readiness.report import ItemAssessment
from rfp_assistant.jobs.readiness.context import Context
from rfp_assistant.jobs.readiness.language import judge
from rfp_assistant.jobs.readiness.rules import MAX_QUOTES, ChecklistItem, EvidencePool, Status
from rfp_assistant.schemas.common import Citation, Model

MAX_PASSAGES = 24
PROMPT = "assess_area.v2"


class _LLMQuote(Model):
    """A verbatim quote from one numbered passage."""

    passage: int
    """The passage number, as given in the prompt."""
    quote: str
    """Text copied character for character from that passage (one sentence or less)."""


class _LLMItem(Model):
    """The assessment of one checklist item."""

    id: str
    """The item id, exactly as given."""
    status: Status
    """covered, partial or missing, judged by the item's covered_when and partial_when."""
    evidence: list[_LLMQuote]
    """Quotes supporting the status, the deciding one first; empty when no passage addresses the item."""
    reason: str
    """One sentence saying why this status."""


class _LLMArea(Model):
    """The assessment of every item of one area."""

    items: list[_LLMItem]
    """One entry per item given."""


def assess_area_with_model(chat, area, items: list[ChecklistItem], pools: dict[str, EvidencePool],
                           offline: dict[str, ItemAssessment], context: Context) -> dict[str, ItemAssessment]:
    """One structured call per area; a quote that is not verbatim, or is about another product, is dropped, and an
    item left without any keeps its offline result; "covered" resting only on open or intended quotes is partial."""
    passages: list[Chunk] = []
    number_of: dict[str, int] = {}
    numbers: dict[str, list[int]] = {}
    for item in items:
        pool = pools.get(item.id, EvidencePool())
        for chunk in [*pool.chunks, *pool.retrieved]:
            if chunk.chunk_id not in number_of and len(passages) < MAX_PASSAGES:
                passages.append(chunk)
                number_of[chunk.chunk_id] = len(passages)
        numbers[item.id] = sorted({number_of[c.chunk_id] for c in [*pool.chunks, *pool.retrieved]
                                   if c.chunk_id in number_of})
    if not passages:
        return {}  # nothing retrieved for this area: the model could not cite anything
    reply = chat.structured(
        PROMPT, _LLMArea, area=area.title, program=context.programs.own, today=context.today.isoformat(),
        items=[{"id": i.id, "title": i.title, "question": i.question, "covered_when": i.covered_when,
                "partial_when": i.partial_when, "passages": numbers[i.id]} for i in items],
        passages=[{"number": n, "source": c.source, "page": c.page, "section": c.section, "text": c.text,
                   "date": (context.when(c).isoformat() if context.when(c) else "")}
                  for n, c in enumerate(passages, start=1)],
    )
    by_id = {i.id: i for i in items}
    results: dict[str, ItemAssessment] = {}
    for judged in reply.items:
        item = by_id.get(judged.id)
        if item is None or item.id in results:
            continue
        checked = [_check(q, passages, item, context) for q in judged.evidence]
        evidence = _unique([c for c in checked if c is not None])
        if not evidence:
            continue  # without verified evidence the model's word is not enough; the offline result stands
        status, reason = judged.status, judged.reason.strip()
        firm = [c for c, standing in evidence if standing == "firm"]
        if status == "covered" and not firm:
            status = "partial"
            reason += " (Downgraded: the quoted passages leave it open or only intend it.)"
        citations = [c for c, _ in evidence][:MAX_QUOTES]
        results[item.id] = offline[item.id].model_copy(update={
            "status": status, "evidence": citations, "reason": reason, "deciding": citations[0],
            "recommendation": "" if status == "covered" else item.recommendation,
        })
    return results


def _check(quote: _LLMQuote, passages: list[Chunk], item: ChecklistItem,
           context: Context) -> tuple[Citation, str] | None:
    """The quote as a citation with its standing, or None when it is not verbatim or is about another product."""
    if not 1 <= quote.passage <= len(passages):
        return None
    chunk = passages[quote.passage - 1]
    if not quote_in_text(quote.quote, chunk.text):
        return None
    text = normalize_whitespace(quote.quote)
    program = context.programs.of(text) or context.programs.of(chunk.section) or \
        context.document_program.get(chunk.doc_id, "")
    if program == "other":
        return None
    verdict = judge(text, context.today, plan_item=item.kind == "plan", stale_years=item.stale_after_years)
    citation = Citation(source=chunk.source, page=chunk.page, quote=text, location=chunk.locate(text))
    return citation, verdict.standing


def _unique(checked: list[tuple[Citation, str]]) -> list[tuple[Citation, str]]:
    seen: set[tuple[str, int, str]] = set()
    return [(c, s) for c, s in checked if (key := (c.source, c.page, c.quote)) not in seen and not seen.add(key)]
