#!/usr/bin/env python3
"""Generate the extraction-eval fixtures: fictional CDMO proposal PDFs + gold JSON.

Deterministic: fixed dates, no randomness, reportlab ``invariant=1`` (no
timestamps or random document ids), so re-running produces byte-identical PDFs.

    .venv/bin/python eval/extraction/generate_proposals.py      # writes proposals/ and gold/
    .venv/bin/python eval/extraction/check_gold.py              # verifies every quote

Each fixture is a function that writes its pages with the small ``Proposal``
builder below and records gold facts right after the text that states them
(``fact`` / ``item`` / ``conflict``), on the page being written.  Explicit page
breaks keep pagination fixed; ``build`` fails if the PDF's page count differs
from the number of pages written (i.e. a page overflowed).

All people, companies, products and numbers are fictional.
"""
from __future__ import annotations

import json
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate, CondPageBreak, Frame, FrameBreak, KeepTogether, NextPageTemplate,
    PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle,
)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_gold import KEYS, SCHEMA, type_errors  # noqa: E402

PDF_DIR = HERE / "proposals"
GOLD_DIR = HERE / "gold"

# --------------------------------------------------------------------------------------
# Normalization helpers (the conversion rules documented in README.md)
# --------------------------------------------------------------------------------------


def months_to_weeks(months: float) -> float:
    """Months -> weeks: months x 4.345, rounded half-up to one decimal."""
    return float(Decimal(str(months * 4.345)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def money(amount: float, currency: str) -> dict:
    return {"amount": float(amount), "currency": currency}


# --------------------------------------------------------------------------------------
# Builder
# --------------------------------------------------------------------------------------

_UNSET = object()


class Proposal:
    """Collects flowables page by page, plus the gold facts for those pages."""

    def __init__(self, stem: str, style: str, *, pagesize=letter, font="Helvetica",
                 bold=None, italic=None, size=10.0, leading=None, margins=(72, 72, 72, 72),
                 header=None, footer=None, two_column=False, first_page_top=None,
                 justify=False, accent=colors.HexColor("#1f3b5a")):
        self.stem, self.style = stem, style
        self.pagesize = pagesize
        self.font = font
        self.bold = bold or {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold",
                             "Courier": "Courier-Bold"}[font]
        self.italic = italic or {"Helvetica": "Helvetica-Oblique", "Times-Roman": "Times-Italic",
                                 "Courier": "Courier-Oblique"}[font]
        self.size = size
        self.leading = leading or size * 1.25
        self.margins = margins  # left, right, top, bottom
        self.header = header  # callable(canvas, pageno, total) or None
        self.footer = footer
        self.two_column = two_column
        self.first_page_top = first_page_top  # height of full-width top frame on page 1 (2-col)
        self.accent = accent
        self.pages: list[list] = [[]]
        self.fields: dict[str, dict] = {}
        self.s = self._styles(justify)

    # ---- styles ----
    def _styles(self, justify):
        f, b, sz, ld = self.font, self.bold, self.size, self.leading
        body = ParagraphStyle("body", fontName=f, fontSize=sz, leading=ld, spaceAfter=sz * 0.6,
                              alignment=TA_JUSTIFY if justify else TA_LEFT)
        return {
            "body": body,
            "small": ParagraphStyle("small", parent=body, fontSize=sz - 1.5, leading=(sz - 1.5) * 1.25),
            "tiny": ParagraphStyle("tiny", parent=body, fontSize=sz - 2.5, leading=(sz - 2.5) * 1.25),
            "title": ParagraphStyle("title", parent=body, fontName=b, fontSize=sz + 8, leading=(sz + 8) * 1.2,
                                    spaceAfter=sz, alignment=TA_LEFT, textColor=self.accent),
            "subtitle": ParagraphStyle("subtitle", parent=body, fontName=f, fontSize=sz + 2,
                                       leading=(sz + 2) * 1.25, alignment=TA_LEFT),
            "h1": ParagraphStyle("h1", parent=body, fontName=b, fontSize=sz + 3, leading=(sz + 3) * 1.25,
                                 spaceBefore=sz * 0.6, spaceAfter=sz * 0.5, alignment=TA_LEFT,
                                 textColor=self.accent),
            "h2": ParagraphStyle("h2", parent=body, fontName=b, fontSize=sz + 1, leading=(sz + 1) * 1.25,
                                 spaceBefore=sz * 0.4, spaceAfter=sz * 0.3, alignment=TA_LEFT),
            "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
            "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
            "cell": ParagraphStyle("cell", parent=body, fontSize=sz - 1, leading=(sz - 1) * 1.2,
                                   spaceAfter=0, alignment=TA_LEFT),
            "cellb": ParagraphStyle("cellb", parent=body, fontName=b, fontSize=sz - 1,
                                    leading=(sz - 1) * 1.2, spaceAfter=0, alignment=TA_LEFT),
            "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2,
                                     spaceAfter=sz * 0.3, alignment=TA_LEFT),
        }

    def style_(self, name, **kw):
        return ParagraphStyle(name, parent=self.s["body"], **kw)

    # ---- content ----
    @property
    def page_no(self) -> int:
        return len(self.pages)

    def add(self, flowable):
        self.pages[-1].append(flowable)
        return flowable

    def new_page(self):
        self.pages.append([])

    def p(self, text, style="body"):
        st = self.s[style] if isinstance(style, str) else style
        return self.add(Paragraph(text, st))

    def h1(self, text):
        return self.p(text, "h1")

    def h2(self, text):
        return self.p(text, "h2")

    def bullets(self, items, bullet="\u2022"):
        for it in items:
            self.add(Paragraph(it, self.s["bullet"], bulletText=bullet))

    def space(self, h=6):
        return self.add(Spacer(1, h))

    def colbreak(self):
        return self.add(FrameBreak())

    def table(self, rows, widths=None, header=True, style=None, zebra=False, font_size=None,
              wrap=True, extra=None):
        """rows: list of lists of str.  Strings are wrapped in Paragraphs (cell style)."""
        fs = font_size or self.size - 1
        cell = ParagraphStyle("c", parent=self.s["cell"], fontSize=fs, leading=fs * 1.2)
        cellb = ParagraphStyle("cb", parent=self.s["cellb"], fontSize=fs, leading=fs * 1.2)
        data = []
        for r, row in enumerate(rows):
            out = []
            for c in row:
                if isinstance(c, str) and wrap:
                    out.append(Paragraph(c, cellb if (header and r == 0) else cell))
                else:
                    out.append(c)
            data.append(out)
        t = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=0)
        cmds = style if style is not None else [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a8a8a")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        cmds = list(cmds)
        if header and style is None:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe6ee")))
        if zebra:
            for r in range(1 if header else 0, len(rows)):
                if r % 2 == 0:
                    cmds.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f3f5f7")))
        if extra:
            cmds.extend(extra)
        t.setStyle(TableStyle(cmds))
        self.add(t)
        self.space(8)
        return t

    # ---- gold ----
    def _field(self, key):
        if key not in SCHEMA:
            raise KeyError(f"{self.stem}: unknown schema key {key!r}")
        return self.fields.setdefault(key, {"status": "stated", "value": None, "evidence": []})

    def fact(self, key, value=_UNSET, quote=None, page=None):
        """Record a stated value (or extra evidence for one) quoted on the current page."""
        f = self._field(key)
        if f["status"] == "conflicting":
            raise ValueError(f"{self.stem}: {key} already conflicting")
        if value is not _UNSET:
            if f["value"] is not None and f["value"] != value:
                raise ValueError(f"{self.stem}: {key} given two values; use conflict()")
            f["value"] = value
        if quote:
            f["evidence"].append({"page": page or self.page_no, "quote": quote})

    def item(self, key, value, quote=None, page=None):
        """Add one member to a list-valued field (with its evidence)."""
        f = self._field(key)
        if f["value"] is None:
            f["value"] = []
        if value not in f["value"]:
            f["value"].append(value)
        if quote:
            f["evidence"].append({"page": page or self.page_no, "quote": quote})

    def conflict(self, key, quote, page=None):
        """Record one of two (or more) contradicting statements of the same field."""
        f = self._field(key)
        f["status"] = "conflicting"
        f["value"] = None
        f["evidence"].append({"page": page or self.page_no, "quote": quote})

    def gold(self, n_pages):
        fields = {}
        for key in KEYS:
            f = self.fields.get(key)
            if f is None:
                fields[key] = {"status": "not_stated", "value": None, "evidence": []}
                continue
            if f["status"] == "stated":
                errs = type_errors(key, f["value"]) if f["value"] is not None else [f"{key}: no value"]
                if errs:
                    raise ValueError(f"{self.stem}: {errs}")
            fields[key] = f
        return {"source": f"{self.stem}.pdf", "pages": n_pages, "style": self.style, "fields": fields}

    # ---- rendering ----
    def build(self):
        PDF_DIR.mkdir(parents=True, exist_ok=True)
        GOLD_DIR.mkdir(parents=True, exist_ok=True)
        path = PDF_DIR / f"{self.stem}.pdf"
        total = len(self.pages)
        W, H = self.pagesize
        lm, rm, tm, bm = self.margins

        def deco(canvas, doc):
            canvas.saveState()
            if self.header:
                self.header(canvas, doc.page, total, W, H)
            if self.footer:
                self.footer(canvas, doc.page, total, W, H)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=self.pagesize, leftMargin=lm, rightMargin=rm,
                              topMargin=tm, bottomMargin=bm, invariant=1,
                              title=f"{self.stem}", author="rfp-assistant eval fixture",
                              creator="rfp-assistant eval/extraction/generate_proposals.py")
        fw, fh = W - lm - rm, H - tm - bm
        if self.two_column:
            gap = 18
            cw = (fw - gap) / 2
            top = self.first_page_top or 0
            first = [Frame(lm, bm + fh - top, fw, top, id="top", leftPadding=0, rightPadding=0)] if top else []
            first += [Frame(lm, bm, cw, fh - top, id="c1", leftPadding=0, rightPadding=0),
                      Frame(lm + cw + gap, bm, cw, fh - top, id="c2", leftPadding=0, rightPadding=0)]
            rest = [Frame(lm, bm, cw, fh, id="c1", leftPadding=0, rightPadding=0),
                    Frame(lm + cw + gap, bm, cw, fh, id="c2", leftPadding=0, rightPadding=0)]
            doc.addPageTemplates([PageTemplate("first", first, onPage=deco),
                                  PageTemplate("rest", rest, onPage=deco)])
        else:
            doc.addPageTemplates([PageTemplate("one", [Frame(lm, bm, fw, fh, id="f")], onPage=deco)])
        story = []
        for i, page in enumerate(self.pages):
            if i == 0 and self.two_column:
                story.append(NextPageTemplate("rest"))
            story.extend(page)
            if i < total - 1:
                story.append(PageBreak())
        doc.build(story)

        from pypdf import PdfReader

        n = len(PdfReader(str(path)).pages)
        if n != total:
            raise RuntimeError(f"{self.stem}: wrote {total} pages of content but PDF has {n} (overflow?)")
        gold = self.gold(n)
        (GOLD_DIR / f"{self.stem}.json").write_text(json.dumps(gold, indent=2, ensure_ascii=False) + "\n",
                                                    encoding="utf-8")
        return path


