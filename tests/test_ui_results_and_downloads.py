"""What a new user meets in a real browser: no empty download boxes before there is a result; every export the
design promises (the comparison as XLSX, CSV, Markdown and JSON, as re-weighted on screen; the RFP for vendors, its
bid grid and the internal version); documents added in the Knowledge tab listed as soon as the Readiness tab opens,
and each readiness item saying why, with the deciding quote marked."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest
from playwright.sync_api import expect

from browser import browser_page, running_ui

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ROOT = Path(__file__).resolve().parents[1]
PROPOSALS = ROOT / "eval" / "extraction" / "proposals"
COMPANY = ROOT / "eval" / "readiness" / "companies" / "halvorsen-bio"
BRIEF = ("We are Halvorsen Bio. HAL-207 is an IgG1 mAb made in CHO cells. We need tech transfer and two 2,000 L "
         "GMP batches for Phase 1, lyophilized vials, FIH Q1'28, US/EU filings.")


def download(page, element_id: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.locator(f"#{element_id} a").first.click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def test_comparison_offers_every_export_as_shown_on_screen(settings, tmp_path):
    broken = tmp_path / "broken-offer.pdf"
    broken.write_text("this is not a PDF", encoding="utf-8")
    files = [PROPOSALS / "01_northfield_formal_letter.pdf", PROPOSALS / "07_alpenrhein_adc_chf.pdf", broken]
    exports = ("download-xlsx", "download-csv", "download-compare-md", "download-compare-json")
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Compare proposals").click()
        expect(page.locator("#compare-status")).to_contain_text("No comparison yet")  # says what to do
        for element_id in exports:
            expect(page.locator(f"#{element_id}")).to_be_hidden()  # no empty boxes before a result
        page.locator("#compare-files input[type=file]").set_input_files([str(f) for f in files])
        page.locator("#compare-button").click()
        expect(page.locator("#compare-table")).to_contain_text("Side by side", timeout=120_000)
        status = page.locator("#compare-status")
        expect(status).to_contain_text("Compared 2 proposal(s).")  # the unreadable file is not counted as compared
        assert status.inner_text().count("broken-offer.pdf") == 1  # and said once, with why
        expect(status).to_contain_text("broken-offer.pdf could not be read — the name says PDF")
        wrap = page.locator("#compare-table .cmp-wrap")  # 34 rows: scrolled down, the vendor names stay on top
        wrap.evaluate("e => { e.scrollIntoView({block: 'start'}); e.scrollTop = 300; }")
        page.wait_for_timeout(300)
        assert wrap.evaluate("e => e.scrollTop") == 300  # the table scrolls in its own box, under its header
        head = page.locator("#side-by-side thead th").nth(1).bounding_box()
        assert abs(head["y"] - wrap.bounding_box()["y"]) < 2

        rate = page.locator("#fx-0 input")
        rate.fill("0.012")
        rate.press("Enter")
        ranking = page.locator("#compare-ranking")
        expect(ranking).to_contain_text("1 CHF = 0.012 USD", timeout=30_000)  # the rate as typed, not rounded
        weight = page.locator("#weight-timeline input[type=number]")
        weight.fill("50")
        weight.press("Enter")
        expect(page.locator("#compare-scores")).to_contain_text("Speed to first GMP batch (38%)", timeout=30_000)

        saved = {element_id: download(page, element_id, tmp_path) for element_id in exports}
    assert [p.suffix for p in saved.values()] == [".xlsx", ".csv", ".md", ".json"]
    data = json.loads(saved["download-compare-json"].read_text(encoding="utf-8"))
    weights = {c["id"]: c["weight"] for c in data["scorecard"]["criteria"]}
    assert round(weights["timeline"] / sum(weights.values()) * 100) == 38  # the weights the user set
    assert data["scorecard"]["fx"] == {"CHF": 0.012}
    markdown = saved["download-compare-md"].read_text(encoding="utf-8")
    assert "Northfield Biologics" in markdown and "Alpenrhein" in markdown
    assert "Northfield Biologics" in saved["download-csv"].read_text(encoding="utf-8-sig")
    assert "Evidence" in openpyxl.load_workbook(saved["download-xlsx"]).sheetnames


def test_draft_offers_the_bid_grid_and_the_internal_version_and_readable_question_labels(settings, tmp_path):
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Draft RFP").click()
        expect(page.locator("#draft-status")).to_contain_text("No draft yet")
        page.locator("#brief textarea").fill(BRIEF)
        page.locator("#draft-button").click()
        expect(page.locator("#draft-status")).to_contain_text("sections drafted", timeout=120_000)
        expect(page.locator("#parsed-brief")).to_be_visible()
        title = page.locator('#parsed-brief tr[data-field="title"]')  # the brief gives none: the draft's, not a gap
        expect(title).to_contain_text("composed")
        expect(title).to_contain_text("Request for Proposal")
        questions = page.locator("#open-questions")
        expect(questions).to_contain_text("Budget —")  # a label a reader knows, not the field id "budget"
        expect(questions).to_contain_text("RFP schedule —")
        grid = download(page, "download-grid", tmp_path)
        internal = download(page, "download-internal", tmp_path)

        upload = tmp_path / "brief-nrd-310.txt"  # a file as well as the typed text: the page says which was used
        upload.write_text("NRD-310 is a recombinant enzyme made in E. coli; we need three 500 L GMP batches.",
                          encoding="utf-8")
        page.locator("#brief-file input[type=file]").set_input_files(str(upload))
        page.locator("#draft-button").click()
        status = page.locator("#draft-status")
        expect(status).to_contain_text("Drafted from the uploaded file brief-nrd-310.txt", timeout=120_000)
        expect(status).to_contain_text("NRD-310")
    assert grid.suffix == ".xlsx" and "Response form" in openpyxl.load_workbook(grid).sheetnames
    text = "\n".join(p.text for p in docx.Document(internal).paragraphs)
    assert "HAL-207" in text and "Sources" in text  # the sponsor's version keeps its sources


def test_readiness_lists_documents_added_in_knowledge_and_says_why_each_item_stands(settings):
    files = [str(COMPANY / n) for n in ("cdmo-budget-fy26-27.txt", "team-roster.docx")]
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Readiness").click()
        page.locator("#assess-button").click()
        summary = page.locator("#readiness-summary")
        expect(summary).to_contain_text("no internal documents in this workspace yet", timeout=60_000)

        page.get_by_role("tab", name="Knowledge").click()
        page.locator("#upload-files input[type=file]").set_input_files(files)
        page.locator("#add-documents").click()
        expect(page.locator("#ingest-outcome")).to_contain_text("team-roster.docx — added", timeout=120_000)
        table = page.locator("#documents-table")
        expect(table).to_contain_text("team-roster.docx")
        listing = table.inner_text()
        assert listing.index("team-roster.docx") < listing.index("budget-and-hidden-costs.md")  # before the playbook

        page.get_by_role("tab", name="Readiness").click()
        listed = page.locator("#readiness-docs")
        expect(listed).to_contain_text("team-roster.docx", timeout=30_000)  # no "Refresh list" needed
        expect(summary).not_to_contain_text("no internal documents")  # the stale note is gone
        page.locator("#assess-button").click()
        expect(summary).to_contain_text("Overall readiness", timeout=120_000)
        report = page.locator("#readiness-report")
        direct = report.locator('tr[data-item="budget.direct_costs"]')
        expect(direct.locator(".rd-reason")).not_to_have_text("")  # why it stands, in words
        expect(direct).to_contain_text("Decided by:")
        expect(page.locator("#download-readiness-md a").first).to_be_visible()


def test_deleting_a_document_asks_first_and_cancel_keeps_it(settings, tmp_path):
    note = tmp_path / "steerco-notes.md"
    note.write_text("# SteerCo\nThe CDMO shortlist has three names.\n", encoding="utf-8")
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.locator("#upload-files input[type=file]").set_input_files(str(note))
        page.locator("#add-documents").click()
        outcome = page.locator("#ingest-outcome")
        expect(outcome).to_contain_text("steerco-notes.md — added", timeout=120_000)
        choice = page.locator("#delete-choice input")
        choice.click()
        page.get_by_role("option", name="steerco-notes.md").click()

        asked = []
        page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
        page.locator("#delete-document").click()
        expect(outcome).to_have_text("Nothing deleted.", timeout=30_000)
        assert "Delete steerco-notes.md from workspace default?" in asked[0]
        expect(page.locator("#documents-table")).to_contain_text("steerco-notes.md")

        page.once("dialog", lambda dialog: dialog.accept())
        page.locator("#delete-document").click()
        expect(outcome).to_contain_text("Deleted steerco-notes.md", timeout=30_000)
        expect(page.locator("#documents-table")).not_to_contain_text("steerco-notes.md")
