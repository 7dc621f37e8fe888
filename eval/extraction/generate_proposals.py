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
from reportlab.platypus import (
    BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
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




# ======================================================================================
# Fixtures
# ======================================================================================
def fx01_formal_letter():
    """Formal prose letter; mAb; stainless steel; US site."""
    d = Proposal("01_northfield_formal_letter", "formal-letter", font="Times-Roman", size=11,
                 justify=True, margins=(72, 72, 72, 72),
                 footer=footer(center="Northfield Biologics, Inc. \u2013 Confidential \u2013 {page}", font="Times-Roman",
                               size=8))
    d.p("<b>NORTHFIELD BIOLOGICS, INC.</b>", d.style_("lh", fontName="Times-Bold", fontSize=16, leading=20,
                                                       alignment=TA_CENTER))
    d.p("4100 Research Parkway \u00b7 Raleigh, NC 27607 \u00b7 USA \u00b7 +1 919 555 0142", "center")
    d.space(18)
    d.p("January 14, 2026")
    d.fact("proposal_date", "2026-01-14", "January 14, 2026")
    d.p("Dr. Elena Marsh<br/>Vice President, CMC<br/>Calloway Therapeutics, Inc.<br/>200 Harbor Street<br/>"
        "Boston, MA 02110")
    d.p("<b>Re: Proposal NB-2026-014 for clinical drug substance manufacturing of CT-201</b>")
    d.p("Dear Dr. Marsh,")
    d.p("On behalf of Northfield Biologics, Inc. (\u201cNorthfield\u201d), I am pleased to submit this proposal in "
        "response to your request for proposal of December 8, 2025. Northfield is a contract development and "
        "manufacturing organization that has manufactured monoclonal antibodies and other recombinant proteins "
        "for biotechnology companies since 2004.")
    d.fact("cdmo_name", "Northfield Biologics, Inc.", "On behalf of Northfield Biologics, Inc.")
    d.item("modalities", "monoclonal_antibody", "has manufactured monoclonal antibodies and other recombinant proteins")
    d.item("modalities", "recombinant_protein")
    d.p("All work described in this letter will be performed at our drug substance facility in Raleigh, North "
        "Carolina, which has operated under cGMP since 2009. We have read the CT-201 program summary with "
        "interest: an IgG1 antibody expressed in a CHO-K1 cell line, with a platform purification process "
        "comprising Protein A capture, two polishing steps, viral inactivation and viral filtration.")
    d.fact("sites", ["Raleigh, United States"], "performed at our drug substance facility in Raleigh, North Carolina")
    d.p("The sections that follow describe the proposed scope, our facility, the timeline, the commercial terms, "
        "our quality record and the way we would manage the program. This proposal remains valid for 90 days "
        "from the date of this letter.")
    d.fact("proposal_validity_days", 90, "This proposal remains valid for 90 days from the date of this letter.")

    d.new_page()
    d.h2("1. Scope of the proposed work")
    d.p("We propose to transfer your CHO-based upstream and downstream process into our facility, to perform one "
        "engineering run, to manufacture two GMP batches of CT-201 drug substance at 2,000 L scale, to perform QC "
        "release testing of both batches, and to place the first GMP batch on a 24-month ICH stability program.")
    d.item("services_included", "tech_transfer", "transfer your CHO-based upstream and downstream process into our facility")
    d.item("services_included", "clinical_manufacturing", "manufacture two GMP batches of CT-201 drug substance at 2,000 L scale")
    d.item("services_included", "qc_release", "perform QC release testing of both batches")
    d.item("services_included", "stability", "place the first GMP batch on a 24-month ICH stability program")
    d.p("Drug product manufacturing is not part of this proposal. Northfield operates an aseptic vial filling line "
        "at the Raleigh site, and lyophilization is offered at Raleigh but is excluded from this scope, since "
        "CT-201 is being developed as a liquid formulation that your current fill partner will handle.")
    d.fact("aseptic_fill_finish", True, "Northfield operates an aseptic vial filling line at the Raleigh site")
    d.fact("lyophilization", True, "lyophilization is offered at Raleigh but is excluded from this scope")
    d.h2("2. Facility and equipment")
    d.p("Upstream manufacturing at Raleigh uses stainless steel bioreactors: three 2,000 L production bioreactors "
        "and two 5,000 L production bioreactors, supported by 100 L and 500 L seed vessels. The 5,000 L vessels "
        "are the largest at the site; CT-201 will be produced in the 2,000 L train, which offers the right batch "
        "size for your Phase 1 and Phase 2 demand.")
    d.fact("bioreactor_type", "stainless_steel", "Upstream manufacturing at Raleigh uses stainless steel bioreactors")
    d.fact("max_bioreactor_volume_l", 5000.0, "The 5,000 L vessels are the largest at the site")
    d.p("Downstream processing takes place in two segregated purification suites with dedicated viral clearance "
        "areas. Utilities (WFI, clean steam, process gases) are supplied from a central plant that was upgraded in "
        "2022.")
    d.h2("3. Timeline")
    d.p("Technology transfer, including analytical method transfer, is expected to take 14 weeks from contract "
        "execution. The engineering run would follow in week 22, and the first GMP batch would start approximately "
        "30 weeks after signature of the agreement. Our earliest available GMP slot in the 2,000 L train is "
        "September 2026, which we are prepared to hold for Calloway for 30 days after the date of this letter.")
    d.fact("tech_transfer_weeks", 14.0, "is expected to take 14 weeks from contract execution")
    d.fact("weeks_to_first_gmp_batch", 30.0,
           "the first GMP batch would start approximately 30 weeks after signature of the agreement")
    d.fact("first_available_gmp_slot", "2026-09-01", "Our earliest available GMP slot in the 2,000 L train is September 2026")

    d.new_page()
    d.h2("4. Commercial terms")
    d.p("Northfield proposes to perform this work on a fixed-price basis. The total price for the scope described "
        "in this letter is US$ 4.85 million, made up as follows:")
    d.fact("pricing_model", "fixed_price", "perform this work on a fixed-price basis")
    d.fact("total_price", money(4850000, "USD"), "The total price for the scope described in this letter is US$ 4.85 million")
    d.bullets(["Technology transfer, including analytical method transfer: US$ 620,000;",
               "Engineering run at 2,000 L scale: US$ 780,000;",
               "Two GMP batches at US$ 1.45 million each, US$ 2.9 million in total;",
               "QC release testing and stability: US$ 550,000."], bullet="\u2013")
    d.fact("tech_transfer_fee", money(620000, "USD"), "including analytical method transfer: US$ 620,000")
    d.fact("gmp_batch_price", money(1450000, "USD"), "Two GMP batches at US$ 1.45 million each")
    d.p("Raw materials, single-use consumables and chromatography resins are procured by Northfield and invoiced "
        "at cost plus 12%. They are not included in the total price above.")
    d.fact("raw_material_markup_pct", 12.0, "invoiced at cost plus 12%")
    d.p("Twenty-five percent of the total price is invoiced upon contract signature and the balance upon "
        "completion of each milestone; all invoices are payable net 30 days.")
    d.fact("payment_terms", "25% of the total price invoiced upon contract signature, balance upon completion of "
           "each milestone; invoices payable net 30 days",
           "Twenty-five percent of the total price is invoiced upon contract signature and the balance upon "
           "completion of each milestone; all invoices are payable net 30 days.")
    d.p("Should Calloway postpone or cancel a reserved GMP slot less than six months before its scheduled start, "
        "50% of the affected batch price will be payable.")
    d.fact("cancellation_terms", "Postponing or cancelling a reserved GMP slot less than six months before its "
           "scheduled start: 50% of the affected batch price payable",
           "Should Calloway postpone or cancel a reserved GMP slot less than six months before its scheduled "
           "start, 50% of the affected batch price will be payable.")
    d.h2("5. Assumptions")
    d.p("Our pricing assumes that Calloway will supply a research cell bank and a complete technology transfer "
        "package. Resin lifetime studies and drug product manufacturing are excluded. Any change in scope will be "
        "handled through a written change order.")
    d.item("assumptions", "Calloway supplies a research cell bank and a complete technology transfer package",
           "Calloway will supply a research cell bank and a complete technology transfer package")
    d.item("assumptions", "Resin lifetime studies and drug product manufacturing are excluded",
           "Resin lifetime studies and drug product manufacturing are excluded")

    d.new_page()
    d.h2("6. Quality and regulatory record")
    d.p("The Raleigh site was last inspected by the U.S. FDA in June 2025. The inspection was classified NAI "
        "(No Action Indicated) and closed with zero Form 483 observations. Northfield has not received an FDA "
        "warning letter in the past five years.")
    d.fact("last_fda_inspection_date", "2025-06-01", "last inspected by the U.S. FDA in June 2025")
    d.fact("last_fda_inspection_outcome", "NAI", "The inspection was classified NAI")
    d.fact("fda_483_observations", 0, "closed with zero Form 483 observations")
    d.fact("warning_letters_5y", 0, "Northfield has not received an FDA warning letter in the past five years.")
    d.p("Seven commercial products are manufactured at Raleigh, and products made at the site are approved by "
        "the FDA, the EMA and Health Canada. To date, Northfield has completed 38 monoclonal antibody programs "
        "from technology transfer through GMP release.")
    d.fact("commercial_products_count", 7, "Seven commercial products are manufactured at Raleigh")
    d.fact("regulatory_approvals", ["FDA", "EMA", "Health Canada"], "approved by the FDA, the EMA and Health Canada")
    d.fact("similar_programs_count", 38, "Northfield has completed 38 monoclonal antibody programs")
    d.h2("7. Project management")
    d.p("A dedicated project manager, Ms. Priya Raman, will be the single point of contact for Calloway throughout "
        "the program. She will chair weekly teleconferences with your team and issue written minutes and an "
        "updated schedule after each call.")
    d.fact("dedicated_project_manager", True, "A dedicated project manager, Ms. Priya Raman")
    d.fact("reporting_cadence", "weekly", "She will chair weekly teleconferences with your team")
    d.p("Batch records are executed electronically in our manufacturing execution system (MES), which allows "
        "Calloway's quality team to review executed records remotely. Critical raw materials, including cell "
        "culture media and Protein A resin, are dual sourced from two qualified suppliers.")
    d.fact("electronic_batch_records", True, "Batch records are executed electronically")
    d.fact("dual_sourcing_critical_materials", True,
           "Critical raw materials, including cell culture media and Protein A resin, are dual sourced")

    d.new_page()
    d.p("We appreciate the opportunity to support CT-201 and would welcome a visit by your team to Raleigh at your "
        "convenience. Please do not hesitate to contact me with any questions regarding this proposal.")
    d.p("Sincerely,")
    d.space(24)
    d.p("Thomas Whitfield<br/>Vice President, Business Development<br/>Northfield Biologics, Inc.<br/>"
        "t.whitfield@northfield-bio.example")
    d.space(24)
    d.p("cc: Priya Raman, Program Management; Gregory Osei, Quality Assurance", "small")
    return d


def fx02_table_heavy():
    """Almost everything in tables, incl. a pricing table and a Gantt-like timeline; single-use."""
    d = Proposal("02_cascadia_table_heavy", "table-heavy", size=9.5, margins=(54, 54, 64, 54),
                 accent=colors.HexColor("#0b6e4f"),
                 header=header(left="Cascadia BioWorks LLC", right="Proposal CBW-Q-26-011", rule=True),
                 footer=footer(right="Page {page} of {total}", left="Confidential"))
    d.p("Proposal CBW-Q-26-011", "title")
    d.p("Cell line development through GMP drug product for CT-305", "subtitle")
    d.space(8)
    d.table([["Item", "Detail"],
             ["Respondent", "Cascadia BioWorks LLC"],
             ["Proposal number", "CBW-Q-26-011"],
             ["Proposal date", "2 February 2026"],
             ["Offer validity", "60 days from proposal date"],
             ["Manufacturing site", "Bothell, Washington, USA"],
             ["Client", "Calloway Therapeutics, Inc."],
             ["Program", "CT-305 (bispecific antibody), Phase 1 supply"]], widths=[150, 330])
    d.fact("cdmo_name", "Cascadia BioWorks LLC", "Respondent Cascadia BioWorks LLC")
    d.fact("proposal_date", "2026-02-02", "Proposal date 2 February 2026")
    d.fact("proposal_validity_days", 60, "Offer validity 60 days from proposal date")
    d.fact("sites", ["Bothell, United States"], "Manufacturing site Bothell, Washington, USA")
    d.h2("Capabilities at a glance")
    d.table([["Capability", "Cascadia BioWorks"],
             ["Modalities manufactured", "Monoclonal and bispecific antibodies, recombinant proteins, viral vaccines"],
             ["Production bioreactors", "4 x 2,000 L single-use (production); 50 L / 200 L / 500 L single-use (seed)"],
             ["Bioreactor technology", "100% single-use; no stainless steel"],
             ["Aseptic fill/finish", "Yes, isolator vial line (up to 12,000 vials per lot)"],
             ["Lyophilization", "Yes, 2 lyophilizers (15 m\u00b2 shelf area each)"],
             ["Containment", "BSL-2 only; no OEB 4/5 or BSL-3 suites"],
             ["Batch records", "Paper-based (MES go-live planned for 2027)"],
             ["Commercial products", "2 (US market)"],
             ["Completed antibody programs", "19"]], widths=[150, 330], zebra=True)
    d.item("modalities", "monoclonal_antibody",
           "Monoclonal and bispecific antibodies, recombinant proteins, viral vaccines")
    d.item("modalities", "recombinant_protein")
    d.item("modalities", "vaccine")
    d.fact("max_bioreactor_volume_l", 2000.0, "4 x 2,000 L single-use (production)")
    d.fact("bioreactor_type", "single_use", "Bioreactor technology 100% single-use; no stainless steel")
    d.fact("aseptic_fill_finish", True, "Aseptic fill/finish Yes, isolator vial line")
    d.fact("lyophilization", True, "Lyophilization Yes, 2 lyophilizers")
    d.fact("high_containment", False, "Containment BSL-2 only; no OEB 4/5 or BSL-3 suites")
    d.fact("electronic_batch_records", False, "Batch records Paper-based (MES go-live planned for 2027)")
    d.fact("commercial_products_count", 2, "Commercial products 2 (US market)")
    d.fact("similar_programs_count", 19, "Completed antibody programs 19")

    d.new_page()
    d.h1("1. Scope of work")
    d.table([["WP", "Activity", "Status"],
             ["WP1", "Cell line development (CHO-K1 GS, clone selection, research cell bank)", "Included"],
             ["WP2", "Upstream and downstream process development", "Included"],
             ["WP3", "Analytical method development and qualification", "Included"],
             ["WP4", "GMP drug substance manufacturing, 2 batches at 2,000 L", "Included"],
             ["WP5", "QC release testing of drug substance and drug product", "Included"],
             ["WP6", "Aseptic fill/finish of drug product (liquid, 2R vials)", "Included"],
             ["WP7", "ICH stability program, 24 months", "Optional - not included"],
             ["WP8", "Lyophilized drug product presentation", "Optional - not included"]],
            widths=[40, 330, 110])
    d.item("services_included", "cell_line_development", "WP1 Cell line development")
    d.item("services_included", "process_development", "WP2 Upstream and downstream process development Included")
    d.item("services_included", "analytical_development", "WP3 Analytical method development and qualification Included")
    d.item("services_included", "clinical_manufacturing", "WP4 GMP drug substance manufacturing, 2 batches at 2,000 L Included")
    d.item("services_included", "qc_release", "WP5 QC release testing of drug substance and drug product Included")
    d.item("services_included", "fill_finish", "WP6 Aseptic fill/finish of drug product (liquid, 2R vials) Included")
    d.h1("2. Key assumptions and exclusions")
    d.table([["#", "Assumption / exclusion"],
             ["A1", "Client provides the DNA sequence and freedom to operate for the expression vector"],
             ["A2", "Prices exclude shipping, import duties and sales tax"],
             ["A3", "Reference standard supplied by Client"],
             ["A4", "Titer of at least 1.5 g/L at 2,000 L scale"]], widths=[40, 440])
    d.item("assumptions", "Client provides the DNA sequence and freedom to operate for the expression vector",
           "A1 Client provides the DNA sequence and freedom to operate for the expression vector")
    d.item("assumptions", "Prices exclude shipping, import duties and sales tax",
           "A2 Prices exclude shipping, import duties and sales tax")
    d.item("assumptions", "Reference standard supplied by Client", "A3 Reference standard supplied by Client")
    d.item("assumptions", "Titer of at least 1.5 g/L at 2,000 L scale", "A4 Titer of at least 1.5 g/L at 2,000 L scale")

    d.new_page()
    d.h1("3. Pricing")
    d.p("Pricing model: fee-for-service, priced per work package. All amounts in US dollars.")
    d.fact("pricing_model", "fee_for_service", "Pricing model: fee-for-service, priced per work package.")
    d.table([["WP", "Description", "Unit price (USD)", "Qty", "Total (USD)"],
             ["WP1", "Cell line development", "285,000", "1", "285,000"],
             ["WP2", "Process development", "640,000", "1", "640,000"],
             ["WP3", "Analytical development", "410,000", "1", "410,000"],
             ["WP4", "GMP DS batch (2,000 L)", "1,320,000", "2", "2,640,000"],
             ["WP5", "QC release (per batch)", "75,000", "2", "150,000"],
             ["WP6", "Fill/finish", "180,000", "1", "180,000"],
             ["", "<b>TOTAL, WP1-WP6 (USD)</b>", "", "", "<b>4,305,000</b>"],
             ["WP7", "Optional: stability, 24 months (not in total)", "195,000", "1", "195,000"],
             ["WP8", "Optional: lyophilized DP (not in total)", "240,000", "1", "240,000"]],
            widths=[40, 210, 95, 40, 95], zebra=True)
    d.fact("gmp_batch_price", money(1320000, "USD"), "WP4 GMP DS batch (2,000 L) 1,320,000")
    d.fact("gmp_batch_price", quote="Unit price (USD)")
    d.fact("total_price", money(4305000, "USD"), "TOTAL, WP1-WP6 (USD) 4,305,000")
    d.table([["Commercial term", "Detail"],
             ["Raw materials", "Pass-through at cost + 10% handling fee"],
             ["Payment terms", "30% at PO; balance invoiced per work package on completion; net 45 days"],
             ["Cancellation", "GMP slot cancelled &lt;90 days before start: 100% of batch fee; 90-180 days: 50%"],
             ["Price basis", "USD, ex works Bothell"]], widths=[130, 350])
    d.fact("raw_material_markup_pct", 10.0, "Raw materials Pass-through at cost + 10% handling fee")
    d.fact("payment_terms", "30% at PO; balance invoiced per work package on completion; net 45 days",
           "30% at PO; balance invoiced per work package on completion; net 45 days")
    d.fact("cancellation_terms", "GMP slot cancelled <90 days before start: 100% of batch fee; 90-180 days: 50%",
           "GMP slot cancelled <90 days before start: 100% of batch fee; 90-180 days: 50%")

    d.new_page()
    d.h1("4. Timeline")
    qs = ["Q1'26", "Q2'26", "Q3'26", "Q4'26", "Q1'27", "Q2'27"]
    rows = [["Activity", "Start (week after PO)", "Duration (weeks)"] + qs,
            ["Cell line development", "0", "22", "", "", "", "", "", ""],
            ["Process development", "14", "16", "", "", "", "", "", ""],
            ["Analytical development", "10", "20", "", "", "", "", "", ""],
            ["GMP batch #1 (DS)", "44", "4", "", "", "", "", "", ""],
            ["GMP batch #2 (DS)", "50", "4", "", "", "", "", "", ""],
            ["Fill/finish", "58", "3", "", "", "", "", "", ""],
            ["QC release", "48", "14", "", "", "", "", "", ""]]
    bars = {1: (0, 2), 2: (1, 2), 3: (1, 2), 4: (3, 3), 5: (4, 4), 6: (4, 4), 7: (3, 5)}
    extra = [("BACKGROUND", (3 + a, r), (3 + b, r), colors.HexColor("#0b6e4f")) for r, (a, b) in bars.items()]
    d.table(rows, widths=[120, 70, 60] + [38] * 6, extra=extra, font_size=8.5)
    d.fact("process_development_weeks", 16.0, "Process development 14 16")
    d.fact("weeks_to_first_gmp_batch", 44.0, "GMP batch #1 (DS) 44")
    d.table([["Milestone", "Target"],
             ["First available 2,000 L GMP slot", "October 2026"],
             ["Research cell bank available", "Week 22 after PO"],
             ["First GMP batch start", "Week 44 after PO"],
             ["DP release (first lot)", "Week 62 after PO"]], widths=[220, 260])
    d.fact("first_available_gmp_slot", "2026-10-01", "First available 2,000 L GMP slot October 2026")
    d.fact("weeks_to_first_gmp_batch", quote="First GMP batch start Week 44 after PO")
    d.h1("5. Quality and governance")
    d.table([["Topic", "Response"],
             ["Last FDA inspection", "September 2024 (pre-license inspection)"],
             ["FDA classification", "VAI"],
             ["Form 483 observations", "2 (both closed)"],
             ["Warning letters, last 5 years", "None"],
             ["Product approvals", "FDA (2 BLAs)"],
             ["Project manager", "Dedicated PM named at PO"],
             ["Project meetings", "Bi-weekly (video call)"],
             ["Steering committee", "Quarterly"],
             ["Dual sourcing", "Critical single-use assemblies dual sourced from two qualified vendors"]],
            widths=[170, 310], zebra=True)
    d.fact("last_fda_inspection_date", "2024-09-01", "Last FDA inspection September 2024")
    d.fact("last_fda_inspection_outcome", "VAI", "FDA classification VAI")
    d.fact("fda_483_observations", 2, "Form 483 observations 2 (both closed)")
    d.fact("warning_letters_5y", 0, "Warning letters, last 5 years None")
    d.fact("regulatory_approvals", ["FDA"], "Product approvals FDA (2 BLAs)")
    d.fact("dedicated_project_manager", True, "Project manager Dedicated PM named at PO")
    d.fact("reporting_cadence", "biweekly", "Project meetings Bi-weekly")
    d.fact("dual_sourcing_critical_materials", True,
           "Critical single-use assemblies dual sourced from two qualified vendors")
    return d


def fx03_questionnaire():
    """Numbered answers to the sponsor's RFP questionnaire."""
    d = Proposal("03_meridian_questionnaire", "questionnaire", pagesize=A4, size=9.5, margins=(56, 56, 64, 56),
                 accent=colors.HexColor("#5a1f4b"),
                 header=header(left="RFP-2026-0147 \u2013 Vendor Response Form", right="Meridian Bioprocess Pte. Ltd.",
                               rule=True),
                 footer=footer(center="{page} / {total}"))
    qa = lambda q, label, ans: d.p(f"<b>{q} {label}</b> {ans}")  # noqa: E731
    d.p("Vendor Response Form \u2013 Clinical Drug Substance Supply (CT-201)", "title")
    d.p("Please answer every question. Where a question does not apply, write \u201cN/A\u201d. Do not change the "
        "numbering. Attach supporting documents as annexes.", "small")
    d.h1("Section 1 \u2013 Respondent information")
    qa("Q1.1", "Legal name of respondent:", "Meridian Bioprocess Pte. Ltd.")
    d.fact("cdmo_name", "Meridian Bioprocess Pte. Ltd.", "Q1.1 Legal name of respondent: Meridian Bioprocess Pte. Ltd.")
    qa("Q1.2", "Address of headquarters:", "8 Biopolis Way, #05-11, Singapore 138667")
    qa("Q1.3", "Manufacturing site(s) proposed for this program:",
       "Tuas Biomedical Park, 31 Tuas South Avenue 6, Singapore 637021")
    d.fact("sites", ["Singapore, Singapore"], "Tuas Biomedical Park, 31 Tuas South Avenue 6, Singapore 637021")
    qa("Q1.4", "Date of response:", "20 January 2026")
    d.fact("proposal_date", "2026-01-20", "Q1.4 Date of response: 20 January 2026")
    qa("Q1.5", "Validity of offer:", "120 days")
    d.fact("proposal_validity_days", 120, "Q1.5 Validity of offer: 120 days")
    qa("Q1.6", "Contact person:", "Ms. Tan Wei Ling, Director Business Development, weiling.tan@meridianbio.example")
    d.h1("Section 2 \u2013 Experience")
    qa("Q2.1", "Modalities manufactured at the proposed site:",
       "Monoclonal antibodies, recombinant proteins and recombinant subunit vaccines.")
    d.item("modalities", "monoclonal_antibody",
           "Monoclonal antibodies, recombinant proteins and recombinant subunit vaccines.")
    d.item("modalities", "recombinant_protein")
    d.item("modalities", "vaccine")
    qa("Q2.2", "Number of programs of the same modality completed:",
       "22 monoclonal antibody programs completed (IND-enabling to Phase 3).")
    d.fact("similar_programs_count", 22, "22 monoclonal antibody programs completed")
    qa("Q2.3", "Number of commercial products manufactured:", "Confidential \u2013 available under CDA.")
    qa("Q2.4", "Years of GMP operation at the proposed site:", "11")
    d.h1("Section 3 \u2013 Scope")
    qa("Q3.1", "Services included in your proposal:",
       "Process development (upstream and downstream optimisation), technology transfer, clinical GMP "
       "manufacturing of drug substance, QC release testing and ICH stability studies.")
    d.item("services_included", "process_development", "Process development (upstream and downstream optimisation)")
    d.item("services_included", "tech_transfer", "technology transfer, clinical GMP")
    d.item("services_included", "clinical_manufacturing", "clinical GMP manufacturing of drug substance")
    d.item("services_included", "qc_release", "QC release testing and ICH stability studies")
    d.item("services_included", "stability")
    qa("Q3.2", "Services excluded:", "Drug product manufacturing, cell line development, regulatory filings.")
    qa("Q3.3", "Key assumptions:", "(a) Sponsor provides a GMP master cell bank; (b) the process is transferred "
       "at 2,000 L scale without change of resin chemistry; (c) prices exclude GST.")
    d.item("assumptions", "Sponsor provides a GMP master cell bank", "Sponsor provides a GMP master cell bank")
    d.item("assumptions", "Process transferred at 2,000 L scale without change of resin chemistry",
           "the process is transferred at 2,000 L scale without change of resin chemistry")
    d.item("assumptions", "Prices exclude GST", "prices exclude GST")

    d.new_page()
    d.h1("Section 4 \u2013 Facility and equipment")
    qa("Q4.1", "Bioreactor technology (single-use, stainless steel or both):",
       "Both \u2013 single-use bioreactors up to 2,000 L and stainless steel bioreactors up to 15,000 L.")
    d.fact("bioreactor_type", "both", "Both \u2013 single-use bioreactors up to 2,000 L and stainless steel bioreactors up to 15,000 L.")
    qa("Q4.2", "Maximum bioreactor volume:", "15,000 L (stainless steel)")
    d.fact("max_bioreactor_volume_l", 15000.0, "Q4.2 Maximum bioreactor volume: 15,000 L")
    qa("Q4.3", "Scale proposed for this program:", "2,000 L single-use")
    qa("Q4.4", "Aseptic fill/finish available?", "Yes \u2013 vials and prefilled syringes (not part of this scope).")
    d.fact("aseptic_fill_finish", True, "Q4.4 Aseptic fill/finish available? Yes")
    qa("Q4.5", "Lyophilization available?", "No.")
    d.fact("lyophilization", False, "Q4.5 Lyophilization available? No.")
    qa("Q4.6", "High-containment capability (OEB 4/5 or BSL-3)?", "No.")
    d.fact("high_containment", False, "Q4.6 High-containment capability (OEB 4/5 or BSL-3)? No.")
    qa("Q4.7", "Electronic batch records in use?", "Yes \u2013 Werum PAS-X MES, all GMP suites.")
    d.fact("electronic_batch_records", True, "Q4.7 Electronic batch records in use? Yes")
    d.h1("Section 5 \u2013 Timeline")
    d.p("<b>Q5.1 Please state the proposed duration of technology transfer for this program.</b>")
    d.p("Answer: 16 weeks, starting at receipt of the technology transfer package.")
    d.fact("tech_transfer_weeks", 16.0, "Answer: 16 weeks, starting at receipt of the technology transfer package.")
    d.p("<b>Q5.2 Please state the proposed duration of process development.</b>")
    d.p("Answer: 6 months (runs partly in parallel with technology transfer).")
    d.fact("process_development_weeks", months_to_weeks(6), "Answer: 6 months (runs partly in parallel with technology transfer).")
    d.p("<b>Q5.3 Time from purchase order to the start of the first GMP batch:</b>")
    d.p("Answer: 40 weeks. The engineering run is scheduled 8 weeks earlier.")
    d.fact("weeks_to_first_gmp_batch", 40.0, "Answer: 40 weeks. The engineering run is scheduled 8 weeks earlier.")
    d.p("<b>Q5.4 First available GMP manufacturing slot:</b>")
    d.p("Answer: Q3 2026 (2,000 L single-use train).")
    d.fact("first_available_gmp_slot", "2026-07-01", "Answer: Q3 2026 (2,000 L single-use train).")
    d.h1("Section 6 \u2013 Commercial")
    qa("Q6.1", "Pricing model:", "Hybrid \u2013 FTE-based process development, fixed price per GMP batch.")
    d.fact("pricing_model", "hybrid", "Q6.1 Pricing model: Hybrid")
    qa("Q6.2", "Total price for the proposed scope:", "USD 6,120,000")
    d.fact("total_price", money(6120000, "USD"), "Q6.2 Total price for the proposed scope: USD 6,120,000")
    qa("Q6.3", "Price per GMP batch:", "USD 1,480,000")
    d.fact("gmp_batch_price", money(1480000, "USD"), "Q6.3 Price per GMP batch: USD 1,480,000")
    qa("Q6.4", "Technology transfer fee:", "USD 540,000")
    d.fact("tech_transfer_fee", money(540000, "USD"), "Q6.4 Technology transfer fee: USD 540,000")
    qa("Q6.5", "Markup on raw materials and consumables (%):", "15%")
    d.fact("raw_material_markup_pct", 15.0, "Q6.5 Markup on raw materials and consumables (%): 15%")

    d.new_page()
    qa("Q6.6", "Payment terms:", "20% upon signature; remaining amounts invoiced at milestones (tech transfer "
       "completion, each batch release); payment within 30 days of invoice.")
    d.fact("payment_terms", "20% upon signature; remainder invoiced at milestones (tech transfer completion, each "
           "batch release); payment within 30 days of invoice",
           "20% upon signature; remaining amounts invoiced at milestones")
    qa("Q6.7", "Cancellation and rescheduling terms:", "Rescheduling free of charge up to 120 days before slot "
       "start; cancellation within 120 days incurs 75% of the batch price.")
    d.fact("cancellation_terms", "Rescheduling free up to 120 days before slot start; cancellation within 120 days "
           "incurs 75% of the batch price",
           "cancellation within 120 days incurs 75% of the batch price")
    qa("Q6.8", "Currency of quotation:", "USD")
    d.h1("Section 7 \u2013 Quality and regulatory")
    qa("Q7.1", "Date of last FDA inspection of the proposed site:", "12 May 2025")
    d.fact("last_fda_inspection_date", "2025-05-12", "Q7.1 Date of last FDA inspection of the proposed site: 12 May 2025")
    qa("Q7.2", "Outcome of last FDA inspection:", "Voluntary Action Indicated (VAI)")
    d.fact("last_fda_inspection_outcome", "VAI", "Voluntary Action Indicated (VAI)")
    qa("Q7.3", "Number of Form 483 observations at that inspection:", "3 (all responses accepted)")
    d.fact("fda_483_observations", 3, "Q7.3 Number of Form 483 observations at that inspection: 3")
    qa("Q7.4", "FDA warning letters in the last 5 years:", "0")
    d.fact("warning_letters_5y", 0, "Q7.4 FDA warning letters in the last 5 years: 0")
    qa("Q7.5", "Regulatory agencies that have approved products manufactured at the site:",
       "US FDA, EMA, PMDA (Japan) and NMPA (China).")
    d.fact("regulatory_approvals", ["FDA", "EMA", "PMDA", "NMPA"], "US FDA, EMA, PMDA (Japan) and NMPA (China).")
    qa("Q7.6", "Other inspections in the last 3 years:", "HSA Singapore (2024), ANVISA pre-approval inspection "
       "(2023, product not yet approved).")
    d.h1("Section 8 \u2013 Project management and supply")
    qa("Q8.1", "Will a dedicated project manager be assigned?", "Yes \u2013 a dedicated PM (PMP-certified) for the "
       "duration of the program.")
    d.fact("dedicated_project_manager", True, "Q8.1 Will a dedicated project manager be assigned? Yes")
    qa("Q8.2", "Reporting cadence:", "Fortnightly progress meetings with written minutes; monthly KPI dashboard.")
    d.fact("reporting_cadence", "biweekly", "Q8.2 Reporting cadence: Fortnightly progress meetings")
    qa("Q8.3", "Are critical raw materials dual sourced?", "Yes, for all Category A critical raw materials.")
    d.fact("dual_sourcing_critical_materials", True,
           "Q8.3 Are critical raw materials dual sourced? Yes, for all Category A critical raw materials.")
    qa("Q8.4", "Business continuity plan:", "Available on request (Annex C).")
    d.space(12)
    d.p("Signed for and on behalf of Meridian Bioprocess Pte. Ltd.: Dr. Rajesh Menon, Chief Operating Officer",
        "small")
    return d


def fx04_two_column():
    """Brochure-like two-column layout; microbial recombinant proteins; liters spelled out."""
    W, H = letter
    d = Proposal("04_lakeshore_two_column", "two-column", size=9, margins=(54, 54, 60, 54), two_column=True,
                 first_page_top=120, justify=True, accent=colors.HexColor("#174a7c"),
                 header=header(left="LAKESHORE BIOLOGICS", right="Technical & Commercial Proposal LB-0309"),
                 footer=footer(left="Lakeshore Biologics Corp. | 2900 Portage Road, Kalamazoo, MI 49001",
                               right="{page}"))
    d.p("Microbial Expression and GMP Supply of CT-118", "title")
    d.p("Prepared for Calloway Therapeutics, Inc. | Date of issue: March 9, 2026 | Offer valid 45 days",
        "subtitle")
    d.fact("proposal_date", "2026-03-09", "Date of issue: March 9, 2026")
    d.fact("proposal_validity_days", 45, "Offer valid 45 days")
    d.colbreak()
    d.h2("Who we are")
    d.p("Lakeshore Biologics Corp. is a microbial CDMO. For more than twenty years we have produced recombinant "
        "proteins, enzymes and conjugate vaccine carrier proteins in E. coli and Pichia pastoris for clinical and "
        "commercial markets.")
    d.fact("cdmo_name", "Lakeshore Biologics Corp.", "Lakeshore Biologics Corp. is a microbial CDMO.")
    d.item("modalities", "recombinant_protein", "we have produced recombinant proteins, enzymes and conjugate vaccine carrier proteins")
    d.item("modalities", "vaccine")
    d.p("The CT-118 program would be executed entirely at our Kalamazoo, Michigan campus, where process "
        "development laboratories, GMP fermentation and purification, and QC laboratories share one building.")
    d.fact("sites", ["Kalamazoo, United States"], "executed entirely at our Kalamazoo, Michigan campus")
    d.h2("Fermentation capacity")
    d.p("Our fermentation suite includes single-use 50-liter and 500-liter fermenters for seed and small batches, "
        "and a 3000-liter stainless steel production fermenter, the largest vessel on the campus. CT-118 would "
        "be manufactured at 3000-liter scale.")
    d.fact("bioreactor_type", "both", "includes single-use 50-liter and 500-liter fermenters")
    d.fact("bioreactor_type", quote="a 3000-liter stainless steel production fermenter")
    d.fact("max_bioreactor_volume_l", 3000.0, "a 3000-liter stainless steel production fermenter, the largest vessel on the campus")
    d.p("Downstream, inclusion-body processing, refolding in tanks of up to 6,000 liters, and chromatography "
        "skids sized for 3000-liter harvests are available in two parallel trains.")
    d.h2("Scope we propose")
    d.p("Our proposal covers technology transfer of your E. coli process, process development focused on "
        "refolding yield, analytical method transfer and qualification, three GMP batches at 3000-liter scale, "
        "and QC release testing.")
    d.item("services_included", "tech_transfer", "Our proposal covers technology transfer of your E. coli process")
    d.item("services_included", "process_development", "process development focused on refolding yield")
    d.item("services_included", "clinical_manufacturing", "three GMP batches at 3000-liter scale")
    d.item("services_included", "qc_release", "and QC release testing")
    d.colbreak()
    d.h2("Drug product")
    d.p("Lakeshore does not perform sterile filling. Formulated bulk drug substance will be shipped frozen to "
        "the fill/finish partner of your choice.")
    d.fact("aseptic_fill_finish", False, "Lakeshore does not perform sterile filling.")
    d.h2("Timeline")
    d.p("Technology transfer: 12 weeks. Process development: 18 weeks, starting in week 6. The first GMP batch "
        "starts in week 36 after the purchase order, preceded by one engineering batch in week 30.")
    d.fact("tech_transfer_weeks", 12.0, "Technology transfer: 12 weeks.")
    d.fact("process_development_weeks", 18.0, "Process development: 18 weeks, starting in week 6.")
    d.fact("weeks_to_first_gmp_batch", 36.0, "The first GMP batch starts in week 36 after the purchase order")
    d.p("Our first open slot in the 3000-liter train is January 2027. We recommend reserving it at signature.")
    d.fact("first_available_gmp_slot", "2027-01-01", "Our first open slot in the 3000-liter train is January 2027.")
    d.h2("Track record")
    d.p("We have completed 14 microbial recombinant protein programs for clinical supply, and we manufacture four "
        "commercial products that are approved by the FDA and Health Canada.")
    d.fact("similar_programs_count", 14, "We have completed 14 microbial recombinant protein programs")
    d.fact("commercial_products_count", 4, "we manufacture four commercial products")
    d.fact("regulatory_approvals", ["FDA", "Health Canada"], "approved by the FDA and Health Canada")

    d.new_page()
    d.h2("Quality")
    d.p("The FDA inspected the Kalamazoo campus in November 2024. The inspection was classified NAI and no "
        "observations were issued on Form 483. All GMP batch records are electronic, executed in a validated "
        "MES with review by exception.")
    d.fact("last_fda_inspection_date", "2024-11-01", "The FDA inspected the Kalamazoo campus in November 2024.")
    d.fact("last_fda_inspection_outcome", "NAI", "The inspection was classified NAI")
    d.fact("fda_483_observations", 0, "no observations were issued on Form 483")
    d.fact("electronic_batch_records", True, "All GMP batch records are electronic")
    d.h2("Working together")
    d.p("A dedicated project manager leads a core team of process, analytical and quality leads. We report "
        "progress monthly in a written report and a monthly governance call; ad-hoc technical meetings are "
        "scheduled as needed.")
    d.fact("dedicated_project_manager", True, "A dedicated project manager leads a core team")
    d.fact("reporting_cadence", "monthly", "We report progress monthly in a written report")
    d.p("Supply security: critical raw materials such as yeast extract, IPTG and chromatography resins are "
        "dual sourced, with at least two qualified suppliers for each.")
    d.fact("dual_sourcing_critical_materials", True,
           "critical raw materials such as yeast extract, IPTG and chromatography resins are dual sourced")
    d.h2("Assumptions")
    d.p("Pricing assumes a refolding yield of at least 25% and delivery of the process description and "
        "analytical methods within two weeks of signature. Drug product and stability studies are not included.")
    d.item("assumptions", "Refolding yield of at least 25%", "Pricing assumes a refolding yield of at least 25%")
    d.item("assumptions", "Process description and analytical methods delivered within two weeks of signature",
           "delivery of the process description and analytical methods within two weeks of signature")
    d.item("assumptions", "Drug product and stability studies are not included",
           "Drug product and stability studies are not included.")
    d.colbreak()
    d.h2("Price")
    d.p("Lakeshore works on a fee-for-service basis: each activity is priced separately and invoiced when it is "
        "complete.")
    d.fact("pricing_model", "fee_for_service", "Lakeshore works on a fee-for-service basis")
    d.table([["Activity", "Price (USD)"],
             ["Technology transfer", "310,000"],
             ["Process development", "465,000"],
             ["Engineering batch", "520,000"],
             ["GMP batch (each, x3)", "910,000"],
             ["QC release (3 batches)", "225,000"],
             ["Total", "4,250,000"]], widths=[150, 90], font_size=8.5)
    d.fact("tech_transfer_fee", money(310000, "USD"), "Technology transfer 310,000")
    d.fact("gmp_batch_price", money(910000, "USD"), "GMP batch (each, x3) 910,000")
    d.fact("total_price", money(4250000, "USD"), "Total 4,250,000")
    d.fact("total_price", quote="Activity Price (USD)")
    d.p("Media, resins and other materials are charged at cost plus 15%.")
    d.fact("raw_material_markup_pct", 15.0, "charged at cost plus 15%")
    d.h2("Terms")
    d.p("Invoices are due net 30 days from the invoice date; the first invoice (20% of the total) is issued at "
        "purchase order.")
    d.fact("payment_terms", "Invoices due net 30 days; first invoice (20% of the total) at purchase order",
           "Invoices are due net 30 days from the invoice date")
    d.p("A reserved slot may be moved once without charge if notice is given at least 90 days in advance; later "
        "cancellation is charged at 100% of the slot value.")
    d.fact("cancellation_terms", "Slot may be moved once free with 90 days' notice; later cancellation charged at "
           "100% of the slot value",
           "later cancellation is charged at 100% of the slot value")
    d.p("We look forward to discussing this proposal with you.")
    return d


def fx05_budgetary_quote():
    """Terse 2-page budgetary quote, monospace, few fields."""
    d = Proposal("05_pinecrest_budgetary_quote", "budgetary-quote", font="Courier", size=9.5,
                 margins=(60, 60, 60, 60),
                 footer=footer(left="PBM-FRM-011 rev 3", right="pg {page}/{total}", font="Courier"))
    d.p("<b>PINECREST BIOMANUFACTURING LLC</b>")
    d.p("BUDGETARY QUOTATION  Q-2026-031")
    d.p("-" * 60)
    d.p("Date: 03/16/2026<br/>To:   Calloway Therapeutics - CMC<br/>Re:   CT-410 mAb, DS supply for Ph1<br/>"
        "Site: San Diego, CA")
    d.fact("cdmo_name", "Pinecrest Biomanufacturing LLC", "PINECREST BIOMANUFACTURING LLC")
    d.fact("proposal_date", "2026-03-16", "Date: 03/16/2026")
    d.fact("sites", ["San Diego, United States"], "Site: San Diego, CA")
    d.p("-" * 60)
    d.p("Pinecrest is a mAb-focused CDMO (clinical + commercial DS).")
    d.item("modalities", "monoclonal_antibody", "Pinecrest is a mAb-focused CDMO")
    d.p("Scope: tech transfer + 1 eng. run + 2 GMP batches (DS only)")
    d.item("services_included", "tech_transfer", "Scope: tech transfer")
    d.item("services_included", "clinical_manufacturing", "2 GMP batches (DS only)")
    d.p("Largest SUB on site: 2 kL (x2)")
    d.fact("max_bioreactor_volume_l", 2000.0, "Largest SUB on site: 2 kL")
    d.fact("bioreactor_type", "single_use", "Largest SUB on site: 2 kL")
    d.p("-" * 60)
    d.table([["Budgetary price", "$3.9M total (+/- 15%)"],
             ["  TT fee", "$350k"],
             ["  Eng. run", "$0.8M"],
             ["  GMP batch", "~$1.1M each"],
             ["  Release/CoA", "incl."]], header=False, widths=[150, 200],
            style=[("FONT", (0, 0), (-1, -1), "Courier", 9.5)], wrap=False)
    d.fact("total_price", money(3900000, "USD"), "Budgetary price $3.9M total")
    d.fact("tech_transfer_fee", money(350000, "USD"), "TT fee $350k")
    d.fact("gmp_batch_price", money(1100000, "USD"), "GMP batch ~$1.1M each")
    d.p("Timing: first GMP batch ~8-9 months from PO")
    d.fact("weeks_to_first_gmp_batch", months_to_weeks(9), "Timing: first GMP batch ~8-9 months from PO")
    d.p("Valid 30 days. Budgetary only - not a binding offer.")
    d.fact("proposal_validity_days", 30, "Valid 30 days.")

    d.new_page()
    d.p("NOTES / ASSUMPTIONS")
    d.p("1. Assumes platform-fit process; no process development.<br/>"
        "2. Excludes DP, stability, shipping.<br/>"
        "3. Firm quote requires review of TT package (~2 wks).")
    d.item("assumptions", "Assumes platform-fit process; no process development",
           "1. Assumes platform-fit process; no process development.")
    d.item("assumptions", "Excludes DP, stability, shipping", "2. Excludes DP, stability, shipping.")
    d.item("assumptions", "Firm quote requires review of TT package",
           "3. Firm quote requires review of TT package (~2 wks).")
    d.p("-" * 60)
    d.p("Questions: J. Ortega, BD, (858) 555-0199")
    d.p("Pinecrest Biomanufacturing LLC, 10210 Sorrento Valley Rd, San Diego CA 92121", "small")
    return d


def fx06_cgt_sparse():
    """AAV gene therapy + CAR-T CDMO; many fields legitimately not stated."""
    d = Proposal("06_arbor_cgt_aav", "cgt-sparse", size=10, margins=(66, 66, 70, 60),
                 accent=colors.HexColor("#6b2d8c"),
                 header=header(left="Arbor Gene & Cell Therapy", right="AAV9 Program Proposal for Calloway Therapeutics"),
                 footer=footer(center="- {page} -"))
    d.p("AAV9 Vector Manufacturing Proposal", "title")
    d.p("Prepared for Calloway Therapeutics, Inc. \u2013 Program CT-GT-07", "subtitle")
    d.p("April 6, 2026")
    d.fact("proposal_date", "2026-04-06", "April 6, 2026")
    d.h1("1. About Arbor")
    d.p("Arbor Gene &amp; Cell Therapy, Inc. is a viral vector and cell therapy CDMO. We manufacture AAV and "
        "lentiviral vectors for gene therapy and autologous CAR-T cell therapies for clinical-stage sponsors.")
    d.fact("cdmo_name", "Arbor Gene & Cell Therapy, Inc.",
           "Arbor Gene & Cell Therapy, Inc. is a viral vector and cell therapy CDMO.")
    d.item("modalities", "gene_therapy",
           "We manufacture AAV and lentiviral vectors for gene therapy and autologous CAR-T cell therapies")
    d.item("modalities", "cell_therapy")
    d.p("All proposed work will take place at our 120,000 sq ft facility in Philadelphia, Pennsylvania, which "
        "opened in 2023 and houses eight ISO 7 manufacturing suites, process development laboratories and a "
        "QC testing laboratory.")
    d.fact("sites", ["Philadelphia, United States"], "our 120,000 sq ft facility in Philadelphia, Pennsylvania")
    d.p("To date we have completed 11 AAV programs through clinical GMP release, including four AAV9 programs "
        "for CNS indications. No commercial products are manufactured at the site yet; our first BLA-enabling "
        "process performance qualification campaigns are under way.")
    d.fact("similar_programs_count", 11, "To date we have completed 11 AAV programs through clinical GMP release")
    d.fact("commercial_products_count", 0, "No commercial products are manufactured at the site yet")
    d.h1("2. Proposed scope")
    d.bullets(["Technology transfer of your AAV9 upstream and downstream process",
               "Analytical development: qualification of potency, capsid titer and empty/full assays",
               "GMP manufacture of two AAV9 drug substance lots",
               "Aseptic fill of drug product into cryovials",
               "QC release testing of drug substance and drug product"])
    d.item("services_included", "tech_transfer", "Technology transfer of your AAV9 upstream and downstream process")
    d.item("services_included", "analytical_development",
           "Analytical development: qualification of potency, capsid titer and empty/full assays")
    d.item("services_included", "clinical_manufacturing", "GMP manufacture of two AAV9 drug substance lots")
    d.item("services_included", "fill_finish", "Aseptic fill of drug product into cryovials")
    d.item("services_included", "qc_release", "QC release testing of drug substance and drug product")
    d.p("Process development and stability studies can be quoted separately on request.")

    d.new_page()
    d.h1("3. Platform and facility")
    d.p("AAV vectors are produced by triple transfection of adherent HEK293 cells in single-use iCELLis 500+ "
        "fixed-bed bioreactors (up to 500 m\u00b2 growth surface per run). Purification uses affinity capture "
        "followed by anion-exchange enrichment of full capsids.")
    d.fact("bioreactor_type", "single_use", "in single-use iCELLis 500+ fixed-bed bioreactors")
    d.p("CAR-T products are manufactured in closed, automated CliniMACS Prodigy systems; 12 units are installed "
        "in two dedicated cell therapy suites.")
    d.p("All viral vector suites are operated at biosafety level 2 with unidirectional personnel and material "
        "flows. Drug substance is filled aseptically into cryovials in a Grade A isolator and stored at "
        "-65 \u00b0C or below.")
    d.fact("aseptic_fill_finish", True, "Drug substance is filled aseptically into cryovials in a Grade A isolator")
    d.h1("4. Timeline")
    d.p("Technology transfer: 10\u201312 weeks from receipt of the process description, plasmids and reference "
        "materials.")
    d.fact("tech_transfer_weeks", 12.0, "Technology transfer: 10\u201312 weeks")
    d.p("GMP suite availability: Q1 2027. Each AAV lot takes approximately 6 weeks from vial thaw to harvest, "
        "followed by 8 weeks of release testing.")
    d.fact("first_available_gmp_slot", "2027-01-01", "GMP suite availability: Q1 2027.")
    d.h1("5. Budget")
    d.table([["Item", "Budget"],
             ["Technology transfer", "USD 450,000"],
             ["Analytical development", "USD 600,000"],
             ["GMP AAV9 lot (two lots)", "USD 1.9M per lot"],
             ["Aseptic fill into cryovials", "USD 150,000"],
             ["QC release testing", "USD 600,000"],
             ["Total", "USD 5.6 million"]], widths=[220, 160])
    d.fact("tech_transfer_fee", money(450000, "USD"), "Technology transfer USD 450,000")
    d.fact("gmp_batch_price", money(1900000, "USD"), "USD 1.9M per lot")
    d.fact("total_price", money(5600000, "USD"), "Total USD 5.6 million")
    d.p("Pricing assumes that the sponsor supplies GMP-grade plasmids (pHelper, pRepCap and the transgene "
        "plasmid). Full/empty capsid enrichment is assumed to transfer without re-development.")
    d.item("assumptions", "Sponsor supplies GMP-grade plasmids",
           "Pricing assumes that the sponsor supplies GMP-grade plasmids")
    d.item("assumptions", "Full/empty capsid enrichment transfers without re-development",
           "Full/empty capsid enrichment is assumed to transfer without re-development.")

    d.new_page()
    d.h1("6. Quality")
    d.p("Arbor operates a phase-appropriate quality system aligned with 21 CFR 210/211 and EU GMP Annex 2. "
        "The Philadelphia facility has not yet been inspected by the FDA; sponsor audits are welcome and three "
        "were hosted in 2025. Arbor has never received an FDA warning letter.")
    d.fact("warning_letters_5y", 0, "Arbor has never received an FDA warning letter.")
    d.h1("7. Communication")
    d.p("We will hold a biweekly teleconference with your CMC team, with a shared action log and a monthly "
        "written summary of deviations and change controls.")
    d.fact("reporting_cadence", "biweekly", "We will hold a biweekly teleconference with your CMC team")
    d.h1("8. Next steps")
    d.p("We propose a technical call to review the process description, followed by a site visit. A binding "
        "quotation and a master services agreement can be issued within three weeks of that visit.")
    d.space(12)
    d.p("Dr. Nadia Kowalski<br/>Chief Business Officer<br/>Arbor Gene &amp; Cell Therapy, Inc.")
    return d


def fx07_adc_swiss():
    """ADC / OEB 5, two Swiss sites, CHF with apostrophe separators, Swiss dates."""
    d = Proposal("07_alpenrhein_adc_chf", "adc-swiss-chf", pagesize=A4, size=9.5, margins=(62, 62, 70, 62),
                 accent=colors.HexColor("#b3001b"),
                 header=header(left="Alpenrhein Conjugates AG \u00b7 Offer AC-2026-007", right="Confidential", rule=True),
                 footer=footer(right="Page {page}/{total}", left="Alpenrhein Conjugates AG, Baarerstrasse 12, "
                               "6300 Zug, Switzerland \u00b7 CHE-412.118.907 MWST"))
    d.p("Offer AC-2026-007", "title")
    d.p("Clinical supply of CT-ADC-12 (Phase 1): conjugation, drug product and release", "subtitle")
    d.p("Monthey, 19.01.2026", "right")
    d.fact("proposal_date", "2026-01-19", "Monthey, 19.01.2026")
    d.p("Addressed to: Calloway Therapeutics, Inc., attn. Dr. Elena Marsh")
    d.h1("1. Company profile")
    d.p("Alpenrhein Conjugates AG develops and manufactures highly potent small-molecule payloads, "
        "linker-payloads and antibody-drug conjugates (ADCs) for clinical and commercial supply. The monoclonal "
        "antibody intermediate is supplied by the client or by the client's antibody manufacturer.")
    d.fact("cdmo_name", "Alpenrhein Conjugates AG", "Alpenrhein Conjugates AG develops and manufactures")
    d.item("modalities", "small_molecule",
           "highly potent small-molecule payloads, linker-payloads and antibody-drug conjugates (ADCs)")
    d.item("modalities", "antibody_drug_conjugate")
    d.p("Linker-payload synthesis is performed at our HPAPI plant in Bulle; conjugation, purification, aseptic "
        "filling and lyophilisation are performed at Monthey. Our headquarters in Zug houses administration "
        "only.")
    d.fact("sites", ["Bulle, Switzerland", "Monthey, Switzerland"],
           "Linker-payload synthesis is performed at our HPAPI plant in Bulle")
    d.fact("sites", quote="aseptic filling and lyophilisation are performed at Monthey")
    d.p("Since 2012 we have completed nine ADC programs from technology transfer to GMP release, and three "
        "commercial ADCs are manufactured at Monthey.")
    d.fact("similar_programs_count", 9, "we have completed nine ADC programs")
    d.fact("commercial_products_count", 3, "three commercial ADCs are manufactured at Monthey")
    d.p("This offer is valid for 3 months from the date above.")
    d.fact("proposal_validity_days", 90, "This offer is valid for 3 months from the date above.")
    d.h1("2. Scope of the offer")
    d.p("The offer covers: technology transfer of the conjugation process and analytical methods; process "
        "development (conjugation optimisation and DAR control); manufacture of one non-GMP demonstration batch "
        "and three GMP batches of drug substance; aseptic filling and lyophilisation of drug product; QC release "
        "testing; and a 12-month ICH stability study.")
    d.item("services_included", "tech_transfer", "technology transfer of the conjugation process and analytical methods")
    d.item("services_included", "process_development", "process development (conjugation optimisation and DAR control)")
    d.item("services_included", "clinical_manufacturing", "three GMP batches of drug substance")
    d.item("services_included", "fill_finish", "aseptic filling and lyophilisation of drug product")
    d.item("services_included", "lyophilization")
    d.item("services_included", "qc_release", "QC release testing")
    d.item("services_included", "stability", "a 12-month ICH stability study")

    d.new_page()
    d.h1("3. Containment and equipment")
    d.p("Both plants are designed for OEB 5 compounds (OEL below 0.1 \u00b5g/m\u00b3) and operate with isolator "
        "technology throughout, including weighing, conjugation, sampling and filling.")
    d.fact("high_containment", True, "Both plants are designed for OEB 5 compounds")
    d.p("Conjugation is carried out in single-use and glass-lined vessels of up to 300 L working volume, followed "
        "by tangential flow filtration. Aseptic filling and lyophilisation take place on an isolated vial line "
        "with a 20 m\u00b2 freeze-dryer.")
    d.fact("aseptic_fill_finish", True, "Aseptic filling and lyophilisation take place on an isolated vial line")
    d.fact("lyophilization", True, "with a 20 m\u00b2 freeze-dryer")
    d.h1("4. Time schedule")
    d.table([["Activity", "Duration / timing"],
             ["Technology transfer", "8 weeks"],
             ["Process development", "12 weeks (after technology transfer)"],
             ["Demonstration batch (non-GMP)", "week 26 after purchase order"],
             ["First GMP batch", "week 32 after purchase order"],
             ["Earliest GMP slot", "Q4 2026"]], widths=[200, 250])
    d.fact("tech_transfer_weeks", 8.0, "Technology transfer 8 weeks")
    d.fact("process_development_weeks", 12.0, "Process development 12 weeks")
    d.fact("weeks_to_first_gmp_batch", 32.0, "First GMP batch week 32 after purchase order")
    d.fact("first_available_gmp_slot", "2026-10-01", "Earliest GMP slot Q4 2026")
    d.h1("5. Prices")
    d.p("All prices are fixed prices in Swiss francs (CHF), excluding VAT.")
    d.fact("pricing_model", "fixed_price", "All prices are fixed prices in Swiss francs (CHF)")
    d.table([["Position", "Price"],
             ["Technology transfer", "CHF 385'000"],
             ["Process development", "CHF 520'000"],
             ["Demonstration batch (non-GMP)", "CHF 640'000"],
             ["GMP batch, drug substance (each; 3 batches)", "CHF 1'250'000"],
             ["Fill/finish and lyophilisation (3 lots)", "CHF 450'000"],
             ["QC release and stability", "CHF 310'000"],
             ["Total offer price", "CHF 6'055'000"]], widths=[280, 170])
    d.fact("tech_transfer_fee", money(385000, "CHF"), "Technology transfer CHF 385'000")
    d.fact("gmp_batch_price", money(1250000, "CHF"), "GMP batch, drug substance (each; 3 batches) CHF 1'250'000")
    d.fact("total_price", money(6055000, "CHF"), "Total offer price CHF 6'055'000")
    d.p("Raw materials and consumables are re-invoiced with a handling surcharge of 8 %.")
    d.fact("raw_material_markup_pct", 8.0, "re-invoiced with a handling surcharge of 8 %")

    d.new_page()
    d.h1("6. Terms and assumptions")
    d.p("Payment: 40 % upon order, 60 % in milestone instalments; payment within 30 days net.")
    d.fact("payment_terms", "40 % upon order, 60 % in milestone instalments; payment within 30 days net",
           "Payment: 40 % upon order, 60 % in milestone instalments; payment within 30 days net.")
    d.p("Cancellation: postponement or cancellation of a reserved slot less than four months before its start "
        "incurs a fee of 30 % of the affected batch price.")
    d.fact("cancellation_terms", "Postponement or cancellation of a reserved slot less than four months before "
           "start incurs a fee of 30 % of the affected batch price",
           "incurs a fee of 30 % of the affected batch price")
    d.p("Assumptions: the client supplies the monoclonal antibody intermediate and the payload reference "
        "standard; shipping to destinations outside Switzerland is excluded.")
    d.item("assumptions", "Client supplies the monoclonal antibody intermediate and the payload reference standard",
           "the client supplies the monoclonal antibody intermediate and the payload reference standard")
    d.item("assumptions", "Shipping to destinations outside Switzerland is excluded",
           "shipping to destinations outside Switzerland is excluded")
    d.h1("7. Quality and compliance")
    d.p("The Monthey site was last inspected by the US FDA in October 2023 (outcome: NAI, no 483 observations). "
        "Swissmedic last inspected both sites in 2025. No warning letters have been received in the last five "
        "years.")
    d.fact("last_fda_inspection_date", "2023-10-01", "last inspected by the US FDA in October 2023")
    d.fact("last_fda_inspection_outcome", "NAI", "outcome: NAI")
    d.fact("fda_483_observations", 0, "no 483 observations")
    d.fact("warning_letters_5y", 0, "No warning letters have been received in the last five years.")
    d.p("Products manufactured at Monthey are approved by Swissmedic, the EMA and the US FDA. Batch "
        "documentation is fully electronic (eBR).")
    d.fact("regulatory_approvals", ["Swissmedic", "EMA", "FDA"], "approved by Swissmedic, the EMA and the US FDA")
    d.fact("electronic_batch_records", True, "Batch documentation is fully electronic (eBR).")
    d.h1("8. Project management")
    d.p("A dedicated project leader, Ms. Sabine Gerber, coordinates all activities across Bulle and Monthey. "
        "Project status is reviewed with the client weekly.")
    d.fact("dedicated_project_manager", True, "A dedicated project leader, Ms. Sabine Gerber")
    d.fact("reporting_cadence", "weekly", "Project status is reviewed with the client weekly.")
    d.space(16)
    d.table([["Alpenrhein Conjugates AG", ""],
             ["Dr. Lukas Brunner, CEO", "Claudia Favre, Head of Business Development"]],
            header=False, widths=[220, 230], style=[("TOPPADDING", (0, 1), (-1, 1), 30)])
    return d


def fx08_eu_eur():
    """German CDMO, EUR with European number formats, months as durations, month/quarter dates."""
    d = Proposal("08_rheinland_eu_eur", "eu-eur", pagesize=A4, font="Times-Roman", size=10.5,
                 margins=(70, 62, 72, 64), justify=True, accent=colors.HexColor("#003366"),
                 header=header(right="Rheinland BioPharma GmbH \u2013 Angebot / Offer RBP-26-0042", font="Times-Roman",
                               size=8),
                 footer=footer(left="Gesch\u00e4ftsf\u00fchrer: Dr. M. Albrecht \u00b7 Amtsgericht Mainz HRB 40211",
                               right="Seite {page} von {total}", font="Times-Roman", size=7.5))
    d.p("Rheinland BioPharma GmbH<br/>Rheinallee 88<br/>55118 Mainz, Germany", "small")
    d.space(10)
    d.p("Offer No. RBP-26-0042", "title")
    d.p("Mainz, 3 February 2026", "right")
    d.fact("proposal_date", "2026-02-03", "Mainz, 3 February 2026")
    d.p("Technology transfer, process development and clinical GMP manufacturing of CT-201 drug substance",
        "subtitle")
    d.p("Dear Dr. Marsh,")
    d.p("thank you for your enquiry. Rheinland BioPharma GmbH is a contract manufacturer of monoclonal "
        "antibodies and recombinant proteins, based in Mainz since 1991. All services in this offer will be "
        "provided at our Mainz site.")
    d.fact("cdmo_name", "Rheinland BioPharma GmbH",
           "Rheinland BioPharma GmbH is a contract manufacturer of monoclonal antibodies and recombinant proteins")
    d.item("modalities", "monoclonal_antibody",
           "a contract manufacturer of monoclonal antibodies and recombinant proteins")
    d.item("modalities", "recombinant_protein")
    d.fact("sites", ["Mainz, Germany"], "All services in this offer will be provided at our Mainz site.")
    d.p("This offer is binding for 8 weeks from its date. Our general terms and conditions of sale apply.")
    d.fact("proposal_validity_days", 56, "This offer is binding for 8 weeks from its date.")
    d.p("We have carried out 32 antibody projects for clients in Europe, North America and Asia and manufacture "
        "six commercial products. Products manufactured in Mainz are approved in the EU (EMA) and the UK (MHRA).")
    d.fact("similar_programs_count", 32, "We have carried out 32 antibody projects")
    d.fact("commercial_products_count", 6, "manufacture six commercial products")
    d.fact("regulatory_approvals", ["EMA", "MHRA"], "approved in the EU (EMA) and the UK (MHRA)")

    d.new_page()
    d.h1("1. Scope of services")
    d.bullets(["Technology transfer of the upstream and downstream process and of the analytical methods",
               "Process development (upstream intensification, fed-batch optimisation)",
               "One engineering run and GMP manufacture of two batches at 3 m\u00b3 scale",
               "Release testing of drug substance",
               "Support for the quality part of the IMPD (Module 3 authoring)"], bullet="\u2013")
    d.item("services_included", "tech_transfer", "Technology transfer of the upstream and downstream process")
    d.item("services_included", "process_development", "Process development (upstream intensification, fed-batch optimisation)")
    d.item("services_included", "clinical_manufacturing", "GMP manufacture of two batches at 3 m\u00b3 scale")
    d.item("services_included", "qc_release", "Release testing of drug substance")
    d.item("services_included", "regulatory_support", "Support for the quality part of the IMPD (Module 3 authoring)")
    d.h1("2. Facility")
    d.p("Upstream capacity comprises two 3 m\u00b3 stainless steel bioreactors and one 1 m\u00b3 single-use "
        "bioreactor. Purification is carried out in a dedicated suite with closed processing up to the bulk "
        "drug substance.")
    d.fact("bioreactor_type", "both", "two 3 m\u00b3 stainless steel bioreactors and one 1 m\u00b3 single-use bioreactor")
    d.fact("max_bioreactor_volume_l", 3000.0, "two 3 m\u00b3 stainless steel bioreactors")
    d.p("Fill/finish is not offered by Rheinland; we work with several partners and will coordinate the "
        "shipment of drug substance to the partner of your choice.")
    d.fact("aseptic_fill_finish", False, "Fill/finish is not offered by Rheinland")
    d.h1("3. Time schedule")
    d.p("Technology transfer will take approx. 4 months. Process development will take 5 months, partly in "
        "parallel with technology transfer. The first GMP batch can start 11 months after contract signature.")
    d.fact("tech_transfer_weeks", months_to_weeks(4), "Technology transfer will take approx. 4 months.")
    d.fact("process_development_weeks", months_to_weeks(5), "Process development will take 5 months")
    d.fact("weeks_to_first_gmp_batch", months_to_weeks(11),
           "The first GMP batch can start 11 months after contract signature.")
    d.p("The earliest free slot in our 3 m\u00b3 suite is March 2027; batch 2 and the release of both batches are "
        "expected in Q2 2027.")
    d.fact("first_available_gmp_slot", "2027-03-01", "The earliest free slot in our 3 m\u00b3 suite is March 2027")

    d.new_page()
    d.h1("4. Prices")
    d.p("All prices are fixed prices in euros, plus statutory VAT.")
    d.fact("pricing_model", "fixed_price", "All prices are fixed prices in euros")
    d.table([["Item", "Price"],
             ["Technology transfer", "EUR 280.000"],
             ["Process development", "EUR 420.000"],
             ["Engineering run (non-GMP)", "EUR 370.000"],
             ["GMP batch (3 m\u00b3), per batch", "\u20ac 950k"],
             ["Release testing (2 batches)", "EUR 170.000"],
             ["Regulatory support (IMPD)", "EUR 60.000"]], widths=[250, 150])
    d.fact("tech_transfer_fee", money(280000, "EUR"), "Technology transfer EUR 280.000")
    d.fact("gmp_batch_price", money(950000, "EUR"), "GMP batch (3 m\u00b3), per batch \u20ac 950k")
    d.p("The total price of this offer amounts to EUR 3.2 million.")
    d.fact("total_price", money(3200000, "EUR"), "The total price of this offer amounts to EUR 3.2 million.")
    d.p("Raw materials and consumables are charged at cost plus 15 %.")
    d.fact("raw_material_markup_pct", 15.0, "charged at cost plus 15 %")
    d.h1("5. Terms of payment and cancellation")
    d.p("30 % on order, 40 % at the start of GMP batch 1, 30 % on release; invoices are payable within 30 days "
        "net.")
    d.fact("payment_terms", "30 % on order, 40 % at start of GMP batch 1, 30 % on release; payable within 30 days net",
           "30 % on order, 40 % at the start of GMP batch 1, 30 % on release")
    d.p("Cancellation less than 3 months before the scheduled start of a batch: 100 % of the batch price. "
        "Cancellation between 3 and 6 months before the start: 50 %.")
    d.fact("cancellation_terms", "Less than 3 months before scheduled start: 100 % of the batch price; 3-6 months: 50 %",
           "Cancellation less than 3 months before the scheduled start of a batch: 100 % of the batch price.")
    d.h1("6. Assumptions")
    d.p("Prices are based on a titer of at least 2 g/L. Costs of shipping and customs clearance are excluded.")
    d.item("assumptions", "Titer of at least 2 g/L", "Prices are based on a titer of at least 2 g/L.")
    d.item("assumptions", "Shipping and customs clearance excluded", "Costs of shipping and customs clearance are excluded.")

    d.new_page()
    d.h1("7. Quality")
    d.p("Our site is supervised by the Landesamt f\u00fcr Soziales, Jugend und Versorgung and holds an EU GMP "
        "certificate. The site was inspected by the US FDA in February 2024; the inspection was classified VAI "
        "with one Form 483 observation, which has been closed.")
    d.fact("last_fda_inspection_date", "2024-02-01", "inspected by the US FDA in February 2024")
    d.fact("last_fda_inspection_outcome", "VAI", "the inspection was classified VAI")
    d.fact("fda_483_observations", 1, "with one Form 483 observation")
    d.h1("8. Project management and reporting")
    d.p("Your dedicated project manager will be Dr. Katrin Vogel. Progress is reported monthly in a written "
        "report and discussed in a steering committee meeting.")
    d.fact("dedicated_project_manager", True, "Your dedicated project manager will be Dr. Katrin Vogel.")
    d.fact("reporting_cadence", "monthly", "Progress is reported monthly in a written report")
    d.h1("9. Supply chain")
    d.p("Critical raw materials are currently single-sourced; dual sourcing is under evaluation for media and "
        "Protein A resin.")
    d.fact("dual_sourcing_critical_materials", False, "Critical raw materials are currently single-sourced")
    d.space(10)
    d.p("We look forward to your order.")
    d.p("Kind regards,<br/>Rheinland BioPharma GmbH")
    d.space(18)
    d.p("ppa. Dr. Jonas Weber, Business Development \u00a0\u00a0\u00a0 i.A. Katrin Vogel, Project Management")
    return d


def fx09_conflicts():
    """Executive summary contradicts the detailed sections (total price, tech transfer, first slot)."""
    d = Proposal("09_tidewater_conflicting", "conflicting", size=10, margins=(64, 64, 70, 60),
                 accent=colors.HexColor("#006d77"),
                 header=header(left="Tidewater Biologics, Inc.", right="CT-220 Proposal TW-2602", rule=True),
                 footer=footer(left="Tidewater Biologics Confidential", right="Page {page} of {total}"))
    d.p("CT-220 Clinical Supply Proposal", "title")
    d.p("Tidewater Biologics, Inc. | Portsmouth, New Hampshire | February 18, 2026", "subtitle")
    d.fact("proposal_date", "2026-02-18", "Portsmouth, New Hampshire | February 18, 2026")
    d.h1("Executive summary")
    d.p("Tidewater Biologics, Inc. proposes to transfer, scale up and manufacture CT-220, Calloway's "
        "humanized IgG4 antibody, at our Portsmouth, New Hampshire facility.")
    d.fact("cdmo_name", "Tidewater Biologics, Inc.", "Tidewater Biologics, Inc. proposes to transfer, scale up and manufacture CT-220")
    d.fact("sites", ["Portsmouth, United States"], "at our Portsmouth, New Hampshire facility")
    d.p("We propose a total program price of USD 5,480,000, a technology transfer duration of 12 weeks, and a "
        "first GMP batch 28 weeks after purchase order. GMP capacity is available from Q3 2026.")
    d.conflict("total_price", "We propose a total program price of USD 5,480,000")
    d.conflict("tech_transfer_weeks", "a technology transfer duration of 12 weeks")
    d.fact("weeks_to_first_gmp_batch", 28.0, "first GMP batch 28 weeks after purchase order")
    d.conflict("first_available_gmp_slot", "GMP capacity is available from Q3 2026.")
    d.p("Our team has supported 16 antibody programs from technology transfer through clinical supply, and we "
        "would be proud to add CT-220 to that list. This proposal is valid for 90 days.")
    d.fact("similar_programs_count", 16, "Our team has supported 16 antibody programs")
    d.fact("proposal_validity_days", 90, "This proposal is valid for 90 days.")

    d.new_page()
    d.h1("1. Company and facility")
    d.p("Founded in 2010, Tidewater manufactures monoclonal antibodies, Fc-fusion proteins and other recombinant "
        "proteins for clinical and commercial supply. Three commercial products are manufactured in Portsmouth.")
    d.item("modalities", "monoclonal_antibody", "Tidewater manufactures monoclonal antibodies, Fc-fusion proteins and other recombinant proteins")
    d.item("modalities", "recombinant_protein")
    d.fact("commercial_products_count", 3, "Three commercial products are manufactured in Portsmouth.")
    d.p("The Portsmouth plant is a fully single-use facility. The largest bioreactor at Portsmouth is a 5,000 L "
        "single-use bioreactor; CT-220 will be produced in our 2,000 L suite.")
    d.fact("bioreactor_type", "single_use", "The Portsmouth plant is a fully single-use facility.")
    d.fact("max_bioreactor_volume_l", 5000.0, "The largest bioreactor at Portsmouth is a 5,000 L single-use bioreactor")
    d.p("Tidewater does not offer aseptic fill/finish; drug substance is shipped to your fill/finish partner.")
    d.fact("aseptic_fill_finish", False, "Tidewater does not offer aseptic fill/finish")
    d.h1("2. Scope")
    d.bullets(["Technology transfer of the CT-220 process and analytical methods",
               "One engineering run at 2,000 L",
               "Two GMP drug substance batches at 2,000 L",
               "QC release testing",
               "12-month real-time stability study of GMP batch 1"])
    d.item("services_included", "tech_transfer", "Technology transfer of the CT-220 process and analytical methods")
    d.item("services_included", "clinical_manufacturing", "Two GMP drug substance batches at 2,000 L")
    d.item("services_included", "qc_release", "QC release testing")
    d.item("services_included", "stability", "12-month real-time stability study of GMP batch 1")
    d.h2("Assumptions")
    d.p("This proposal assumes that the CT-220 process runs at a titer of at least 3 g/L and that Calloway "
        "delivers the technology transfer package at kick-off. Drug product is excluded.")
    d.item("assumptions", "Titer of at least 3 g/L", "the CT-220 process runs at a titer of at least 3 g/L")
    d.item("assumptions", "Calloway delivers the technology transfer package at kick-off",
           "Calloway delivers the technology transfer package at kick-off")
    d.item("assumptions", "Drug product is excluded", "Drug product is excluded.")

    d.new_page()
    d.h1("3. Timeline")
    d.table([["Activity", "Timing", "Duration"],
             ["Kick-off", "Week 1", "-"],
             ["Technology transfer", "Weeks 1-16", "16 weeks"],
             ["Engineering run", "Week 22", "3 weeks"],
             ["GMP batch 1", "Week 28", "3 weeks"],
             ["GMP batch 2", "Week 32", "3 weeks"],
             ["Release of both batches", "Week 40", "-"]], widths=[200, 120, 120])
    d.conflict("tech_transfer_weeks", "Technology transfer Weeks 1-16 16 weeks")
    d.fact("weeks_to_first_gmp_batch", quote="GMP batch 1 Week 28")
    d.p("The earliest available GMP slot in our 2,000 L suite is October 2026. Timelines assume a purchase "
        "order by April 2026.")
    d.conflict("first_available_gmp_slot", "The earliest available GMP slot in our 2,000 L suite is October 2026.")

    d.new_page()
    d.h1("4. Pricing")
    d.p("All activities are quoted at a fixed price.")
    d.fact("pricing_model", "fixed_price", "All activities are quoted at a fixed price.")
    d.table([["Activity", "Price"],
             ["Technology transfer", "USD 480,000"],
             ["Engineering run", "USD 820,000"],
             ["GMP batch (each, 2 batches)", "USD 1,560,000"],
             ["QC release testing and stability", "USD 1,320,000"],
             ["Total", "USD 5,740,000"]], widths=[260, 160])
    d.fact("tech_transfer_fee", money(480000, "USD"), "Technology transfer USD 480,000")
    d.fact("gmp_batch_price", money(1560000, "USD"), "GMP batch (each, 2 batches) USD 1,560,000")
    d.conflict("total_price", "Total USD 5,740,000")
    d.p("Raw materials are invoiced at cost plus 12.5%.")
    d.fact("raw_material_markup_pct", 12.5, "Raw materials are invoiced at cost plus 12.5%.")
    d.p("Payment terms: 30% at signature, 70% at the release of each batch, net 30 days.")
    d.fact("payment_terms", "30% at signature, 70% at release of each batch, net 30 days",
           "Payment terms: 30% at signature, 70% at the release of each batch, net 30 days.")
    d.p("Cancellation: slots cancelled within 4 months of start are charged at 50% of the batch price.")
    d.fact("cancellation_terms", "Slots cancelled within 4 months of start charged at 50% of the batch price",
           "slots cancelled within 4 months of start are charged at 50% of the batch price")

    d.new_page()
    d.h1("5. Quality and compliance")
    d.p("The FDA inspected Portsmouth in August 2025. The inspection was classified VAI with one Form 483 "
        "observation, which was closed in October 2025. Tidewater has had no warning letters in the past five "
        "years.")
    d.fact("last_fda_inspection_date", "2025-08-01", "The FDA inspected Portsmouth in August 2025.")
    d.fact("last_fda_inspection_outcome", "VAI", "The inspection was classified VAI")
    d.fact("fda_483_observations", 1, "with one Form 483 observation")
    d.fact("warning_letters_5y", 0, "Tidewater has had no warning letters in the past five years.")
    d.p("Products manufactured at Portsmouth are approved by the FDA, the EMA and Japan's PMDA. Batch records are "
        "electronic (MES).")
    d.fact("regulatory_approvals", ["FDA", "EMA", "PMDA"], "approved by the FDA, the EMA and Japan's PMDA")
    d.fact("electronic_batch_records", True, "Batch records are electronic (MES).")
    d.h1("6. Program management")
    d.p("A dedicated project manager will be assigned at kick-off. Project reports and a joint review call take "
        "place every two weeks. Critical raw materials are dual sourced.")
    d.fact("dedicated_project_manager", True, "A dedicated project manager will be assigned at kick-off.")
    d.fact("reporting_cadence", "biweekly", "Project reports and a joint review call take place every two weeks.")
    d.fact("dual_sourcing_critical_materials", True, "Critical raw materials are dual sourced.")

    d.new_page()
    d.h1("7. Acceptance")
    d.p("To accept this proposal, please sign below and return a purchase order referencing TW-2602.")
    d.space(30)
    d.table([["For Tidewater Biologics, Inc.", "For Calloway Therapeutics, Inc."],
             ["Name: Michael Brandt", "Name:"],
             ["Title: SVP Commercial Operations", "Title:"],
             ["Signature:", "Signature:"],
             ["Date:", "Date:"]], widths=[220, 220], header=False,
            style=[("LINEBELOW", (0, 3), (-1, 3), 0.4, colors.black), ("TOPPADDING", (0, 1), (-1, -1), 10)])
    return d


def fx10_distractors():
    """Many near-miss numbers: founding year, capacity totals, pilot vs production, other clients, options."""
    d = Proposal("10_granite_peak_distractors", "distractor-rich", size=9.8, margins=(64, 64, 76, 64),
                 accent=colors.HexColor("#3d4f5d"),
                 header=header(left="Granite Peak Biomanufacturing | Response to RFP-2026-0147",
                               right="Printed 2026-03-02 09:14", rule=True),
                 footer=footer(left="Rev. 2 | Doc. GP-BD-2026-031", right="Page {page} of {total}", rule=True))
    d.p("Response to Request for Proposal RFP-2026-0147", "title")
    d.p("CT-201 Drug Substance Manufacturing \u2013 Phase 1/2 Supply", "subtitle")
    d.space(10)
    d.table([["Submitted by", "Granite Peak Biomanufacturing, Inc."],
             ["Submitted to", "Calloway Therapeutics, Inc. (Procurement)"],
             ["RFP reference", "RFP-2026-0147, issued January 12, 2026"],
             ["Proposal date", "February 27, 2026"],
             ["Response deadline (per RFP)", "March 6, 2026"],
             ["Headquarters", "One Federal Street, Boston, Massachusetts"],
             ["Manufacturing site", "55 Innovation Drive, Worcester, Massachusetts"],
             ["Proposal validity", "120 days from the proposal date"]], header=False, widths=[170, 300],
            zebra=True)
    d.fact("cdmo_name", "Granite Peak Biomanufacturing, Inc.", "Submitted by Granite Peak Biomanufacturing, Inc.")
    d.fact("proposal_date", "2026-02-27", "Proposal date February 27, 2026")
    d.fact("sites", ["Worcester, United States"], "Manufacturing site 55 Innovation Drive, Worcester, Massachusetts")
    d.fact("proposal_validity_days", 120, "Proposal validity 120 days from the proposal date")
    d.p("This response follows the structure requested in section 7 of RFP-2026-0147. Figures quoted from the RFP "
        "are marked as such; all other figures are Granite Peak's.", "small")

    d.new_page()
    d.h1("1. Company overview")
    d.p("Granite Peak was founded in 1998 in Cambridge, Massachusetts, and moved its headquarters to Boston in "
        "2011. Since 1998 we have served more than 140 clinical programs for 85 clients, across monoclonal "
        "antibodies, recombinant proteins and plasmid DNA. Our manufacturing is concentrated at Worcester; our "
        "former Lowell plant was divested in 2020.")
    d.item("modalities", "monoclonal_antibody",
           "across monoclonal antibodies, recombinant proteins and plasmid DNA")
    d.item("modalities", "recombinant_protein")
    d.p("Of those programs, 61 were monoclonal antibody programs that we completed through GMP release. Worcester "
        "currently supplies nine commercial products to patients in 23 countries.")
    d.fact("similar_programs_count", 61, "61 were monoclonal antibody programs that we completed through GMP release")
    d.fact("commercial_products_count", 9, "Worcester currently supplies nine commercial products")
    d.p("Granite Peak employs 1,150 people, of whom 740 work at Worcester. Revenue in 2025 was USD 412 million. "
        "We are a portfolio company of Summit Ridge Capital since 2016.")
    d.h1("2. Understanding of the RFP")
    d.p("We understand that Calloway requires technology transfer of the CT-201 CHO process, limited process fit "
        "work, and two to three GMP batches for Phase 1/2, with first clinical material needed in Q2 2027. We note "
        "the indicative budget of USD 6.0 million stated in RFP-2026-0147 and address it in section 5.")

    d.new_page()
    d.h1("3. Facility and equipment")
    d.p("Total installed bioreactor capacity at Worcester is 56,000 L. The site operates four 12,000 L stainless "
        "steel production bioreactors, the largest single vessels on site, and in 2019 we added 4 x 2,000 L "
        "single-use bioreactors, which will be used for CT-201.")
    d.fact("max_bioreactor_volume_l", 12000.0, "four 12,000 L stainless steel production bioreactors, the largest single vessels on site")
    d.fact("bioreactor_type", "both", "The site operates four 12,000 L stainless steel production bioreactors")
    d.fact("bioreactor_type", quote="in 2019 we added 4 x 2,000 L single-use bioreactors")
    d.p("A 200 L pilot bioreactor supports process development and scale-down studies. A 20,000 L bioreactor is "
        "under construction and is expected to be operational in Q1 2028.")
    d.p("Aseptic fill/finish is available at Worcester on a vial line installed in 2019; it is offered as an "
        "option in section 5.")
    d.fact("aseptic_fill_finish", True, "Aseptic fill/finish is available at Worcester")
    d.table([["Area", "Equipment", "Year"],
             ["Upstream (stainless)", "4 x 12,000 L production; 2 x 2,500 L seed", "2006 / 2012"],
             ["Upstream (single-use)", "4 x 2,000 L production; 2 x 500 L seed", "2019"],
             ["Pilot", "1 x 200 L single-use", "2015"],
             ["Under construction", "1 x 20,000 L stainless steel", "2028"],
             ["Fill/finish", "Vial line, 24,000 vials/hour", "2019"]], widths=[130, 250, 90])

    d.new_page()
    d.h1("4. Scope and timeline")
    d.p("The proposed scope comprises technology transfer, limited process development (process fit at 2,000 L), "
        "GMP manufacture of three drug substance batches and QC release testing. Aseptic fill/finish and extended "
        "stability are optional and excluded from the total.")
    d.item("services_included", "tech_transfer", "The proposed scope comprises technology transfer")
    d.item("services_included", "process_development", "limited process development (process fit at 2,000 L)")
    d.item("services_included", "clinical_manufacturing", "GMP manufacture of three drug substance batches")
    d.item("services_included", "qc_release", "and QC release testing")
    d.p("Typical tech transfer at Granite Peak ranges from 12 to 20 weeks; for a previous client, tech transfer "
        "took 9 months because of a late analytical method change. For CT-201 we propose a technology transfer "
        "of 14 weeks.")
    d.fact("tech_transfer_weeks", 14.0, "For CT-201 we propose a technology transfer of 14 weeks.")
    d.p("Process development (process fit at 2,000 L): 8 weeks, overlapping with technology transfer.")
    d.fact("process_development_weeks", 8.0, "Process development (process fit at 2,000 L): 8 weeks")
    d.table([["Milestone", "Week after PO"],
             ["Kick-off meeting", "2"],
             ["Technology transfer complete", "14"],
             ["Engineering run", "26"],
             ["First GMP batch", "34"],
             ["Third GMP batch released", "52"]], widths=[250, 120])
    d.fact("weeks_to_first_gmp_batch", 34.0, "First GMP batch 34")
    d.p("The earliest available GMP slot in the 2,000 L single-use train is November 2026. For comparison, a "
        "recent Phase 2 client received its first GMP batch 26 weeks after PO.")
    d.fact("first_available_gmp_slot", "2026-11-01", "The earliest available GMP slot in the 2,000 L single-use train is November 2026.")

    d.new_page()
    d.h1("5. Pricing")
    d.p("Granite Peak proposes a hybrid model: fixed-price manufacturing plus FTE-based development.")
    d.fact("pricing_model", "hybrid", "Granite Peak proposes a hybrid model")
    d.table([["Item", "Basis", "Price (USD)"],
             ["Technology transfer", "fixed", "560,000"],
             ["Process development", "2 FTE x 8 weeks at 5,500 per FTE-week", "88,000"],
             ["Engineering run (non-GMP)", "fixed", "900,000"],
             ["GMP batch (x3)", "fixed, 1,650,000 per batch", "4,950,000"],
             ["QC release testing", "fixed", "240,000"],
             ["Total for proposed scope", "", "6,738,000"],
             ["Option A: aseptic fill/finish", "not included in total", "310,000"],
             ["Option B: 36-month stability", "not included in total", "120,000"],
             ["Total including options", "", "7,168,000"]], widths=[170, 200, 100], zebra=True)
    d.fact("tech_transfer_fee", money(560000, "USD"), "Technology transfer fixed 560,000")
    d.fact("gmp_batch_price", money(1650000, "USD"), "fixed, 1,650,000 per batch")
    d.fact("total_price", money(6738000, "USD"), "Total for proposed scope 6,738,000")
    d.fact("total_price", quote="Item Basis Price (USD)")
    d.p("Our price exceeds the indicative budget of USD 6.0 million in RFP-2026-0147 because the RFP asks for a "
        "third GMP batch. Raw materials and consumables are charged at cost plus 18%. Late payments accrue "
        "interest at 1.5% per month.")
    d.fact("raw_material_markup_pct", 18.0, "Raw materials and consumables are charged at cost plus 18%.")
    d.h2("Commercial terms")
    d.p("Payment: a 15% mobilisation fee is invoiced at signature; all further invoices follow milestones and are "
        "payable net 45 days.")
    d.fact("payment_terms", "15% mobilisation fee at signature; further invoices at milestones, payable net 45 days",
           "a 15% mobilisation fee is invoiced at signature")
    d.p("Cancellation: a GMP slot cancelled or postponed less than 180 days before start is charged at 40% of the "
        "batch price; less than 90 days, 100%.")
    d.fact("cancellation_terms", "Slot cancelled or postponed <180 days before start: 40% of batch price; <90 days: 100%",
           "a GMP slot cancelled or postponed less than 180 days before start is charged at 40% of the batch price")
    d.p("Assumptions: Calloway provides the master cell bank and reference standard; the process runs at a titer "
        "of at least 2.5 g/L; prices are in 2026 US dollars and subject to annual escalation of 3% from January "
        "2027.")
    d.item("assumptions", "Calloway provides the master cell bank and reference standard",
           "Calloway provides the master cell bank and reference standard")
    d.item("assumptions", "Titer of at least 2.5 g/L", "the process runs at a titer of at least 2.5 g/L")
    d.item("assumptions", "Prices in 2026 US dollars, annual escalation of 3% from January 2027",
           "prices are in 2026 US dollars and subject to annual escalation of 3% from January 2027")

    d.new_page()
    d.h1("6. Quality and regulatory")
    d.p("The most recent FDA inspection of Worcester was completed on March 14, 2025 and was classified NAI; no "
        "Form 483 was issued. The previous inspection, in 2022, was classified VAI with four observations.")
    d.fact("last_fda_inspection_date", "2025-03-14", "The most recent FDA inspection of Worcester was completed on March 14, 2025")
    d.fact("last_fda_inspection_outcome", "NAI", "was classified NAI; no Form 483 was issued")
    d.fact("fda_483_observations", 0, "no Form 483 was issued")
    d.p("Worcester has received no warning letters in the past five years; the last warning letter to Granite "
        "Peak was issued in 2017 to the former Lowell plant.")
    d.fact("warning_letters_5y", 0, "Worcester has received no warning letters in the past five years")
    d.p("Products manufactured at Worcester are approved by the FDA and the EMA. The site also holds a Health "
        "Canada Drug Establishment Licence and was inspected by the PMDA in 2023 in support of a partner's "
        "filing that is still under review.")
    d.fact("regulatory_approvals", ["FDA", "EMA"], "Products manufactured at Worcester are approved by the FDA and the EMA.")

    d.new_page()
    d.h1("7. Project management and supply chain")
    d.p("Calloway will have a dedicated project manager, supported by a technical lead and a quality lead. "
        "Progress reports are issued biweekly; quarterly business reviews involve both companies' executive "
        "sponsors.")
    d.fact("dedicated_project_manager", True, "Calloway will have a dedicated project manager")
    d.fact("reporting_cadence", "biweekly", "Progress reports are issued biweekly")
    d.p("Electronic batch records are in use in the single-use train, where CT-201 will be made; the stainless "
        "steel train will migrate from paper records in 2027. All critical raw materials are dual sourced.")
    d.fact("electronic_batch_records", True, "Electronic batch records are in use in the single-use train")
    d.fact("dual_sourcing_critical_materials", True, "All critical raw materials are dual sourced.")

    d.new_page()
    d.h1("Appendix A \u2013 Reference programs")
    d.table([["Client (anonymized)", "Program", "Tech transfer", "First GMP batch", "Program value"],
             ["Client A", "Phase 2 mAb", "9 months", "46 weeks after PO", "USD 12.4 million"],
             ["Client B", "Phase 1 bispecific", "16 weeks", "30 weeks after PO", "USD 5.1 million"],
             ["Client C", "Commercial mAb", "20 weeks", "38 weeks after PO", "USD 48 million"]],
            widths=[100, 100, 80, 100, 90])
    d.p("References are available on request once a confidentiality agreement is in place.", "small")

    d.new_page()
    d.h1("Appendix B \u2013 Signatures")
    d.p("This response is submitted by the undersigned on behalf of Granite Peak Biomanufacturing, Inc.")
    d.space(24)
    d.p("Laura Chen, Chief Commercial Officer \u2013 February 27, 2026<br/>"
        "Daniel Okafor, Site Head, Worcester \u2013 February 27, 2026")
    return d


def fx11_negations():
    """Many capabilities explicitly denied; booleans false, zero counts, empty approvals list."""
    d = Proposal("11_harborview_negations", "negations", pagesize=A4, size=10, margins=(64, 64, 72, 64),
                 accent=colors.HexColor("#2e7d32"),
                 header=header(left="Harborview Biologics Ltd.", right="Proposal HB-26-019"),
                 footer=footer(center="Page {page} of {total}"))
    d.p("Proposal HB-26-019: Clinical Drug Substance for CT-330", "title")
    d.p("Harborview Biologics Ltd. \u00b7 Ringaskiddy, Co. Cork, Ireland \u00b7 10 March 2026", "subtitle")
    d.fact("cdmo_name", "Harborview Biologics Ltd.", "Harborview Biologics Ltd. \u00b7 Ringaskiddy")
    d.fact("proposal_date", "2026-03-10", "Ireland \u00b7 10 March 2026")
    d.h1("1. Who we are")
    d.p("Harborview manufactures monoclonal antibodies and recombinant proteins. We do not manufacture "
        "antibody-drug conjugates, vaccines or cell and gene therapies.")
    d.item("modalities", "monoclonal_antibody", "Harborview manufactures monoclonal antibodies and recombinant proteins.")
    d.item("modalities", "recombinant_protein")
    d.p("All work would be carried out at our facility in Cork, Ireland. We have completed seven monoclonal "
        "antibody programs to date. We do not yet manufacture any commercial products, and none of the products "
        "manufactured at Cork has yet been approved by the FDA or the EMA; all current programs are clinical.")
    d.fact("sites", ["Cork, Ireland"], "All work would be carried out at our facility in Cork, Ireland.")
    d.fact("similar_programs_count", 7, "We have completed seven monoclonal antibody programs to date.")
    d.fact("commercial_products_count", 0, "We do not yet manufacture any commercial products")
    d.fact("regulatory_approvals", [], "none of the products manufactured at Cork has yet been approved by the FDA or the EMA")
    d.p("This proposal is valid for 75 days.")
    d.fact("proposal_validity_days", 75, "This proposal is valid for 75 days.")
    d.h1("2. Scope")
    d.p("In scope: technology transfer, GMP manufacture of two drug substance batches, and QC release testing. "
        "Process development is not part of this proposal, and cell line development is not offered.")
    d.item("services_included", "tech_transfer", "In scope: technology transfer")
    d.item("services_included", "clinical_manufacturing", "GMP manufacture of two drug substance batches")
    d.item("services_included", "qc_release", "and QC release testing")
    d.p("This proposal does not include drug product, stability studies or shipping.")
    d.item("assumptions", "Drug product, stability studies and shipping not included",
           "This proposal does not include drug product, stability studies or shipping.")
    d.p("Pricing assumes that Calloway's process can be run without change in our 2,000 L single-use "
        "bioreactors.")
    d.item("assumptions", "Process runs without change in 2,000 L single-use bioreactors",
           "Pricing assumes that Calloway's process can be run without change")

    d.new_page()
    d.h1("3. Capabilities")
    d.p("We do not operate stainless steel bioreactors; all upstream processing is single-use, and the largest "
        "bioreactor is 2,000 L.")
    d.fact("bioreactor_type", "single_use", "all upstream processing is single-use")
    d.fact("max_bioreactor_volume_l", 2000.0, "the largest bioreactor is 2,000 L")
    d.p("Aseptic fill/finish is available at Cork but is excluded from this scope. We do not offer "
        "lyophilization.")
    d.fact("aseptic_fill_finish", True, "Aseptic fill/finish is available at Cork but is excluded from this scope.")
    d.fact("lyophilization", False, "We do not offer lyophilization.")
    d.p("We do not handle highly potent compounds and have no BSL-3 areas.")
    d.fact("high_containment", False, "We do not handle highly potent compounds and have no BSL-3 areas.")
    d.p("We do not use electronic batch records; all batch records are paper-based.")
    d.fact("electronic_batch_records", False, "We do not use electronic batch records")
    d.p("We do not currently dual source critical raw materials.")
    d.fact("dual_sourcing_critical_materials", False, "We do not currently dual source critical raw materials.")
    d.h1("4. Timeline")
    d.p("Technology transfer will take 10 weeks. The first GMP batch starts 26 weeks after the purchase order. "
        "The first available GMP slot is in January 2027; no slots are available in 2026.")
    d.fact("tech_transfer_weeks", 10.0, "Technology transfer will take 10 weeks.")
    d.fact("weeks_to_first_gmp_batch", 26.0, "The first GMP batch starts 26 weeks after the purchase order.")
    d.fact("first_available_gmp_slot", "2027-01-01", "The first available GMP slot is in January 2027")

    d.new_page()
    d.h1("5. Price and terms")
    d.p("Pricing is fee-for-service; we do not charge FTE rates.")
    d.fact("pricing_model", "fee_for_service", "Pricing is fee-for-service")
    d.table([["Item", "Price"],
             ["Technology transfer", "EUR 390,000"],
             ["GMP batch (per batch)", "EUR 1,050,000"],
             ["QC release testing (2 batches)", "EUR 450,000"],
             ["Total", "EUR 2,940,000"]], widths=[250, 150])
    d.fact("tech_transfer_fee", money(390000, "EUR"), "Technology transfer EUR 390,000")
    d.fact("gmp_batch_price", money(1050000, "EUR"), "GMP batch (per batch) EUR 1,050,000")
    d.fact("total_price", money(2940000, "EUR"), "Total EUR 2,940,000")
    d.p("Raw materials are passed through at cost with no markup.")
    d.fact("raw_material_markup_pct", 0.0, "Raw materials are passed through at cost with no markup.")
    d.p("No deposit is required; invoices are issued on completion of each milestone and are payable within 30 "
        "days.")
    d.fact("payment_terms", "No deposit; invoices on completion of each milestone, payable within 30 days",
           "No deposit is required; invoices are issued on completion of each milestone")
    d.p("There is no cancellation fee if a slot is cancelled more than six months ahead; within six months, 60% of "
        "the batch price is charged.")
    d.fact("cancellation_terms", "No fee if cancelled more than six months ahead; within six months, 60% of the batch price",
           "There is no cancellation fee if a slot is cancelled more than six months ahead")
    d.h1("6. Quality")
    d.p("The Cork site was inspected by the FDA in September 2025; no Form 483 was issued and the inspection was "
        "classified NAI. There have been no warning letters in the past five years.")
    d.fact("last_fda_inspection_date", "2025-09-01", "The Cork site was inspected by the FDA in September 2025")
    d.fact("fda_483_observations", 0, "no Form 483 was issued")
    d.fact("last_fda_inspection_outcome", "NAI", "the inspection was classified NAI")
    d.fact("warning_letters_5y", 0, "There have been no warning letters in the past five years.")
    d.h1("7. Project management")
    d.p("No dedicated project manager will be assigned; project management is provided by our shared project "
        "management office. Status calls are held every two weeks.")
    d.fact("dedicated_project_manager", False, "No dedicated project manager will be assigned")
    d.fact("reporting_cadence", "biweekly", "Status calls are held every two weeks.")
    return d


def fx12_mrna_lnp():
    """mRNA / LNP CDMO in Canada, CAD prices; IVT vessels are not bioreactors."""
    d = Proposal("12_vireo_mrna_lnp", "mrna-lnp", size=10, margins=(60, 60, 72, 60),
                 accent=colors.HexColor("#c2185b"),
                 header=header(left="VIREO RNA MANUFACTURING INC.", right="Proposal VR-2026-004 | 2026-01-28"),
                 footer=footer(left="Confidential \u2013 prepared for Calloway Therapeutics", right="{page}/{total}"))
    d.p("mRNA-LNP Clinical Manufacturing Proposal", "title")
    d.p("Program CT-M3 (mRNA vaccine candidate) \u2013 Proposal VR-2026-004, dated 2026-01-28", "subtitle")
    d.fact("proposal_date", "2026-01-28", "Proposal VR-2026-004, dated 2026-01-28")
    d.table([["Key facts", ""],
             ["Company", "Vireo RNA Manufacturing Inc."],
             ["Site", "Laval, Quebec, Canada"],
             ["Currency", "Canadian dollars (CAD)"],
             ["Validity", "60 days"],
             ["Pricing", "Fee-for-service"]], widths=[110, 250])
    d.fact("cdmo_name", "Vireo RNA Manufacturing Inc.", "Company Vireo RNA Manufacturing Inc.")
    d.fact("sites", ["Laval, Canada"], "Site Laval, Quebec, Canada")
    d.fact("proposal_validity_days", 60, "Validity 60 days")
    d.fact("pricing_model", "fee_for_service", "Pricing Fee-for-service")
    d.h1("Executive summary")
    d.p("Vireo manufactures mRNA vaccines and mRNA therapeutics formulated in lipid nanoparticles (LNP), from "
        "plasmid linearization through in vitro transcription (IVT), purification, LNP formulation and aseptic "
        "filling. We have completed 12 mRNA-LNP programs for clinical supply since 2020.")
    d.item("modalities", "mrna", "Vireo manufactures mRNA vaccines and mRNA therapeutics formulated in lipid nanoparticles")
    d.item("modalities", "vaccine")
    d.fact("similar_programs_count", 12, "We have completed 12 mRNA-LNP programs for clinical supply")
    d.p("For CT-M3 we propose:")
    d.bullets(["Technology transfer of your mRNA construct, IVT process and analytical methods",
               "LNP formulation process development and scale-up",
               "Analytical development for mRNA integrity, capping efficiency and encapsulation",
               "Two GMP batches of drug substance and drug product",
               "Aseptic filling into 2R vials",
               "QC release testing and a 12-month stability study"])
    d.item("services_included", "tech_transfer", "Technology transfer of your mRNA construct, IVT process and analytical methods")
    d.item("services_included", "process_development", "LNP formulation process development and scale-up")
    d.item("services_included", "analytical_development",
           "Analytical development for mRNA integrity, capping efficiency and encapsulation")
    d.item("services_included", "clinical_manufacturing", "Two GMP batches of drug substance and drug product")
    d.item("services_included", "fill_finish", "Aseptic filling into 2R vials")
    d.item("services_included", "qc_release", "QC release testing and a 12-month stability study")
    d.item("services_included", "stability")

    d.new_page()
    d.h1("Technology and equipment")
    d.p("IVT reactions are run in single-use vessels of up to 50 L; purification uses oligo-dT affinity and "
        "tangential flow filtration. LNPs are formed by impingement jet mixing at up to 10 L/min.")
    d.p("Aseptic filling into vials is performed on a robotic isolator line. We do not currently offer "
        "lyophilization of LNP drug product; all product is supplied frozen at -70 \u00b0C.")
    d.fact("aseptic_fill_finish", True, "Aseptic filling into vials is performed on a robotic isolator line.")
    d.fact("lyophilization", False, "We do not currently offer lyophilization of LNP drug product")
    d.p("Batch records are electronic and reviewed by exception.")
    d.fact("electronic_batch_records", True, "Batch records are electronic and reviewed by exception.")
    d.h1("Timeline")
    d.table([["Phase", "Duration"],
             ["Technology transfer", "6-8 weeks"],
             ["Process development", "10 weeks"],
             ["First GMP batch", "24 weeks after signature"],
             ["Earliest GMP slot", "August 2026"]], widths=[200, 200])
    d.fact("tech_transfer_weeks", 8.0, "Technology transfer 6-8 weeks")
    d.fact("process_development_weeks", 10.0, "Process development 10 weeks")
    d.fact("weeks_to_first_gmp_batch", 24.0, "First GMP batch 24 weeks after signature")
    d.fact("first_available_gmp_slot", "2026-08-01", "Earliest GMP slot August 2026")

    d.new_page()
    d.h1("Pricing (CAD)")
    d.table([["Work package", "CAD"],
             ["Technology transfer", "CAD 185,000"],
             ["LNP process development", "CAD 540,000"],
             ["Analytical development", "CAD 380,000"],
             ["GMP batch (DS + DP, per batch)", "CAD 690,000"],
             ["Fill/finish (2 lots)", "CAD 260,000"],
             ["QC release and 12-month stability", "CAD 370,000"],
             ["Total", "CAD 3,115,000"]], widths=[250, 150])
    d.fact("tech_transfer_fee", money(185000, "CAD"), "Technology transfer CAD 185,000")
    d.fact("gmp_batch_price", money(690000, "CAD"), "GMP batch (DS + DP, per batch) CAD 690,000")
    d.fact("total_price", money(3115000, "CAD"), "Total CAD 3,115,000")
    d.p("Materials (enzymes, nucleotides, lipids) are charged at cost plus a 20% procurement fee. Calloway "
        "supplies the linearized DNA template. Prices exclude cold-chain shipping.")
    d.fact("raw_material_markup_pct", 20.0, "charged at cost plus a 20% procurement fee")
    d.item("assumptions", "Calloway supplies the linearized DNA template", "Calloway supplies the linearized DNA template.")
    d.item("assumptions", "Prices exclude cold-chain shipping", "Prices exclude cold-chain shipping.")
    d.p("Payment: 50% at order, 50% at release of the first GMP batch; invoices net 30.")
    d.fact("payment_terms", "50% at order, 50% at release of the first GMP batch; invoices net 30",
           "Payment: 50% at order, 50% at release of the first GMP batch; invoices net 30.")
    d.h1("Quality")
    d.p("The FDA conducted a pre-license inspection of Laval in July 2023 (NAI, no observations). Health Canada "
        "inspects the site every year. Products manufactured at Laval are approved by Health Canada and the FDA; "
        "one commercial product is currently supplied from the site.")
    d.fact("last_fda_inspection_date", "2023-07-01", "The FDA conducted a pre-license inspection of Laval in July 2023")
    d.fact("last_fda_inspection_outcome", "NAI", "(NAI, no observations)")
    d.fact("fda_483_observations", 0, "(NAI, no observations)")
    d.fact("regulatory_approvals", ["Health Canada", "FDA"], "approved by Health Canada and the FDA")
    d.fact("commercial_products_count", 1, "one commercial product is currently supplied from the site")

    d.new_page()
    d.h1("Governance")
    d.p("A dedicated project manager and a scientific lead are assigned to CT-M3. A weekly status meeting "
        "reviews progress, risks and decisions; minutes are circulated within two business days.")
    d.fact("dedicated_project_manager", True, "A dedicated project manager and a scientific lead are assigned to CT-M3.")
    d.fact("reporting_cadence", "weekly", "A weekly status meeting reviews progress")
    d.p("We look forward to working with Calloway Therapeutics on CT-M3.")
    d.p("Marc-Andr\u00e9 Tremblay, VP Business Development, Vireo RNA Manufacturing Inc.")
    return d


def fx13_peptide_oligo():
    """UK peptide/oligo API maker; GBP; chemical reactors are not bioreactors; British spelling."""
    d = Proposal("13_solent_peptide_oligo", "peptide-oligo-memo", pagesize=A4, size=10, margins=(62, 62, 70, 62),
                 accent=colors.HexColor("#0d47a1"),
                 header=header(left="Solent Peptides Ltd \u2013 Commercial in confidence", right="Ref. SP/Q/26/044"),
                 footer=footer(left="Registered in England and Wales No. 06621987", right="{page} of {total}"))
    d.p("Proposal: GMP manufacture of CT-P9 peptide API", "title")
    d.p("Southampton, 24 February 2026")
    d.fact("proposal_date", "2026-02-24", "Southampton, 24 February 2026")
    d.p("From: Solent Peptides Ltd, Ocean Quay, Southampton SO14 3JF, United Kingdom<br/>"
        "To: Calloway Therapeutics, Inc.")
    d.fact("cdmo_name", "Solent Peptides Ltd", "From: Solent Peptides Ltd, Ocean Quay, Southampton")
    d.fact("sites", ["Southampton, United Kingdom"], "Ocean Quay, Southampton SO14 3JF, United Kingdom")
    d.h1("About us")
    d.p("Solent manufactures synthetic peptides and oligonucleotides (siRNA and antisense) under GMP, from "
        "milligram research lots to multi-kilogram commercial campaigns. We have completed 23 GMP peptide "
        "programmes and produce five commercial APIs.")
    d.item("modalities", "peptide", "Solent manufactures synthetic peptides and oligonucleotides (siRNA and antisense) under GMP")
    d.item("modalities", "oligonucleotide")
    d.fact("similar_programs_count", 23, "We have completed 23 GMP peptide programmes")
    d.fact("commercial_products_count", 5, "produce five commercial APIs")
    d.h1("Proposed programme")
    d.bullets(["Transfer of your synthetic route and analytical methods",
               "Process development: optimisation of cleavage and purification",
               "Analytical method development and validation",
               "GMP manufacture of two API batches",
               "Lyophilisation of the purified peptide API",
               "QC release testing and ICH stability (24 months)",
               "Preparation of the IMPD drug substance section"])
    d.item("services_included", "tech_transfer", "Transfer of your synthetic route and analytical methods")
    d.item("services_included", "process_development", "Process development: optimisation of cleavage and purification")
    d.item("services_included", "analytical_development", "Analytical method development and validation")
    d.item("services_included", "clinical_manufacturing", "GMP manufacture of two API batches")
    d.item("services_included", "lyophilization", "Lyophilisation of the purified peptide API")
    d.item("services_included", "qc_release", "QC release testing and ICH stability (24 months)")
    d.item("services_included", "stability")
    d.item("services_included", "regulatory_support", "Preparation of the IMPD drug substance section")
    d.h1("Facilities")
    d.p("Solid-phase synthesisers up to 1.2 mol scale and glass-lined chemical reactors up to 2,500 L for cleavage "
        "and work-up. Preparative HPLC columns up to 30 cm diameter.")
    d.p("Peptide API is lyophilised in-house in two freeze-dryers (8 m\u00b2 and 20 m\u00b2). Potent peptides up "
        "to OEB 4 are handled in a contained suite with isolators. We do not perform aseptic filling of drug "
        "product.")
    d.fact("lyophilization", True, "Peptide API is lyophilised in-house in two freeze-dryers")
    d.fact("high_containment", True, "Potent peptides up to OEB 4 are handled in a contained suite with isolators.")
    d.fact("aseptic_fill_finish", False, "We do not perform aseptic filling of drug product.")

    d.new_page()
    d.h1("Timings")
    d.p("Technology transfer: 3 months. Process development: 14 weeks. First GMP batch: week 30 from order. "
        "Earliest GMP slot: H2 2026.")
    d.fact("tech_transfer_weeks", months_to_weeks(3), "Technology transfer: 3 months.")
    d.fact("process_development_weeks", 14.0, "Process development: 14 weeks.")
    d.fact("weeks_to_first_gmp_batch", 30.0, "First GMP batch: week 30 from order.")
    d.fact("first_available_gmp_slot", "2026-07-01", "Earliest GMP slot: H2 2026.")
    d.h1("Commercials")
    d.p("Fixed price for the programme: \u00a31.35M, comprising a technology transfer fee of \u00a395,000, "
        "development and analytics of \u00a3295,000, two GMP batches at \u00a3420,000 per GMP batch, and QC and "
        "stability of \u00a3120,000.")
    d.fact("pricing_model", "fixed_price", "Fixed price for the programme")
    d.fact("total_price", money(1350000, "GBP"), "Fixed price for the programme: \u00a31.35M")
    d.fact("tech_transfer_fee", money(95000, "GBP"), "a technology transfer fee of \u00a395,000")
    d.fact("gmp_batch_price", money(420000, "GBP"), "\u00a3420,000 per GMP batch")
    d.p("Materials at cost + 10%. Payment terms: 30 days from invoice; milestones as per Schedule 2. Cancellation "
        "within 8 weeks of a batch start: 100% of the batch price. This proposal is valid for 6 months.")
    d.fact("raw_material_markup_pct", 10.0, "Materials at cost + 10%.")
    d.fact("payment_terms", "30 days from invoice; milestones as per Schedule 2",
           "Payment terms: 30 days from invoice; milestones as per Schedule 2.")
    d.fact("cancellation_terms", "Cancellation within 8 weeks of a batch start: 100% of the batch price",
           "Cancellation within 8 weeks of a batch start: 100% of the batch price.")
    d.fact("proposal_validity_days", 180, "This proposal is valid for 6 months.")
    d.p("Assumptions: the route is transferred without change to the protecting-group strategy; overall yield of "
        "at least 18%.")
    d.item("assumptions", "Route transferred without change to the protecting-group strategy",
           "the route is transferred without change to the protecting-group strategy")
    d.item("assumptions", "Overall yield of at least 18%", "overall yield of at least 18%")
    d.h1("Regulatory and quality")
    d.p("The FDA last inspected Southampton in April 2022 (VAI, one observation). The MHRA inspected the site in "
        "2025. Peptide APIs made at Southampton are used in products approved by the MHRA, FDA and TGA. We have "
        "not received any warning letters.")
    d.fact("last_fda_inspection_date", "2022-04-01", "The FDA last inspected Southampton in April 2022")
    d.fact("last_fda_inspection_outcome", "VAI", "(VAI, one observation)")
    d.fact("fda_483_observations", 1, "(VAI, one observation)")
    d.fact("regulatory_approvals", ["MHRA", "FDA", "TGA"], "used in products approved by the MHRA, FDA and TGA")
    d.fact("warning_letters_5y", 0, "We have not received any warning letters.")
    d.h1("Working together")
    d.p("A named project manager (Dr Helen Price) will lead the programme; weekly progress reports. Key amino acid "
        "derivatives and resins are dual-sourced.")
    d.fact("dedicated_project_manager", True, "A named project manager (Dr Helen Price) will lead the programme")
    d.fact("reporting_cadence", "weekly", "weekly progress reports")
    d.fact("dual_sourcing_critical_materials", True, "Key amino acid derivatives and resins are dual-sourced.")
    return d


BOILERPLATE = [
    "Our quality management system is designed to ensure that every product we release meets its specifications "
    "and the expectations of patients, clients and regulators.",
    "We apply the principles of ICH Q8, Q9 and Q10 throughout development and manufacturing, with documented risk "
    "assessments at each stage gate.",
    "Training records are maintained electronically, and every operator is qualified on each procedure before "
    "performing it unsupervised.",
    "Change control, deviation management and CAPA processes are harmonized across all departments and reviewed "
    "monthly by senior management.",
    "Our people are our greatest asset, and we invest in continuous learning through an internal academy that "
    "offers more than 200 courses.",
    "Environmental monitoring of classified areas follows a risk-based sampling plan that is reviewed annually.",
    "Supplier qualification includes questionnaires, audits where appropriate, and periodic performance reviews.",
    "We are committed to transparent communication and believe that strong partnerships are built on trust, "
    "responsiveness and shared goals.",
    "Data integrity is ensured through validated computerized systems, audit trails and periodic review in line "
    "with ALCOA+ principles.",
    "Our sustainability program targets a reduction of water and energy consumption per batch year over year.",
    "Equipment is maintained under a preventive maintenance program managed in a computerized maintenance "
    "management system.",
    "Calibration of critical instruments is performed at defined intervals by qualified internal technicians or "
    "accredited contractors.",
    "Cleaning validation follows a worst-case product matrix approach and is re-assessed whenever a new product "
    "is introduced.",
    "Our information security policy is aligned with ISO/IEC 27001, and client data are segregated by project.",
    "Business continuity plans cover utilities, key suppliers, information technology and the availability of "
    "qualified staff.",
    "Internal audits are scheduled on a rolling basis so that each GMP area is audited at least once per year.",
    "We welcome client audits and person-in-plant visits, which are coordinated through the project manager.",
    "Annual product quality reviews are prepared for each commercial product and shared with the marketing "
    "authorization holder.",
    "Our corporate values of integrity, excellence, collaboration and care guide how we work with clients and "
    "with each other.",
    "Waste streams are segregated and treated in compliance with local environmental regulations.",
]


def _boiler(d, start, n_paras, per=3):
    """Deterministic boilerplate: n_paras paragraphs of ``per`` sentences, cycling through BOILERPLATE."""
    k = start
    for _ in range(n_paras):
        d.p(" ".join(BOILERPLATE[(k + i) % len(BOILERPLATE)] for i in range(per)))
        k += per


def fx14_vaccine_long():
    """20-page vaccine proposal, mostly boilerplate; facts scattered; validity conflict with the T&Cs."""
    d = Proposal("14_aurora_vaccine_long", "long-boilerplate", pagesize=A4, size=10, margins=(64, 64, 74, 64),
                 justify=True, accent=colors.HexColor("#e65100"),
                 header=header(left="Aurora Biologicals Pvt. Ltd.", right="Technical and Commercial Proposal ABP/2026/118",
                               rule=True),
                 footer=footer(left="\u00a9 2026 Aurora Biologicals Pvt. Ltd. All rights reserved.",
                               right="Page {page} of {total}"))
    # 1 cover
    d.space(120)
    d.p("Technical and Commercial Proposal", "title")
    d.p("Recombinant subunit vaccine CT-V5 \u2013 process transfer and clinical supply", "subtitle")
    d.space(30)
    d.p("Prepared for: Calloway Therapeutics, Inc.<br/>Prepared by: Aurora Biologicals Pvt. Ltd.<br/>"
        "Proposal number: ABP/2026/118<br/>Date: 5 March 2026")
    d.fact("cdmo_name", "Aurora Biologicals Pvt. Ltd.", "Prepared by: Aurora Biologicals Pvt. Ltd.")
    d.fact("proposal_date", "2026-03-05", "Date: 5 March 2026")
    # 2 cover letter
    d.new_page()
    d.p("Dear Dr. Marsh,")
    d.p("Thank you for inviting Aurora Biologicals to propose for the transfer and clinical manufacture of CT-V5. "
        "We have reviewed the request for proposal and the accompanying process description carefully, and we are "
        "confident that our vaccine facility in Pune, India, is well suited to the program.")
    d.fact("sites", ["Pune, India"], "our vaccine facility in Pune, India")
    d.p("This proposal is valid for 180 days from the date of issue.")
    d.conflict("proposal_validity_days", "This proposal is valid for 180 days from the date of issue.")
    _boiler(d, 7, 2)
    d.p("Yours sincerely,<br/>Dr. Anil Deshpande<br/>Director, Global Business Development")
    # 3 table of contents
    d.new_page()
    d.h1("Contents")
    toc = ["Executive summary", "Company history", "Mission, values and sustainability", "Facility overview",
           "Equipment list", "Quality management system", "Regulatory history", "Scope and approach", "Timeline",
           "Project management and governance", "Risk management", "Pricing", "Assumptions and exclusions",
           "General terms and conditions", "Confidentiality and data protection", "Glossary and signatures"]
    d.table([["Section", "Title", "Page"]] + [[str(i + 1), t, str(i + 4)] for i, t in enumerate(toc)],
            widths=[50, 300, 50])
    # 4 executive summary
    d.new_page()
    d.h1("1. Executive summary")
    d.p("Aurora Biologicals manufactures recombinant subunit vaccines, polysaccharide conjugate vaccines and "
        "therapeutic recombinant proteins for public-health and private clients in more than 60 countries.")
    d.item("modalities", "vaccine", "Aurora Biologicals manufactures recombinant subunit vaccines")
    d.item("modalities", "recombinant_protein", "therapeutic recombinant proteins")
    d.p("We propose to transfer the CT-V5 microbial process into our Pune facility, adapt it to our fermentation "
        "train, and manufacture three GMP batches of antigen and formulated, filled vaccine for Phase 1 and Phase 2 "
        "trials.")
    _boiler(d, 0, 3)
    # 5 company history
    d.new_page()
    d.h1("2. Company history")
    d.p("Aurora was founded in 1984 as a manufacturer of bacterial vaccines for the national immunization "
        "program. In 1997 we commissioned our first recombinant hepatitis B line, and in 2008 we opened the Pune "
        "campus, which today employs 2,300 people. Our registered office is in Mumbai.")
    d.p("Aurora now supplies 11 commercial vaccines from the Pune site, and has completed 17 recombinant subunit "
        "vaccine programmes for external clients.")
    d.fact("commercial_products_count", 11, "Aurora now supplies 11 commercial vaccines from the Pune site")
    d.fact("similar_programs_count", 17, "has completed 17 recombinant subunit vaccine programmes for external clients")
    _boiler(d, 4, 3)
    # 6 mission / ESG
    d.new_page()
    d.h1("3. Mission, values and sustainability")
    _boiler(d, 9, 4)
    d.p("In 2025 we reduced water use per batch by 14% and installed 3.2 MW of rooftop solar capacity.")
    # 7 facility overview
    d.new_page()
    d.h1("4. Facility overview")
    d.p("The Pune campus comprises a microbial fermentation block, a purification block, a formulation and filling "
        "block with two lyophilizers of 30 m\u00b2 each, QC laboratories and a BSL-3 facility for live attenuated "
        "viral vaccines.")
    d.fact("lyophilization", True, "two lyophilizers of 30 m\u00b2 each")
    d.fact("high_containment", True, "a BSL-3 facility for live attenuated viral vaccines")
    d.p("Aseptic filling is carried out on two isolator lines for single-dose and multi-dose vials.")
    d.fact("aseptic_fill_finish", True, "Aseptic filling is carried out on two isolator lines")
    _boiler(d, 13, 3)
    # 8 equipment list
    d.new_page()
    d.h1("5. Equipment list")
    d.table([["Area", "Equipment", "Capacity"],
             ["Fermentation", "Production fermenters (stainless steel)", "2 x 2 m\u00b3, 1 x 6 m\u00b3"],
             ["Fermentation", "Pilot fermenter (stainless steel)", "150 L"],
             ["Purification", "Chromatography skids", "3 trains"],
             ["Formulation", "Mixing vessels", "up to 2,000 L"],
             ["Filling", "Isolator vial lines", "2 lines, 24,000 vials/h"],
             ["Lyophilization", "Freeze-dryers", "2 x 30 m\u00b2"],
             ["QC", "HPLC, CE, ELISA, qPCR", "-"]], widths=[100, 220, 130])
    d.fact("max_bioreactor_volume_l", 6000.0, "Production fermenters (stainless steel) 2 x 2 m\u00b3, 1 x 6 m\u00b3")
    d.fact("bioreactor_type", "stainless_steel", "Production fermenters (stainless steel)")
    d.p("All fermenters are of stainless steel construction with clean-in-place and steam-in-place systems.")
    d.fact("bioreactor_type", quote="All fermenters are of stainless steel construction")
    _boiler(d, 2, 2)
    # 9 QMS
    d.new_page()
    d.h1("6. Quality management system")
    _boiler(d, 0, 3)
    d.p("Batch manufacturing in the fermentation and purification blocks is documented in electronic batch "
        "records (Syncade MES).")
    d.fact("electronic_batch_records", True, "documented in electronic batch records (Syncade MES)")
    _boiler(d, 11, 1)
    # 10 regulatory history
    d.new_page()
    d.h1("7. Regulatory history")
    d.p("Vaccines manufactured at Pune are approved by ANVISA, TGA and Health Canada, and several are "
        "WHO-prequalified. The site is licensed by the Central Drugs Standard Control Organisation.")
    d.fact("regulatory_approvals", ["ANVISA", "TGA", "Health Canada"], "approved by ANVISA, TGA and Health Canada")
    d.p("The US FDA inspected the Pune site in January 2024; the outcome was Official Action Indicated (OAI), with "
        "five Form 483 observations. A warning letter issued in June 2024 was closed out in 2025 after a "
        "follow-up inspection by a third-party auditor. No other warning letters have been received in the past "
        "five years.")
    d.fact("last_fda_inspection_date", "2024-01-01", "The US FDA inspected the Pune site in January 2024")
    d.fact("last_fda_inspection_outcome", "OAI", "Official Action Indicated (OAI)")
    d.fact("fda_483_observations", 5, "five Form 483 observations")
    d.fact("warning_letters_5y", 1, "A warning letter issued in June 2024 was closed out in 2025")
    d.fact("warning_letters_5y", quote="No other warning letters have been received in the past five years.")
    _boiler(d, 15, 2)
    # 11 scope
    d.new_page()
    d.h1("8. Scope and approach")
    d.p("The scope of this proposal comprises: (a) technology transfer of the CT-V5 fermentation and purification "
        "process; (b) process development to adapt the process to the 6 m\u00b3 fermenter; (c) manufacture of three "
        "GMP batches; (d) formulation and aseptic filling; (e) QC release testing; and (f) real-time stability "
        "studies for 24 months.")
    d.item("services_included", "tech_transfer", "(a) technology transfer of the CT-V5 fermentation and purification process")
    d.item("services_included", "process_development", "(b) process development to adapt the process to the 6 m\u00b3 fermenter")
    d.item("services_included", "clinical_manufacturing", "(c) manufacture of three GMP batches")
    d.item("services_included", "fill_finish", "(d) formulation and aseptic filling")
    d.item("services_included", "qc_release", "(e) QC release testing")
    d.item("services_included", "stability", "(f) real-time stability studies for 24 months")
    _boiler(d, 5, 3)
    # 12 timeline
    d.new_page()
    d.h1("9. Timeline")
    d.p("Technology transfer will be completed in twelve (12) weeks. Process development will take 20 weeks. The "
        "first GMP batch is expected approximately 15 months after contract signature.")
    d.fact("tech_transfer_weeks", 12.0, "Technology transfer will be completed in twelve (12) weeks.")
    d.fact("process_development_weeks", 20.0, "Process development will take 20 weeks.")
    d.fact("weeks_to_first_gmp_batch", months_to_weeks(15),
           "The first GMP batch is expected approximately 15 months after contract signature.")
    d.p("The first GMP slot available in the 6 m\u00b3 fermenter is in Q3 2027.")
    d.fact("first_available_gmp_slot", "2027-07-01", "The first GMP slot available in the 6 m\u00b3 fermenter is in Q3 2027.")
    _boiler(d, 17, 2)
    # 13 PM / governance
    d.new_page()
    d.h1("10. Project management and governance")
    d.p("A dedicated project manager will be appointed at contract signature and will remain the single point of "
        "contact. Monthly reports summarize progress, deviations, change controls and the updated schedule.")
    d.fact("dedicated_project_manager", True, "A dedicated project manager will be appointed at contract signature")
    d.fact("reporting_cadence", "monthly", "Monthly reports summarize progress")
    _boiler(d, 3, 3)
    # 14 risk management
    d.new_page()
    d.h1("11. Risk management")
    d.p("Critical raw materials are dual sourced, and safety stocks of six months are maintained for "
        "single-source items.")
    d.fact("dual_sourcing_critical_materials", True, "Critical raw materials are dual sourced")
    _boiler(d, 14, 3)
    # 15 pricing
    d.new_page()
    d.h1("12. Pricing")
    d.p("All prices are fixed prices in US dollars.")
    d.fact("pricing_model", "fixed_price", "All prices are fixed prices in US dollars.")
    d.table([["Item", "Price"],
             ["Technology transfer", "US$ 210,000"],
             ["Process development", "US$ 380,000"],
             ["GMP batch (antigen), per batch", "US$ 640,000"],
             ["Three GMP batches", "US$ 1,920,000"],
             ["Formulation and filling (3 lots)", "US$ 420,000"],
             ["QC release and 24-month stability", "US$ 550,000"],
             ["Total", "US$ 3,480,000"]], widths=[260, 160])
    d.fact("tech_transfer_fee", money(210000, "USD"), "Technology transfer US$ 210,000")
    d.fact("gmp_batch_price", money(640000, "USD"), "GMP batch (antigen), per batch US$ 640,000")
    d.fact("total_price", money(3480000, "USD"), "Total US$ 3,480,000")
    d.p("Raw materials are procured by Aurora and charged with a procurement fee of 7.5%.")
    d.fact("raw_material_markup_pct", 7.5, "charged with a procurement fee of 7.5%")
    # 16 assumptions
    d.new_page()
    d.h1("13. Assumptions and exclusions")
    d.bullets(["The client provides the master cell bank and the reference standard.",
               "Adjuvant (aluminium hydroxide) is procured by Aurora from approved suppliers.",
               "Clinical labelling, packaging and distribution are excluded.",
               "Import licences for the cell bank are obtained by Aurora with the client's support."])
    d.item("assumptions", "Client provides the master cell bank and the reference standard",
           "The client provides the master cell bank and the reference standard.")
    d.item("assumptions", "Clinical labelling, packaging and distribution are excluded",
           "Clinical labelling, packaging and distribution are excluded.")
    d.item("assumptions", "Import licences for the cell bank obtained by Aurora with client support",
           "Import licences for the cell bank are obtained by Aurora with the client's support.")
    d.item("assumptions", "Adjuvant procured by Aurora from approved suppliers",
           "Adjuvant (aluminium hydroxide) is procured by Aurora from approved suppliers.")
    _boiler(d, 8, 2)
    # 17 T&C part 1
    d.new_page()
    d.h1("14. General terms and conditions")
    d.p("14.1 Quotations are valid for 30 days from issue.")
    d.conflict("proposal_validity_days", "14.1 Quotations are valid for 30 days from issue.")
    d.p("14.2 Payment is due within 60 days of invoice; an advance of 20% is payable with the purchase order.")
    d.fact("payment_terms", "Due within 60 days of invoice; 20% advance with the purchase order",
           "14.2 Payment is due within 60 days of invoice; an advance of 20% is payable with the purchase order.")
    d.p("14.3 Prices are exclusive of taxes, duties and levies, which will be charged at the applicable rates.")
    d.p("14.4 Delivery terms are FCA Pune (Incoterms 2020) unless agreed otherwise in writing.")
    d.p("14.5 Title and risk pass to the client upon delivery in accordance with the agreed Incoterm.")
    d.p("14.6 Each party shall maintain adequate insurance covering its obligations under the agreement.")
    d.p("14.7 Neither party shall be liable for indirect or consequential losses, and each party's aggregate "
        "liability is limited to the fees paid under the relevant work order.")
    # 18 T&C part 2
    d.new_page()
    d.p("14.8 If the client cancels a scheduled batch less than 90 days before its start, 100% of the batch price "
        "is payable; between 90 and 180 days, 50% is payable.")
    d.fact("cancellation_terms", "Cancellation <90 days before start: 100% of batch price; 90-180 days: 50%",
           "14.8 If the client cancels a scheduled batch less than 90 days before its start, 100% of the batch "
           "price is payable")
    d.p("14.9 Force majeure events suspend the affected obligations for the duration of the event.")
    d.p("14.10 The agreement is governed by the laws of India, and disputes are referred to arbitration in "
        "Mumbai under the Arbitration and Conciliation Act, 1996.")
    d.p("14.11 Intellectual property in the client's process remains with the client; improvements of general "
        "application made by Aurora remain with Aurora.")
    _boiler(d, 1, 2)
    # 19 confidentiality
    d.new_page()
    d.h1("15. Confidentiality and data protection")
    d.p("This proposal and all information exchanged are subject to the mutual confidentiality agreement dated "
        "10 December 2025. Personal data are processed in accordance with the Digital Personal Data Protection "
        "Act, 2023.")
    _boiler(d, 12, 3)
    # 20 glossary + signatures
    d.new_page()
    d.h1("16. Glossary and signatures")
    d.table([["Term", "Meaning"],
             ["NAI", "No Action Indicated (FDA inspection classification)"],
             ["VAI", "Voluntary Action Indicated"],
             ["OAI", "Official Action Indicated"],
             ["BSL-3", "Biosafety level 3"],
             ["MES", "Manufacturing execution system"],
             ["WHO PQ", "World Health Organization prequalification"]], widths=[80, 360])
    d.space(16)
    d.p("For Aurora Biologicals Pvt. Ltd.: Dr. Anil Deshpande, Director, Global Business Development; "
        "Ms. Meera Kulkarni, Head of Quality Assurance.")
    return d


def fx15_slide_deck():
    """Landscape slide deck exported to PDF: terse fragments, abbreviations, 'M+9' timing."""
    W, H = landscape(letter)

    def slide_deco(c, page, total, W_, H_):
        c.setFillColor(colors.HexColor("#0a2a66"))
        c.rect(0, H_ - 22, W_, 22, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont("Helvetica-Bold", 9)
        c.drawString(30, H_ - 15, "HANBIT BIOLOGICS")
        c.setFillColor(colors.HexColor("#777777"))
        c.setFont("Helvetica", 8)
        c.drawRightString(W_ - 30, 16, f"{page}")
        c.drawString(30, 16, "Hanbit Biologics Co., Ltd. | Confidential | For Calloway Therapeutics only")

    d = Proposal("15_hanbit_slide_deck", "slide-deck", pagesize=(W, H), size=16, leading=22,
                 margins=(60, 60, 56, 50), header=slide_deco, accent=colors.HexColor("#0a2a66"))
    big = d.style_("big", fontName="Helvetica-Bold", fontSize=30, leading=36, textColor=colors.HexColor("#0a2a66"))
    sub = d.style_("sub", fontSize=18, leading=24)
    ttl = d.style_("ttl", fontName="Helvetica-Bold", fontSize=24, leading=30, spaceAfter=16,
                   textColor=colors.HexColor("#0a2a66"))

    def slide(title):
        if d.pages[-1]:
            d.new_page()
        d.p(title, ttl)

    d.space(90)
    d.p("CT-201 CDMO Proposal", big)
    d.p("Hanbit Biologics Co., Ltd. | Incheon, Korea", sub)
    d.p("2026.03.20 | Valid: 90 days", sub)
    d.fact("cdmo_name", "Hanbit Biologics Co., Ltd.", "Hanbit Biologics Co., Ltd. | Incheon, Korea")
    d.fact("proposal_date", "2026-03-20", "2026.03.20")
    d.fact("proposal_validity_days", 90, "Valid: 90 days")

    slide("Agenda")
    d.bullets(["About Hanbit", "Capacity", "Scope & timeline", "Pricing", "Quality", "Governance"])

    slide("About Hanbit")
    d.bullets(["Est. 2011 | 1,900 employees",
               "Modalities: mAbs, Fc-fusion &amp; other recombinant proteins",
               "Commercial products: 8",
               "mAb programs completed: 45",
               "All work at Songdo campus, Incheon, Korea"])
    d.item("modalities", "monoclonal_antibody", "Modalities: mAbs, Fc-fusion & other recombinant proteins")
    d.item("modalities", "recombinant_protein")
    d.fact("commercial_products_count", 8, "Commercial products: 8")
    d.fact("similar_programs_count", 45, "mAb programs completed: 45")
    d.fact("sites", ["Incheon, South Korea"], "All work at Songdo campus, Incheon, Korea")

    slide("Capacity")
    d.bullets(["Total capacity: 180,000L",
               "Largest bioreactor: 15,000L (SS)",
               "Single-use: 2 x 2,000L + 4 x 500L",
               "DP: vials &amp; PFS (aseptic)",
               "Lyophilization: Yes (2 x 30 m\u00b2)",
               "MES / eBR: fully electronic"])
    d.fact("max_bioreactor_volume_l", 15000.0, "Largest bioreactor: 15,000L (SS)")
    d.fact("bioreactor_type", "both", "Largest bioreactor: 15,000L (SS)")
    d.fact("bioreactor_type", quote="Single-use: 2 x 2,000L + 4 x 500L")
    d.fact("aseptic_fill_finish", True, "DP: vials & PFS (aseptic)")
    d.fact("lyophilization", True, "Lyophilization: Yes")
    d.fact("electronic_batch_records", True, "MES / eBR: fully electronic")

    slide("Scope for CT-201")
    d.bullets(["Process development (USP/DSP)", "Tech transfer", "GMP DS: 2 batches @ 2,000L SUB",
               "DP fill (vials)", "Release &amp; stability"])
    d.item("services_included", "process_development", "Process development (USP/DSP)")
    d.item("services_included", "tech_transfer", "Tech transfer")
    d.item("services_included", "clinical_manufacturing", "GMP DS: 2 batches @ 2,000L SUB")
    d.item("services_included", "fill_finish", "DP fill (vials)")
    d.item("services_included", "qc_release", "Release & stability")
    d.item("services_included", "stability")
    d.p("Assumptions: titer &gt;= 3 g/L; client-supplied MCB", "small")
    d.item("assumptions", "Titer >= 3 g/L", "Assumptions: titer >= 3 g/L")
    d.item("assumptions", "Client-supplied MCB", "client-supplied MCB")

    slide("Timeline (M = months after contract)")
    d.table([["Activity", "Timing"],
             ["PD", "4-6 months"],
             ["TT", "10 wks"],
             ["1st GMP batch", "M+9"],
             ["Earliest DS slot", "2026 Q4"]], widths=[260, 260], font_size=15)
    d.fact("process_development_weeks", months_to_weeks(6), "PD 4-6 months")
    d.fact("tech_transfer_weeks", 10.0, "TT 10 wks")
    d.fact("weeks_to_first_gmp_batch", months_to_weeks(9), "1st GMP batch M+9")
    d.fact("weeks_to_first_gmp_batch", quote="Timeline (M = months after contract)")
    d.fact("first_available_gmp_slot", "2026-10-01", "Earliest DS slot 2026 Q4")

    slide("Pricing")
    d.bullets(["Model: hybrid (fixed price GMP + T&amp;M for PD)",
               "TT: USD 0.4M", "GMP batch: USD 1.75M / batch", "Total: USD 8.9M",
               "Materials: cost + 12%"])
    d.fact("pricing_model", "hybrid", "Model: hybrid (fixed price GMP + T&M for PD)")
    d.fact("tech_transfer_fee", money(400000, "USD"), "TT: USD 0.4M")
    d.fact("gmp_batch_price", money(1750000, "USD"), "GMP batch: USD 1.75M / batch")
    d.fact("total_price", money(8900000, "USD"), "Total: USD 8.9M")
    d.fact("raw_material_markup_pct", 12.0, "Materials: cost + 12%")

    slide("Quality")
    d.bullets(["FDA PAI 2025.06: NAI, 0 x 483",
               "Warning letters: none (since establishment in 2011)",
               "Approvals: FDA, EMA, PMDA, MFDS",
               "EU GMP certificate (2024)"])
    d.fact("last_fda_inspection_date", "2025-06-01", "FDA PAI 2025.06")
    d.fact("last_fda_inspection_outcome", "NAI", "FDA PAI 2025.06: NAI")
    d.fact("fda_483_observations", 0, "NAI, 0 x 483")
    d.fact("warning_letters_5y", 0, "Warning letters: none (since establishment in 2011)")
    d.fact("regulatory_approvals", ["FDA", "EMA", "PMDA"], "Approvals: FDA, EMA, PMDA, MFDS")

    slide("Governance")
    d.bullets(["Dedicated PM + project leader", "Weekly TC", "Monthly steering committee", "Shared data room"])
    d.fact("dedicated_project_manager", True, "Dedicated PM + project leader")
    d.fact("reporting_cadence", "weekly", "Weekly TC")

    slide("Thank you")
    d.p("Contact: Ji-ho Park, Director BD | jiho.park@hanbitbio.example", sub)
    return d


FIXTURES = [fx01_formal_letter, fx02_table_heavy, fx03_questionnaire, fx04_two_column, fx05_budgetary_quote,
            fx06_cgt_sparse, fx07_adc_swiss, fx08_eu_eur, fx09_conflicts, fx10_distractors, fx11_negations,
            fx12_mrna_lnp, fx13_peptide_oligo, fx14_vaccine_long, fx15_slide_deck]


def main(argv):
    only = set(argv)
    built = []
    for fn in FIXTURES:
        prop = fn()
        if only and prop.stem not in only:
            continue
        path = prop.build()
        built.append(path)
        print(f"wrote {path.relative_to(HERE)} ({path.stat().st_size / 1024:.0f} KB, {len(prop.pages)} pages)")
    # remove stale outputs of fixtures that no longer exist
    if not only:
        stems = {p.stem for p in built}
        for d, ext in ((PDF_DIR, "pdf"), (GOLD_DIR, "json")):
            for f in d.glob(f"*.{ext}"):
                if f.stem not in stems:
                    f.unlink()
                    print(f"removed stale {f.relative_to(HERE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
