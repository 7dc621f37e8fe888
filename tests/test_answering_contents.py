"""A question asking what a thing holds gets the whole list; a second source pointing back brings what it points to."""

from __future__ import annotations

import pytest

from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.answering import answer_question
from rfp_assistant.jobs.answering.intent import answer_shape

PAGE = """Working With A Filling Partner
Handing Over The Process
Next, the team prepares a structured, well-documented handover for the partner. Batch records, test methods,
release specifications and stability data are gathered during planning so that the partner can repeat the process.
Managing The Change
Changes In Daily Work
Additionally, the company should manage expectations across key groups like the pilot lab, the warehouse and the
finance office. The new partner will affect these groups' routines, and early notice of the changes eases the move.
Frequently Asked Questions
1. Why does the change need managing?
Working with a partner changes how internal groups work. Managing the change prepares groups for new routines,
outside collaboration and new roles. Addressing worries early reduces resistance and builds support.
"""


@pytest.fixture
def workspace(guide_workspace):
    """The built-in playbook plus a page ingested as the user's guide."""
    return guide_workspace(PAGE, "partner-page.txt")


@pytest.mark.parametrize(("question", "shape"), [
    ("What does the handover package contain?", "list"),
    ("what does the RFP template include", "list"),
    ("What does the preparation involve overall?", "list"),
    ("What's the equivalent of a PPAP here - the documentation pack we hand over?", "list"),
    ("What is a handover package?", "definition"),
    ("What does a fast-moving program need from its partner?", "other"),
    ("Why do we need a handover kit?", "other"),
    ("the part about watching the partner later on - what measures did it say to track?", "list"),
    ("the risk part \u2014 what happens if a batch fails?", "other"),
])
def test_asking_what_a_thing_holds_asks_for_its_list(question, shape):
    assert answer_shape(question) == shape


def test_the_contents_of_a_package_come_back_whole(workspace):
    answer = answer_question(workspace, "What does the handover package contain?")
    text = " ".join(answer.answer.split())
    assert answer.found and all(item in text for item in ("Batch records", "test methods", "stability data"))


def test_a_sentence_pointing_back_comes_with_what_it_points_to(workspace):
    answer = answer_question(workspace, "Which groups will have to change their routines?")
    text = " ".join(answer.answer.split())
    assert answer.found and "the pilot lab, the warehouse and the finance office" in text
    assert all(quote_in_text(c.quote, PAGE) for c in answer.citations if c.source == "partner-page.txt")
