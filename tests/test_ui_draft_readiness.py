"""The Draft RFP and Readiness tabs in a real browser: a brief to a downloaded Word RFP; an assessment and a question."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from browser import browser_page, running_ui

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
COMPANY = Path(__file__).resolve().parents[1] / "eval" / "readiness" / "companies" / "halvorsen-bio"

# Every text the summary's progress overlay shows while the assessment runs (it is gone once the report is in).
RECORD_PROGRESS = """() => { window.progressShown = []; const summary = document.querySelector('#readiness-summary');
  new MutationObserver(() => window.progressShown.push(summary.innerText))
    .observe(summary, {subtree: true, childList: true, characterData: true}); }"""
BRIEF = ("We are Halvorsen Bio. HAL-207 is an IgG1 mAb made in CHO cells. We need tech transfer and two 2,000 L "
         "GMP batches for Phase 1, lyophilized vials, FIH Q1'28, US/EU filings.")


def test_draft_from_a_brief_shows_facts_and_gaps_and_downloads_the_docx(settings, tmp_path):
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Draft RFP").click()
        page.locator("#brief textarea").fill(BRIEF)
        page.locator("#draft-button").click()

        status = page.locator("#draft-status")
        expect(status).to_contain_text("13 sections drafted offline", timeout=120_000)
        brief = page.locator("#parsed-brief")
        expect(brief.locator('tr[data-field="scale_l"]')).to_contain_text("stated")
        expect(brief.locator('tr[data-field="scale_l"]')).to_contain_text("2,000")
        expect(brief.locator('tr[data-field="budget"]')).to_contain_text("missing")
        expect(page.locator("#open-questions")).to_contain_text("budget")
        draft = page.locator("#draft")
        expect(draft).to_contain_text("Technical Requirements")
        expect(draft).to_contain_text("[To be confirmed: budget for this scope]")
        expect(draft).to_contain_text("Vendor Response Form")
        assert draft.locator("details").count() >= 5  # sections carry their sources

        with page.expect_download() as download_info:
            page.locator("#download-docx a").first.click()
        saved = tmp_path / "rfp.docx"
        download_info.value.save_as(saved)
    document = docx.Document(str(saved))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "HAL-207" in text and "Sources" not in text  # the download is the vendor-facing RFP
    form = document.tables[-1]
    assert any("weeks" in cell.text for row in form.rows for cell in row.cells)  # questions carry their units


def test_readiness_assessment_by_area_and_a_question_answered_from_our_documents(settings):
    files = [str(COMPANY / n) for n in ("cdmo-budget-fy26-27.txt", "risk-register-v3.pdf", "team-roster.docx")]
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Readiness").click()
        page.locator("#readiness-files input[type=file]").set_input_files(files)
        page.evaluate(RECORD_PROGRESS)
        page.locator("#assess-button").click()

        summary = page.locator("#readiness-summary")
        expect(summary).to_contain_text("Overall readiness", timeout=120_000)
        shown = page.evaluate("() => window.progressShown")
        assert any(re.search(r"Assessing \d+ of 38: \w+\.\w+", text) for text in shown), shown  # not a stuck bar
        expect(summary).to_contain_text("team-roster.docx")
        report = page.locator("#readiness-report")
        expect(report.locator('h3[data-area="budget"]')).to_be_visible()
        assert report.locator("tr[data-item]").count() == 38
        direct = report.locator('tr[data-item="budget.direct_costs"]')
        expect(direct).to_contain_text("cdmo-budget-fy26-27.txt")
        missing = report.locator("tr[data-item] .st-missing")
        assert missing.count() >= 1
        expect(report.locator("tr[data-item]", has=page.locator(".st-missing")).first).to_contain_text("Recommendation")
        expect(page.locator("#download-readiness-docx a").first).to_be_visible()

        page.locator("#readiness-question textarea").fill("Who on our side owns tech transfer?")
        page.locator("#readiness-ask").click()
        citations = page.locator("#readiness-citations")
        expect(citations).to_contain_text("team-roster.docx", timeout=60_000)
