"""A question the documents are not about gets a plain "neither answers this", not the nearest playbook paragraph."""

from __future__ import annotations

import shutil

import pytest

from rfp_assistant.config import Settings
from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.answering import NEITHER, answer_question

MB = 1_000_000
HANDBOOK = b"""# Why we outsource
Our leading priorities are accelerating development timelines, reducing overhead and capital expenditures, and
reaching niche technologies. The rationale for outsourcing is agreed by the leadership team before any vendor is met.

## Budget
The budget counts direct service fees and the hidden costs: technology transfer, regulatory filings and audits.
"""


@pytest.fixture
def workspace(tmp_path, playbook_data_dir) -> WorkspaceIndex:
    """The built-in playbook plus a short handbook of the user's, read by both tiers (as in the app after ingest)."""
    shutil.copytree(playbook_data_dir, tmp_path / "data")
    index = WorkspaceIndex(Settings(data_dir=tmp_path / "data"), "default")
    index.add_document(load_bytes(HANDBOOK, "handbook.md", max_bytes=MB), "guide")
    index.upgrade()
    return index


@pytest.mark.parametrize("question", [
    "What is the capital of Mongolia?",  # shares 'capital' with 'capital expenditures'
    "How do I bake sourdough bread?",
    "Who won the 2018 football world cup?",
    "What time does the train to Berlin leave?",
])
def test_an_off_topic_question_is_answered_by_neither_the_users_documents_nor_the_playbook(workspace, question):
    answer = answer_question(workspace, question)
    assert not answer.found
    assert answer.answer == NEITHER and answer.citations == []


@pytest.mark.parametrize(("question", "expected", "origin"), [
    ("what hidden costs go in the budget", "technology transfer", "user"),
    ("why do companies use capital expenditure as a reason to outsource?", "capital expenditures", "user"),
    ("How many vendors should receive the full RFP?", "four to six", "playbook"),
])
def test_questions_on_the_topic_in_everyday_words_are_still_answered(workspace, question, expected, origin):
    answer = answer_question(workspace, question)
    assert answer.found and expected in answer.answer
    assert any(c.origin == origin and expected in c.quote for c in answer.citations)


def test_a_question_only_the_playbook_comes_close_to_shows_its_closest_passages(tmp_path, playbook_data_dir):
    """When the user's documents are off the topic and the playbook is near it without answering, the answer is the
    playbook's closest passages, cited; never "nothing is about this", which the playbook's passages would belie."""
    shutil.copytree(playbook_data_dir, tmp_path / "data")
    index = WorkspaceIndex(Settings(data_dir=tmp_path / "data"), "default")
    canteen = b"# Canteen rules\nLunch is served from 12:00 to 14:00 in building B. Trays go back to the rack.\n"
    index.add_document(load_bytes(canteen, "canteen.md", max_bytes=MB), "guide")
    index.upgrade()
    answer = answer_question(index, "What colour should the CDMO's lab coats be?")
    assert not answer.found
    assert "closest passages" in answer.answer
    assert answer.citations and all(c.origin == "playbook" for c in answer.citations)
