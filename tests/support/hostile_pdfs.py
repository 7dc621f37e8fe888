"""Hand-built PDFs for hostile-document tests: hidden text, huge or countless pages, broken structure.

The bytes are written directly (no reportlab) so each fixture controls exactly the operators, objects and
cross-reference table a hostile or damaged file would have.
"""

from __future__ import annotations

import random
import re

WHITE = b"1 1 1 rg"
BLACK = b"0 0 0 rg"


def escape(text: str) -> bytes:
    """`text` as the body of a PDF literal string (Latin-1)."""
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def text_ops(lines: list[str], *, fill: bytes = BLACK, render_mode: int = 0, y: int = 760, size: int = 11) -> bytes:
    """One text object drawing `lines` top-down in Helvetica with the given fill colour and render mode."""
    body = [b"BT", b"/F1 %d Tf" % size, b"%d TL" % (size + 3), fill, b"%d Tr" % render_mode, b"72 %d Td" % y]
    for line in lines:
        body.append(b"(" + escape(line) + b") Tj T*")
    body.append(b"ET")
    return b"\n".join(body) + b"\n"


def build_pdf(contents: list[bytes], *, kids: bytes | None = None, resources: bytes = b"") -> bytes:
    """A valid PDF with one page per raw content stream (Helvetica as /F1), correct xref and trailer.

    `kids` replaces the page tree's /Kids array and /Count (for zero-page or looping trees);
    `resources` is added to every page's resource dictionary.
    """
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    page_numbers = []
    for position, content in enumerate(contents):
        page_obj, content_obj = 4 + 2 * position, 5 + 2 * position
        page_numbers.append(page_obj)
        objects[page_obj] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> %s>> "
            b"/Contents %d 0 R >>" % (resources, content_obj)
        )
        objects[content_obj] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    kids_entry = kids if kids is not None else (
        b"/Kids [" + b" ".join(b"%d 0 R" % n for n in page_numbers) + b"] /Count %d" % len(page_numbers)
    )
    objects[2] = b"<< /Type /Pages " + kids_entry + b" >>"
    return _serialize(objects)


def _serialize(objects: dict[int, bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[number]) if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def simple_pdf(pages: list[str]) -> bytes:
    """A PDF whose pages hold the given (newline-separated) text in black."""
    return build_pdf([text_ops(page.split("\n")) for page in pages])


def hidden_text_pdf(visible: list[str], hidden: list[str], *, mode: str = "white") -> bytes:
    """Page 1 holds visible text plus `hidden` lines drawn in white or with the invisible render mode 3."""
    if mode == "white":
        secret = text_ops(hidden, fill=WHITE, y=400)
    else:
        secret = text_ops(hidden, render_mode=3, y=400)
    page_one = b"q\n" + text_ops(visible) + b"Q\nq\n" + secret + b"Q\n"
    return build_pdf([page_one, text_ops(["Appendix: quality agreement template."])])


def white_on_dark_pdf(header: str, body: str) -> bytes:
    """A table header in white on a dark-blue bar (visible to a reader), then black body text."""
    bar = b"q 0.1 0.2 0.5 rg 60 690 490 24 re f Q\n"
    return build_pdf([bar + text_ops([header], fill=WHITE, y=698) + text_ops([body], y=660)])


def colour_space_pdf(space: str, colour: bytes, hidden: str, visible: str) -> bytes:
    """`hidden` drawn with `colour` (e.g. b"1 scn") in the named space /Spot (a spot ink) or /ICC (ICC-based RGB)."""
    resources = (b"/ColorSpace << /Spot [/Separation /BrandBlue /DeviceCMYK << /FunctionType 2 /Domain [0 1] "
                 b"/C0 [0 0 0 0] /C1 [1 0.6 0 0] /N 1 >>] /ICC [/ICCBased << /N 3 >>] >> ")
    secret = b"q /%s cs %s\n" % (space.encode(), colour) + text_ops([hidden], fill=b"", y=400) + b"Q\n"
    return build_pdf([text_ops([visible]) + secret], resources=resources)


def enormous_page_pdf(characters: int) -> bytes:
    """One page with about `characters` characters of text (many lines), then a normal page."""
    line = "Batch record review clause with cross-references to the master service agreement. "
    lines = [line] * (characters // len(line) + 1)
    return build_pdf([text_ops(lines, size=2), text_ops(["Page two: pricing is USD 2,400,000 in total."])])


def many_pages_pdf(count: int) -> bytes:
    """`count` tiny pages with one word each."""
    return build_pdf([b"BT /F1 11 Tf 72 760 Td (Word%d) Tj ET" % n for n in range(1, count + 1)])


def truncated_pdf(good: bytes) -> bytes:
    """The first 40% of a valid PDF: no cross-reference table, no trailer."""
    return good[: len(good) * 2 // 5]


def garbage_after_header_pdf(size: int = 6000) -> bytes:
    """A PDF header followed by random bytes."""
    noise = random.Random(7).randbytes(size)
    return b"%PDF-1.7\n" + noise


def broken_xref_pdf(good: bytes) -> bytes:
    """A valid PDF whose cross-reference offsets all point to the wrong place (readers must rebuild it)."""
    return re.sub(rb"\d{10} 00000 n", b"0000000009 00000 n", good)


def bad_content_stream_pdf(good_pages: list[str]) -> bytes:
    """Good pages around a middle page whose content stream ends inside an inline image (the reader raises)."""
    good = [text_ops(page.split("\n")) for page in good_pages]
    broken = text_ops(["Text before the broken image"]) + b"BI /W 10 /H 10 /BPC 8 /CS /G ID " + b"\x00" * 20
    return build_pdf([good[0], broken, *good[1:]])


def corrupt_flate_pdf(good_pages: list[str]) -> bytes:
    """Good pages around a middle page whose compressed content stream is random bytes."""
    garbage = random.Random(3).randbytes(300)
    good = [text_ops(page.split("\n")) for page in good_pages]
    pdf = build_pdf([good[0], b"BROKEN-STREAM-PLACEHOLDER", *good[1:]])
    marker = b"<< /Length 25 >>\nstream\nBROKEN-STREAM-PLACEHOLDER"
    replacement = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(garbage) + garbage
    return _reindex(pdf.replace(marker, replacement))


def _reindex(pdf: bytes) -> bytes:
    """Rewrite the xref table after objects changed size."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\n(.*?)\nendobj\n", pdf, re.S)}
    return _serialize(objects)


def zero_pages_pdf() -> bytes:
    """A structurally valid PDF whose page tree is empty."""
    return build_pdf([], kids=b"/Kids [] /Count 0")


def looping_tree_pdf() -> bytes:
    """A page tree whose only kid is the tree itself."""
    return build_pdf([], kids=b"/Kids [2 0 R] /Count 1")
