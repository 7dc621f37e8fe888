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


WEB_PAGE = """Getting Ready For Outsourcing
This page explains how a sponsor prepares before it talks to contract manufacturers.
Budget Planning
Direct fees are easy to estimate; transfer, audits and change orders are the costs teams forget.
Conclusion
Preparation is a team effort that starts long before the first request for proposal goes out.
Frequently Asked Questions (FAQs)
1. Why write the budget early?
An early budget shows which activities the program can afford and where trade-offs will be needed.
2. Who should own the vendor search?
A project manager named by leadership owns it, with quality and regulatory staff beside them.
RELATED READING
-
Keep It Small! Stay Lean
A founder explains why his company keeps every function outside and how it picks partners.
-
Five Lessons From A Failed Tech Transfer
An editor asks two veterans what went wrong and what they would do again next time.
"""


def _page(text: str):
    return chunk_document(load_bytes(text.encode(), "guide.txt", max_bytes=10**6), "d")


def test_a_web_page_copied_as_text_keeps_its_one_word_and_bracketed_headings_apart():
    chunks = _page(WEB_PAGE)
    by_section = {c.section: c.text for c in chunks if not c.role}
    assert "Conclusion" not in by_section["Budget Planning"]
    assert by_section["Conclusion"].startswith("Preparation is a team effort")
    assert any(c.section == "Frequently Asked Questions (FAQs)" for c in chunks)


def test_each_faq_entry_keeps_its_question_with_its_answer():
    faq = [c.text.split("\n") for c in _page(WEB_PAGE) if c.section.startswith("Frequently")]
    assert [lines[0] for lines in faq] == ["1. Why write the budget early?", "2. Who should own the vendor search?"]
    assert faq[1][1].startswith("A project manager named by leadership")


def test_related_article_cards_are_passages_of_their_own_marked_as_links():
    chunks = _page(WEB_PAGE)
    cards = [c for c in chunks if c.role == "link"]
    assert [c.text.split("\n")[0] for c in cards] == ["Keep It Small! Stay Lean", "Five Lessons From A Failed Tech Transfer"]
    assert all(c.section == "RELATED READING" for c in cards)
    content = " ".join(c.text for c in chunks if not c.role)
    assert "founder" not in content and "veterans" not in content


def test_a_lone_bullet_is_joined_to_its_text_and_a_single_card_stays_content():
    chunks = _page("Checklist Of Inputs\nBring these:\n-\nThe process description\n-\nThe analytical methods\n")
    assert chunks[0].text.split("\n")[1:] == ["- The process description", "- The analytical methods"]
    assert not any(c.role for c in chunks)
