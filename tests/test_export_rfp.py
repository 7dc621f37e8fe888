"""RFP exports: the vendor-facing Word and Markdown documents, the sponsor's internal version, and the JSON contract."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from pypdf import PdfReader

from conftest import IN_CI
from rfp_assistant.jobs.drafting import draft_rfp
from rfp_assistant.jobs.drafting.catalog import SECTION_IDS, section_catalog
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.jobs.drafting.export import rfp_json, rfp_markdown, write_rfp
from rfp_assistant.jobs.drafting.response_form import form_questions
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.ingestion import builtin_playbook_files, ingest_files
from rfp_assistant.resources import EVAL_DIR

MARKER = re.compile(r"\[\d+\]")
FORM_HEADERS = ["#", "Field", "Question", "Answer format", "Your answer", "Proposal page"]


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    from rfp_assistant.config import Settings

    index = WorkspaceIndex(Settings(data_dir=tmp_path_factory.mktemp("data")), "export")
    ingest_files(index, builtin_playbook_files(), kind="guide", max_bytes=5_000_000)
    return draft_rfp(EVAL_DIR / "drafting" / "briefs" / "adc_email.txt", index)


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _playbook_files(draft) -> set[str]:
    return {c.source for s in draft.sections for c in s.citations}


def test_vendor_docx_has_no_internal_material_and_a_clean_form(draft, tmp_path):
    assert any(MARKER.search(s.markdown) for s in draft.sections) and _playbook_files(draft)  # there is some to hide
    doc = Document(str(write_rfp(draft, tmp_path / "out" / "rfp.docx")))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    assert paragraphs[0].text == draft.title and paragraphs[0].style.name == "Title"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{n}. {spec.title}" for n, spec in enumerate(section_catalog(), start=1)]
    text = _all_text(doc)
    assert not MARKER.search(text) and "**" not in text
    assert not any(name in text for name in _playbook_files(draft))
    assert "Sources" not in headings and "remove" not in text.lower() and "Open points" not in text
    assert "EUR 4.5 million" in text and "[To be confirmed: target markets]" in text  # facts and open blanks stay

    # Header with program and "Confidential"; page numbers as fields in the footer; the form in landscape.
    body = doc.sections[1:] or doc.sections
    for section in doc.sections:
        assert "KT-455" in section.header.paragraphs[0].text and "Confidential" in section.header.paragraphs[0].text
        footer = section.footer._element.xml
        assert "PAGE" in footer and "NUMPAGES" in footer and "Page" in section.footer.paragraphs[0].text
    assert doc.sections[0].orientation == WD_ORIENT.PORTRAIT and body[-1].orientation == WD_ORIENT.LANDSCAPE
    assert body[-1].page_width > body[-1].page_height

    form = next(t for t in doc.tables if "Your answer" in [c.text for c in t.rows[0].cells])
    assert [c.text for c in form.rows[0].cells] == FORM_HEADERS
    assert len(form.rows) == 1 + len(form_questions())
    assert [r.cells[1].paragraphs[1].text for r in form.rows[1:]] == [q.key for q in form_questions()]
    widths = [column.width for column in form.columns]
    assert widths[FORM_HEADERS.index("Your answer")] == max(widths)
    section = body[-1]
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin


def test_internal_docx_keeps_citations_sources_and_open_points(draft, tmp_path):
    doc = Document(str(write_rfp(draft, tmp_path / "rfp-internal.docx", internal=True)))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:13] == [f"{n}. {spec.title}" for n, spec in enumerate(section_catalog(), start=1)]
    assert headings[13:] == ["Sources", "Open points to settle before issue"]
    text = _all_text(doc)
    assert MARKER.search(text)
    first_quote = next(c for s in draft.sections for c in s.citations)
    assert first_quote.quote in text and f"{first_quote.source}, p. {first_quote.page}" in text
    assert "internal" in doc.sections[0].header.paragraphs[0].text
    assert doc.sections[-1].orientation == WD_ORIENT.PORTRAIT  # back to portrait after the form


def test_markdown_vendor_and_internal_versions(draft, tmp_path):
    vendor = write_rfp(draft, tmp_path / "rfp.md").read_text(encoding="utf-8")
    assert vendor == rfp_markdown(draft) and vendor.startswith(f"# {draft.title}\n")
    assert "## 13. Vendor Response Form" in vendor and "Confidential" in vendor
    assert not MARKER.search(vendor) and "## Sources" not in vendor and "Open points" not in vendor
    assert not any(name in vendor for name in _playbook_files(draft)) and "offline" not in vendor
    internal = write_rfp(draft, tmp_path / "rfp-internal.md", internal=True).read_text(encoding="utf-8")
    assert internal == rfp_markdown(draft, internal=True)
    assert MARKER.search(internal) and "## Sources" in internal and "- **markets:** In which markets" in internal


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
    with pytest.raises(ConfigurationError, match=r"\.docx, \.md, \.xlsx or \.json"):
        write_rfp(draft, tmp_path / "rfp.pdf")
    with pytest.raises(ConfigurationError, match="--internal"):
        write_rfp(draft, tmp_path / "grid.xlsx", internal=True)
    assert not (tmp_path / "rfp.pdf").exists() and not (tmp_path / "grid.xlsx").exists()


def _office() -> str:
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if not found:
        if IN_CI:
            pytest.fail("LibreOffice is needed to lay out the Word document (apt-get install libreoffice-writer-nogui)")
        pytest.skip("LibreOffice is not installed")
    return found


def test_laid_out_vendor_document_breaks_no_word_and_numbers_its_pages(draft, tmp_path):
    office = _office()
    source = write_rfp(draft, tmp_path / "rfp.docx")
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    pages = PdfReader(str(tmp_path / "rfp.pdf")).pages
    texts = [page.extract_text() for page in pages]
    words = set(re.findall(r"[A-Za-z0-9_]+", "\n".join(texts)))
    form_words = {w for q in form_questions() for t in (q.label, q.question, q.format, q.key)
                  for w in re.findall(r"[A-Za-z0-9_]+", t)}
    assert form_words - words == set()  # a word broken across lines ("inspectio n") would be missing
    form_pages = [i for i, t in enumerate(texts) if "Your answer" in t]
    assert form_pages and all(pages[i].mediabox.width > pages[i].mediabox.height for i in form_pages)
    assert all(pages[i].mediabox.width < pages[i].mediabox.height for i in range(form_pages[0]))
    for number, text in enumerate(texts[1:], start=2):
        assert "Confidential" in text and f"Page {number} of {len(pages)}" in text, number
