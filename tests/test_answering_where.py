"""A "where do we get ...?" question gets the sentence naming where it comes from, not only the topic's sentences."""

from __future__ import annotations

import pytest

from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.answering import answer_question, read_intent

PAGE = """Planning The Packaging Spend
Setting A Packaging Budget
A sound packaging budget covers the whole cost of cartons, labels and inserts for every market. Unit prices for
cartons and labels are easy to estimate once the artwork is fixed. Artwork changes and reprints are the costs that
surprise teams later. Newer teams often rely on quotes gathered from two or three printers and on advice from
former colleagues. Careful packaging budgets let a team choose where it can save.
Checking The Artwork
Every label is proofread by two people before it is sent to the printer.
"""
SOURCE = "rely on quotes gathered from two or three printers"


@pytest.fixture
def workspace(guide_workspace):
    """The built-in playbook plus a page ingested as the user's guide."""
    return guide_workspace(PAGE, "packaging-page.txt")


def test_where_to_get_figures_is_answered_with_the_sentence_naming_the_source(workspace):
    answer = answer_question(workspace, "We have never bought packaging. Where do we get realistic prices for the "
                                        "packaging budget?")
    assert answer.found and SOURCE in " ".join(answer.answer.split())
    assert all(quote_in_text(c.quote, PAGE) for c in answer.citations if c.source == "packaging-page.txt")


def test_a_question_not_asking_where_keeps_its_answer(workspace):
    answer = answer_question(workspace, "Which packaging costs surprise teams later?")
    assert answer.found and "Artwork changes and reprints" in answer.answer


@pytest.mark.parametrize(("question", "source"), [
    ("Where are we supposed to get cost numbers?", True),
    ("where to find intel on printers", True),
    ("Where does the guide suggest we go for advice?", True),
    ("Where should the manufacturing site be?", False),
    ("Where in the guide is the budget discussed?", False),
    ("How do we set the packaging budget?", False),
])
def test_only_a_question_asking_where_something_comes_from_asks_for_a_source(question, source):
    assert ("source" in read_intent(question).wants) is source
