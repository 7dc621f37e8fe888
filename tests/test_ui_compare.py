"""The Compare tab in a real browser: three proposals side by side, an evidence quote, the XLSX download."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from browser import browser_page, running_ui

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PROPOSALS = Path(__file__).resolve().parents[1] / "eval" / "extraction" / "proposals"


def test_three_proposals_side_by_side_with_evidence_and_download(settings, tmp_path):
    files = [PROPOSALS / name for name in ("01_northfield_formal_letter.pdf", "02_cascadia_table_heavy.pdf",
                                           "06_arbor_cgt_aav.pdf")]
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Compare proposals").click()
        page.locator("#compare-files input[type=file]").set_input_files([str(f) for f in files])
        page.locator("#compare-button").click()
        table = page.locator("#compare-table")
        expect(table).to_contain_text("Northfield Biologics", timeout=120_000)
        expect(table).to_contain_text("Cascadia BioWorks")
        expect(table).to_contain_text("USD 4,850,000")
        expect(table).to_contain_text("not stated")  # the cell-and-gene-therapy proposal is silent on liters
        assert table.locator("td.cmp-best").count() > 0 and table.locator("td.cmp-worst").count() > 0

        table.locator("td[data-key='total_price'][data-vendor='1']").click()  # one click on the cell
        evidence = page.locator("#evidence")
        expect(evidence).to_contain_text("p.3: “TOTAL, WP1-WP6 (USD) 4,305,000”")
        expect(evidence.locator("img.ev-page")).to_be_visible()  # the PDF page itself
        expect(evidence.locator("mark")).to_contain_text("4,305,000")  # and its text, quote marked
        evidence.locator(".ev-close").click()
        expect(evidence).to_have_text("")

        expect(page.locator("#compare-questions")).to_contain_text("Please state")
        expect(page.locator("#compare-scores")).to_contain_text("Total (0-100)")

        with page.expect_download() as download_info:
            page.locator("#download-xlsx a").first.click()
        saved = tmp_path / "comparison.xlsx"
        download_info.value.save_as(saved)
        workbook = openpyxl.load_workbook(saved)
        assert {"Comparison", "Evidence"} <= set(workbook.sheetnames)
        evidence_rows = [[c.value for c in row] for row in workbook["Evidence"].iter_rows(values_only=False)]
        assert any("4,305,000" in " ".join(str(v) for v in row) for row in evidence_rows)
