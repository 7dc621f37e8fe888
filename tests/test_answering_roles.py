"""Only a question about someone (who, which team, who owns ...) asks for a person; "our own ..." does not."""

from __future__ import annotations

import pytest

from rfp_assistant.jobs.answering import read_intent


@pytest.mark.parametrize(("question", "person"), [
    ("Who signs off on the supplier choice?", True),
    ("Which team owns the supplier audit?", True),
    ("Who is the owner of the audit plan?", True),
    ("What do we gain by checking our own readiness first?", False),
    ("Can we run the audit on our own?", False),
])
def test_only_a_question_about_someone_asks_for_a_person(question, person):
    assert ("person" in read_intent(question).wants) is person
