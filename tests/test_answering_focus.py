"""An answer says what its sentence points back to, and gives the one list item a question picks out, not the list."""

from __future__ import annotations

import shutil

import pytest

from conftest import require_shared
from rfp_assistant.config import Settings
from rfp_assistant.core.documents import load_bytes, load_document
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.answering import answer_question

MB = 1_000_000
HANDBOOK = b"""# Planning notes for the outsourcing program

## Risk areas
We looked at our plant and our people first. The program plan weighs three kinds of risk:
- Financial risks like cost overruns, unplanned change orders or currency swings.
- Operational risks include capacity shortfalls, late raw materials or a failed batch.
- Regulatory risks, including a failed inspection or a data integrity finding.
"""


@pytest.fixture
def workspace(guide_workspace):
    """The built-in playbook plus the team's planning notes, read by both tiers (as in the app after ingest)."""
    return guide_workspace(HANDBOOK, "notes.md")


def test_a_sentence_pointing_back_comes_with_the_sentence_it_points_to(tmp_path, playbook_data_dir):
    guide = require_shared("reference", "cdmo-preparation-guide.txt")
    shutil.copytree(playbook_data_dir, tmp_path / "guide-data")
    index = WorkspaceIndex(Settings(data_dir=tmp_path / "guide-data"), "default")
    index.add_document(load_document(guide, max_bytes=50 * MB), "guide")
    index.upgrade()
    # "Regardless of the internal motivation, the rationale ..." is read with the sentence naming the motivations.
    answer = answer_question(index, "What are typical motivations for outsourcing to a CDMO?")
    assert answer.found and "accessing niche technologies" in answer.answer
    # "Sponsors should establish this infrastructure ..." comes with what "this infrastructure" is.
    answer = answer_question(index, "what should a sponsor establish to handle inspections and recalls")
    assert answer.found and "regulatory and quality teams should be created" in answer.answer
    assert all(quote_in_text(c.quote, guide.read_text(encoding="utf-8")) for c in answer.citations)


def test_a_question_singling_out_one_item_gets_that_item(workspace):
    answer = answer_question(workspace, "Which risks are financial ones?")
    assert answer.found and "currency swings" in answer.answer
    assert "capacity shortfalls" not in answer.answer and "failed inspection" not in answer.answer


def test_a_question_about_the_whole_list_still_gets_every_item(workspace):
    answer = answer_question(workspace, "What kinds of risk does the program plan weigh?")
    for item in ("currency swings", "capacity shortfalls", "failed inspection"):
        assert item in answer.answer


PLANNING = b"""# Program handbook

## Opening remarks
A good partnership does not happen by chance. Before the partner search starts, the company must align internally on
how it will communicate. This handbook is part of a series on working with partners. The handbook covers the search,
the contract and the hand-over.

## Groundwork for the partnership
Preparing for a partnership begins with internal assessments: agreed objectives, a readiness review, a budget and a
risk framework.

## Budget
The budget counts service fees and the hidden costs of transfer, filings and audits.
"""


def test_a_short_section_answering_squarely_leads_over_a_long_passage_of_loosely_related_sentences(settings):
    index = WorkspaceIndex(settings)
    index.add_document(load_bytes(PLANNING, "handbook.md", max_bytes=MB), "guide")
    index.upgrade()
    answer = answer_question(index, "Before the partner search starts, what are the big internal pieces we need to get in "
                                    "place first?")
    assert answer.found and answer.answer.startswith("Preparing for a partnership begins with internal assessments")


def test_a_word_describing_one_item_does_not_single_it_out(workspace):
    # "first time" shares a word with no item's name: every kind of risk is still asked for.
    answer = answer_question(workspace, "First time running a program like this. What kinds of risk does the program "
                                        "plan weigh, with an example or two of each?")
    for item in ("currency swings", "capacity shortfalls", "failed inspection"):
        assert item in answer.answer


def test_a_list_asked_after_some_context_comes_back_whole(workspace):
    answer = answer_question(workspace, "We got burned on a program last year. Which risks outside the plant does the "
                                        "program plan weigh?")
    for item in ("currency swings", "capacity shortfalls", "failed inspection"):
        assert item in answer.answer


def test_a_label_naming_who_asks_is_not_part_of_the_question():
    from rfp_assistant.jobs.answering.intent import question_parts, without_label

    assert without_label("Supply-chain question: where do we look for CDMOs?") == "where do we look for CDMOs?"
    assert without_label("Which one: stainless or single-use?") == "Which one: stainless or single-use?"
    assert question_parts("What is an RFP?") == []
    assert question_parts("Should we shortlist already? What is the research meant to decide, and what mistakes "
                          "should we avoid?") == ["Should we shortlist already?", "What is the research meant to decide",
                                                  "what mistakes should we avoid?"]


FAQ = b"""# Questions we get asked

1. What should a transfer package hold?
A: The package holds the process description, the analytical methods, the specifications and the batch records.

2. Who signs the quality agreement?
A: The heads of quality on both sides sign it before the first GMP batch.
"""


def test_an_faq_answer_is_shown_without_its_label_and_quoted_verbatim(settings):
    index = WorkspaceIndex(settings)
    index.add_document(load_bytes(FAQ, "faq.md", max_bytes=MB), "guide")
    index.upgrade()
    answer = answer_question(index, "We have to put together a transfer package. What goes in it?")
    assert answer.found and "analytical methods" in answer.answer
    assert not answer.answer.startswith("A:") and "\nA:" not in answer.answer
    assert all(quote_in_text(c.quote, FAQ.decode()) for c in answer.citations)


def test_what_goes_in_something_asks_for_its_parts():
    from rfp_assistant.jobs.answering.intent import answer_shape

    assert answer_shape("We've been told to write a tech transfer package. What goes in it?") == "list"
    assert answer_shape("What goes into the RFP?") == "list"


RISK_LIST = b"""# Program risk list (draft)
First pass from the program office, for discussion.

| # | Risk | Notes | Mitigation | Owner |
| 1 | Vendor price rises after signature | seen at two vendors | fixed price for the first lots | Ines |
| 2 | Funding round slips | runway to next autumn | milestone payments | Bram |
| 3 | Resin supply from one source | long lead times | qualify a second resin | Ines |
"""


def test_a_table_of_our_own_is_answered_by_its_rows_not_its_heading_row(workspace):
    workspace.add_document(load_bytes(RISK_LIST, "risk-list.md", max_bytes=MB), "internal")
    workspace.upgrade()
    answer = answer_question(workspace, "What risks does our risk list name?")
    assert answer.found
    for row in ("Vendor price rises", "Funding round slips", "Resin supply"):
        assert row in answer.answer
    assert "#, Risk, Notes" not in answer.answer
