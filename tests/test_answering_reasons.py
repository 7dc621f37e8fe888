"""A "why ...?" question gets the sentence that gives the reason, not only the sentences naming the thing."""

from __future__ import annotations

import pytest

from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.answering import answer_question, read_intent

PAGE = """Working With A Filling Partner
Sending Out The Request
First, the team writes a draft request for proposal listing the scope, the timelines and the evaluation criteria.
The draft request also lists the deliverables, the quality standards and the commercial terms. The request covers
the vendor's experience with similar products. It may change later on, but this way every vendor answers the same
questions, which ensures that the offers can be compared.
Visiting The Site
An audit of the filling line is planned before the contract is signed.
"""
REASON = "ensures that the offers can be compared"


@pytest.fixture
def workspace(guide_workspace):
    """The built-in playbook plus a page ingested as the user's guide."""
    return guide_workspace(PAGE, "request-page.txt")


def test_why_is_answered_with_the_sentence_giving_the_reason(workspace):
    answer = answer_question(workspace, "Why write the draft request for proposal so early?")
    assert answer.found and REASON in " ".join(answer.answer.split())
    assert all(quote_in_text(c.quote, PAGE) for c in answer.citations if c.source == "request-page.txt")


@pytest.mark.parametrize(("question", "why"), [
    ("Why write the draft request so early?", True),
    ("What's the point of a site audit?", True),
    ("What happens if we skip the audit?", True),
    ("What should the draft request list?", False),
    ("When is the audit planned?", False),
])
def test_a_question_asking_why_is_told_apart(question, why):
    assert read_intent(question).why is why
