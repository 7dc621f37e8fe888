"""No tab answers missing or bad input with a red "Error" badge: the plain message appears where the result would
be and the other outputs stay empty. And proposals chosen through the file chooser, as a user does, are compared."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import browser_page, running_ui

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PROPOSALS = Path(__file__).resolve().parents[1] / "eval" / "extraction" / "proposals"
# Gradio marks every output of a failed event with this badge, and titles its error toasts "Error".
ERROR_BADGE = "[data-testid='status-tracker'] .error"


def assert_no_error_shown(page) -> None:
    expect(page.locator(ERROR_BADGE)).to_have_count(0)
    expect(page.get_by_text("Error", exact=True)).to_have_count(0)


def press(page, tab: str, button: str, output: str, message: str) -> None:
    """Open `tab`, press `button` with nothing given, and see `message` in `output`."""
    page.get_by_role("tab", name=tab).click()
    page.locator(f"#{button}").click()
    expect(page.locator(f"#{output}")).to_contain_text(message, timeout=60_000)


def test_every_main_button_with_nothing_given_says_what_to_do_in_plain_words(settings):
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        press(page, "Knowledge", "add-documents", "ingest-outcome", "Choose one or more files first.")
        press(page, "Knowledge", "delete-document", "ingest-outcome", "Choose a document to delete.")
        press(page, "Draft RFP", "draft-button", "draft-status", "Type a brief or upload a brief file first.")
        for empty in ("draft", "open-questions"):
            expect(page.locator(f"#{empty}")).to_have_text("")
        for hidden in ("parsed-brief", "download-docx", "download-grid"):  # nothing to show or download
            expect(page.locator(f"#{hidden}")).to_be_hidden()
        press(page, "Compare proposals", "compare-button", "compare-status", "Choose one or more proposal files first.")
        for empty in ("compare-table", "compare-scores", "compare-questions", "evidence"):
            expect(page.locator(f"#{empty}")).to_have_text("")
        press(page, "Readiness", "assess-button", "readiness-summary",
              "There are no internal documents in this workspace yet: upload some here (left) or in the Knowledge tab")
        expect(page.locator("#readiness-report")).to_have_text("")
        press(page, "Readiness", "readiness-ask", "readiness-answer", "Type a question first.")
        press(page, "Ask", "ask-button", "answer", "Type a question first.")
        expect(page.locator("#citations")).to_have_text("")
        page.wait_for_timeout(1000)  # a late badge or toast would show by now
        assert_no_error_shown(page)


def test_bad_input_is_refused_in_plain_words(settings, tmp_path):
    fake = tmp_path / "brief.pdf"
    fake.write_text("This is not a PDF at all.")
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Draft RFP").click()
        page.locator("#brief-file input[type=file]").set_input_files(str(fake))
        page.locator("#draft-button").click()
        status = page.locator("#draft-status")
        expect(status).to_contain_text("brief.pdf", timeout=60_000)
        expect(status).to_contain_text("PDF")
        expect(page.locator("#draft")).to_have_text("")

        workspace = page.locator("#workspace input")  # a workspace name that cannot be a folder
        workspace.fill("../other program")
        workspace.press("Enter")
        page.get_by_role("tab", name="Ask").click()
        page.locator("#question textarea").fill("What hidden costs should we budget for?")
        page.locator("#ask-button").click()
        expect(page.locator("#answer")).to_contain_text("Workspace name '../other program' is not allowed",
                                                        timeout=60_000)
        page.wait_for_timeout(1000)
        assert_no_error_shown(page)


def test_two_proposals_chosen_in_the_file_chooser_are_compared_side_by_side(settings):
    files = [PROPOSALS / "01_northfield_formal_letter.pdf", PROPOSALS / "02_cascadia_table_heavy.pdf"]
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Compare proposals").click()
        with page.expect_file_chooser() as chooser:
            page.locator("#compare-files").get_by_text("Click to Upload").click()
        chooser.value.set_files([str(f) for f in files])
        expect(page.locator("#compare-files")).to_contain_text("02_cascadia_table_heavy", timeout=30_000)
        page.locator("#compare-button").click()

        table = page.locator("#compare-table")
        expect(table.locator("thead th")).to_have_count(3, timeout=60_000)  # the field column and two vendors
        expect(table.locator("thead")).to_contain_text("Northfield Biologics")
        expect(table.locator("thead")).to_contain_text("Cascadia BioWorks")
        quoted = table.locator("td[data-key='total_price'][data-vendor='1']")
        expect(quoted).to_have_attribute("title", "TOTAL, WP1-WP6 (USD) 4,305,000")  # the quote behind the cell
        expect(page.locator("#compare-status")).to_contain_text("Compared 2 proposal(s).")
        assert_no_error_shown(page)
