"""The guide-question eval: what counts as a hit, held-out misses stay hidden, and a missing guide is skipped
with a reason on a user's clone but is an error in CI."""

from __future__ import annotations

import pytest
import yaml

from rfp_assistant.errors import ConfigurationError
from rfp_assistant.evals import qa_guide
from rfp_assistant.schemas.common import Answer, Citation

GUIDE = qa_guide.GUIDE_FILE.name
ITEM = {
    "id": "t-1", "question": "What goes into the RFP template?",
    "answer_passages": ["The template outlines project scope, technical requirements, timelines and evaluation criteria."],
    "expect_any": ["evaluation criteria"],
    "expect_all_of_list": ["project scope", "technical requirements", "timelines", "evaluation criteria"],
}


def _answer(text: str, source: str = GUIDE, found: bool = True) -> Answer:
    return Answer(answer=text, found=found, citations=[Citation(source=source, page=1, quote=text[:40] or "x")])


@pytest.fixture
def asked(monkeypatch):
    """Make `answer_question` return the queued answers, one per question."""
    queue: list[Answer] = []
    monkeypatch.setattr(qa_guide, "answer_question", lambda index, question: queue.pop(0))
    return queue


def test_a_hit_needs_the_content_the_guide_cited_and_a_found_answer(asked):
    asked += [
        _answer("It lists project scope, technical requirements and evaluation criteria [1]."),
        _answer("It lists project scope, technical requirements and evaluation criteria [1].", source="playbook.md"),
        _answer("Nothing in the indexed documents answers this. Closest: evaluation criteria [1]", found=False),
        _answer("Send it to four to six vendors [1]."),
    ]
    tally = qa_guide.score_questions(None, [ITEM] * 4, list_misses=True)
    metrics = tally.metrics()
    assert tally.hits == 1 and metrics["answer_hit"] == 0.25
    assert metrics["cited"] == 1.0 and metrics["cites_guide"] == 0.75
    assert metrics["list_completeness"] == pytest.approx((0.75 + 0.75 + 0.25 + 0.0) / 4)
    assert len(tally.misses) == 3


def test_an_answer_quoting_most_of_a_gold_passage_carries_it_without_the_exact_phrase():
    item = {**ITEM, "expect_any": ["something else entirely"]}
    quoted = qa_guide._flat("Per the guide, the template outlines project scope, technical requirements, timelines "
                            "and evaluation criteria.")
    assert qa_guide.carries_answer(quoted, item)
    assert not qa_guide.carries_answer(qa_guide._flat("The template outlines project scope."), item)


def test_readiness_framing_is_counted(asked):
    asked += [_answer("Nothing in your documents says this. What the guide recommends: evaluation criteria [1].")]
    assert qa_guide.score_questions(None, [ITEM], list_misses=False).metrics()["readiness_framing"] == 1.0


def test_held_out_misses_are_never_listed_and_sets_sit_side_by_side(asked, monkeypatch, tmp_path):
    monkeypatch.setattr(qa_guide, "guide_available", lambda: (True, ""))
    monkeypatch.setattr(qa_guide, "guide_workspace", lambda settings, kind="guide": None)
    sets = qa_guide.question_sets()
    asked += [_answer("No idea [1].") for _ in range(sum(len(v) for v in sets.values()))]
    metrics, misses, skipped = qa_guide.run_guide_questions(settings=None)
    assert not skipped
    assert list(metrics)[:2] == ["guide_answer_hit.dev", "guide_answer_hit.held_out"]
    held_out = yaml.safe_load((qa_guide.QUESTIONS_DIR / "split.yaml").read_text())["held_out"]
    assert len(misses) == len(sets["dev"]) and not any(f" {i}:" in m for i in held_out for m in misses)
    written = [i["id"] for path in qa_guide.QUESTIONS_DIR.glob("qa*.yaml") for i in yaml.safe_load(path.read_text())]
    assert len(sets["dev"]) + len(sets["held_out"]) == len(written) >= 60  # every question is in one set


def test_a_missing_guide_is_skipped_with_a_reason_but_is_an_error_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(qa_guide, "GUIDE_FILE", tmp_path / "absent.txt")
    monkeypatch.delenv("CI", raising=False)
    available, reason = qa_guide.guide_available()
    assert not available and "absent.txt not found" in reason
    assert qa_guide.run_guide_questions(settings=None) == ({}, [], reason)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(ConfigurationError, match="must run in CI"):
        qa_guide.guide_available()
