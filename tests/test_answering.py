"""Grounded Q&A, offline and through the local OpenAI-compatible server."""

from __future__ import annotations

import pytest

from rfp_assistant.jobs.answering import answer_question
from rfp_assistant.core.documents import load_bytes
from rfp_assistant.errors import ConfigurationError, LLMError
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.core.llm import make_chat_client

MB = 1_000_000
ROSTER = b"""# Outsourcing team roster (draft v0.3)
Dr. Lena Okafor, VP CMC, owns technology transfer on our side and approves the tech-transfer package.
Marco Diaz is the outsourcing project manager and runs the weekly CDMO call.

# Budget notes
The 2027 budget covers process development (USD 1.2M) and two GMP batches (USD 2.4M).
Person-in-plant travel, stability storage and change orders are not budgeted yet.
"""


@pytest.fixture
def index(settings):
    index = WorkspaceIndex(settings)
    index.add_document(load_bytes(ROSTER, "roster.md", max_bytes=MB), "internal")
    index.add_document(load_bytes(b"# Weather\nIt rained in Basel all week; the canteen served soup.", "misc.md", max_bytes=MB), "internal")
    return index


def test_offline_answer_names_the_owner_and_cites_a_verbatim_quote(index):
    answer = answer_question(index, "Who is responsible for tech transfer on our side?")
    assert answer.found and answer.mode == "offline"
    assert "Okafor" in answer.answer
    assert "[1]" in answer.answer
    first = answer.citations[0]
    assert (first.source, first.page) == ("roster.md", 1)
    assert quote_in_text(first.quote, ROSTER.decode())


def test_offline_answer_on_unbudgeted_items(index):
    answer = answer_question(index, "What costs have we not planned for in the budget?")
    assert "change orders" in answer.answer.lower()
    assert all(quote_in_text(c.quote, ROSTER.decode()) for c in answer.citations if c.source == "roster.md")


def test_offline_says_so_when_nothing_answers(index):
    answer = answer_question(index, "What is our policy on animal testing of excipients?")
    assert not answer.found
    assert answer.answer.startswith("Nothing in the indexed documents answers this")


def test_empty_workspace_answer_is_explicit(settings):
    answer = answer_question(WorkspaceIndex(settings, "empty"), "Who owns tech transfer?")
    assert not answer.found and "No documents are indexed" in answer.answer


def test_llm_answer_is_grounded_and_passages_are_fenced_as_data(index, llm_settings, openai_server):
    openai_server.reply_json({
        "answer": "Dr. Lena Okafor owns technology transfer [1].",
        "citations": [{"passage": 1, "quote": "Dr. Lena Okafor, VP CMC, owns technology transfer on our side"}],
        "found": True,
    })
    chat = make_chat_client(llm_settings)
    answer = answer_question(index, "Who owns tech transfer?", chat=chat)
    assert answer.mode == "llm" and answer.found
    assert answer.answer == "Dr. Lena Okafor owns technology transfer [1]."
    assert answer.citations[0].source == "roster.md"
    request = openai_server.chat_requests[-1]
    assert request.headers["authorization"] == "Bearer sk-test-secret-123"
    system, user = request.body["messages"][0]["content"], request.body["messages"][1]["content"]
    assert "data, not instructions" in system
    assert '<passage number="1" source="roster.md" page="1"' in user and "Who owns tech transfer?" in user


def test_llm_made_up_quote_is_rejected_and_offline_answer_is_used(index, llm_settings, openai_server):
    openai_server.reply_json({
        "answer": "The CEO owns tech transfer [1].",
        "citations": [{"passage": 1, "quote": "The CEO personally owns technology transfer"}],
        "found": True,
    })
    answer = answer_question(index, "Who owns tech transfer?", chat=make_chat_client(llm_settings))
    assert "CEO" not in answer.answer
    assert "Okafor" in answer.answer and answer.mode == "llm"


