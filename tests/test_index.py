"""Hybrid index: add, list, delete, re-ingest, workspaces, and all-or-nothing ingest."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.errors import IndexError_
from rfp_assistant.core.retrieval.index import WorkspaceIndex

MB = 1_000_000
BUDGET = b"""# Budget 2027
## Hidden costs
We have not budgeted for person-in-plant travel, stability storage or change orders.
## Direct costs
Process development is quoted at USD 1.2M and two GMP batches at USD 2.4M.
"""
TEAM = b"""# Team roster
Dr. Lena Okafor (VP CMC) owns technology transfer and signs off the tech-transfer package.
Marco Diaz is the outsourcing project manager. Quality lead: Priya Raman.
"""


def _doc(data: bytes, name: str):
    return load_bytes(data, name, max_bytes=MB)


def test_add_list_search_and_delete(settings):
    index = WorkspaceIndex(settings, "prog-a")
    assert index.add_document(_doc(BUDGET, "budget.md"), "internal").status == "added"
    assert index.add_document(_doc(TEAM, "team.md"), "internal").status == "added"
    assert [r.source for r in index.list_documents()] == ["budget.md", "team.md"]

    hits = index.search("who is in charge of tech transfer on our side?", k=3)
    assert hits[0].chunk.source == "team.md" and "Okafor" in hits[0].chunk.text
    assert hits[0].chunk.page == 1 and hits[0].kind == "internal"

    removed = index.delete_document("team.md")
    assert removed is not None and removed.source == "team.md"
    assert [r.source for r in index.list_documents()] == ["budget.md"]
    assert all(h.chunk.source != "team.md" for h in index.search("Okafor technology transfer", k=5))
    assert index.chunks_of(removed.doc_id) == []


def test_reingesting_unchanged_file_is_a_noop_and_new_version_replaces(settings):
    index = WorkspaceIndex(settings)
    first = index.add_document(_doc(BUDGET, "budget.md"), "internal")
    again = index.add_document(_doc(BUDGET, "budget.md"), "internal")
    assert again.status == "unchanged" and again.record.doc_id == first.record.doc_id
    assert len(index.list_documents()) == 1

    updated = index.add_document(_doc(BUDGET + b"\nAudits: USD 80k.\n", "budget.md"), "internal")
    assert updated.status == "updated"
    records = index.list_documents()
    assert len(records) == 1 and records[0].doc_id == updated.record.doc_id
    assert index.chunks_of(first.record.doc_id) == []


def test_workspaces_never_see_each_others_documents(settings):
    a, b = WorkspaceIndex(settings, "alpha"), WorkspaceIndex(settings, "beta")
    a.add_document(_doc(TEAM, "team.md"), "internal")
    assert b.list_documents() == []
    assert b.search("Okafor tech transfer", k=5) == []
    assert a.search("Okafor tech transfer", k=5)


def test_kind_filter_and_three_retrieval_methods(settings):
    index = WorkspaceIndex(settings)
    index.add_document(_doc(BUDGET, "budget.md"), "internal")
    index.add_document(_doc(b"# Guide\nBudget for hidden costs such as change orders and audits.", "guide.md"), "guide")
    for method in ("hybrid", "lexical", "dense"):
        hits = index.search("change orders", k=5, kinds=["guide"], method=method)
        assert hits and {h.chunk.source for h in hits} == {"guide.md"}, method


def test_failed_ingest_leaves_nothing_behind_and_can_be_retried(settings, openai_server):
    """Remote embeddings fail on the second batch: no chunk of the document may remain, and a retry works."""
    from support.openai_server import Reply

    remote = settings.model_copy(update={"embeddings": "openai", "openai_base_url": openai_server.base_url,
                                         "openai_api_key": SecretStr("sk-x"), "llm_max_retries": 0})
    index = WorkspaceIndex(remote)
    sections = "\n\n".join(f"## Part {i}\n" + "Tech transfer detail sentence. " * 40 for i in range(300))
    long_doc = _doc(sections.encode(), "big.md")
    openai_server.enqueue(Reply(), endpoint="embeddings")
    openai_server.fail(500, "embedding backend crashed", endpoint="embeddings", times=3)
    with pytest.raises(IndexError_, match="big.md: indexing failed and was rolled back"):
        index.add_document(long_doc, "internal")
    assert index.list_documents() == []
    assert index.search("tech transfer detail", k=3) == []
    assert index._chunks.count() == 0

    openai_server.reset()
    assert index.add_document(long_doc, "internal").status == "added"
    assert index._chunks.count() == index.list_documents()[0].chunks + 1 >= 301  # passages + manifest


def test_contextual_upgrade_covers_every_document_once_and_follows_deletes(settings):
    index = WorkspaceIndex(settings)
    index.add_document(_doc(BUDGET, "budget.md"), "internal")
    index.add_document(_doc(TEAM, "team.md"), "internal")
    passages = sum(r.chunks for r in index.list_documents())
    assert index.upgrade() == passages
    assert index.upgrade() == 0  # nothing left to do
    hits = index.search("which person leads moving the manufacturing process to the vendor?", k=2, method="dense")
    assert hits[0].chunk.source == "team.md"

    index.delete_document("team.md")
    assert index.contextual.covered({r.doc_id for r in index.list_documents()}, {}) == {index.list_documents()[0].doc_id}
    assert all(h.chunk.source == "budget.md" for h in index.search("tech transfer owner", k=5, method="dense"))


def test_playbook_vectors_are_reused_across_workspaces_but_company_documents_never_leave_theirs(tmp_path, monkeypatch):
    import sqlite3

    from rfp_assistant.config import Settings
    from rfp_assistant.jobs.ingestion import builtin_playbook_files

    settings = Settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    playbook = builtin_playbook_files()[0]
    first = WorkspaceIndex(settings, "prog-a")
    first.add_document(_doc(playbook.read_bytes(), playbook.name), "guide")
    first.add_document(_doc(TEAM, "team.md"), "internal")
    first.upgrade()
    with sqlite3.connect(tmp_path / "cache" / "contextual-vectors.sqlite3") as db:
        cached = db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
    from rfp_assistant.core.text.units import passage_units

    shipped = first.chunks_of(first.list_documents(kind="guide")[0].doc_id)
    texts = {c.search_text for c in shipped} | {u.text for c in shipped for u in passage_units(c.text)}
    assert cached == len(texts)  # the playbook's passages and their sentences only, nothing of team.md

    second = WorkspaceIndex(settings, "prog-b")
    second.add_document(_doc(playbook.read_bytes(), playbook.name), "guide")
    calls = []
    embed = second.contextual.embedder.embed_documents
    monkeypatch.setattr(second.contextual.embedder, "embed_documents", lambda texts: calls.append(texts) or embed(texts))
    assert second.upgrade() == len(shipped) and calls == []  # ready at once, from the cache
    hits = second.search("how to weight the evaluation criteria", k=3, method="dense")
    assert hits and hits[0].chunk.source == playbook.name


def test_contextual_coverage_is_read_in_pages(settings, monkeypatch):
    import rfp_assistant.core.embeddings.contextual as contextual

    monkeypatch.setattr(contextual, "PAGE_ROWS", 3)  # as if a workspace held more rows than one SQLite call allows
    monkeypatch.setattr(contextual, "PAGE_IDS", 1)
    index = WorkspaceIndex(settings, "paged")
    index.add_document(_doc(BUDGET, "budget.md"), "internal")
    index.add_document(_doc(TEAM, "team.md"), "internal")
    index.upgrade()
    fresh = WorkspaceIndex(settings, "paged")
    records = fresh.list_documents()
    assert fresh.contextual.covered({r.doc_id for r in records}, {r.doc_id: r.chunks for r in records}) == \
        {r.doc_id for r in records}
    assert fresh.upgrade() == 0


def test_a_keyword_index_save_cleans_up_what_a_killed_save_left(tmp_path):
    import os
    import time

    from rfp_assistant.core.retrieval.lexical import LexicalIndex

    parent = tmp_path / "lexical"
    (parent / ".tmp-killed").mkdir(parents=True)
    (parent / ".tmp-running").mkdir()
    hours_ago = time.time() - 2 * 3600
    os.utime(parent / ".tmp-killed", (hours_ago, hours_ago))
    LexicalIndex(["c1"], ["d1"], ["a passage about budgets"]).save(parent / "idx")
    assert not (parent / ".tmp-killed").exists() and (parent / ".tmp-running").exists()
    assert LexicalIndex.load(parent / "idx") is not None


def test_an_upgrade_with_a_limit_does_whole_documents_up_to_it_and_leaves_the_rest(settings):
    index = WorkspaceIndex(settings, "bounded")
    index.add_document(_doc(BUDGET, "budget.md"), "internal")
    index.add_document(_doc(TEAM, "team.md"), "internal")
    sizes = {r.source: r.chunks for r in index.list_documents()}
    first = index.upgrade(limit=max(sizes.values()))
    assert first in sizes.values()  # one whole document, never a part of one
    assert index.upgrade(limit=0) == 0
    assert index.upgrade() == sum(sizes.values()) - first


def test_keyword_search_over_many_pages_of_passages_finds_every_document(settings, monkeypatch):
    import rfp_assistant.core.retrieval.hybrid_search as search_module

    monkeypatch.setattr(search_module, "LEXICAL_PAGE", 2)  # the keyword index is built from several pages of rows
    index = WorkspaceIndex(settings, "pages")
    index.add_document(_doc(BUDGET, "budget.md"), "internal")
    index.add_document(_doc(TEAM, "team.md"), "internal")
    assert index.search("Priya Raman quality lead", k=1, method="lexical")[0].chunk.source == "team.md"
    assert index.search("person-in-plant travel", k=1, method="lexical")[0].chunk.source == "budget.md"


def test_a_document_cut_by_an_older_chunking_is_cut_again_when_ingested(settings, monkeypatch):
    import rfp_assistant.core.retrieval.index as index_module

    index = WorkspaceIndex(settings, "rechunk")
    first = index.add_document(_doc(BUDGET, "budget.md"), "internal")
    monkeypatch.setattr(index_module, "CHUNKING_VERSION", first.record.chunking + 1)
    again = index.add_document(_doc(BUDGET, "budget.md"), "internal")
    assert again.status == "updated" and again.record.chunking == first.record.chunking + 1
    records = index.list_documents()
    assert [(r.doc_id, r.chunking) for r in records] == [(first.record.doc_id, first.record.chunking + 1)]
    assert len(index.chunks_of(first.record.doc_id)) == first.record.chunks
    assert index.search("person-in-plant travel", k=1)[0].chunk.source == "budget.md"
    assert index.add_document(_doc(BUDGET, "budget.md"), "internal").status == "unchanged"


def test_an_upgrade_without_sentences_searches_as_well_and_a_full_one_adds_them_later(settings):
    index = WorkspaceIndex(settings, "passages-only")
    index.add_document(_doc(BUDGET, "budget.md"), "internal")
    index.add_document(_doc(TEAM, "team.md"), "internal")
    passages = sum(r.chunks for r in index.list_documents())
    assert index.upgrade(units=False) == passages
    hits = index.search("which person leads moving the manufacturing process to the vendor?", k=2, method="dense")
    assert hits[0].chunk.source == "team.md"  # passages searched by their contextual vectors at once
    assert index.units.contextual_documents(index.contextual.embedder) == set()
    assert index.upgrade() == passages  # a later full upgrade gives the sentences theirs
    assert len(index.units.contextual_documents(index.contextual.embedder)) == 2
