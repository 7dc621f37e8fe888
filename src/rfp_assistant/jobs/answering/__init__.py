"""Grounded Q&A: retrieve passages, then answer from them only — extractively offline, or with the model.

Whose documents answer: the user's own (a guide they ingested, their internal documents) come before the
built-in playbook, which answers only when they do not. A question about the company's own status ("do we
have...", "who on our side...", "what haven't we budgeted...") is answered from the internal documents; when
they are silent the answer says so (found=False) and adds what the guide recommends, so silence is never
covered up by general advice. Any other question is advice, answered from the guide even when put with "we".
"""

from __future__ import annotations

from rfp_assistant.core.retrieval.index import SearchHit, WorkspaceIndex, is_builtin
from rfp_assistant.jobs.answering.candidates import score_units
from rfp_assistant.jobs.answering.compose import cite, compose, supplement
from rfp_assistant.jobs.answering.intent import ASKS_FOR, Intent, read_intent, without_label
from rfp_assistant.jobs.answering.model import model_answer
from rfp_assistant.jobs.answering.outline import asks_outline, outline_answer
from rfp_assistant.jobs.answering.sections import section_answer
from rfp_assistant.jobs.readiness import question_gaps
from rfp_assistant.schemas.common import Answer

# Below both of these the retrieved text does not really address the question. Similarities are compared in the
# space they were computed in: contextual vectors once the second tier has read a document, static ones before.
MIN_COVERAGE = 0.34
MIN_SIMILARITY = {"contextual": 0.52, "static": 0.55}
# The user's own documents answer first and are asked in other words than they are written in: they need to address
# a question less squarely than the playbook does before the playbook is consulted instead.
MIN_USER_COVERAGE = 0.25
MIN_USER_SIMILARITY = {"contextual": 0.44, "static": 0.5}
WEAK_MARGIN = 0.15  # ... unless a playbook passage scores this much higher: then the playbook answers
# The internal documents must address a question about "us" more squarely than the guide must.
MIN_OWN_COVERAGE = 0.3
MIN_OWN_SIMILARITY = {"contextual": 0.56, "static": 0.62}
OWN_K = 10  # the internal documents are fewer and terser than the guide: read a few more passages
USER_K = 12  # the user's documents are read more widely than the playbook: their answer comes first
# Below this, the closest sentence is not about the question at all, however many words it shares with it ("the capital
# of Mongolia" and "capital expenditures"): no answer and no "closest passages". Contextual vectors tell senses apart;
# static ones (word averages, before the second tier) barely do, so their floor only catches the plainly unrelated.
MIN_RELEVANCE = {"contextual": 0.24, "static": 0.2}
NOT_FOUND = "Nothing in the indexed documents answers this."
NOT_IN_YOURS = "Nothing in your documents says this."
NOT_ABOUT_THIS = "Nothing in the indexed documents is about this."
NEITHER = "Neither your documents nor the built-in playbook answer this."

__all__ = ["NEITHER", "NOT_FOUND", "NOT_IN_YOURS", "answer_question", "read_intent"]


def answer_question(
    index: WorkspaceIndex, question: str, *, chat=None, kinds: list[str] | None = None, k: int = 8
) -> Answer:
    """Answer `question` from the workspace's documents, citing source and page for every statement."""
    question = question.strip()
    if not question:
        return Answer(answer="Please type a question.", citations=[], found=False)
    question = without_label(question)
    intent = read_intent(question)
    if kinds is None and intent.about_us and index.list_documents(kind="internal"):
        return _answer_about_us(index, question, intent, chat, k)
    return _answer_by_priority(index, question, intent, chat, k, kinds)


def _answer_by_priority(index: WorkspaceIndex, question: str, intent: Intent, chat, k: int,
                        kinds: list[str] | None) -> Answer:
    """The user's documents first; the built-in playbook when they do not answer. One model call at most."""
    records = [r for r in index.list_documents() if not kinds or r.kind in kinds]
    tiers: list[tuple[list[SearchHit], Answer, float, bool]] = []
    for builtin in (False, True):
        if not any(is_builtin(r) == builtin for r in records):
            continue
        hits = index.search(question, k=k if builtin else max(k, USER_K), kinds=kinds, builtin=builtin)
        if not builtin and asks_outline(question) and (outline := outline_answer(index, hits)) is not None:
            return _with_model(question, hits, outline, chat)  # "what are the guide's main sections?": its own outline
        if not builtin and (part := section_answer(index, question, hits)) is not None:
            return _with_model(question, hits, part, chat)  # "what does the part on budgets say?": that part, whole
        tiers.append((hits, *_extractive_tier(question, intent, hits, index, user=not builtin)))
        if tiers[-1][1].found and not tiers[-1][3]:
            break
    if not tiers:
        return _with_model(question, [], _extractive(question, intent, [], index), chat)
    if len(tiers) == 2 and all(tier[1].answer == NOT_ABOUT_THIS for tier in tiers):
        return Answer(answer=NEITHER, citations=[], found=False, mode="llm" if chat is not None else "offline")
    found = [tier for tier in tiers if tier[1].found]
    # The user's documents passing only their lower bar still answer first; a playbook passage that answers more
    # squarely follows them, marked as the playbook's, instead of replacing them.
    if len(found) == 2 and found[0][3] and found[1][2] > found[0][2] + WEAK_MARGIN:
        return _with_model(question, found[0][0] + found[1][0], supplement(found[0][1], found[1][1]), chat)
    # When neither answers, a tier that found the question relevant (and shows its closest passages) speaks for
    # both: "nothing is about this" would be false when the playbook's passages are on the topic.
    hits, offline = (found or [t for t in tiers if t[1].citations] or tiers)[0][:2]
    return _with_model(question, hits, offline, chat)


