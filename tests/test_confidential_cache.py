"""Vendor text stays in the workspace: the model's readings of a proposal are cached in the workspace's folder,
keyed on everything that decides them, and go with the document or the workspace; an LLM extract, an ingest
and a delete leave nothing of a proposal in HOME, the temp folder or any machine-wide cache."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rfp_assistant.config import Settings
from rfp_assistant.core.documents import load_document
from rfp_assistant.core.documents.chunking import chunk_document
from rfp_assistant.core.embeddings.embedder import STATIC_NAME
from rfp_assistant.core.embeddings.vector_cache import VectorCache
from rfp_assistant.core.llm import make_chat_client
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.core.retrieval.store import list_workspaces
from rfp_assistant.jobs.extraction.llm import GROUPS, PROMPT
from rfp_assistant.jobs.extraction.llm_cache import CacheKey
from rfp_assistant.jobs.extraction.service import extract_proposals
from support.cli import fresh_cli_env
from support.openai_server import OpenAIStubServer

ROOT = Path(__file__).resolve().parents[1]
PROPOSAL = ROOT / "eval" / "extraction" / "proposals" / "01_northfield_formal_letter.pdf"
# Words of the proposal that appear in no other file the product touches: the vendor, the sponsor, the program.
MARKERS = [b"Northfield", b"NORTHFIELD", b"Calloway", b"CT-201", b"Research Parkway"]
NOT_STATED = {"value": None, "status": "not_stated", "evidence": []}
ANSWERS = {
    "cdmo_name": {"value": "Northfield Biologics, Inc.", "status": "stated",
                  "evidence": [{"page": 1, "quote": "On behalf of Northfield Biologics, Inc."}]},
    "sites": {"value": ["Raleigh, USA"], "status": "stated",
              "evidence": [{"page": 1, "quote": "All work described in this letter will be performed at our drug "
                                                "substance facility in Raleigh, North Carolina"}]},
}


def respond(body):
    """Answer every field group: the vendor's name and site with real quotes, everything else not stated."""
    schema = body["response_format"]["json_schema"]["schema"]
    return {key: ANSWERS.get(key, NOT_STATED) for key in schema["properties"]}


def cached_readings(folder: Path) -> list[Path]:
    return sorted((folder / "extractions").glob("*.json")) if (folder / "extractions").is_dir() else []


@pytest.fixture
def llm(llm_settings, openai_server, tmp_path):
    """LLM settings whose machine-wide cache is a folder of this test's own, so anything put there is seen."""
    openai_server.responder = respond
    return llm_settings.model_copy(update={"cache_dir": tmp_path / "machine-cache"})


def test_a_reading_is_cached_in_the_workspace_and_never_machine_wide(llm, openai_server):
    [result] = extract_proposals([PROPOSAL], llm, chat=make_chat_client(llm), workspace="program-x")
    assert result.fields["cdmo_name"].value == "Northfield Biologics, Inc."
    [reading] = cached_readings(llm.workspace_dir("program-x"))
    assert reading.name.startswith(load_document(PROPOSAL, max_bytes=10**8).sha256)
    assert b"Northfield Biologics" in reading.read_bytes()
    assert not llm.cache_dir.exists() or not any(llm.cache_dir.rglob("*"))
    assert cached_readings(llm.workspace_dir("default")) == []  # another program's workspace sees nothing

    calls = len(openai_server.chat_requests)
    extract_proposals([PROPOSAL], llm, chat=make_chat_client(llm), workspace="program-x")
    assert len(openai_server.chat_requests) == calls  # read from the workspace's cache
    extract_proposals([PROPOSAL], llm, chat=make_chat_client(llm), workspace="program-y")
    assert len(openai_server.chat_requests) == calls + len(GROUPS)  # not shared between workspaces


