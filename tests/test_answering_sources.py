"""Answers from the user's own documents first, whole (lists, definitions, qualified numbers), framed as readiness
only for questions about the company itself, and fast (an ask embeds the question, never the sentences)."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import require_shared
from rfp_assistant.config import Settings
from rfp_assistant.core.documents import load_bytes, load_document
from rfp_assistant.core.embeddings.embedder import MiniLMEmbedder, StaticMiniLMEmbedder
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.answering import answer_question

MB = 1_000_000
OWN_GUIDE = b"""# Our outsourcing handbook

## Transfer dossier
The transfer dossier must hold the golden batch record, the cell bank certificate of analysis and the reference
standard qualification report, so the receiving site can run the process on day one.

## Readiness review
The readiness review walks through seven stages:
- Charter signed by the sponsor
- Gap analysis of in-house capabilities
- Budget with contingency approved
- Risk register opened
- Requirements frozen
- Long list of vendors screened
- Shortlist invited to the RFP

## Golden batch
A golden batch is the reference run whose records define what a good batch looks like. Every later batch is compared
with it parameter by parameter. It is chosen by QA and process development together.

## Duration
Moving the process to a partner site takes 14 to 20 weeks. This excludes the engineering run, which adds six weeks.

## Escalation topics
Escalations at the partner cover these topics:
- missed milestones
- batch failures
- deviations left open past 30 days
- invoices outside the agreed budget
- changes of key staff
- audit findings rated major
- supply interruptions
- data integrity concerns
- scope disputes
- safety incidents
- late certificates of analysis
"""
ROSTER = b"""# Outsourcing team roster
Dr. Lena Okafor, VP CMC, owns technology transfer on our side and approves the tech-transfer package.
Marco Diaz is the outsourcing project manager and runs the weekly CDMO call.
"""


@pytest.fixture
def workspace(guide_workspace):
    """The built-in playbook (as after a first run) plus the team's own handbook, ingested as a guide."""
    return guide_workspace(OWN_GUIDE, "handbook.md")


def test_the_users_guide_answers_before_the_playbook_and_each_citation_says_whose_it_is(workspace):
    answer = answer_question(workspace, "What has to be in the technology transfer package?")
    assert answer.found and "golden batch record" in answer.answer
    assert {(c.source, c.origin) for c in answer.citations} == {("handbook.md", "user")}
    squarer = answer_question(workspace, "How many vendors should receive the full RFP?")
    assert squarer.found and "four to six" in squarer.answer
    # The handbook touches on it loosely (its vendor shortlist), so it still comes first; the playbook's figure follows.
    origins = [c.origin for c in squarer.citations]
    assert origins == sorted(origins, key=lambda o: o == "playbook") and "playbook" in origins
    assert all(c.source.endswith(".md") for c in squarer.citations if "four to six" in c.quote)
    assert all(c.origin == "playbook" for c in squarer.citations if "four to six" in c.quote)
    assert '"origin":"playbook"' in squarer.model_dump_json() and '"location"' not in answer.model_dump_json()


def test_an_enumeration_comes_back_whole(workspace):
    answer = answer_question(workspace, "What are the stages of the readiness review?")
    for stage in ("Charter signed", "Gap analysis", "Budget with contingency", "Risk register", "Requirements frozen",
                  "Long list of vendors", "Shortlist invited"):
        assert stage in answer.answer
    text = OWN_GUIDE.decode()
    assert all(quote_in_text(c.quote, text) for c in answer.citations)


def test_a_long_list_is_capped_with_how_many_more(workspace):
    answer = answer_question(workspace, "Which topics do escalations at the partner cover?")
    assert "Missed milestones" in answer.answer and "Safety incidents" not in answer.answer
    assert answer.answer.rstrip().endswith("… and 3 more")


def test_a_definition_comes_back_as_its_passage(workspace):
    answer = answer_question(workspace, "What is a golden batch?")
    assert "reference run" in answer.answer and "parameter by parameter" in answer.answer


def test_a_number_comes_with_the_sentence_that_qualifies_it(workspace):
    answer = answer_question(workspace, "How long does moving the process to a partner site take?")
    assert "14 to 20 weeks" in answer.answer and "excludes the engineering run" in answer.answer


def test_advice_asked_with_we_is_answered_from_the_guide_without_readiness_framing(workspace):
    workspace.add_document(load_bytes(ROSTER, "roster.md", max_bytes=MB), "internal")
    answer = answer_question(workspace, "What should we put in our transfer dossier?")
    assert answer.found and not answer.answer.startswith("Nothing in your documents")
    assert "golden batch record" in answer.answer
    status = answer_question(workspace, "Do we have a reference standard qualification report yet?")
    assert not status.found and status.answer.startswith("Nothing in your documents")


def test_an_ask_embeds_the_question_only(workspace, monkeypatch):
    sizes: list[int] = []
    for cls in (StaticMiniLMEmbedder, MiniLMEmbedder):
        original = cls.embed_array
        monkeypatch.setattr(cls, "embed_array", lambda self, texts, _o=original: sizes.append(len(texts)) or _o(self, texts))
    answer = answer_question(workspace, "Who picks the golden batch?")
    assert answer.found and "QA and process development" in answer.answer
    assert sizes and max(sizes) == 1, f"texts embedded per call during an ask: {sizes}"


