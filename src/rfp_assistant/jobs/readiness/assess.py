"""Job 3: assess the company's internal documents against the readiness checklist (DESIGN.md section 5)."""

from __future__ import annotations

import re
from datetime import date
from typing import Callable

from pydantic import Field

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.errors import DocumentError
from rfp_assistant.jobs.readiness.context import Context, build_context, cite
from rfp_assistant.jobs.readiness.model import assess_area_with_model
from rfp_assistant.jobs.readiness.report import AreaScore, ItemAssessment, ReadinessReport
from rfp_assistant.jobs.readiness.evidence import Decision, Reading, decide, read, set_aside_note
from rfp_assistant.jobs.readiness.rules import (
    MAX_QUOTES,
    STATUS_SCORE,
    ChecklistItem,
    EvidencePool,
    add_subject_chunks,
    facets_in,
    gather_evidence,
    item_relevance,
    load_checklist,
    subject_in,
)
from rfp_assistant.schemas.common import Answer, Citation, Mode, Model

MIN_RELEVANCE = 0.3
READ_WHOLE = 3_000  # passages; a company's folder of memos, registers and reports is a few hundred
"""Up to this many documents are all read whole (programs, dates, the latest word on each item)."""
SILENT_RELEVANCE = 0.4
GAP_QUESTION = re.compile(
    r"\b(have ?n[o']t|has ?n[o']t|not yet|left out|leave out|missing|overlook\w*|forg[eo]t\w*|gaps?|lack\w*|"
    r"unbudgeted|not budgeted|still open|open points?|what else)\b", re.I)
"""Questions that ask what is missing, open or not yet done."""


def assess_readiness(
    index: WorkspaceIndex, *, chat=None, sources: list[str] | None = None, items: list[str] | None = None,
    today: date | None = None, progress: Callable[[float, str], None] | None = None,
) -> ReadinessReport:
    """Assess the internal documents (or only `sources`) against the checklist; `items` limits the item ids.

    `today` (default: the real date) is what expiry dates and the age of benchmarks are judged against;
    `progress(fraction, message)` is told each item (and, with a model, each area) as it is taken up.
    """
    checklist = load_checklist()
    documents = _documents(index, sources)
    chosen = [i for i in checklist.items if items is None or i.id in items]
    model_areas = ([a for a in checklist.areas if any(i.area == a.id for i in chosen)]
                   if chat is not None and documents else [])
    step = _Steps(progress, len(chosen) * (2 if documents else 1) + len(model_areas))
    sections: dict[str, list[Chunk]] = {}
    pools = {}
    for n, item in enumerate(chosen if documents else [], 1):
        step(f"Finding evidence {n} of {len(chosen)}: {item.id}")
        pools[item.id] = gather_evidence(index, item, documents, sections)
    records = [r for r in index.list_documents(kind="internal") if r.source in documents]
    if sum(r.chunks for r in records) <= READ_WHOLE:  # a company's folder, not an archive: read it all for programs
        for record in records:                         # and dates; an archive is read where the evidence is
            if record.doc_id not in sections:
                sections[record.doc_id] = index.chunks_of(record.doc_id)
    for item in chosen:
        if item.id in pools:
            add_subject_chunks(item, pools[item.id], sections)
    context = build_context(documents, sections, today or date.today())
    results = {}
    for n, item in enumerate(chosen, 1):
        step(f"Assessing {n} of {len(chosen)}: {item.id}")
        results[item.id] = _offline(item, pools.get(item.id, EvidencePool()), context, sections)
    for n, area in enumerate(model_areas, 1):
        step(f"Checking with the model, area {n} of {len(model_areas)}: {area.title or area.id}")
        area_items = [i for i in chosen if i.area == area.id]
        results.update(assess_area_with_model(chat, area, area_items, pools, results, context))
    step.done(f"Assessed {len(chosen)} checklist items")
    return build_report([results[item.id] for item in chosen], mode="llm" if chat is not None else "offline",
                        documents=documents)


class _Steps:
    """Counts the assessment's steps for a (fraction, message) progress callback: the fraction done before each."""

    def __init__(self, progress: Callable[[float, str], None] | None, total: int):
        self.progress, self.total, self.taken = progress, max(total, 1), 0

    def __call__(self, message: str) -> None:
        if self.progress is not None:
            self.progress(self.taken / self.total, message)
        self.taken += 1

    def done(self, message: str) -> None:
        if self.progress is not None:
            self.progress(1.0, message)


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


def _offline(item: ChecklistItem, pool: EvidencePool, context: Context,
             sections: dict[str, list[Chunk]] | None = None) -> ItemAssessment:
    ours, others = read(item, context.cells(item, pool.chunks))
    if sections and not any(r.standing == "firm" and r.facets for r in ours):
        # Retrieval ranks a passage with a single cue below the rest; with nothing firm found, read them all.
        pool = EvidencePool(chunks=pool.chunks + _cued_chunks(item, sections, pool.chunks), retrieved=pool.retrieved)
        ours, others = read(item, context.cells(item, pool.chunks))
    decision = decide(item, ours)
    named = ", ".join(sorted({context.programs.named_other(r.cell.text) or context.programs.named_other(
        r.cell.unit.lead) for r in others} - {""}))
    evidence = _quotes(decision, ours)
    return ItemAssessment(
        id=item.id, area=item.area, title=item.title, status=decision.status, evidence=evidence,
        recommendation="" if decision.status == "covered" else item.recommendation,
        reason=decision.reason + set_aside_note(others, named),
        deciding=cite(decision.deciding.cell) if decision.deciding else None,
    )


def _cued_chunks(item: ChecklistItem, sections: dict[str, list[Chunk]], taken: list[Chunk]) -> list[Chunk]:
    """Chunks of the documents read that carry any cue of the item or name its subject, not already taken."""
    held = {c.chunk_id for c in taken}
    return [c for chunks in sections.values() for c in chunks if c.chunk_id not in held
            and (facets_in(item, f"{c.section}\n{c.text}") or subject_in(item, f"{c.section}\n{c.text}"))]


def _quotes(decision: Decision, ours: list[Reading]) -> list[Citation]:
    """The deciding passage first, then open points and the fewest firm passages showing the most aspects."""
    chosen: list[Reading] = [decision.deciding] if decision.deciding else []
    if decision.status == "missing":
        return [cite(r.cell) for r in chosen]
    if decision.status == "partial":
        chosen += [r for r in ours if r.standing in ("open", "intended") and (r.facets or r.decisive)][:2]
    shown: set[int] = set().union(*(r.facets for r in chosen)) if chosen else set()
    firm = [r for r in ours if r.standing == "firm"]
    while len(chosen) < MAX_QUOTES:
        gain, best = max(((len(r.facets - shown), r) for r in firm if r not in chosen), key=lambda p: p[0],
                         default=(0, None))
        if not gain:
            break
        chosen.append(best)
        shown |= best.facets
    citations: list[Citation] = []
    for reading in chosen:
        citation = cite(reading.cell)
        if all(c.quote != citation.quote or c.source != citation.source for c in citations):
            citations.append(citation)
    return citations[:MAX_QUOTES]


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
                f"Recommendation: {item.recommendation}")

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
            note += f" Recommendation: {item.recommendation}"
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
