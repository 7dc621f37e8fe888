"""A PDF page drawn with the quote boxed where it stands: found across line breaks and spacing, absent when it is not
on the page, and a page the document does not have is refused."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from rfp_assistant.core.documents.page_image import render_page

PROPOSALS = Path(__file__).resolve().parents[1] / "eval" / "extraction" / "proposals"


def yellow(png: bytes, box) -> float:
    """Share of the box's pixels tinted by the highlight."""
    picture = np.asarray(Image.open(io.BytesIO(png)).convert("RGB").crop(box), dtype=int)
    r, g, b = picture[..., 0], picture[..., 1], picture[..., 2]
    return float(((r > 230) & (g > 190) & (b < 200)).mean())


def test_a_table_cell_quote_is_boxed_on_its_page():
    image = render_page(PROPOSALS / "02_cascadia_table_heavy.pdf", 3, ["TOTAL, WP1-WP6 (USD) 4,305,000"], width=900)
    assert abs(image.width - 900) <= 1 and image.height > 900  # PDFium rounds the page size up
    assert image.found(0)
    boxes = image.boxes[0]
    assert len(boxes) == 2  # the label cell and the amount cell of the same row
    assert all(abs(b[1] - boxes[0][1]) < 5 for b in boxes)  # on one line
    x0, y0, x1, y1 = boxes[1]
    assert yellow(image.png, boxes[1]) > 0.3  # the rest is the amount's own dark glyphs
    assert yellow(image.png, (x0, y0 - 25, x1, y1 - 25)) < 0.02  # the row above is not highlighted
    assert yellow(image.png, (0, 0, 900, 100)) < 0.01  # nothing highlighted elsewhere (the page header)


def test_a_quote_across_a_line_break_and_two_quotes_on_one_page():
    quotes = ["Twenty-five percent of the total price is invoiced upon contract signature and the balance upon "
              "completion of each milestone; all invoices are payable net 30 days.",
              "Resin lifetime studies and drug product manufacturing are excluded."]
    image = render_page(PROPOSALS / "01_northfield_formal_letter.pdf", 3, quotes)
    assert image.found(0) and image.found(1)
    assert len({b[1] for b in image.boxes[0]}) == 2  # two lines of the page
    assert image.boxes[1][0][1] > image.boxes[0][-1][1]  # the second quote is further down


def test_a_quote_that_is_not_on_the_page_is_not_boxed_and_a_missing_page_is_refused():
    image = render_page(PROPOSALS / "01_northfield_formal_letter.pdf", 1, ["This sentence is on no page at all."])
    assert not image.found(0) and image.png.startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="has no page 99"):
        render_page(PROPOSALS / "01_northfield_formal_letter.pdf", 99, ["x"])