def test_sentence_vectors_are_stored_at_ingest_and_removed_with_the_document(settings):
    index = WorkspaceIndex(settings)
    result = index.add_document(load_bytes(OWN_GUIDE, "handbook.md", max_bytes=MB), "guide")
    chunks = index.chunks_of(result.record.doc_id)
    stored = index.units.store.get(index.units.embedder.name, [c.chunk_id for c in chunks])
    assert set(stored) == {c.chunk_id for c in chunks} and all(len(m) for m in stored.values())
    index.delete_document("handbook.md")
    assert not index.units.store.get(index.units.embedder.name, [c.chunk_id for c in chunks])


def test_the_published_guide_ingested_as_an_internal_document_answers_guide_questions(tmp_path, playbook_data_dir):
    guide = require_shared("reference", "cdmo-preparation-guide.txt")
    shutil.copytree(playbook_data_dir, tmp_path / "data")
    index = WorkspaceIndex(Settings(data_dir=tmp_path / "data"), "default")
    index.add_document(load_document(guide, max_bytes=50 * MB), "internal")
    index.upgrade()
    answer = answer_question(index, "Which functions should sit on our internal CDMO team, according to the guide?")
    assert answer.found and not answer.answer.startswith("Nothing in your documents")
    assert answer.citations[0].source == guide.name and answer.citations[0].origin == "user"
    assert "regulatory affairs" in answer.answer and "legal" in answer.answer


FAQ_PAGE = b"""Preparing For A Partner
Frequently Asked Questions (FAQs)
1. Why write the outsourcing budget early?
An early budget shows which activities the program can afford and where trade-offs will be needed.
2. Who should own the search for a manufacturing partner?
A project manager named by leadership leads it, with quality and regulatory staff beside them from the first call.
RELATED READING
-
Keep It Small! Stay Lean
A founder explains why his company keeps every function outside and how it chooses whom to hire.
-
Five Lessons From A Failed Search
An editor asks two veterans who led the search for a partner and what they would change next time.
"""


def test_an_faq_answer_answers_its_question_put_in_other_words_and_teasers_do_not(workspace):
    workspace.add_document(load_bytes(FAQ_PAGE, "faq-page.txt", max_bytes=MB), "guide")
    workspace.upgrade()
    answer = answer_question(workspace, "Who should be in charge of finding a manufacturing partner?")
    assert answer.found and answer.answer.startswith("A project manager named by leadership")
    assert answer.citations[0].source == "faq-page.txt"
    assert "veterans" not in answer.answer and "founder" not in answer.answer


PARTNER_NOTES = b"""# Working with the partner

## Measuring the partnership
Strong coordination on our side keeps the partnership on track. Set up key metrics to judge the partnership objectively
once work is underway. Benchmarks commonly include on-time delivery, right-first-time batches, and response times to
queries.

## Risk reviews
Risks are looked at by the team at every monthly meeting.
"""


@pytest.fixture
def with_notes(workspace) -> WorkspaceIndex:
    workspace.add_document(load_bytes(PARTNER_NOTES, "partner-notes.md", max_bytes=MB), "guide")
    workspace.upgrade()
    return workspace


def test_a_search_box_fragment_naming_things_gets_the_sentence_that_lists_them(with_notes):
    answer = answer_question(with_notes, "kpis to track the partner once work starts")
    assert "key metrics" in answer.answer
    assert all(item in answer.answer for item in ("on-time delivery", "right-first-time batches", "response times"))


def test_the_users_document_answering_loosely_still_comes_first_and_the_playbook_adds_to_it(with_notes):
    answer = answer_question(with_notes, "How should we score each risk for likelihood and impact?")
    first, _, added = answer.answer.partition("The built-in playbook adds:")
    assert answer.found and "monthly meeting" in first and "1-5 scale" in added
    assert answer.citations[0].source == "partner-notes.md" and answer.citations[0].origin == "user"
    assert {c.origin for c in answer.citations[1:]} == {"playbook"}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == set(range(1, len(answer.citations) + 1))


MEETING_NOTES = b"""# Conference meetings

## Brookline Cell Services
- vector: they partner out (not in-house)
- did ~10 autologous programs

## Harbor Biologics
- LVV made in-house (200 L)
- fewer programs but strong QC

## What we cannot do ourselves
- no lentiviral vector manufacturing - we buy research-grade vector today
"""


def test_a_question_naming_a_company_is_answered_first_from_what_is_said_about_that_company(workspace):
    workspace.add_document(load_bytes(MEETING_NOTES, "meetings.md", max_bytes=MB), "internal")
    answer = answer_question(workspace, "Can Harbor make the lentiviral vector itself?")
    assert answer.found and answer.answer.startswith("LVV made in-house (200 L)")


AUTHORED_PAGE = b"""Choosing A Fill-Finish Partner
Sponsors should visit at least two fill-finish sites before shortlisting, and watch a media fill if they can.
About The Author
Dana Whitfield spent fifteen years running sterile manufacturing plants before she began writing about outsourcing.
"""


def test_a_question_about_the_document_itself_reads_its_own_words(workspace):
    workspace.add_document(load_bytes(AUTHORED_PAGE, "fill-finish-page.txt", max_bytes=MB), "guide")
    answer = answer_question(workspace, "What is the author's background?")
    assert answer.found and "fifteen years running sterile manufacturing plants" in answer.answer
    assert answer.citations[0].source == "fill-finish-page.txt"