def _answer_about_us(index: WorkspaceIndex, question: str, intent: Intent, chat, k: int) -> Answer:
    """Internal documents first; if they are silent, say so and add what the guide recommends."""
    gaps = question_gaps(index, question)
    hits = index.search(question, k=max(k, OWN_K), kinds=["internal"])
    answer = _answer(question, intent, hits, index, chat, own=True, silent_topic=gaps.silent)
    if answer.found:
        return gaps.annotate(answer) if gaps.asks_about_gaps else answer
    guide = _answer_by_priority(index, question, intent, chat, k, ["guide"])
    if not gaps.silent and not guide.found:
        return answer  # nothing anywhere: the plain not-found answer with the closest passages
    lines = [gaps.silence_note() or NOT_IN_YOURS]
    if guide.found:
        lines.append("What the guide recommends: " + guide.answer)
    return Answer(answer=" ".join(lines), citations=guide.citations if guide.found else [], found=False,
                  mode="llm" if chat is not None else "offline")


def _answer(question: str, intent: Intent, hits: list[SearchHit], index: WorkspaceIndex, chat, *, own: bool = False,
            silent_topic: bool = False) -> Answer:
    """The extractive answer from `hits`, or in LLM mode the model's, written from the same passages."""
    offline = _extractive(question, intent, hits, index, own=own, silent_topic=silent_topic)
    return _with_model(question, hits, offline, chat, own=own)


def _with_model(question: str, hits: list[SearchHit], offline: Answer, chat, *, own: bool = False) -> Answer:
    """In LLM mode, the model's answer from `hits` when every citation it keeps checks out; else `offline`."""
    if chat is None:
        return offline
    if not hits:
        return offline.model_copy(update={"mode": "llm"})
    written = model_answer(chat, question, hits)
    if written is not None and written.found:
        return written
    if written is not None and own:
        return Answer(answer=NOT_FOUND, found=False, mode="llm")  # the model read our documents and found nothing
    return offline.model_copy(update={"mode": "llm"})  # nothing it could prove: the checked extractive answer


def _extractive(question: str, intent: Intent, hits: list[SearchHit], index: WorkspaceIndex, *, own: bool = False,
                silent_topic: bool = False) -> Answer:
    return _extractive_tier(question, intent, hits, index, own=own, silent_topic=silent_topic)[0]


def _extractive_tier(question: str, intent: Intent, hits: list[SearchHit], index: WorkspaceIndex, *,
                     own: bool = False, silent_topic: bool = False, user: bool = False) -> tuple[Answer, float, bool]:
    """The extractive answer, its best unit's score, and whether it passed only the user's documents' lower bar."""
    if not hits:
        return Answer(answer=NOT_FOUND + " No documents are indexed yet, or none match.", found=False), 0.0, False
    space, candidates = score_units(question, intent, hits, index)
    if not candidates:
        return Answer(answer=NOT_FOUND, found=False), 0.0, False
    best = max(candidates, key=lambda c: c.coverage)
    closest = max(candidates, key=lambda c: c.similarity)
    top = candidates[0].score
    if closest.similarity < MIN_RELEVANCE[space]:
        return Answer(answer=NOT_ABOUT_THIS, found=False), top, False
    weak = user and best.coverage < MIN_COVERAGE and closest.similarity < MIN_SIMILARITY[space]
    min_coverage, min_similarity = (MIN_OWN_COVERAGE, MIN_OWN_SIMILARITY[space]) if own else (
        MIN_USER_COVERAGE, MIN_USER_SIMILARITY[space]) if user else (MIN_COVERAGE, MIN_SIMILARITY[space])
    if silent_topic:
        min_coverage, min_similarity = min_coverage + 0.15, min_similarity + 0.1
    if best.coverage < min_coverage and closest.similarity < min_similarity:
        closest_units = [c for c in candidates if c.eligible][:2] or candidates[:2]
        cited = [cite(c.hit.chunk, c.text, builtin=c.hit.builtin) for c in closest_units]
        lines = [NOT_FOUND + " The closest passages are:"] + [f"- {c.quote} [{i}]" for i, c in enumerate(cited, 1)]
        return Answer(answer="\n".join(lines), citations=cited, found=False), top, False
    answer = compose(intent, candidates)
    if own and "person" in intent.wants and not any(ASKS_FOR["person"][1].search(c.quote) for c in answer.citations):
        return Answer(answer=NOT_FOUND, found=False), top, False  # "who ...?" answered without naming anyone
    return answer, top, weak
