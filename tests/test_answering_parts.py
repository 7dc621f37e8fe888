"""A question naming one of the user's document's main parts is answered by that part as a whole, cited."""

from __future__ import annotations

import pytest

from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.answering import answer_question

PAGE = """Getting Ready For A Sterile Filling Partner
Choosing a filling partner goes better when the team has done some thinking first.
This page walks through what to settle before the first call, including:
- Putting Your Own House In Order
- Sizing Up The Vendor Field
- Questions Readers Often Ask
Putting Your Own House In Order
Before the first call, a sponsor settles what it needs, what it can pay and who decides.
Agreeing What The Program Needs
Write down the container, the fill volume and the batch sizes for each clinical phase. Decide who signs off the
requirements and by when.
Pricing The Work Realistically
Quotes for filling runs vary widely with batch size and the number of media fills. Teams that have bought filling
before reuse their old invoices.
Naming The Decision Makers
A small group from quality, supply and finance approves the shortlist. The program lead chairs it.
Conclusion
A sponsor that has settled these points gets quotes it can compare.
Sizing Up The Vendor Field
Sponsors compare vendors on capacity, container formats and inspection history. Trade shows and peers name candidates.
Questions Readers Often Ask
How long does a media fill take? Usually a few days, with results after fourteen days of incubation.
"""
SUBSECTIONS = ("Agreeing What The Program Needs", "Pricing The Work Realistically", "Naming The Decision Makers")


@pytest.fixture
def workspace(guide_workspace):
    """The built-in playbook plus a published page ingested as the user's guide."""
    return guide_workspace(PAGE, "filling-page.txt")


@pytest.mark.parametrize("question", [
    "What does the page say about putting our own house in order?",
    "give me the gist of the own house in order part",
])
def test_a_question_naming_a_main_part_gets_the_part_whole(workspace, question):
    answer = answer_question(workspace, question)
    assert answer.found
    assert answer.answer.startswith("Before the first call, a sponsor settles what it needs")
    for heading in SUBSECTIONS:  # each sub-section by its heading, with its opening sentence
        assert f"- {heading}: " in answer.answer
    assert "Write down the container, the fill volume and the batch sizes" in answer.answer
    assert "Sponsors compare vendors" not in answer.answer  # the next part is not this one
    assert "Conclusion" not in answer.answer  # nor the document's own closing
    assert len(answer.citations) == 1 + len(SUBSECTIONS)
    assert all(c.source == "filling-page.txt" and c.origin == "user" for c in answer.citations)
    assert all(quote_in_text(c.quote, PAGE) for c in answer.citations)


def test_a_question_about_one_sub_section_is_answered_from_it(workspace):
    answer = answer_question(workspace, "How do teams that have bought filling before price the work?")
    assert answer.found and "reuse their old invoices" in answer.answer
    assert not any(f"- {heading}: " in answer.answer for heading in SUBSECTIONS)


def test_a_part_without_sub_sections_is_answered_like_any_passage(workspace):
    answer = answer_question(workspace, "What does the page say about sizing up the vendor field?")
    assert answer.found and "capacity, container formats and inspection history" in answer.answer
    assert "- Sizing Up The Vendor Field:" not in answer.answer
