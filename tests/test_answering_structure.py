"""Questions about how the user's document is laid out read its own outline: the overview list naming its sections."""

from __future__ import annotations

import pytest

from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.answering import answer_question

PAGE = """Getting Ready For A Sterile Filling Partner
Choosing a filling partner goes better when the team has done some thinking first.
This page walks through what to settle before the first call, including:
- Agreeing What The Program Needs
- Pricing The Work Realistically
- Sizing Up The Vendor Field
- Questions Readers Often Ask
Agreeing What The Program Needs
Write down the container, the fill volume and the batch sizes for each clinical phase. Decide who signs off the
requirements and by when.
Pricing The Work Realistically
Quotes for filling runs vary widely with batch size and the number of media fills. Teams that have bought filling
before reuse their old invoices.
Sizing Up The Vendor Field
Sponsors compare vendors on capacity, container formats and inspection history. A page listing the required sections
of an RFP (scope, timeline, quality terms, pricing) helps each vendor answer the same questions.
Questions Readers Often Ask
What should the RFP contain? It should contain scope, timeline, quality terms and pricing, in that order.
"""


@pytest.fixture
def workspace(guide_workspace):
    """The built-in playbook plus a published page ingested as the user's guide."""
    return guide_workspace(PAGE, "filling-page.txt")


def test_a_question_about_the_documents_sections_is_answered_by_its_overview_list(workspace):
    answer = answer_question(workspace, "that overview list at the very top - how many main sections does the page have?")
    assert answer.found
    for section in ("Agreeing What The Program Needs", "Pricing The Work Realistically", "Sizing Up The Vendor Field",
                    "Questions Readers Often Ask"):
        assert section in answer.answer
    assert [c.source for c in answer.citations] == ["filling-page.txt"]
    assert all(quote_in_text(c.quote, PAGE) for c in answer.citations)


def test_sections_of_something_the_document_describes_are_not_its_outline(workspace):
    answer = answer_question(workspace, "What sections should an RFP have?")
    assert "Agreeing What The Program Needs" not in answer.answer
    # Naming a part by its topic asks for that part's content.
    part = answer_question(workspace, "which part of the page covers the vendor field?")
    assert part.found and "Sizing Up The Vendor Field" not in part.answer and "capacity" in part.answer

