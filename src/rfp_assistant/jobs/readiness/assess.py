"""Job 3: assess the company's internal documents against the readiness checklist (DESIGN.md section 5)."""

from __future__ import annotations

import re

from pydantic import Field

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.errors import DocumentError
from rfp_assistant.core.text.sentences import normalize_whitespace, quote_in_text
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.readiness.rules import (
    MAX_QUOTES,
    STATUS_SCORE,
    ChecklistItem,
    EvidencePool,
    Status,
    gather_evidence,
    item_relevance,
    load_checklist,
    pick_quotes,
    rule_status,
)
from rfp_assistant.schemas.common import Answer, Citation, Mode, Model

MIN_RELEVANCE = 0.3
SILENT_RELEVANCE = 0.4
MAX_PASSAGES = 24
GAP_QUESTION = re.compile(
    r"\b(have ?n[o']t|has ?n[o']t|not yet|left out|leave out|missing|overlook\w*|forg[eo]t\w*|gaps?|lack\w*|"
    r"unbudgeted|not budgeted|still open|open points?|what else)\b", re.I)
"""Questions that ask what is missing, open or not yet done."""


class ItemAssessment(Model):
    """The status of one checklist item, with the evidence it rests on."""

    id: str
    """Checklist item id, e.g. risk.financial."""
    area: str
    """Id of the item's area."""
    title: str = ""
    """Short human title of the item."""
    status: Status
    """covered, partial or missing."""
    evidence: list[Citation] = Field(default_factory=list)
    """Verbatim sentences from the internal documents, with source and page."""
    recommendation: str = ""
    """What to do next; empty when the item is covered."""
    reason: str = ""
    """Why the status was given, in one sentence."""


class AreaScore(Model):
    """The score of one checklist area."""

    id: str
    """Area id, e.g. budget."""
    title: str = ""
    """Human title of the area."""
    score: float
    """Mean item score in the area (covered 1, partial 0.5, missing 0)."""


class ReadinessReport(Model):
    """The readiness assessment (contract: DESIGN.md section 5)."""

    score: float
    """Mean item score over all assessed items, 0-1."""
    areas: list[AreaScore]
    """Per-area scores, in checklist order."""
    items: list[ItemAssessment]
    """Per-item statuses, in checklist order."""
    mode: Mode = "offline"
    """Which engine produced the assessment."""
    documents: list[str] = Field(default_factory=list)
    """File names of the internal documents that were assessed."""

    def item(self, item_id: str) -> ItemAssessment | None:
        """One item's assessment by id, or None."""
        return next((i for i in self.items if i.id == item_id), None)

    def gaps(self) -> list[ItemAssessment]:
        """Items that are not covered: missing first, then partial, in checklist order within each."""
        return [i for i in self.items if i.status == "missing"] + [i for i in self.items if i.status == "partial"]


def assess_readiness(
    index: WorkspaceIndex, *, chat=None, sources: list[str] | None = None, items: list[str] | None = None
) -> ReadinessReport:
    """Assess the internal documents (or only `sources`) against the checklist; `items` limits the item ids."""
    checklist = load_checklist()
    documents = _documents(index, sources)
    chosen = [i for i in checklist.items if items is None or i.id in items]
    sections: dict[str, list[Chunk]] = {}
    pools = {item.id: gather_evidence(index, item, documents, sections) for item in chosen} if documents else {}
    results = {item.id: _offline(item, pools.get(item.id, EvidencePool())) for item in chosen}
    if chat is not None and documents:
        for area in checklist.areas:
            area_items = [i for i in chosen if i.area == area.id]
            if area_items:
                results.update(_assess_area_with_model(chat, area, area_items, pools, results))
    return build_report([results[item.id] for item in chosen], mode="llm" if chat is not None else "offline",
                        documents=documents)


def build_report(
    assessed: list[ItemAssessment], *, mode: Mode = "offline", documents: list[str] | None = None
) -> ReadinessReport:
    """A report from item assessments: area scores are item means, the overall score the mean over all items."""
    checklist = load_checklist()
    return ReadinessReport(
        score=_mean(STATUS_SCORE[a.status] for a in assessed),
        areas=[
            AreaScore(id=area.id, title=area.title,
                      score=_mean(STATUS_SCORE[a.status] for a in assessed if a.area == area.id))
            for area in checklist.areas if any(a.area == area.id for a in assessed)
        ],
        items=assessed, mode=mode, documents=documents or [],
    )


def _documents(index: WorkspaceIndex, sources: list[str] | None) -> list[str]:
    internal = [r.source for r in index.list_documents(kind="internal")]
    if sources is None:
        return internal
    for source in sources:
        if source not in internal:
            raise DocumentError(
                source, f"is not an internal document of workspace '{index.workspace}'; ingest it first")
    return list(dict.fromkeys(sources))


def _offline(item: ChecklistItem, pool: EvidencePool) -> ItemAssessment:
    status = rule_status(item, pool.found, bool(pool.negated))
    return ItemAssessment(
        id=item.id, area=item.area, title=item.title, status=status,
        evidence=pick_quotes(item, pool.chunks, pool.negated) if status != "missing" else [],
        recommendation="" if status == "covered" else item.recommendation,
        reason=_reason(item, pool, status),
    )


