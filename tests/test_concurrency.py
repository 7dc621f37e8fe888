"""Concurrency: users of one running UI, parallel CLI processes and a killed ingest lose nothing and corrupt nothing."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from browser import running_ui

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("concurrency")]

FILLER = ("The team reviewed the filing calendar, the meeting cadence and the archive rules; "
          "each point was minuted and sent to the steering group for sign-off. ")


def note(folder: Path, name: str, fact: str, sections: int = 2) -> Path:
    """A Markdown file whose first section states `fact`, followed by filler sections (several passages)."""
    body = "\n\n".join(f"## Routine {s} of {name}\n" + FILLER * 5 for s in range(sections))
    path = folder / name
    path.write_text(f"# {name}\n{fact}\n\n{body}\n")
    return path


def big_note(folder: Path, name: str, parts: int) -> Path:
    """A long Markdown file of `parts` passages, each with a token found nowhere else."""
    stem = name.split(".")[0]
    path = folder / name
    parts_text = (f"## Part {i}\n" + " ".join(f"{stem}{i}w{j} is recorded in the ledger." for j in range(40))
                  for i in range(parts))
    path.write_text("\n\n".join(parts_text))
    return path


def cli(args, env, timeout=180) -> subprocess.CompletedProcess:
    """Run the CLI to completion."""
    return subprocess.run([sys.executable, "-m", "rfp_assistant", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def start_cli(args, env) -> subprocess.Popen:
    """Start the CLI in the background."""
    return subprocess.Popen([sys.executable, "-m", "rfp_assistant", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def assert_whole(index) -> list:
    """Every committed document has all its passages, each with a vector; no passage lacks a document."""
    records = index.list_documents()
    assert len({r.doc_id for r in records}) == len(records) and len({r.source for r in records}) == len(records)
    for r in records:
        assert len(index.chunks_of(r.doc_id)) == r.chunks, r.source
        assert len(index._dense(r.source, "", {r.doc_id})) == min(r.chunks, 50), r.source
    return records


def assert_no_orphans(index) -> None:
    """Every stored record is a committed document's passage or manifest (retries left nothing behind)."""
    assert index._chunks.count() == sum(r.chunks + 1 for r in index.list_documents())


def click_endpoint(client, elem_id: str) -> str:
    """The API name of the click event of the button with `elem_id` (names like /run_2 depend on tab order)."""
    config = client.config
    component = next(c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == elem_id)
    return "/" + next(d["api_name"] for d in config["dependencies"] if [component, "click"] in map(list, d["targets"]))


