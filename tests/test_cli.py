"""The command line, run as a user runs it: JSON contracts, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import require_shared

ROSTER = "# Team\nDr. Lena Okafor (VP CMC) owns technology transfer on our side.\n"


def run(args, env, check_exit=None):
    result = subprocess.run([sys.executable, "-m", "rfp_assistant", *args], env=env, capture_output=True, text=True, timeout=300)
    if check_exit is not None:
        assert result.returncode == check_exit, result.stderr + result.stdout
    return result


def test_ingest_and_ask_json_contract(tmp_path, cli_env):
    (tmp_path / "roster.md").write_text(ROSTER)
    ingested = run(["ingest", str(tmp_path / "roster.md"), "--kind", "internal", "--json"], cli_env, check_exit=0)
    report = json.loads(ingested.stdout)
    assert report[0]["source"] == "roster.md" and report[0]["status"] == "added"

    asked = run(["ask", "Who owns tech transfer on our side?", "--json"], cli_env, check_exit=0)
    answer = json.loads(asked.stdout)
    assert {"answer", "citations", "mode"} <= answer.keys()
    assert answer["mode"] == "offline" and "Okafor" in answer["answer"]
    first = answer["citations"][0]
    # The contract grows only by adding fields (such as where a citation comes from); these must hold.
    assert {k: first[k] for k in ("source", "page", "quote")} == {
        "source": "roster.md", "page": 1, "quote": "Dr. Lena Okafor (VP CMC) owns technology transfer on our side."}

    again = run(["ingest", str(tmp_path / "roster.md"), "--json"], cli_env, check_exit=0)
    assert json.loads(again.stdout)[0]["status"] == "unchanged"


def test_plain_ask_says_whose_document_each_citation_comes_from(tmp_path, cli_env):
    (tmp_path / "roster.md").write_text(ROSTER)
    run(["ingest", str(tmp_path / "roster.md"), "--kind", "internal"], cli_env, check_exit=0)
    own = run(["ask", "Who owns tech transfer on our side?"], cli_env, check_exit=0)
    assert '[1] roster.md, p. 1 — your document: "Dr. Lena Okafor' in own.stdout
    playbook = run(["ask", "Which hidden costs do sponsors forget to budget?"], cli_env, check_exit=0)
    sources = playbook.stdout.split("Sources:")[1].strip().splitlines()
    assert sources and all(".md, p. " in line and " — built-in playbook: " in line for line in sources), playbook.stdout


def test_prepare_fills_only_the_machine_cache_and_leaves_the_data_folder_alone(tmp_path, cli_env):
    import shutil

    from rfp_assistant.config import Settings

    machine = Settings().cache_dir  # the tests' machine cache: a second run only checks and reuses what is there
    cache = tmp_path / "machine-cache"
    shutil.copytree(machine, cache, ignore=shutil.ignore_patterns("*.lock"))
    env = dict(cli_env, RFP_CACHE_DIR=str(cache), RFP_DATA_DIR=str(tmp_path / "never-created"))
    done = run(["prepare"], env, check_exit=0)
    assert "embedding table found" in done.stdout and "built-in playbook passages cached" in done.stdout
    assert int(done.stdout.split("vectors of ")[1].split()[0]) >= 50
    assert not (tmp_path / "never-created").exists()  # the playbook was indexed in a throw-away folder
    assert {p.name for p in cache.iterdir()} <= {p.name for p in machine.iterdir()}


def test_bad_file_in_a_batch_is_reported_and_the_rest_indexed(tmp_path, cli_env):
    (tmp_path / "good.md").write_text(ROSTER)
    (tmp_path / "fake.pdf").write_text("this is not a pdf")
    result = run(["ingest", str(tmp_path / "fake.pdf"), str(tmp_path / "good.md")], cli_env, check_exit=1)
    assert "✗ fake.pdf: the name says PDF but the content is plain text" in result.stdout
    assert "✓ good.md: added" in result.stdout
    listed = run(["documents", "--json"], cli_env, check_exit=0)
    sources = [d["source"] for d in json.loads(listed.stdout)]
    assert "good.md" in sources and "fake.pdf" not in sources


def test_encrypted_corpus_pdf_is_refused_in_plain_words(cli_env):
    pdf = require_shared("pdf-corpus", "005-libreoffice-writer-password_libreoffice-writer-password.pdf")
    result = run(["ingest", str(pdf)], cli_env, check_exit=1)
    assert "password-protected" in result.stdout
    assert "Traceback" not in result.stderr


def test_builtin_playbook_is_loaded_on_first_use(tmp_path, cli_env):
    cli_env = dict(cli_env, RFP_DATA_DIR=str(tmp_path / "first-run"))  # truly empty, as on a new machine
    listed = run(["documents", "--json"], cli_env, check_exit=0)
    guides = [d for d in json.loads(listed.stdout) if d["kind"] == "guide"]
    assert len(guides) >= 10
    asked = run(["ask", "Which hidden costs do sponsors forget to budget?", "--json"], cli_env, check_exit=0)
    answer = json.loads(asked.stdout)
    assert answer["citations"] and all(c["source"].endswith(".md") for c in answer["citations"])


def test_errors_are_messages_not_tracebacks(cli_env):
    env = dict(cli_env, RFP_LLM="openai")
    result = run(["ask", "anything"], env, check_exit=2)
    assert result.stderr.startswith("Error: RFP_LLM=openai needs OPENAI_API_KEY")
    bad_workspace = run(["documents", "--workspace", "../etc"], cli_env, check_exit=2)
    assert "Workspace name '../etc' is not allowed" in bad_workspace.stderr
    missing = run(["delete", "nothing.pdf"], cli_env, check_exit=2)
    assert "No document named 'nothing.pdf'" in missing.stderr


def test_draft_json_contract_and_docx(tmp_path, cli_env):
    brief = "Phase 1 mAb, CHO, 2 x 2,000 L GMP batches by Q3 2027, lyophilized vials, US and EU filings."
    result = run(["draft", "--brief", brief, "--json"], cli_env, check_exit=0)
    data = json.loads(result.stdout)
    ids = [s["id"] for s in data["sections"]]
    assert ids == ["overview", "scope_of_work", "technical_requirements", "quality_regulatory", "timeline",
                   "deliverables", "logistics", "commercial_terms", "risk_management", "evaluation_criteria",
                   "submission_instructions", "confidentiality", "response_form"]
    text = " ".join(s["markdown"] for s in data["sections"])
    assert "2,000 L" in text and "Q3 2027" in text
    assert any(g["field"] == "budget" for g in data["gaps"])  # the brief gives no budget: an open question
    assert "[To be confirmed" in text
    out = tmp_path / "rfp.docx"
    run(["draft", "--brief", brief, "--format", "docx", "-o", str(out)], cli_env, check_exit=0)
    import docx

    document = docx.Document(str(out))
    assert document.tables and any("Response form" in p.text or "response form" in p.text.lower()
                                   for p in document.paragraphs)


RISK_REGISTER = """# CDMO risk register (draft)
| # | Risk | Mitigation | Owner |
| 1 | CDMO price increases after we sign | push for a fixed price on the first batches | CFO |
| 2 | Currency: EUR/USD exposure if a European vendor is chosen | ask for USD pricing | CFO |
"""


def test_readiness_indexes_the_documents_and_prints_the_contract(tmp_path, cli_env):
    (tmp_path / "risk-register.md").write_text(RISK_REGISTER)
    (tmp_path / "roster.md").write_text(ROSTER)
    (tmp_path / "scan.pdf").write_text("not a pdf at all")
    docs = [str(tmp_path / n) for n in ("risk-register.md", "roster.md", "scan.pdf")]
    report_path = tmp_path / "readiness.md"
    result = run(["readiness", *docs, "--json", "-o", str(report_path)], cli_env, check_exit=1)
    assert "✗ scan.pdf" in result.stderr  # the unreadable file is named; the rest is still assessed
    data = json.loads(result.stdout)
    assert {"score", "areas", "items", "mode"} <= data.keys() and data["mode"] == "offline"
    assert len(data["items"]) == 38 and 0.0 < data["score"] < 0.5
    items = {i["id"]: i for i in data["items"]}
    assert items["risk.financial"]["status"] == "covered"
    assert items["risk.operational"]["status"] == "missing" and items["risk.operational"]["recommendation"]
    assert items["risk.financial"]["evidence"][0]["source"] == "risk-register.md"
    assert "risk.financial" in report_path.read_text() or "Financial" in report_path.read_text()

    # They were assessed as the eval assesses them: with the contextual (second-tier) vectors, not the first tier's.
    from pathlib import Path

    from rfp_assistant.config import Settings
    from rfp_assistant.core.retrieval.index import WorkspaceIndex

    index = WorkspaceIndex(Settings(data_dir=Path(cli_env["RFP_DATA_DIR"])))
    records = index.list_documents(kind="internal")
    assert index.contextual.covered({r.doc_id for r in records}, {r.doc_id: r.chunks for r in records}) == \
        {r.doc_id for r in records}
    listed = json.loads(run(["documents", "--json"], cli_env, check_exit=0).stdout)
    assert {"risk-register.md", "roster.md"} <= {d["source"] for d in listed if d["kind"] == "internal"}
    # Without documents, the internal documents already indexed are assessed again: same result.
    again = json.loads(run(["readiness", "--json"], cli_env, check_exit=0).stdout)
    assert {i["id"]: i["status"] for i in again["items"]} == {k: v["status"] for k, v in items.items()}


def test_readiness_of_an_empty_workspace_says_what_to_do(cli_env):
    result = run(["readiness", "--workspace", "empty"], cli_env, check_exit=2)
    assert "has no internal documents yet" in result.stderr and "Traceback" not in result.stderr