def test_the_cache_key_covers_file_endpoint_model_prompt_and_verifier(llm, openai_server, monkeypatch):
    base = CacheKey("ab" * 32, "http://127.0.0.1:9/v1", "stub-model", PROMPT, 1)
    variants = [
        base,
        CacheKey("cd" * 32, base.base_url, base.model, base.prompt, base.verifier),
        CacheKey(base.sha256, "http://127.0.0.1:10/v1", base.model, base.prompt, base.verifier),
        CacheKey(base.sha256, base.base_url, "other-model", base.prompt, base.verifier),
        CacheKey(base.sha256, base.base_url, base.model, "extract_fields.v2", base.verifier),
        CacheKey(base.sha256, base.base_url, base.model, base.prompt, 2),
    ]
    assert len({key.digest for key in variants}) == len(variants)
    assert CacheKey(base.sha256, base.base_url + "/", base.model, base.prompt, 1).digest == base.digest
    assert CacheKey(base.sha256, None, base.model, base.prompt, 1).endpoint == "https://api.openai.com/v1"

    extract_proposals([PROPOSAL], llm, chat=make_chat_client(llm))
    calls = len(openai_server.chat_requests)
    same_endpoint = llm.model_copy(update={"openai_base_url": llm.openai_base_url + "/"})
    extract_proposals([PROPOSAL], same_endpoint, chat=make_chat_client(same_endpoint))
    assert len(openai_server.chat_requests) == calls

    with OpenAIStubServer() as other_server:  # the same model name served elsewhere is another model
        other_server.responder = respond
        elsewhere = llm.model_copy(update={"openai_base_url": other_server.base_url})
        extract_proposals([PROPOSAL], elsewhere, chat=make_chat_client(elsewhere))
        assert len(other_server.chat_requests) == len(GROUPS)
    assert len(openai_server.chat_requests) == calls

    from rfp_assistant.jobs.extraction import llm as extractor

    monkeypatch.setattr(extractor, "VERIFIER_VERSION", extractor.VERIFIER_VERSION + 1)  # new checks: read again
    extract_proposals([PROPOSAL], llm, chat=make_chat_client(llm))
    assert len(openai_server.chat_requests) == calls + len(GROUPS)
    assert len(cached_readings(llm.workspace_dir())) == 3


def test_deleting_a_document_deletes_its_cached_reading(llm_settings, openai_server):
    openai_server.responder = respond
    llm = llm_settings  # the machine's embedding table, not a fresh one to build
    index = WorkspaceIndex(llm)
    index.add_document(load_document(PROPOSAL, max_bytes=10**8), "internal")
    other = ROOT / "eval" / "extraction" / "proposals" / "02_cascadia_table_heavy.pdf"
    extract_proposals([PROPOSAL, other], llm, chat=make_chat_client(llm))
    assert len(cached_readings(index.folder)) == 2

    index.delete_document(PROPOSAL.name)
    [left] = cached_readings(index.folder)
    assert b"Northfield" not in left.read_bytes() and b"Cascadia" in left.read_bytes()


class HashEmbedder:
    """A stand-in for both embedding tiers: a fixed vector per text, instantly."""

    name, dim = "hash-test", 8

    def embed_documents(self, texts):
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text):
        digest = hashlib.sha256(text.encode()).digest()
        return [b / 255 + 0.01 for b in digest[: self.dim]]


def machine_cache_after_upgrade(folder: Path, monkeypatch, *documents) -> set[str]:
    """The keys the machine-wide vector cache holds after a new workspace indexes the playbook and `documents`."""
    from rfp_assistant.jobs.ingestion import ensure_builtin_knowledge

    monkeypatch.setattr("rfp_assistant.core.embeddings.embedder.make_contextual_embedder", lambda s: HashEmbedder())
    settings = Settings(data_dir=folder / "data", cache_dir=folder / "machine-cache")
    settings.cache_dir.mkdir(parents=True)
    table = Settings().cache_dir / f"{STATIC_NAME}.npy"  # public, made from the model: copied, not built again
    if table.is_file():
        shutil.copy(table, settings.cache_dir)
    index = WorkspaceIndex(settings, embedder=HashEmbedder())
    ensure_builtin_knowledge(index, max_bytes=10**8)
    for document in documents:
        index.add_document(document, "internal")
    assert index.upgrade() > 0
    for document in documents:  # the document did get its contextual vectors, in the workspace
        assert index.contextual.covered({document.sha256[:40]}, {document.sha256[:40]: 1})
    with sqlite3.connect(settings.cache_dir / "contextual-vectors.sqlite3") as db:
        return {key for (key,) in db.execute("SELECT key FROM vectors")}


def test_only_the_playbook_reaches_the_machine_wide_vector_cache(tmp_path, monkeypatch):
    playbook_only = machine_cache_after_upgrade(tmp_path / "a", monkeypatch)
    document = load_document(PROPOSAL, max_bytes=10**8)
    with_proposal = machine_cache_after_upgrade(tmp_path / "b", monkeypatch, document)
    assert playbook_only  # the playbook's vectors are shared, so a new workspace is ready at once
    assert with_proposal == playbook_only  # the proposal added nothing: not its passages, nor any part of them
    vendor = {VectorCache.key(c.search_text) for c in chunk_document(document, document.sha256[:40])}
    assert not with_proposal & vendor


def cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    # Generous: in an empty HOME the first command builds the embedding table, slow on a busy 2-core machine.
    return subprocess.run([sys.executable, "-m", "rfp_assistant", *args], env=env, capture_output=True, text=True,
                          timeout=1500)


def llm_env(data_dir: Path, server: OpenAIStubServer, **extra: str) -> dict[str, str]:
    env = fresh_cli_env(data_dir, RFP_LLM="openai", OPENAI_BASE_URL=server.base_url,
                        OPENAI_API_KEY="sk-test-secret-123", RFP_MODEL="stub-model")
    return {**env, **extra}


def test_delete_by_name_and_delete_workspace_remove_the_readings(tmp_path, openai_server):
    openai_server.responder = respond
    env = llm_env(tmp_path / "data", openai_server)
    workspace = tmp_path / "data" / "workspaces"
    copy = tmp_path / "renamed-northfield.pdf"
    shutil.copy(PROPOSAL, copy)

    done = cli(env, "extract", str(PROPOSAL), "--json", "--workspace", "program-x")
    assert done.returncode == 0, done.stderr
    assert len(cached_readings(workspace / "program-x")) == 1
    assert cli(env, "extract", str(copy), "--workspace", "program-x").returncode == 0  # same file, another name
    assert len(cached_readings(workspace / "program-x")) == 1

    gone = cli(env, "delete", copy.name, "--workspace", "program-x")  # extracted only, never indexed
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.strip() == f"Deleted {copy.name} and 1 cached extraction(s)."
    assert cached_readings(workspace / "program-x") == []
    missing = cli(env, "delete", copy.name, "--workspace", "program-x")
    assert missing.returncode != 0 and "No document named" in missing.stdout + missing.stderr

    assert cli(env, "ingest", str(PROPOSAL), "--workspace", "program-x").returncode == 0
    assert cli(env, "extract", str(PROPOSAL), "--workspace", "program-x").returncode == 0
    assert cli(env, "delete-workspace", "program-x", "--yes").returncode == 0
    assert not (workspace / "program-x").exists()
    assert "program-x" not in list_workspaces(Settings(data_dir=tmp_path / "data"))
    again = cli(env, "delete-workspace", "program-x", "--yes")
    assert again.returncode != 0 and "There is no workspace named 'program-x'" in again.stdout + again.stderr


def files_with_markers(folder: Path) -> dict[str, list[str]]:
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            hits = [m.decode() for m in MARKERS if m in data]
            if hits:
                found[str(path.relative_to(folder))] = hits
    return found


@pytest.mark.slow
def test_no_vendor_text_outside_the_data_folder_after_llm_extract_ingest_and_delete(tmp_path, openai_server):
    """A fresh user (empty HOME, default caches): only the public playbook may reach the machine-wide cache."""
    openai_server.responder = respond
    home, temp, data = tmp_path / "home", tmp_path / "tmp", tmp_path / "data"
    home.mkdir()
    temp.mkdir()
    # The first embedding tier: its table is built from the public model into the empty HOME's cache. The second
    # tier's machine cache is checked by test_only_the_playbook_reaches_the_machine_wide_vector_cache.
    env = llm_env(data, openai_server, HOME=str(home), TMPDIR=str(temp), RFP_EMBEDDINGS="static")
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "RFP_CACHE_DIR"):
        env.pop(variable, None)

    ingested = cli(env, "ingest", str(PROPOSAL), "--kind", "internal")
    assert ingested.returncode == 0, ingested.stderr
    extracted = cli(env, "extract", str(PROPOSAL), "--json")
    assert extracted.returncode == 0, extracted.stderr
    assert "Northfield Biologics, Inc." in extracted.stdout

    # The check can fail: the proposal's words are there to be found, inside the data folder.
    assert any(path.endswith(".json") for path in files_with_markers(data / "workspaces" / "default"))
    assert files_with_markers(home) == {} and files_with_markers(temp) == {}
    machine_cache = home / ".cache" / "rfp-assistant"
    assert sorted(p.name for p in machine_cache.iterdir()) == ["static-minilm-l6-v1.lock", "static-minilm-l6-v1.npy"]

    deleted = cli(env, "delete", PROPOSAL.name)
    assert deleted.returncode == 0, deleted.stderr
    assert "and 1 cached extraction(s)" in deleted.stdout
    assert files_with_markers(data / "workspaces") == {}
    assert files_with_markers(home) == {} and files_with_markers(temp) == {}