def test_parallel_threads_each_get_their_own_stems():
    """Tokenizing in several threads at once gives each the stems it would get alone."""
    import random
    import string

    import snowballstemmer

    from rfp_assistant.core.retrieval.lexical import tokenize

    rng = random.Random(7)
    suffixes = ("ing", "ed", "ations", "ness", "fully", "ies", "ement", "izer", "ously")
    # Words never stemmed before in this process, so every thread really runs the stemmer at the same time.
    batches = [["".join(rng.choices(string.ascii_lowercase, k=8)) + rng.choice(suffixes) for _ in range(5000)]
               for _ in range(4)]
    got: dict[int, list[str]] = {}
    threads = [threading.Thread(target=lambda n=n: got.update({n: tokenize(" ".join(batches[n]))})) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stemmer = snowballstemmer.stemmer("english")
    assert all(got[n] == [stemmer.stemWord(w) for w in batches[n]] for n in range(4))


def test_four_ui_users_upload_and_ask_at_once_without_losing_a_document(tmp_path, playbook_data_dir):
    """Four API clients of one running app, two per workspace, each upload three files and ask in between."""
    from gradio_client import Client, handle_file

    from rfp_assistant.config import Settings
    from rfp_assistant.core.retrieval.index import WorkspaceIndex

    shutil.copytree(playbook_data_dir, tmp_path / "data")
    settings = Settings(data_dir=tmp_path / "data")
    workspace = {0: "default", 1: "default", 2: "beta", 3: "beta"}  # two users per workspace
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    facts = {(u, i): note(uploads, f"user{u}-plan{i}.md",
                          f"Owner of the cold chain for program P{u}{i} is Zed Ortiz-{u}{i}.")
             for u in range(4) for i in range(3)}
    errors: list[BaseException] = []

    with running_ui(settings) as url:
        probe = Client(url, verbose=False)
        add, ask = click_endpoint(probe, "add-documents"), click_endpoint(probe, "ask-button")

        def cited(client, u: int, i: int, ws: str) -> str:
            return client.predict(f"Who owns the cold chain for program P{u}{i}?", ws, api_name=ask)[1]

        def user(u: int) -> None:
            try:
                client = Client(url, verbose=False)
                for i in range(3):
                    outcome = client.predict([handle_file(str(facts[u, i]))], "internal", workspace[u], api_name=add)[0]
                    assert f"user{u}-plan{i}.md** — added" in outcome, outcome
                    assert f"**user{u}-plan{i}.md**" in cited(client, u, i, workspace[u])
                    if i == 1 and u in (0, 2):  # the company-gap path: many searches while others write
                        client.predict("What hidden costs should we budget for?", workspace[u], api_name=ask)
            except BaseException as exc:  # re-raised in the main thread
                errors.append(exc)

        threads = [threading.Thread(target=user, args=(u,)) for u in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=240)
        assert not errors, errors
        assert not any(thread.is_alive() for thread in threads)

        for name in ("default", "beta"):
            index = WorkspaceIndex(settings, name)
            records = assert_whole(index)
            assert_no_orphans(index)
            mine = sorted(f"user{u}-plan{i}.md" for (u, i) in facts if workspace[u] == name)
            assert sorted(r.source for r in records if r.kind == "internal") == mine  # once each, none of the other's
        for (u, i) in facts:
            assert f"**user{u}-plan{i}.md**" in cited(probe, u, i, workspace[u])


def test_parallel_cli_ingests_and_asks_keep_every_document_once(tmp_path, cli_env):
    """Four ingest and two ask processes started at once on one workspace all succeed; every file is indexed once."""
    from rfp_assistant.jobs.answering import answer_question
    from rfp_assistant.config import Settings
    from rfp_assistant.core.retrieval.index import WorkspaceIndex

    # Static vectors only: every process would otherwise load the contextual model (~5 s of CPU each); the
    # contention under test (lock, manifests, passage collection) is the same in both modes.
    env = dict(cli_env, RFP_EMBEDDINGS="static")
    batches = [[str(note(tmp_path, f"site{p}-memo{i}.md",
                         f"The batch record reviewer for site S{p}{i} is Ada Quill-{p}{i}.")) for i in range(3)]
               for p in range(4)]
    ingests = [start_cli(["ingest", *batch, "--json"], env) for batch in batches]
    asks = [start_cli(["ask", question, "--json"], env) for question in
            ("What hidden costs should we budget for?", "Who is the batch record reviewer for site S21?")]
    for process in ingests + asks:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        assert "Traceback" not in err
        json.loads(out)

    listed = json.loads(cli(["documents", "--json"], env).stdout)
    sources = [d["source"] for d in listed]
    expected = [Path(f).name for batch in batches for f in batch]
    assert sorted(s for s in sources if s.startswith("site")) == sorted(expected)
    assert len(set(sources)) == len(sources) and len({d["doc_id"] for d in listed}) == len(listed)

    index = WorkspaceIndex(Settings(data_dir=Path(env["RFP_DATA_DIR"]), embeddings="static"))
    assert_whole(index)
    assert_no_orphans(index)
    for p in range(4):
        for i in range(3):
            answer = answer_question(index, f"Who is the batch record reviewer for site S{p}{i}?")
            assert f"site{p}-memo{i}.md" in {c.source for c in answer.citations}


def test_a_long_running_process_keeps_up_with_a_cli_ingest_and_its_writes_keep_theirs(tmp_path, cli_env):
    """A process that searched before a CLI ingest finds the new passages, and its own later ingest keeps them."""
    from rfp_assistant.config import Settings
    from rfp_assistant.core.documents import load_document
    from rfp_assistant.core.retrieval.index import WorkspaceIndex

    # Over 1,000 passages each, so both processes persist their vector index to disk (Chroma's sync threshold).
    env = dict(cli_env, RFP_EMBEDDINGS="static")
    ui = WorkspaceIndex(Settings(data_dir=Path(env["RFP_DATA_DIR"]), embeddings="static"))
    assert ui.search("hidden costs", k=3)  # this process now holds the vectors in memory, as the UI does
    cli_doc = big_note(tmp_path, "clidoc.md", 1050)
    assert cli(["ingest", str(cli_doc), "--json"], env).returncode == 0

    hits = ui.search("clidoc7w3 ledger", k=3)
    assert hits and hits[0].chunk.source == "clidoc.md"
    ui.add_document(load_document(big_note(tmp_path, "uidoc.md", 1050), max_bytes=10**8), "internal")

    fresh = cli(["ask", "Where is clidoc9w2 recorded?", "--json"], env)
    assert fresh.returncode == 0, fresh.stderr
    assert "clidoc.md" in {c["source"] for c in json.loads(fresh.stdout)["citations"]}
    assert_whole(ui)


def test_an_ingest_killed_at_any_moment_leaves_a_consistent_reingestable_index(tmp_path):
    """SIGKILL at several points of a first-use ingest: what is listed is whole, and the same ingest then completes."""
    from rfp_assistant.config import Settings
    from rfp_assistant.core.retrieval.index import WorkspaceIndex
    from rfp_assistant.jobs.ingestion import builtin_playbook_files

    files = [big_note(tmp_path, "ledger.md", 1050)]  # one write large enough to make Chroma persist its vectors
    files += [note(tmp_path, f"line{i}.md", f"The sterile filling lead for line L{i} is Kai Moreno-{i}.", sections=1)
              for i in range(3)]
    args = ["ingest", *map(str, files), "--json"]
    expected = {p.name for p in builtin_playbook_files()} | {f.name for f in files}

    def env_for(data: Path) -> dict:
        # A fresh folder each time, so the kill can also land in the first-use playbook indexing.
        return dict(os.environ, RFP_DATA_DIR=str(data), RFP_EMBEDDINGS="static",
                    PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))

    def started(process, data: Path) -> float:
        """Wait until the process has begun writing its index; returns when that was."""
        deadline = time.monotonic() + 120
        while not (data / "chroma" / "chroma.sqlite3").exists():
            assert process.poll() is None, process.stderr.read()
            assert time.monotonic() < deadline, "the ingest never started writing"
            time.sleep(0.02)
        return time.monotonic()

    reference = tmp_path / "reference"
    process = start_cli(args, env_for(reference))
    began = started(process, reference)
    process.communicate(timeout=180)
    writing = time.monotonic() - began
    assert process.returncode == 0

    interrupted = 0
    for attempt, fraction in enumerate((0.1, 0.3, 0.6)):
        data = tmp_path / f"killed-{attempt}"
        process = start_cli(args, env_for(data))
        time.sleep(max(0.0, started(process, data) + fraction * writing - time.monotonic()))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        settings = Settings(data_dir=data, embeddings="static")
        lock = settings.workspace_dir("default") / ".write.lock"
        if lock.exists():
            with open(lock) as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the kernel freed the dead holder's lock

        committed = {r.source for r in assert_whole(WorkspaceIndex(settings))}
        interrupted += process.returncode == -signal.SIGKILL and committed != expected
        listed = cli(["documents", "--json"], env_for(data))
        assert listed.returncode == 0, listed.stderr
        assert committed <= {d["source"] for d in json.loads(listed.stdout)}

        again = cli(args, env_for(data))
        assert again.returncode == 0, again.stderr
        assert {r["status"] for r in json.loads(again.stdout)} <= {"added", "unchanged"}
        index = WorkspaceIndex(settings)
        assert {r.source for r in assert_whole(index)} == expected
        assert_no_orphans(index)
        assert index.search("Who leads sterile filling for line L2?", k=3)[0].chunk.source == "line2.md"
        assert index.search("ledger3w7", k=3)[0].chunk.source == "ledger.md"
    assert interrupted >= 2  # the kills really landed mid-ingest
