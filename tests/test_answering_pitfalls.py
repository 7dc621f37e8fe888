""""What happens if ...?" and "what's the danger in ...?" ask what a thing leads to: not a list, not a definition."""

from __future__ import annotations

import pytest

from rfp_assistant.jobs.answering import answer_question, read_intent

PAGE = """Running A Supplier Audit
Preparing The Audit
The audit team writes down its questions and its acceptance criteria before the first visit. Each auditor should
define the scope of the checks they own. Skipping this step leads to missed findings and repeat visits.
Reporting
Findings are sent to the supplier within two weeks of the visit.
"""
CONSEQUENCE = "leads to missed findings and repeat visits"


@pytest.fixture
def workspace(guide_workspace):
    """The built-in playbook plus a page ingested as the user's guide."""
    return guide_workspace(PAGE, "audit-page.txt")


def test_what_goes_wrong_if_a_step_is_skipped_is_answered_with_its_consequence(workspace):
    answer = answer_question(workspace, "What goes wrong if the auditors don't define the scope of their checks?")
    assert answer.found and CONSEQUENCE in " ".join(answer.answer.split())


@pytest.mark.parametrize(("question", "shape", "why"), [
    ("What happens if functions on our side aren't clear on who does what?", "other", True),
    ("What goes wrong if teams are not aligned?", "other", True),
    ("What matters most when picking a supplier?", "other", False),
    ("What goes wrong if we don't define our requirements?", "other", True),
    ("What's the danger in choosing a vendor too early?", "other", True),
    ("What costs are hidden?", "list", False),
    ("What goes into the request for proposal?", "list", False),
    ("What is the risk register?", "definition", False),
    ("What is the definition of scope creep?", "definition", False),
    ("define tech transfer", "definition", False),
])
def test_a_verb_after_what_or_a_step_named_define_is_no_list_or_definition_request(question, shape, why):
    intent = read_intent(question)
    assert (intent.shape, intent.why) == (shape, why)
