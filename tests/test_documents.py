"""Document loading: every real-world PDF loads or is refused in plain words; bad files never crash."""

from __future__ import annotations

import io
import json

import pytest

from conftest import require_shared
from rfp_assistant.core.documents import load_bytes, load_document
from rfp_assistant.errors import (
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    UnsupportedDocumentError,
)

MB = 1_000_000


def _pdf(pages: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for text in pages:
        y = 800
        for line in text.split("\n"):
            pdf.drawString(72, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_every_corpus_pdf_loads_or_is_refused_with_a_reason():
    corpus = require_shared("pdf-corpus")
    meta = {m["path"].replace("/", "_"): m for m in json.loads((corpus / "files.json").read_text())["data"]}
    outcomes = {}
    for path in sorted(corpus.glob("*.pdf")):
        try:
            document = load_document(path, max_bytes=50 * MB)
        except DocumentError as exc:
            assert exc.reason and len(exc.reason) > 15, path.name
            assert path.name in str(exc)
            outcomes[path.name] = type(exc).__name__
            continue
        assert document.page_count >= 1
        assert any(p.text.strip() for p in document.pages)
        assert [p.number for p in document.pages] == list(range(1, document.page_count + 1))
        expected = meta.get(path.name, {}).get("pages")
        if expected:
            assert document.page_count == expected, path.name
        outcomes[path.name] = "loaded"
    assert outcomes["005-libreoffice-writer-password_libreoffice-writer-password.pdf"] == "EncryptedDocumentError"
    assert outcomes["017-unreadable-meta-data_unreadablemetadata.pdf"] == "DocumentError"
    assert outcomes["004-pdflatex-4-pages_pdflatex-4-pages.pdf"] == "loaded"
    assert sum(v == "loaded" for v in outcomes.values()) >= 20


def test_image_only_pages_are_flagged_not_silently_indexed():
    path = require_shared("pdf-corpus", "007-imagemagick-images_imagemagick-images.pdf")
    document = load_document(path, max_bytes=50 * MB)
    assert any("no text layer" in w and "4, 5" in w for w in document.warnings)
    assert document.pages[3].text == ""


def test_scanned_pdf_with_no_text_is_refused():
    path = require_shared("pdf-corpus", "019-grayscale-image_grayscale-image.pdf")
    with pytest.raises(EmptyDocumentError, match="scanned"):
        load_document(path, max_bytes=50 * MB)


def test_pdf_pages_are_one_based_with_their_text():
    document = load_bytes(_pdf(["Cover letter from Acme", "Pricing: USD 4,850,000 total"]), "acme.pdf", max_bytes=MB)
    assert document.page_count == 2
    assert "USD 4,850,000" in document.page_text(2)
    assert document.page_text(3) == ""


def test_truncated_pdf_is_reported_as_damaged():
    data = _pdf(["Some proposal text on page one"] * 3)
    with pytest.raises(DocumentError, match="damaged or truncated|no text"):
        load_bytes(data[: len(data) // 3], "cut.pdf", max_bytes=MB)


@pytest.mark.parametrize(
    "name, data, error, words",
    [
        ("empty.pdf", b"", EmptyDocumentError, "empty"),
        ("blank.txt", b"   \n\n ", EmptyDocumentError, "empty"),
        ("notes.pdf", b"Just some notes, not a PDF at all", UnsupportedDocumentError, "name says PDF but the content is plain text"),
        ("memo.docx", b"%PDF-1.4\n%...", UnsupportedDocumentError, "name says Word"),
        ("memo.txt", b"PK\x03\x04\x14\x00rest-of-zip", UnsupportedDocumentError, "ZIP archive"),
        ("scan.pdf", b"\x89PNG\r\n\x1a\n....", UnsupportedDocumentError, "image"),
        ("budget.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", UnsupportedDocumentError, "save it as .xlsx"),
        ("photo.png", b"\x89PNG\r\n\x1a\n....", UnsupportedDocumentError, "not supported"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", UnsupportedDocumentError, ".doc/.xls"),
    ],
)
def test_bad_files_get_specific_plain_errors(name, data, error, words):
    with pytest.raises(error) as caught:
        load_bytes(data, name, max_bytes=MB)
    assert words in str(caught.value)
    assert name in str(caught.value)


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 300_000)
    with pytest.raises(DocumentTooLargeError, match="over the 1 MB limit"):
        load_document(path, max_bytes=1 * MB)


def test_docx_headings_paragraphs_and_tables_are_read(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Budget 2027", level=1)
    document.add_paragraph("We plan for tech transfer and audits.")
    table = document.add_table(rows=3, cols=2)
    for row, (item, cost) in zip(table.rows, [("Item", "Cost"), ("Tech transfer", "$400k"), ("Audits", "$60k")]):
        row.cells[0].text, row.cells[1].text = item, cost
    document.add_page_break()
    document.add_paragraph("Second page about risks.")
    path = tmp_path / "budget.docx"
    document.save(path)
    loaded = load_document(path, max_bytes=MB)
    assert loaded.file_type == "docx"
    assert loaded.pages[0].text.startswith("# Budget 2027")
    assert "| Tech transfer | $400k |" in loaded.pages[0].text
    assert loaded.page_count == 2 and "risks" in loaded.pages[1].text


def test_text_form_feeds_are_page_breaks_and_cp1252_is_read():
    loaded = load_bytes("Page one\fPage two caf\xe9".encode("cp1252"), "notes.txt", max_bytes=MB)
    assert [p.text for p in loaded.pages] == ["Page one", "Page two café"]
    assert any("Windows-1252" in w for w in loaded.warnings)


def test_same_content_gives_same_hash():
    a = load_bytes(b"# A\ntext", "a.md", max_bytes=MB)
    b = load_bytes(b"# A\ntext", "b.md", max_bytes=MB)
    assert a.sha256 == b.sha256
