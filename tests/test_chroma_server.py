"""The shared index: the CLI against a real Chroma server (`chroma run`), as a team uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.chroma_server import chroma_server, unique_workspace  # noqa: F401  (fixture import)
from support.cli import fresh_cli_env

ROOT = Path(__file__).resolve().parents[1]
COMPANY = ROOT / "eval" / "readiness" / "companies" / "halvorsen-bio"
PROPOSAL = ROOT / "eval" / "extraction" / "proposals" / "01_northfield_formal_letter.pdf"
READINESS_DOCS = ["team-roster.docx", "outsourcing-strategy-memo.md", "cdmo-budget-fy26-27.txt", "risk-register-v3.pdf"]

# One worker holds the session's server; the static embedding tier keeps each command to a second or two.
pytestmark = pytest.mark.xdist_group("chroma_server")


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the CLI as a user does; a non-zero exit fails with its output."""
    result = subprocess.run(
        [sys.executable, "-m", "rfp_assistant", *args], env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, f"rfp-assistant {' '.join(args)} exited {result.returncode}:\n{result.stderr}{result.stdout}"
    return result


def run_json(args: list[str], env: dict[str, str]):
    """Run the CLI with --json and parse what it prints."""
    return json.loads(run([*args, "--json"], env).stdout)


@pytest.fixture
def server_env(tmp_path, chroma_server):
    """CLI environment pointed at the shared server, with an empty local data folder."""
    # Not conftest's cli_env: that one starts from a copy of an embedded store, which would hide whether
    # anything was written locally instead of to the server.
    return chroma_server.env(fresh_cli_env(tmp_path / "data"))


def cited_sources(answer: dict) -> set[str]:
    """File names an ask --json answer cites."""
    return {c["source"] for c in answer["citations"]}


def test_ingest_ask_extract_and_readiness_use_the_server(server_env, chroma_server):
    workspace = unique_workspace("shared")
    roster = COMPANY / "team-roster.docx"

    ingested = run_json(["ingest", str(roster), "--kind", "internal", "--workspace", workspace], server_env)
    assert [(r["source"], r["status"]) for r in ingested] == [("team-roster.docx", "added")]

    answer = run_json(["ask", "Who owns tech transfer on our side?", "--workspace", workspace], server_env)
    assert answer["found"] and "team-roster.docx" in cited_sources(answer), answer

    [extraction] = run_json(["extract", str(PROPOSAL)], server_env)
    assert extraction["error"] is None
    assert extraction["fields"]["cdmo_name"]["status"] == "stated"

    report = run_json(
        ["readiness", *[str(COMPANY / name) for name in READINESS_DOCS], "--workspace", workspace], server_env
    )
    assert 0 < report["score"] <= 1
    evidence = {e["source"] for item in report["items"] for e in item["evidence"]}
    assert evidence and evidence <= set(READINESS_DOCS), evidence

    # The passages live on the server; the embedded store was never created in the data folder.
    assert f"rfp-{workspace}-chunks" in chroma_server.collection_names()
    data_dir = Path(server_env["RFP_DATA_DIR"])
    assert not list(data_dir.rglob("chroma.sqlite3")), "an embedded Chroma store was created despite RFP_CHROMA_HOST"
    manifests = chroma_server.client().get_collection(f"rfp-{workspace}-chunks").get(
        where={"record": "manifest"}, include=["metadatas"]
    )
    assert {"team-roster.docx", *READINESS_DOCS} <= {m["source"] for m in manifests["metadatas"]}


def test_workspaces_on_one_server_never_see_each_other(tmp_path, server_env, chroma_server):
    ws1, ws2 = unique_workspace("team-a"), unique_workspace("team-b")
    alpha = tmp_path / "alpha-roster.md"
    alpha.write_text("# Alpha program team\nDr. Ada Quillfeather (Head of MSAT) owns technology transfer for the Alpha program.\n")
    beta = tmp_path / "beta-budget.md"
    beta.write_text("# Beta program budget\nThe Beta program reserves USD 400,000 for stability studies in FY26.\n")

    run(["ingest", str(alpha), "--kind", "internal", "--workspace", ws1], server_env)
    run(["ingest", str(beta), "--kind", "internal", "--workspace", ws2], server_env)

    listed1 = {d["source"] for d in run_json(["documents", "--workspace", ws1], server_env)}
    listed2 = {d["source"] for d in run_json(["documents", "--workspace", ws2], server_env)}
    assert "alpha-roster.md" in listed1 and "beta-budget.md" not in listed1
    assert "beta-budget.md" in listed2 and "alpha-roster.md" not in listed2

    own = run_json(["ask", "Who owns technology transfer for the Alpha program?", "--workspace", ws1], server_env)
    assert "alpha-roster.md" in cited_sources(own), own
    other = run_json(["ask", "Who owns technology transfer for the Alpha program?", "--workspace", ws2], server_env)
    assert "alpha-roster.md" not in cited_sources(other) and "Quillfeather" not in other["answer"], other

    names = chroma_server.collection_names()
    assert f"rfp-{ws1}-chunks" in names and f"rfp-{ws2}-chunks" in names
