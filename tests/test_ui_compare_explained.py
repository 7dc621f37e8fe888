"""The Compare tab explains itself in a real browser: the guide uploaded by mistake is left out and said so, the
ranking and its breakdown show, a typed exchange rate re-ranks, a typed weight and the not-stated rule recompute, and
a click on a cell shows the PDF page with the quote highlighted."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from browser import browser_page, running_ui
from conftest import require_shared

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PROPOSALS = Path(__file__).resolve().parents[1] / "eval" / "extraction" / "proposals"
NORTHFIELD, ALPENRHEIN = "Northfield Biologics", "Alpenrhein"


def first_ranked(page) -> str:
    return page.locator("#compare-ranking li").first.inner_text()


def highlighted_pixels(page, image) -> int:
    """Pixels of the page image in the highlight's yellow."""
    source = image.get_attribute("src")
    assert source.startswith("data:image/png;base64,")
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(source.split(",", 1)[1]))).convert("RGB"), dtype=int)
    r, g, b = picture[..., 0], picture[..., 1], picture[..., 2]
    return int(((r > 230) & (g > 200) & (g < 245) & (b < 170)).sum())


def test_guide_left_out_ranking_breakdown_exchange_rate_weights_and_evidence_page(settings):
    guide = require_shared("reference", "cdmo-preparation-guide.txt")
    files = [PROPOSALS / "01_northfield_formal_letter.pdf", PROPOSALS / "07_alpenrhein_adc_chf.pdf", guide]
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Compare proposals").click()
        page.locator("#compare-files input[type=file]").set_input_files([str(f) for f in files])
        page.locator("#compare-button").click()

        status = page.locator("#compare-status")
        expect(status).to_contain_text("cdmo-preparation-guide.txt does not read as a CDMO proposal",
                                       timeout=120_000)
        expect(status).to_contain_text("left out of the comparison")
        table = page.locator("#compare-table")
        expect(table.locator("thead th")).to_have_count(3)  # the field column and the two proposals, no guide
        expect(table.locator("thead")).not_to_contain_text("guide")
        expect(table.locator("thead")).to_contain_text("#1")

        ranking = page.locator("#compare-ranking")
        expect(ranking.locator("li")).to_have_count(2)
        expect(ranking).to_contain_text("a value the proposal does not state scores 0")
        assert NORTHFIELD in first_ranked(page)  # prices in CHF and USD are not compared yet
        scores = page.locator("#compare-scores")
        expect(scores).to_contain_text("Total price: not compared")
        expect(scores).to_contain_text("Time to first GMP batch: 30 → 4 (≤ 32)")
        expect(scores).to_contain_text("Total cost and commercial transparency (20%)")

        rate = page.locator("#fx-0")
        expect(rate).to_contain_text("1 CHF = ? USD")
        expect(page.locator("#fx-note")).to_contain_text("No rate is ever assumed")
        rate.locator("input").fill("0.5")
        rate.locator("input").press("Enter")
        expect(ranking.locator("li").first).to_contain_text(ALPENRHEIN, timeout=30_000)
        expect(ranking).to_contain_text("1 CHF = 0.5 USD")
        rate.locator("input").fill("1.25")
        rate.locator("input").press("Enter")
        expect(ranking.locator("li").first).to_contain_text(NORTHFIELD, timeout=30_000)
        expect(scores).not_to_contain_text("Total price: not compared")

        weight = page.locator("#weight-timeline input[type=number]")
        weight.fill("50")
        weight.press("Enter")
        expect(scores).to_contain_text("Speed to first GMP batch (38%)", timeout=30_000)  # 50 of 130

        page.locator("#not-stated-rule").get_by_text("left out").click()
        expect(scores).to_contain_text("not stated → left out", timeout=30_000)
        expect(ranking).to_contain_text("left out and the other weights count for more")

        cell = table.locator("td[data-key='total_price'][data-vendor='1']")
        cell.scroll_into_view_if_needed()
        cell.click()
        evidence = page.locator("#evidence")
        expect(evidence).to_contain_text("Total price — Alpenrhein", timeout=30_000)
        expect(evidence.locator(".cmp-quote")).to_contain_text("CHF")
        image = evidence.locator("img.ev-page")
        expect(image).to_be_visible()
        assert highlighted_pixels(page, image) > 500  # the quote's box is drawn on the page
        page.keyboard.press("Escape")
        expect(evidence).to_have_text("")
        # Nothing of the proposals is kept in the browser's storage (Gradio's run history is off).
        stored = page.evaluate("JSON.stringify(Object.assign({}, window.localStorage))")
        assert "run-history" not in stored and "Alpenrhein" not in stored


def test_equal_offers_are_flagged_as_a_three_way_tie_and_a_conflict_shows_both_pages(settings, tmp_path):
    copies = []
    for name in ("offer-a.pdf", "offer-b.pdf", "offer-c.pdf"):
        copies.append(tmp_path / name)
        copies[-1].write_bytes((PROPOSALS / "01_northfield_formal_letter.pdf").read_bytes())
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Compare proposals").click()
        page.locator("#compare-files input[type=file]").set_input_files([str(f) for f in copies])
        page.locator("#compare-button").click()
        ranking = page.locator("#compare-ranking")
        expect(ranking).to_contain_text("Three-way tie", timeout=120_000)
        expect(ranking.locator(".cmp-tie")).to_have_count(3)
        expect(page.locator("#compare-scores")).to_contain_text("=1")

        page.locator("#compare-files button[aria-label='Clear']").first.click()
        page.locator("#compare-files input[type=file]").set_input_files(
            [str(PROPOSALS / "09_tidewater_conflicting.pdf")])
        page.locator("#compare-button").click()
        expect(page.locator("#compare-table thead th")).to_have_count(2, timeout=120_000)
        page.locator("#compare-table td[data-key='first_available_gmp_slot']").click()
        evidence = page.locator("#evidence")
        expect(evidence.locator("img.ev-page")).to_have_count(2, timeout=30_000)  # one page per value
        expect(evidence.locator(".cmp-quote").first).to_contain_text("2026-07-01 — p.1")
        expect(evidence.locator(".cmp-quote").last).to_contain_text("2026-10-01 — p.3")
