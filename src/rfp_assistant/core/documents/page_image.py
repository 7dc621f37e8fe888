"""A PDF page drawn as an image with quotes highlighted where they stand on the page (pypdfium2)."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

from rfp_assistant.core.text.sentences import canonical_text

# PDFium is not thread-safe; the web UI serves several people at once.
_PDFIUM = threading.Lock()
MIN_PART = 24  # characters of a quote worth looking for on their own when the whole quote is not found
FILL, OUTLINE = (255, 214, 0, 96), (214, 120, 0, 255)


@dataclass
class PageImage:
    """A rendered page: PNG bytes, pixel size, and per quote the boxes (x0, y0, x1, y1) it was found in."""

    png: bytes
    width: int
    height: int
    boxes: list[list[tuple[int, int, int, int]]] = field(default_factory=list)

    def found(self, index: int) -> bool:
        """Whether quote `index` was located on the page."""
        return bool(self.boxes[index])


def render_page(path: Path, page_number: int, quotes: list[str], *, width: int = 900) -> PageImage:
    """Page `page_number` (1-based) of the PDF at `path`, `width` pixels wide, each quote boxed in yellow.

    A quote is matched ignoring spaces, line breaks, case and typographic quotes or dashes (the text layer and
    the extractor may space words differently); when the whole quote is not on the page, its longest found part
    is marked instead. Raises ValueError for a page the document does not have.
    """
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    with _PDFIUM:
        document = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page_number <= len(document):
                raise ValueError(f"{Path(path).name} has no page {page_number}")
            page = document[page_number - 1]
            left, bottom, right, top = page.get_cropbox()
            scale = width / max(right - left, 1)
            text_page = page.get_textpage()
            rects = [_quote_rects(text_page, quote) for quote in quotes]
            bitmap = page.render(scale=scale, rotation=0)
            image = bitmap.to_pil().convert("RGB")
        finally:
            document.close()
    boxes = [[(round((x0 - left) * scale), round((top - y1) * scale), round((x1 - left) * scale),
               round((top - y0) * scale)) for x0, y0, x1, y1 in found] for found in rects]
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for found in boxes:
        for x0, y0, x1, y1 in found:
            draw.rectangle((x0 - 2, y0 - 2, x1 + 2, y1 + 2), fill=FILL, outline=OUTLINE, width=2)
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return PageImage(png=out.getvalue(), width=image.width, height=image.height, boxes=boxes)


def _quote_rects(text_page, quote: str) -> list[tuple[float, float, float, float]]:
    """PDF-space rectangles (left, bottom, right, top) covering the quote's characters; [] when not found."""
    count = text_page.count_chars()
    text = text_page.get_text_range(0, count)
    if len(text) != count:
        return []  # characters outside the BMP break the index mapping; no box is better than a wrong one
    squeezed, where = [], []
    for index, char in enumerate(text):
        if not char.isspace() and char not in "\x00\x02\ufffe":
            squeezed.append(canonical_text(char).lower() or char.lower())
            where.append(index)
    haystack = "".join(squeezed)
    needle = "".join(canonical_text(quote).lower().split())
    span = _find(haystack, needle)
    if span is None:
        return []
    first, last = where[span[0]], where[span[1] - 1]
    rects = []
    for i in range(text_page.count_rects(first, last - first + 1)):
        rects.append(tuple(text_page.get_rect(i)))
    return rects


def _find(haystack: str, needle: str) -> tuple[int, int] | None:
    """(start, end) of the needle, else of its longest head or tail of at least MIN_PART characters."""
    if not needle:
        return None
    at = haystack.find(needle)
    if at >= 0:
        return at, at + len(needle)
    length = len(needle) // 2
    while length >= MIN_PART:
        for part in (needle[:length], needle[-length:]):
            at = haystack.find(part)
            if at >= 0:
                return at, at + len(part)
        length = length * 3 // 4
    return None
