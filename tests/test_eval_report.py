"""The eval report: every suite's figures next to its targets, in Markdown and JSON, and a miss is visible."""

from __future__ import annotations

import json
import subprocess
import sys

from rfp_assistant.evals import suite_names
from rfp_assistant.evals.report import write_eval_report
from rfp_assistant.evals.result import SuiteResult, Target


def _results() -> list[SuiteResult]:
    return [
        SuiteResult(suite="retrieval", metrics={"recall_at_5": 0.95, "mrr": 0.7}, cases=60, seconds=12.3,
                    targets=[Target(metric="recall_at_5", op=">=", value=0.9)]),
        SuiteResult(suite="qa", metrics={"hit_rate": 0.8}, cases=42, failures=["q7: 'a | b' → nothing"],
                    targets=[Target(metric="hit_rate", op=">=", value=0.85)]),
    ]


def test_report_lists_every_target_and_marks_a_miss(tmp_path):
    markdown, as_json = write_eval_report(_results(), tmp_path / "reports" / "latest.md")
    assert (markdown.name, as_json.name) == ("latest.md", "latest.json")
    text = markdown.read_text()
    assert "Overall: **FAIL**" in text
    assert "| retrieval | recall_at_5 | 0.950 | >= 0.9 | yes |" in text
    assert "| qa | hit_rate | 0.800 | >= 0.85 | **NO** |" in text
    assert "- q7: 'a / b' → nothing" in text  # a pipe in a miss cannot break the table
    data = json.loads(as_json.read_text())
    assert data["passed"] is False
    qa = next(s for s in data["suites"] if s["suite"] == "qa")
    assert qa["targets"] == [{"metric": "hit_rate", "op": ">=", "value": 0.85, "enforced": True, "actual": 0.8,
                              "met": False}]
    assert next(s for s in data["suites"] if s["suite"] == "retrieval")["seconds"] == 12.3


def test_a_goal_not_reached_yet_shows_as_not_yet_and_does_not_fail_the_report(tmp_path):
    goal = SuiteResult(suite="extraction", metrics={"value_accuracy.held_out": 0.7, "value_accuracy.generated": 0.95},
                       targets=[Target(metric="value_accuracy.held_out", op=">=", value=0.9, enforced=False),
                                Target(metric="value_accuracy.generated", op=">=", value=0.9)])
    assert goal.passed and "not yet" in goal.render() and "MISSED" not in goal.render()
    markdown, as_json = write_eval_report([goal], tmp_path / "r")
    assert "| extraction | value_accuracy.held_out | 0.700 | >= 0.9 | not yet |" in markdown.read_text()
    assert json.loads(as_json.read_text())["passed"] is True
    # The same goal once enforced fails the suite.
    enforced = goal.model_copy(update={"targets": [Target(metric="value_accuracy.held_out", op=">=", value=0.9)]})
    assert not enforced.passed and "MISSED" in enforced.render()


def test_every_job_has_a_suite_and_unknown_suites_are_refused(cli_env):
    assert set(suite_names()) == {"retrieval", "extraction", "drafting", "readiness", "qa"}
    result = subprocess.run([sys.executable, "-m", "rfp_assistant", "eval", "--suite", "speed"], env=cli_env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Unknown eval suite(s): speed" in result.stderr
