"""Model-endpoint faults as a user meets them in the CLI: retried where sensible, then one plain line, no traceback,
no secret, and nothing half-written to the index or to an export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from browser import free_port

ROOT = Path(__file__).resolve().parents[1]
PROPOSAL = ROOT / "eval" / "extraction" / "proposals" / "01_northfield_formal_letter.pdf"
COMPANY = ROOT / "eval" / "readiness" / "companies" / "halvorsen-bio"
SECRET = "sk-live-do-not-print-4242"
ROSTER = "# Team\nDr. Lena Okafor (VP CMC) owns technology transfer on our side.\n"


@pytest.fixture
def llm_env(cli_env, openai_server):
    """CLI environment in LLM mode against the local OpenAI-compatible server; quick retries and timeouts."""
    return dict(cli_env, RFP_LLM="openai", OPENAI_BASE_URL=openai_server.base_url, OPENAI_API_KEY=SECRET,
                RFP_MODEL="stub-model", RFP_LLM_MAX_RETRIES="1", RFP_LLM_TIMEOUT_S="1")


def run(args, env, timeout=300):
    return subprocess.run([sys.executable, "-m", "rfp_assistant", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def _plain(result) -> str:
    """The output a user sees; asserts it is a message, not a traceback, and carries no secret."""
    seen = result.stdout + result.stderr
    assert "Traceback" not in seen and SECRET not in seen
    return seen


FAULTS = {
    "rate limited (429)": (lambda s: s.fail(429, "rate limit reached", retry_after=0.01, times=4), "(429)"),
    "server error (500)": (lambda s: s.fail(500, "boom", retry_after=0.01, times=4), "(500)"),
    "timeout": (lambda s: s.hang(4, times=4), "did not answer within 1 s"),
    "malformed JSON": (lambda s: s.malformed(times=4), "could not be read"),
    "cut off (finish_reason=length)": (lambda s: s.truncated('{"answer": "Dr', times=4), "cut off"),
    "schema-violating": (lambda s: s.reply_json({"unexpected": "shape"}, times=4), "did not match the expected structure"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_ask_reports_each_fault_in_plain_words(fault, tmp_path, llm_env, openai_server):
    (tmp_path / "roster.md").write_text(ROSTER)
    assert run(["ingest", str(tmp_path / "roster.md")], llm_env).returncode == 0  # ingest needs no model
    arrange, words = FAULTS[fault]
    arrange(openai_server)
    result = run(["ask", "Who owns tech transfer on our side?"], llm_env)
    assert result.returncode == 2
    seen = _plain(result)
    assert seen.startswith("Error: ") and words in seen, seen
    assert 1 <= len(openai_server.chat_requests) <= 2  # tried, retried once at most, then stopped


def test_a_429_then_success_is_retried_and_answers(tmp_path, llm_env, openai_server):
    (tmp_path / "roster.md").write_text(ROSTER)
    run(["ingest", str(tmp_path / "roster.md")], llm_env)
    openai_server.fail(429, "slow down", retry_after=0.01)
    openai_server.reply_json({"answer": "Dr. Lena Okafor owns it [1].", "found": True, "citations": [
        {"passage": 1, "quote": "Dr. Lena Okafor (VP CMC) owns technology transfer on our side."}]})
    result = run(["ask", "Who owns tech transfer on our side?", "--json"], llm_env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["mode"] == "llm" and "Okafor" in json.loads(result.stdout)["answer"]


def test_connection_refused_is_named_with_the_address(tmp_path, llm_env):
    env = dict(llm_env, OPENAI_BASE_URL=f"http://127.0.0.1:{free_port()}/v1")
    (tmp_path / "roster.md").write_text(ROSTER)
    run(["ingest", str(tmp_path / "roster.md")], env)
    result = run(["ask", "Who owns tech transfer on our side?"], env)
    assert result.returncode == 2
    seen = _plain(result)
    assert "could not connect" in seen.lower() or "could not reach" in seen.lower(), seen


def test_failed_comparison_writes_no_workbook(tmp_path, llm_env, openai_server):
    openai_server.fail(500, "boom", retry_after=0.01, times=20)
    out = tmp_path / "comparison.xlsx"
    result = run(["compare", str(PROPOSAL), "-o", str(out)], llm_env)
    seen = _plain(result)
    assert result.returncode != 0 and "(500)" in seen, seen
    assert not out.exists() and not list(tmp_path.glob(".comparison.xlsx.*"))


def test_failed_readiness_writes_no_report_and_keeps_the_index_whole(tmp_path, llm_env, openai_server):
    openai_server.hang(4, times=40)
    out = tmp_path / "readiness.md"
    result = run(["readiness", str(COMPANY / "team-roster.docx"), "-o", str(out)], llm_env)
    seen = _plain(result)
    assert result.returncode == 2 and "did not answer within 1 s" in seen, seen
    assert not out.exists()
    listed = json.loads(run(["documents", "--json"], llm_env).stdout)
    roster = [d for d in listed if d["source"] == "team-roster.docx"]
    assert roster and roster[0]["chunks"] > 0  # the document was indexed completely before the model failed


def test_draft_falls_back_to_offline_when_the_model_is_down_and_says_so(tmp_path, llm_env, openai_server):
    openai_server.fail(500, "boom", retry_after=0.01, times=200)
    brief = "Phase 1 mAb, CHO, 2 x 2,000 L GMP batches by Q3 2027, lyophilized vials, US and EU filings."
    out = tmp_path / "rfp.docx"
    result = run(["draft", "--brief", brief, "--format", "docx", "-o", str(out)], llm_env)
    _plain(result)
    assert result.returncode == 0 and out.exists()
    result = run(["draft", "--brief", brief, "--json"], llm_env)
    data = json.loads(result.stdout)
    assert len(data["sections"]) == 13 and data["mode"] == "offline"
    assert "could not read the brief" in data["warnings"][0] and "(500)" in data["warnings"][0]
    assert len(openai_server.chat_requests) == 4  # two drafts x (one try + one retry): no waiting on 12 more calls