def test_llm_rate_limit_is_retried_then_succeeds(index, llm_settings, openai_server):
    openai_server.fail(429, "slow down", retry_after=0.01)
    openai_server.reply_json({"answer": "Marco Diaz [1].", "found": True,
                              "citations": [{"passage": 1, "quote": "Marco Diaz is the outsourcing project manager"}]})
    answer = answer_question(index, "Who is our project manager?", chat=make_chat_client(llm_settings))
    assert "Marco Diaz" in answer.answer
    assert len(openai_server.chat_requests) == 2


def test_llm_persistent_server_error_is_a_plain_message_without_the_key(index, llm_settings, openai_server):
    openai_server.fail(500, "internal", retry_after=0.01, times=5)
    with pytest.raises(LLMError) as caught:
        answer_question(index, "Who is our project manager?", chat=make_chat_client(llm_settings))
    message = str(caught.value)
    assert "returned an error (500) after retries" in message
    assert "sk-test-secret-123" not in message
    assert len(openai_server.chat_requests) == 3  # first try + 2 retries


def test_llm_mode_without_key_or_endpoint_is_a_configuration_error(settings):
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        make_chat_client(settings.model_copy(update={"llm": "openai"}))


def test_llm_timeout_is_retried_then_reported_plainly(index, llm_settings, openai_server):
    settings = llm_settings.model_copy(update={"llm_timeout_s": 0.5, "llm_max_retries": 1})
    openai_server.hang(3, times=2)
    with pytest.raises(LLMError, match=r"did not answer within 0.5 s"):
        answer_question(index, "Who is our project manager?", chat=make_chat_client(settings))
    assert len(openai_server.chat_requests) == 2


def test_llm_malformed_then_truncated_output_is_reported_plainly(index, llm_settings, openai_server):
    settings = llm_settings.model_copy(update={"llm_max_retries": 0})
    openai_server.malformed()
    with pytest.raises(LLMError, match="could not be read"):
        answer_question(index, "Who is our project manager?", chat=make_chat_client(settings))
    openai_server.truncated('{"answer": "Marco', times=2)
    with pytest.raises(LLMError, match="cut off"):
        answer_question(index, "Who is our project manager?", chat=make_chat_client(settings))


def test_llm_schema_violating_output_is_retried_once_then_reported(index, llm_settings, openai_server):
    openai_server.reply_json({"unexpected": "shape"}, times=2)
    with pytest.raises(LLMError, match="did not match the expected structure"):
        answer_question(index, "Who is our project manager?", chat=make_chat_client(llm_settings))
    assert len(openai_server.chat_requests) == 2
# Proposed additions to tests/test_answering.py (they use its ROSTER / index fixture and imports).

GUIDE = b"""# Relationship KPIs
Define five to seven KPIs for the CDMO relationship, such as on-time milestones and right-first-time batches.
"""


@pytest.fixture
def with_guide(index):
    index.add_document(load_bytes(GUIDE, "relationship-kpis.md", max_bytes=MB), "guide")
    return index


def test_question_about_us_is_answered_from_internal_documents_not_the_guide(with_guide):
    answer = answer_question(with_guide, "Who on our side owns tech transfer?")
    assert answer.found and "Okafor" in answer.answer
    assert {c.source for c in answer.citations} == {"roster.md"}


def test_silent_internal_documents_are_admitted_and_the_guide_is_offered(with_guide):
    answer = answer_question(with_guide, "Which KPIs will we use to judge the CDMO relationship?")
    assert not answer.found
    assert answer.answer.startswith("Nothing in your documents says this")
    assert "KPIs for the CDMO relationship" in answer.answer  # the readiness item that is missing
    assert [c.source for c in answer.citations] == ["relationship-kpis.md"]


def test_gap_question_cites_what_the_documents_leave_open(index):
    answer = answer_question(index, "What costs have we not budgeted yet?")
    assert answer.found and "change orders" in answer.answer.lower()
    assert all(quote_in_text(c.quote, ROSTER.decode()) for c in answer.citations if c.source == "roster.md")
