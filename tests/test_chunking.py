"""Chunking keeps provenance and never splits a table row."""

from __future__ import annotations

from rfp_assistant.core.documents.chunking import MAX_WORDS, chunk_document
from rfp_assistant.core.documents import LoadedDocument, Page, load_bytes


def test_chunks_keep_source_page_and_heading():
    document = LoadedDocument(
        source="memo.md", file_type="markdown", sha256="ab" * 32,
        pages=[Page(1, "# Strategy\nWe lack GMP capacity.\n\n## Budget\nHidden costs include audits."),
               Page(2, "Continued budget notes on change orders.")],
    )
    chunks = chunk_document(document, "doc1")
    assert [(c.page, c.section) for c in chunks] == [(1, "Strategy"), (1, "Budget"), (2, "Budget")]
    assert all(c.source == "memo.md" and c.doc_id == "doc1" for c in chunks)
    assert chunks[1].search_text == "memo\nBudget\nHidden costs include audits."


def test_table_rows_are_never_split():
    rows = [f"| Activity {i} | Tech transfer work package number {i} with many descriptive words | ${i}00k |" for i in range(80)]
    text = "# Costs\n\n| Activity | Description | Cost |\n|---|---|---|\n" + "\n".join(rows)
    document = load_bytes(text.encode(), "costs.md", max_bytes=10**6)
    chunks = chunk_document(document, "d")
    assert len(chunks) > 1
    for row in rows:
        holders = [c for c in chunks if row in c.text.split("\n")]
        assert len(holders) == 1, row
    assert all("|---|" not in c.text for c in chunks)


def test_long_paragraphs_are_cut_at_sentences_within_limits():
    sentence = "The sponsor must define the scope of work and the decision authority of each function. "
    document = load_bytes(("# Scope\n" + sentence * 60).encode(), "scope.md", max_bytes=10**6)
    chunks = chunk_document(document, "d")
    assert len(chunks) >= 3
    assert all(len(c.text.split()) <= MAX_WORDS for c in chunks)
    assert all(c.text.rstrip().endswith(".") for c in chunks)


def test_chunk_ids_are_stable_and_unique():
    document = load_bytes(b"# A\none\n\n# B\ntwo", "x.md", max_bytes=10**6)
    first = [c.chunk_id for c in chunk_document(document, "d")]
    assert first == [c.chunk_id for c in chunk_document(document, "d")]
    assert len(set(first)) == len(first)