def _reason(item: ChecklistItem, pool: EvidencePool, status: str) -> str:
    if not pool.found:
        return "Nothing in the internal documents addresses this."
    text = f"The documents address {len(pool.found)} of {len(item.facets)} aspects ({item.covered_min} needed)"
    if pool.negated:
        text += "; marked as open: " + ", ".join(f'"{n}"' for n in pool.negated[:3])
    elif status != "covered" and len(pool.found) >= item.covered_min:
        text += "; a required aspect is missing"
    return text + "."


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
    """Quotes supporting the status; empty when no passage addresses the item."""
    reason: str
    """One sentence saying why this status."""


class _LLMArea(Model):
    """The assessment of every item of one area."""

    items: list[_LLMItem]
    """One entry per item given."""


def _assess_area_with_model(chat, area, items: list[ChecklistItem], pools: dict[str, EvidencePool],
                            offline: dict[str, ItemAssessment]) -> dict[str, ItemAssessment]:
    """One structured call per area; unverifiable quotes are dropped and an item left without any stays offline."""
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
        "assess_area.v1", _LLMArea, area=area.title,
        items=[{"id": i.id, "title": i.title, "question": i.question, "covered_when": i.covered_when,
                "partial_when": i.partial_when, "passages": numbers[i.id]} for i in items],
        passages=[{"number": n, "source": c.source, "page": c.page, "section": c.section, "text": c.text}
                  for n, c in enumerate(passages, start=1)],
    )
    by_id = {i.id: i for i in items}
    results: dict[str, ItemAssessment] = {}
    for judged in reply.items:
        item = by_id.get(judged.id)
        if item is None or item.id in results:
            continue
        evidence = [
            Citation(source=chunk.source, page=chunk.page, quote=(quote := normalize_whitespace(q.quote)),
                     location=chunk.locate(quote))
            for q in judged.evidence
            if 1 <= q.passage <= len(passages) and quote_in_text(q.quote, (chunk := passages[q.passage - 1]).text)
        ]
        if not evidence:
            continue  # without verified evidence the model's word is not enough; the offline result stands
        results[item.id] = offline[item.id].model_copy(update={
            "status": judged.status, "evidence": _unique(evidence)[:MAX_QUOTES], "reason": judged.reason.strip(),
            "recommendation": "" if judged.status == "covered" else item.recommendation,
        })
    return results


def _unique(citations: list[Citation]) -> list[Citation]:
    seen: set[tuple[str, int, str]] = set()
    return [c for c in citations if (key := (c.source, c.page, c.quote)) not in seen and not seen.add(key)]


def _mean(values) -> float:
    values = list(values)
    return round(sum(values) / len(values), 4) if values else 0.0


class GapContext(Model):
    """What the readiness checklist says about the topic of a question, for grounding an answer."""

    items: list[ItemAssessment] = Field(default_factory=list)
    """Assessed checklist items the question is about, most relevant first."""
    relevance: list[float] = Field(default_factory=list)
    """How strongly the question matches each item (0-1), in the same order."""
    asks_about_gaps: bool = False
    """True when the question asks what is missing, open or not yet done."""

    @property
    def silent(self) -> bool:
        """True when the question is squarely about an item the documents do not address at all."""
        return bool(self.items) and self.relevance[0] >= SILENT_RELEVANCE and self.items[0].status == "missing"

    @property
    def focus(self) -> ItemAssessment | None:
        """The item an answer should report on: for a gap question the first open one among the most relevant."""
        if not self.items:
            return None
        if self.asks_about_gaps:
            near = [i for i, r in zip(self.items, self.relevance) if r >= 0.8 * self.relevance[0]]
            return next((i for i in near if i.status != "covered"), self.items[0])
        return self.items[0]

    def silence_note(self) -> str:
        """A sentence saying the documents are silent on the topic, with the recommendation; empty if not silent."""
        if not self.silent:
            return ""
        item = self.items[0]
        return (f"Nothing in your documents says this: the readiness check finds nothing on “{item.title}”. "
                f"Recommended: {item.recommendation}")

    def annotate(self, answer: Answer) -> Answer:
        """The answer with a readiness note appended: the focus item's status and its evidence, cited."""
        item = self.focus
        if item is None or item.status == "covered":
            return answer
        citations = list(answer.citations)
        note = f"Readiness check: “{item.title}” is {item.status}."
        for evidence in item.evidence[:2]:
            if not any(c.model_dump() == evidence.model_dump() for c in citations):
                citations.append(evidence)
                note += f" {evidence.quote} [{len(citations)}]"
        if item.recommendation:
            note += f" Recommended: {item.recommendation}"
        return answer.model_copy(update={"answer": f"{answer.answer}\n\n{note}", "citations": citations})


def gap_context(report: ReadinessReport, question: str) -> GapContext:
    """The assessed items of `report` that `question` is about, most relevant first, and whether it asks about gaps."""
    ranked = [(report.item(item.id), score) for item, score in item_relevance(question)
              if score >= MIN_RELEVANCE and report.item(item.id) is not None][:3]
    return GapContext(items=[a for a, _ in ranked], relevance=[s for _, s in ranked],
                      asks_about_gaps=bool(GAP_QUESTION.search(question)))


def question_gaps(index: WorkspaceIndex, question: str, *, chat=None) -> GapContext:
    """Assess only the checklist items `question` is about and return their gap context (cheap enough per question)."""
    ids = [item.id for item, score in item_relevance(question)[:3] if score >= MIN_RELEVANCE]
    if not ids or not index.list_documents(kind="internal"):
        return GapContext(asks_about_gaps=bool(GAP_QUESTION.search(question)))
    return gap_context(assess_readiness(index, chat=chat, items=ids), question)