# --------------------------------------------------------------------------------------
# Header / footer factories
# --------------------------------------------------------------------------------------


def hf(left=None, right=None, center=None, font="Helvetica", size=7.5, y_top=None, rule=False):
    """Make a header/footer callable.  Strings may contain {page} and {total}."""

    def draw(c, page, total, W, H, *, top):
        c.setFont(font, size)
        c.setFillColor(colors.HexColor("#555555"))
        y = (H - 40 if top else 32) if y_top is None else y_top
        fmt = lambda s: s.format(page=page, total=total)  # noqa: E731
        if left:
            c.drawString(54, y, fmt(left))
        if center:
            c.drawCentredString(W / 2, y, fmt(center))
        if right:
            c.drawRightString(W - 54, y, fmt(right))
        if rule:
            c.setStrokeColor(colors.HexColor("#999999"))
            c.setLineWidth(0.4)
            yy = y - 4 if top else y + 10
            c.line(54, yy, W - 54, yy)

    return draw


def header(**kw):
    d = hf(**kw)
    return lambda c, page, total, W, H: d(c, page, total, W, H, top=True)


def footer(**kw):
    d = hf(**kw)
    return lambda c, page, total, W, H: d(c, page, total, W, H, top=False)


def combine(*fns):
    return lambda c, page, total, W, H: [f(c, page, total, W, H) for f in fns if f]


