"""A deleted document leaves no copy of its text in any file of the data folder (confidential by default):
not in the index file's log or free pages, nor in the keyword index, and the other documents still answer."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from rfp_assistant.config import Settings
from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.retrieval.index import WorkspaceIndex

SENTENCE = "Project Quorvex moves the Zanzibar fill line to Lyon in March 2027."
PLAN = f"# Site plan\n\n{SENTENCE}\n\nThe Quorvex transfer budget is held by finance.\n"
ROSTER = "# Team\nDr. Lena Okafor (VP CMC) owns technology transfer on our side.\n"


def cli(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rfp_assistant", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def ask(env, question: str, *more: str) -> dict:
    done = cli(env, "ask", question, "--json", *more)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def files_holding(folder: Path, text: str) -> list[str]:
    """Files under `folder` whose bytes contain `text`, ignoring case."""
    needle = text.lower().encode()
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and needle in p.read_bytes().lower())


def test_deleted_document_leaves_no_text_in_any_file(tmp_path, cli_env):
    data = Path(cli_env["RFP_DATA_DIR"])
    (tmp_path / "site-plan.md").write_text(PLAN)
    (tmp_path / "roster.md").write_text(ROSTER)
    ingested = cli(cli_env, "ingest", str(tmp_path / "site-plan.md"), str(tmp_path / "roster.md"))
    assert ingested.returncode == 0, ingested.stderr
    assert "Quorvex" in ask(cli_env, "Where will the Zanzibar fill line move?")["answer"]
    assert files_holding(data, SENTENCE)  # while indexed, the search below does find it

    deleted = cli(cli_env, "delete", "site-plan.md")
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.strip() == "Deleted site-plan.md."
    assert files_holding(data, SENTENCE) == []
    assert files_holding(data, "Quorvex") == []  # not even a word of it (keyword index vocabulary)

    # A new process reads the index from the files the delete rewrote: the remaining documents answer.
    answer = ask(cli_env, "Who owns tech transfer on our side?")
    assert "Okafor" in answer["answer"] and answer["citations"][0]["source"] == "roster.md"
    gone = ask(cli_env, "Where will the Zanzibar fill line move?")
    assert "Quorvex" not in gone["answer"] and all(c["source"] != "site-plan.md" for c in gone["citations"])


def test_deleted_workspace_leaves_no_text_and_others_still_answer(tmp_path, cli_env):
    data = Path(cli_env["RFP_DATA_DIR"])
    (tmp_path / "site-plan.md").write_text(PLAN)
    (tmp_path / "roster.md").write_text(ROSTER)
    assert cli(cli_env, "ingest", str(tmp_path / "site-plan.md"), "-w", "prog-x").returncode == 0
    assert cli(cli_env, "ingest", str(tmp_path / "roster.md")).returncode == 0
    assert files_holding(data, SENTENCE)

    removed = cli(cli_env, "delete-workspace", "prog-x", "--yes")
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.strip() == "Deleted workspace prog-x."
    assert files_holding(data, SENTENCE) == [] and files_holding(data, "Quorvex") == []
    assert not (data / "workspaces" / "prog-x").exists()
    assert "Okafor" in ask(cli_env, "Who owns tech transfer on our side?")["answer"]


def test_searches_in_other_threads_keep_working_while_documents_are_deleted(tmp_path):
    settings = Settings(data_dir=tmp_path / "data", embeddings="static")
    index = WorkspaceIndex(settings, "threads")
    index.add_document(load_bytes(ROSTER.encode(), "roster.md", max_bytes=1_000_000), "internal")
    for n in range(3):
        index.add_document(load_bytes(PLAN.replace("Lyon", f"site {n}").encode(), f"plan-{n}.md",
                                      max_bytes=1_000_000), "internal")
    errors: list[str] = []
    searches = [0]
    stop = threading.Event()

    def search() -> None:
        reader = WorkspaceIndex(settings, "threads")
        while not stop.is_set():
            try:
                hits = reader.search("Who owns technology transfer?", k=3, method="dense")
                assert any(h.chunk.source == "roster.md" for h in hits)
                assert reader.chunks_of(hits[0].chunk.doc_id)
                searches[0] += 1
            except Exception as exc:  # noqa: BLE001 - any failure in the reader is the finding
                errors.append(repr(exc))

    readers = [threading.Thread(target=search) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for n in range(3):
            assert index.delete_document(f"plan-{n}.md") is not None
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert errors == [] and searches[0] > 0
    assert [r.source for r in index.list_documents()] == ["roster.md"]
    assert files_holding(tmp_path / "data", "Quorvex") == []
