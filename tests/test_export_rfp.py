"""RFP exports: a Word document with the response-form table and sources, Markdown, and the JSON contract."""

from __future__ import annotations

import json

import pytest
from docx import Document

from rfp_assistant.jobs.drafting import draft_rfp
from rfp_assistant.jobs.drafting.catalog import SECTION_IDS, section_catalog
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.jobs.drafting.export import rfp_json, rfp_markdown, write_rfp
from rfp_assistant.schemas.proposal import field_specs
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.ingestion import builtin_playbook_files, ingest_files
from rfp_assistant.resources import EVAL_DIR


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    from rfp_assistant.config import Settings

    index = WorkspaceIndex(Settings(data_dir=tmp_path_factory.mktemp("data")), "export")
    ingest_files(index, builtin_playbook_files(), kind="guide", max_bytes=5_000_000)
    return draft_rfp(EVAL_DIR / "drafting" / "briefs" / "adc_email.txt", index)


def test_docx_has_title_page_section_headings_response_table_and_sources(draft, tmp_path):
    path = write_rfp(draft, tmp_path / "out" / "rfp.docx")
    doc = Document(str(path))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    assert paragraphs[0].text == draft.title and paragraphs[0].style.name == "Title"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:13] == [f"{n}. {spec.title}" for n, spec in enumerate(section_catalog(), start=1)]
    assert "Sources" in headings and "Open points to settle before issue" in headings
    form = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][2:3] == ["Question"])
    assert len(form.rows) == 1 + len(field_specs())
    assert [c.text for c in form.rows[0].cells][:5] == ["#", "Field", "Question", "Answer format", "Unit"]
    volume_row = next(r for r in form.rows if "max_bioreactor_volume_l" in r.cells[1].text)
    assert volume_row.cells[4].text == "L"
    assert form.rows[0].cells[0].paragraphs[0].runs[0].bold
    body = "\n".join(p.text for p in doc.paragraphs)
    first_quote = next(c for s in draft.sections for c in s.citations)
    assert first_quote.quote in body and f"{first_quote.source}, p. {first_quote.page}" in body
    assert "EUR 4.5 million" in body and "**" not in body


def test_markdown_export_is_one_document_with_sources_and_open_points(draft, tmp_path):
    text = write_rfp(draft, tmp_path / "rfp.md").read_text(encoding="utf-8")
    assert text == rfp_markdown(draft) and text.startswith(f"# {draft.title}\n")
    assert "## 13. Vendor Response Form" in text and "## Sources" in text
    assert "- **markets:** In which markets" in text


def test_json_export_follows_the_contract(draft, tmp_path):
    data = json.loads(write_rfp(draft, tmp_path / "rfp.json").read_text(encoding="utf-8"))
    assert data == json.loads(rfp_json(draft))
    assert {"title", "brief", "sections", "gaps", "mode"} <= set(data)
    assert [s["id"] for s in data["sections"]] == list(SECTION_IDS)
    assert all(set(s) == {"id", "title", "markdown", "citations"} for s in data["sections"])
    assert all(set(c) == {"source", "page", "quote"} for s in data["sections"] for c in s["citations"])
    assert all(set(g) == {"field", "question"} for g in data["gaps"])
    assert data["brief"]["budget"] == {"status": "stated", "value": {"amount": 4500000.0, "currency": "EUR"},
                                       "text": ["€4.5m for this work"], "note": ""}
    assert data["brief"]["markets"]["status"] == "missing" and data["mode"] == "offline"


def test_unknown_format_is_refused(draft, tmp_path):
    with pytest.raises(ConfigurationError, match="docx, .md or .json"):
        write_rfp(draft, tmp_path / "rfp.pdf")
