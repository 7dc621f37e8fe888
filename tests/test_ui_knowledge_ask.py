"""The web UI in a real browser: upload a document, ask a question, see the cited answer."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import browser_page, running_ui

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROSTER = "# Outsourcing team\nDr. Lena Okafor (VP CMC) owns technology transfer on our side.\n"


def test_upload_then_ask_shows_a_cited_answer(settings, tmp_path):
    upload = tmp_path / "team-roster.md"
    upload.write_text(ROSTER)
    bad = tmp_path / "broken.pdf"
    bad.write_text("not really a pdf")
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Knowledge").click()
        page.locator("#upload-files input[type=file]").set_input_files([str(upload), str(bad)])
        page.locator("#add-documents").click()
        outcome = page.locator("#ingest-outcome")
        expect(outcome).to_contain_text("team-roster.md — added", timeout=120_000)
        expect(outcome).to_contain_text("broken.pdf — the name says PDF but the content is plain text")
        expect(page.locator("#documents-table")).to_contain_text("team-roster.md")

        page.get_by_role("tab", name="Ask").click()
        page.locator("#question textarea").fill("Who owns tech transfer on our side?")
        page.locator("#ask-button").click()
        expect(page.locator("#citations")).to_contain_text(
            "team-roster.md, page 1 (your document) — “Dr. Lena Okafor (VP CMC) owns technology transfer on our side.”", timeout=60_000)
        expect(page.locator("#answer")).to_contain_text("Okafor")


def test_ui_binds_to_loopback_by_default(settings):
    with running_ui(settings) as url:
        assert url.startswith("http://127.0.0.1:")
