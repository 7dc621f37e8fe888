"""Write the readiness-eval fixture companies (deterministic).

Three fictional sponsors, each with 4-6 internal documents in mixed formats
(.md, .txt, .docx, .pdf). The gold statuses live next to them in gold.yaml
(hand-written, not generated) and the planted gaps are described in README.md.

    .venv/bin/python eval/readiness/generate_companies.py

Re-running produces byte-identical files: PDFs are written in reportlab's
invariant mode and DOCX archives get fixed timestamps and core properties.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

rl_config.invariant = 1  # no timestamps / random ids in the PDFs

HERE = Path(__file__).resolve().parent
OUT = HERE / "companies"
FIXED_TIME = _dt.datetime(2025, 11, 1, 9, 0, 0)

# --------------------------------------------------------------------------- writers
# A document body is a list of blocks: ("h1"|"h2"|"p"|"small", text), ("bullets", [..]),
# ("table", [header_row, row, ...], optional col widths in mm).


def write_text(path: Path, text: str) -> None:
    path.write_text(text.strip("\n") + "\n", encoding="utf-8")


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip (docx) with constant timestamps and order, for reproducible bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 11, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def write_docx(path: Path, blocks: list, author: str) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    cp = doc.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.revision = 1
    for block in blocks:
        kind = block[0]
        if kind == "h1":
            doc.add_heading(block[1], level=1)
        elif kind == "h2":
            doc.add_heading(block[1], level=2)
        elif kind in ("p", "small"):
            para = doc.add_paragraph(block[1])
            if kind == "small":
                for run in para.runs:
                    run.italic = True
        elif kind == "bullets":
            for item in block[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            rows = block[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph("")
        else:  # pragma: no cover - authoring error
            raise ValueError(kind)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_pdf(path: Path, blocks: list, title: str, author: str) -> None:
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8.5, leading=10.5)
    head = styles["BodyText"].clone("head", fontSize=8.5, leading=10.5, fontName="Helvetica-Bold")
    small = styles["BodyText"].clone("small", fontSize=8, textColor=colors.grey)
    story = []
    for block in blocks:
        kind = block[0]
        if kind == "h1":
            story.append(Paragraph(_esc(block[1]), styles["Title"]))
        elif kind == "h2":
            story.append(Paragraph(_esc(block[1]), styles["Heading2"]))
        elif kind == "p":
            story.append(Paragraph(_esc(block[1]), styles["BodyText"]))
        elif kind == "small":
            story.append(Paragraph(_esc(block[1]), small))
        elif kind == "bullets":
            for item in block[1]:
                story.append(Paragraph("- " + _esc(item), styles["BodyText"]))
        elif kind == "table":
            rows = block[1]
            widths = [w * mm for w in block[2]] if len(block) > 2 else None
            data = [[Paragraph(_esc(c), head if r == 0 else cell) for c in row] for r, row in enumerate(rows)]
            t = Table(data, colWidths=widths, repeatRows=1)
            t.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.94)),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(t)
            story.append(Spacer(1, 4 * mm))
        else:  # pragma: no cover
            raise ValueError(kind)
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, title=title, author=author,
        leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
    )
    doc.build(story)


# =========================================================================== Halvorsen Bio
# mAb biotech, well prepared in most areas. Gaps: no KPIs, no regulatory risks in the
# register, no governance/flexibility/communication model for the CDMO relationship,
# no scorecard or outreach roles, no internal change communication or resistance plan.

HALVORSEN_MEMO = """
# HB-217 — External manufacturing strategy (DRAFT v3)

**From:** Lars Vik, VP Technical Operations
**To:** HB-217 steering committee
**Date:** 22 Sep 2025
**Status:** for SC review on 14 Oct. Comments to Tomas by 10 Oct pls.

> HB-305 (discovery) is not covered here; see Ben's separate note.

## 1. Why we are outsourcing HB-217

The board approved the outsourcing route for HB-217 on 18 June 2025 (board minutes, item 4). It fits the corporate strategy of staying asset-light through Phase 2. Two reasons carried the decision:

- **Capex.** Our own 2 x 2,000 L GMP plant was costed at roughly USD 85M and 30+ months. That money goes to the clinic instead.
- **Speed.** An established CDMO should let us accelerate the Phase 2 start to Q4 2026, about a year earlier than a build would allow.

A build option for commercial supply may be looked at again after Phase 2 data (not before 2028).

## 2. What we have in-house vs. what we lack (gap analysis)

| Capability | In-house today | Comment |
|---|---|---|
| Upstream/downstream process development | Yes | Oslo PD lab, 2 L to 50 L |
| Pilot plant (non-GMP) | Yes, 200 L | tox material was made here in 2024 |
| GMP drug substance manufacturing | **No** | the main gap |
| Aseptic fill-finish | **No** | no fill line and no plan to build one |
| GMP QC release testing | Partly | methods exist, but we have no GMP QC lab |
| GMP stability storage | No | |
| Regulatory CMC writing | Yes | Samuel's group |

Bottom line: the CDMO has to fill three gaps: GMP drug substance manufacturing at 2,000 L, aseptic fill-finish of the liquid vial, and GMP release and stability testing.

## 3. Scope of work (proposed)

In scope:

1. Technology transfer of the DS process from the Oslo pilot plant (200 L) and scale-up to 2,000 L
2. One engineering run at 2,000 L
3. Three GMP DS batches at 2,000 L (Phase 2 clinical supply)
4. DP: aseptic fill of liquid 2R vials, ~8,000 vials per lot, 3 lots
5. Release testing and real-time stability (24 months) on all GMP lots

Out of scope: PPQ / process validation, commercial supply, cell banking (MCB and WCB already exist and are stored at our bank vendor), labelling and clinical distribution (our clinical supply vendor does this).

## 4. Location

Not decided. Lars would prefer a European site: proximity to the Oslo PD team makes person-in-plant during the transfer much easier. Dana prefers the US because most Phase 2 sites are American and cold chain shipping of DP would be simpler. Samuel has no strong view. To be decided at the November SC.

## 5. Technical requirements

- **Product.** HB-217 is a humanized IgG1 monoclonal antibody (anti-APRIL) for IgA nephropathy.
- **Platform.** CHO-K1 GS cell line, 14-day fed-batch, Protein A capture plus two polishing steps (CEX, AEX), low-pH viral inactivation, nanofiltration. Titer at 200 L: 3.4 g/L.
- **Stage.** Phase 2 (dose ranging, ~180 patients). Phase-appropriate expectations: analytical methods qualified (validation only before Phase 3), real-time stability on every GMP lot, and engineering run material used for stability and for the comparability exercise against our 200 L tox material.
- **Scale.** 2,000 L single-use bioreactors; three GMP batches give about 18 kg of DS, enough for Phase 2 plus a reserve. Demand forecast for Phase 3 and launch is 60-90 kg per year, so the CDMO should be able to scale up to 2 x 2,000 L or a 5,000 L train later (not part of this contract).
- **Special capabilities.** Aseptic fill is required. No high-containment needs. Lyophilization: formulation is still evaluating whether Phase 3 needs a lyophilized presentation; decision expected Q2 2026, so we want a CDMO that at least offers lyo.
- **CPPs.** From the 2024 characterization at 50 L, the upstream critical process parameters are pH (6.9-7.1), the temperature shift on day 5 (36.5 to 33.0 C), dissolved oxygen and feed volume. They drive afucosylation and charge variants (our main CQAs) plus aggregation. Downstream CPPs: TBD pending the DoE planned for Q1 2026.

## 6. Quality and regulatory

All manufacturing will be GMP. Ingrid Berg's QA team (3 FTE) will perform a qualification audit of each shortlisted site before award, negotiate the quality agreement, and after award review deviations, CAPA and batch records ahead of disposition. Samuel's group covers regulatory CMC.

Filings the CDMO material must support: an IND amendment with FDA for the Phase 2 protocol and a CTA in the EU (sites in Norway, Denmark and Germany).

## 7. Open points

- Budget: see budget v4 (Helen).
- Risk register v3 is a separate file.
- RFP draft: Tomas.
- The office move to Building C in November may change the Oslo delivery address; Dana to check.
"""

HALVORSEN_ROSTER = [
    ("h1", "HB-217 CDMO Program - Core Team Roster"),
    ("small", "Version 2 - 12 September 2025 - owner: Tomas Reyes. Internal use."),
    ("p", "This roster lists the people working on the selection of a CDMO for HB-217 and what each of them decides. "
          "It replaces the June list (Ben was missing, Julia was listed twice)."),
    ("table", [
        ["Name", "Function", "Role on program", "Decision authority"],
        ["Kari Halvorsen", "CEO", "Executive sponsor; chairs the steering committee",
         "Final approval of the CDMO selection; signs the MSA"],
        ["Lars Vik", "Technical Operations (CMC)", "CMC lead; accountable for the manufacturing strategy",
         "Approves technical scope and the shortlist"],
        ["Tomas Reyes", "Program Management",
         "Program Manager, External Manufacturing: dedicated, day-to-day owner of the CDMO interface",
         "Approves change orders up to USD 50k"],
        ["Dr. Mira Sand", "MSAT / Process Sciences",
         "Owns tech transfer: transfer package, process transfer, person-in-plant",
         "Signs off the transfer protocol"],
        ["Ingrid Berg", "Quality Assurance", "QA lead: audits, quality agreement, batch disposition",
         "Approves the quality agreement; veto on any site that fails audit"],
        ["Dr. Samuel Okafor", "Regulatory Affairs", "Regulatory CMC strategy; IND amendment and CTA",
         "Approves regulatory sections"],
        ["Dana Whitfield", "Supply Chain", "Logistics, cold chain, raw materials", "-"],
        ["Helen Duarte", "Finance & Procurement", "Budget owner; commercial negotiation",
         "Approves spend within budget; above USD 250k goes to the CEO"],
        ["Julia Marsh", "Legal", "CDAs, MSA, legal review of the quality agreement", "Approves contract terms"],
        ["Dr. Ben Aldous", "Research (R&D)", "Product knowledge; potency assay biology", "-"],
        ["Eirik Nilsen", "Analytical Development", "Analytical methods for transfer", "-"],
    ]),
    ("h2", "Escalation path"),
    ("p", "Issues go first to the program manager (Tomas), then to the VP Technical Operations (Lars), "
          "then to the steering committee chaired by Kari. Timelines for each step are TBD; a matching "
          "path will be agreed with the CDMO after selection."),
    ("h2", "Other notes"),
    ("bullets", [
        "Ben Aldous is on parental leave 3 Nov - 15 Dec; Eirik covers assay questions.",
        "Backup for Ingrid during audit weeks: open.",
        "Kari asked that this roster be reviewed every quarter.",
    ]),
]

HALVORSEN_BUDGET = """
HB-217 EXTERNAL MFG BUDGET  FY2026-27   (v4, 30-Sep-2025, owner: H. Duarte)
all figures USD k unless noted; "est" = point estimate used for the plan

#   Item                                        Est (USD k)  Basis / range seen
--  ------------------------------------------  -----------  ------------------------------------------
1   Tech transfer fee (DS + DP)                        450   RFI responses 300-600 (4 CDMOs)
2   Process dev / scale-up 200 L -> 2,000 L          1,100   HB-101 actuals (2021-22) + 12% inflation
3   Engineering run, 2,000 L                         1,350   RFI median
4   GMP DS batches x3 @ 1,600                        4,800   RFI range 1,300-1,900 per batch
5   DP aseptic fill, 3 lots                            690   Kestrel CMC Advisors benchmark
6   Release testing / QC                               420   RFI median
7   Stability, 24 mo, 3 lots                           310   HB-101 actuals
8   QA audits (2 qualification + 1 for-cause)           90   internal
9   Person-in-plant travel (Mira, Tomas)               120   internal, ~10 trips
10  Raw materials pass-through (resin, media)          900   RFI, incl. ~10% markup
    ----------------------------------------------------------
    TOTAL                                           10,230

NOT BUDGETED / OPEN
- Regulatory filing support from the CDMO (CMC sections for the IND amendment / CTA):
  not budgeted. Samuel thinks his team can write it; CDMO review time may still be billed.
- Change orders: no contingency yet. Every CDMO program we know of had change orders.
  Lars to propose a % for v5.
- CDMO project management fee: assumed to be included in the batch prices (check in RFP).

BASIS OF ESTIMATE
Benchmarked three ways: (a) actuals from HB-101, our 2021-22 mAb program at a US CDMO;
(b) RFI responses from 4 CDMOs received Aug 2025 (ranges above); (c) Kestrel CMC Advisors'
2025 benchmark report on mAb pricing. Where sources disagree we used the RFI median.

FUNDING
Cash runway per the Q3 CFO forecast: into Q2 2027. This plan spends through Q4 2027
(3rd GMP batch, stability pulls), so the last ~USD 3.1M falls after the runway and depends
on the next financing, which is not yet raised. Kari/Helen to take timing to the Dec board.

FX: the EU candidates quote in EUR, see risk R3.
"""

HALVORSEN_RISKS = [
    ("h1", "HB-217 CDMO Program - Risk Register v3"),
    ("small", "6 Oct 2025 - maintained by Tomas Reyes - supersedes v2 (July)"),
    ("p", "Scoring: likelihood (L) and impact (I) are each rated 1-5; score = L x I; 12 or more is red "
          "and needs a named mitigation owner. Risk review every 4 weeks at the program review."),
    ("table", [
        ["ID", "Risk", "Cat.", "L", "I", "Score", "Mitigation / control", "Owner"],
        ["R1", "CDMO price increase at contract renewal (more than 8% per year)", "Financial", "3", "3", "9",
         "Fixed price for batches 1-3; annual price cap clause in the MSA", "Helen Duarte"],
        ["R2", "Change orders during tech transfer exceed plan", "Financial", "4", "3", "12",
         "Detailed SOW; change-order log checked at each risk review", "Tomas Reyes"],
        ["R3", "EUR/USD exposure if an EU CDMO is selected", "Financial", "3", "2", "6",
         "Ask for USD pricing; otherwise treasury hedge", "Helen Duarte"],
        ["R4", "Tech transfer delay (scale-up 200 L to 2,000 L)", "Operational", "3", "4", "12",
         "Engineering run before GMP; Mira as person-in-plant for first runs", "Mira Sand"],
        ["R5", "We lose our Q3 2026 slot / capacity constraints at the CDMO", "Operational", "2", "5", "10",
         "Reserve slot with deposit; keep #2 on the shortlist warm as backup CDMO", "Lars Vik"],
        ["R6", "Protein A resin is single source: supply shortage", "Operational", "3", "4", "12",
         "Dual source (second resin qualified at 50 L); safety stock for 2 batches", "Dana Whitfield"],
        ["R7", "Batch failure (bioreactor contamination)", "Operational", "2", "5", "10",
         "Option for a 4th GMP batch in the contract as buffer", "Lars Vik"],
        ["R8", "Fire, flood or site shutdown at the CDMO", "Operational", "1", "5", "5",
         "Business continuity plan reviewed during the qualification audit", "Ingrid Berg"],
    ], [10, 42, 21, 6, 6, 13, 51, 25]),
    ("small", "Closed since v2: R0 (loss of the 200 L pilot suite during the office move) - move postponed."),
]

HALVORSEN_MINUTES = """
HB-217 STEERING COMMITTEE - MINUTES
14 Oct 2025, 14:00-15:30 CET, Oslo office + video
Present: K. Halvorsen (chair), L. Vik, T. Reyes (minutes), M. Sand, I. Berg, S. Okafor, H. Duarte, J. Marsh
Apologies: B. Aldous

1. OPENING
Kari repeated that getting HB-217 into a CDMO is the company's top priority for 2026.
She remains executive sponsor and will join the first CDMO site visits herself.

2. BUDGET v4
Helen walked through v4 (total USD 10.2M). Discussion on the missing change-order
contingency; no decision, back in Nov with Lars's proposal.

3. MARKET RESEARCH / LONG LIST
Tomas presented the long list of 14 CDMOs, built from (i) partnering meetings at BIO 2025,
(ii) recommendations from peers at two other mAb biotechs and (iii) Kestrel's CDMO database.
Split: 6 large integrated players, 8 mid-size specialists. Cut-off requirements: 2,000 L
single-use capacity, aseptic fill in-house, a Phase 2 mAb track record.
Result: shortlist of 5 (names in the team folder).

4. CDAs
Julia confirmed CDAs are signed with all 5 shortlisted CDMOs.

5. RFP
Tomas circulated RFP draft v0.3. Project scope and technical requirements are written;
quality requirements and timelines are drafted; evaluation criteria and commercial terms
are still TBD. Target send date: 15 Nov.

6. LOCATION
Carried over to November (see memo section 4).

7. AOB
- Lab move to Building C slips to 24 Nov.
- Holiday dinner 12 Dec, Julia organising.

ACTIONS
- Lars: change-order contingency proposal (Nov SC)
- Tomas: RFP v0.4 incl. commercial terms (7 Nov)
- Helen/Kari: financing timing (Dec board)
- Ingrid: audit plan for the 5 shortlisted sites (31 Oct)
"""

HALVORSEN_TT = """
# HB-217 tech transfer package - inventory

_owner: Mira Sand - last updated 8 Oct 2025 - living document, edit in place_

| # | Document | Owner | Status | Notes |
|---|---|---|---|---|
| 1 | Process description, DS (v2.1) | M. Sand | complete | includes process flow diagram |
| 2 | Pilot batch records, 200 L (6 runs) | M. Sand | complete | scanned; 2 still need English translation |
| 3 | Analytical methods (12): SEC, CEX, CE-SDS, N-glycan, potency ELISA, HCP, ... | E. Nilsen | in progress | 9 of 12 written as SOPs, 3 in draft |
| 4 | DS / DP release specifications | I. Berg / S. Okafor | in progress | draft v0.2, not approved |
| 5 | Historical batch data and development history | M. Sand | not started | not yet compiled; data sits in the ELN; target Q1 2026 |
| 6 | Raw material list / BOM | D. Whitfield | complete | |
| 7 | Cell bank certificates (MCB / WCB) | I. Berg | complete | |

Open question (Mira): do we send the full development report or a summary? Decide before the RFP goes out.

Reminder: the 50 L characterization report is on the shared drive under /PD/2024/char - do not move it.
"""


def halvorsen(d: Path) -> None:
    write_text(d / "outsourcing-strategy-memo.md", HALVORSEN_MEMO)
    write_docx(d / "team-roster.docx", HALVORSEN_ROSTER, author="Tomas Reyes")
    write_text(d / "cdmo-budget-fy26-27.txt", HALVORSEN_BUDGET)
    write_pdf(d / "risk-register-v3.pdf", HALVORSEN_RISKS, title="HB-217 Risk Register v3", author="Tomas Reyes")
    write_text(d / "steering-committee-minutes-2025-10-14.txt", HALVORSEN_MINUTES)
    write_text(d / "tt-package-inventory.md", HALVORSEN_TT)


# =========================================================================== Brightwater Cell Therapeutics
# Autologous CAR-T startup with big gaps: no QA/RA/PM in the team, a finance-only risk list
# with no scoring, a budget that is a guess, no tech-transfer package, no KPIs, no RFP,
# scorecard, governance or communication model. Strong points: rationale, location,
# confidentiality rules, modality and special capabilities, executive sponsor.

BRIGHTWATER_NOTES = """
# CDMO stuff - working notes (Dan + Maya)

last edit: Oct 2 2025 (Dan). pls don't forward outside the co.

## why CDMO

Board resolution at the Sept 9 board meeting: we outsource all GMP manufacturing rather than build our own suite. Reasons: conserve cash (a cleanroom build-out is $8-10M we don't have) and get to the clinic faster, target first patient dosed Q4 2026.
The board endorsed the CDMO engagement as the top priority for 2026 and named Dan executive sponsor.

## what we can't do ourselves

- no GMP cleanroom (our lab is research-grade only)
- no QC lab / release testing capability
- no lentiviral vector manufacturing - we buy research-grade vector today
- nobody on the team has run a GMP quality system

What we do have: the process itself (Maya's lab, 6 research-scale runs with healthy-donor cells), flow cytometry panels, and Raj's PD experience.

## what we'd ask the CDMO for

vector + CAR-T drug product. maybe release testing too?? and do they handle apheresis pickup or do we need our own courier? TBD
Maya thinks we should keep the potency assay in-house (?)

## where

Must be US, ideally East Coast within ~4 h courier of our six trial sites: vein-to-vein time matters and fresh apheresis material has a short shelf life. Nothing overseas.

## product / process (for vendor conversations)

- BWT-101: autologous CD19/CD22 bispecific CAR-T, r/r B-ALL
- lentiviral vector transduction, 9-day process on a closed automated system
- final product cryopreserved, stored and shipped in LN2 vapour phase
- chain of identity / chain of custody required end to end
- closed-system processing is a must (no open steps)
- Phase 1 FIH, 3+3 dose escalation; ~24 patient lots over 18 months
- commercial scale-out: not thought about yet

## confidentiality

CDAs signed with Cellora Bio and NorthPeak Cell Services (the two we met at ISCT). Rule: the CAR construct sequences and the vector map go out only after an MSA is signed, through the data room, need-to-know (Raj controls access).

## misc

- Maya is worried we lose control of the process once it leaves her lab. Two of the RAs are unhappy about it too (job security?).
- GMP everything obviously
- IND with FDA (CBER) planned Q4 2026
- patent continuation filed 8/28
"""

BRIGHTWATER_TEAM = """
BRIGHTWATER CELL THERAPEUTICS - TEAM & HIRING PLAN (Oct 2025)
prepared by Ellen Cho for the board pack

CURRENT TEAM (11 FTE + advisors)
Dan Okoro ............ CEO & co-founder
Dr. Maya Lindqvist ... CSO & co-founder (research / R&D)
Raj Patel ............ VP Process Development (CMC)
Ellen Cho ............ CFO, fractional (2 days/wk), finance
Research associates .. 5 (S. Grant, T. Huang, L. Moreau, K. Adeyemi, J. Ruiz)
Office manager ....... 1 (A. Kowalski)
Legal ................ outside counsel, Hartwell & Moss LLP (as needed)

HIRING PLAN - contingent on Series B
Role                              When       Status
Head of QA                        Q2 2026    to be hired; until then QA consultant TBD
Regulatory affairs (CMC)          2026       consultant, TBD
Project manager (CDMO program)    Q1 2026    TBD, Dan covering for now
Supply chain                      -          not planned before Phase 2
2 x research associates           Q3 2026    approved

ROLES
Small team, everyone wears many hats. A RACI for the CDMO program is TBD; Raj offered to
draft one when things calm down.

NOTES
- Advisory board: Dr. K. Mensah (CAR-T clinician), Dr. P. Ortiz (ex-CBER reviewer, 1 day/month)
- Lab expansion (bay 3) lease signed 15 Sep.
"""

BRIGHTWATER_BOARD = [
    ("h1", "Brightwater Cell Therapeutics - Board Update Q3 2025"),
    ("small", "Prepared by Dan Okoro and Ellen Cho, 7 Oct 2025. Confidential - board use only."),
    ("h2", "1. Highlights"),
    ("bullets", [
        "6th research-scale run: 48% transduction, 3.1e9 CAR+ cells - best so far.",
        "Patent continuation filed 28 Aug.",
        "Met two CDMOs at ISCT (see separate notes).",
    ]),
    ("h2", "2. Financials"),
    ("table", [
        ["Item", "Value", "Comment"],
        ["Cash at 30 Sep 2025", "$18.4M", ""],
        ["Monthly net burn (Q3 avg)", "$1.3M", "up from $1.1M (hiring)"],
        ["Runway", "~14 months (to about Nov 2026)", "at current burn"],
        ["Series B", "target $60M", "process to open Q1 2026"],
    ], [50, 55, 60]),
    ("p", "GMP manufacturing spend (vector and patient lots) is contingent on the Series B closing. "
          "Without it we can fund CDMO selection, but not GMP runs."),
    ("h2", "3. CDMO budget"),
    ("p", "CDMO budget: $4-6M for vector and ~24 patient lots (rough guess). Not yet itemized."),
    ("h2", "4. Milestones"),
    ("table", [
        ["Milestone", "Target", "Status"],
        ["Vector process lock", "Dec 2025", "on track"],
        ["CDMO selected", "Q1 2026", "not started"],
        ["Process transfer starts", "Q2 2026", "-"],
        ["IND submission (FDA)", "Q4 2026", "-"],
        ["First patient dosed", "Q4 2026 / Q1 2027", "-"],
    ], [60, 50, 55]),
    ("h2", "5. Asks of the board"),
    ("bullets", [
        "Approve kick-off of the Series B process.",
        "Approve the Head of QA hire for Q2 2026.",
    ]),
]

BRIGHTWATER_RISKS = [
    ("h1", "CDMO engagement - risk list (draft)"),
    ("small", "Ellen Cho, 29 Sep 2025. First pass from the finance side, for discussion."),
    ("table", [
        ["#", "Risk", "Notes", "Mitigation (ideas)", "Owner"],
        ["1", "CDMO price increases after we sign", "heard of 15-20% annual increases at cell therapy CDMOs",
         "push for a fixed price on the first 10 patient lots", "Ellen"],
        ["2", "Scope creep blows the budget", "common in cell therapy process transfers, per Raj", "TBD", "Raj"],
        ["3", "Series B slips and we can't pay for GMP runs (funding gap)", "see runway in board update",
         "stage the contract; milestone-based payments", "Dan"],
        ["4", "Currency: EUR pricing if a European vendor is chosen", "unlikely, we want a US site", "n/a", "Ellen"],
        ["5", "Cost overrun on vector (price per lot)", "no quotes yet", "ask both vendors for vector pricing early",
         "Raj"],
    ]),
    ("p", "Next: review with Dan before the board pack goes out."),
]

BRIGHTWATER_ISCT = """
ISCT 2025 - CDMO meetings (Raj's notes, typed up from phone)
New Orleans, May 2025

Cellora Bio (Philadelphia)
- 8 closed-system suites, 2 more in 2026
- vector: they partner out (not in-house) -> we'd need a separate vector CDMO??
- did ~12 autologous programs, 3 in Ph2
- contact: J. Abernathy, BD director
- seemed keen, quick to answer

NorthPeak Cell Services (Worcester, MA)
- LVV made in-house (200 L)
- fewer programs (5?) but strong QC
- contact: R. Singh
- asked about our timeline; said Q3 2026 slots are "filling up"

general impressions: both fine. didn't get to pricing.
next steps - ?
"""


def brightwater(d: Path) -> None:
    write_text(d / "founders-outsourcing-notes.md", BRIGHTWATER_NOTES)
    write_text(d / "team-and-hiring-plan.txt", BRIGHTWATER_TEAM)
    write_pdf(d / "board-update-q3-2025.pdf", BRIGHTWATER_BOARD, title="Board Update Q3 2025", author="Dan Okoro")
    write_docx(d / "risk-list-draft.docx", BRIGHTWATER_RISKS, author="Ellen Cho")
    write_text(d / "isct-2025-cdmo-meetings.txt", BRIGHTWATER_ISCT)


# =========================================================================== Korvath Pharmaceuticals
# ADC company (small-molecule payload + conjugation), mixed readiness. Strong on technical
# definition, scope, hidden costs, market research and the RFP; partial on roles, PM, QA
# oversight, risk scoring and governance; nothing on location, funding, escalation,
# flexibility, communication, confidentiality, tech-transfer package or change management.

KORVATH_PLAN = [
    ("h1", "KRV-330 ADC - CDMO Outsourcing Plan"),
    ("small", "Draft 0.7 - 20 Oct 2025 - S. Whitaker / P. Nair. Comments in track changes please."),
    ("h2", "1. Background"),
    ("p", "KRV-330 is an antibody-drug conjugate: a humanized anti-HER3 IgG1 carrying a topoisomerase-I "
          "inhibitor payload (KL-77) on a cleavable peptide linker, cysteine conjugation, target DAR 8. "
          "The mAb intermediate is already made for us by our existing antibody supplier under a separate "
          "contract. We are preparing GMP supply for the Phase 1 first-in-human study (IND target Q1 2027; "
          "an EU CTA may follow in 2028)."),
    ("h2", "2. What we do in-house and where we need a CDMO"),
    ("bullets", [
        "In-house: medicinal and process chemistry labs (non-GMP, up to ~100 g), analytical development, "
        "small-scale conjugation (5 g) for characterization.",
        "Gaps: we have no OEB 5 containment suite for GMP payload-linker synthesis, no GMP conjugation "
        "capability and no aseptic fill or lyophilization. These three gaps define the CDMO work.",
    ]),
    ("h2", "3. Why outsource"),
    ("p", "Outsourcing is the working assumption because it is faster than building: a contained kilo-lab "
          "would take 2+ years. The exec team is still debating whether to build a small HPAPI suite in 2027 "
          "for later phases, so this is not a final build-or-buy decision."),
    ("h2", "4. Scope of work"),
    ("table", [
        ["Workstream", "In scope for CDMO", "Quantity", "Notes"],
        ["Payload-linker (KL-77)", "GMP synthesis, OEB 5", "1.5 kg", "route v3 from our process chemistry"],
        ["Conjugation (DS)", "1 engineering run + 2 GMP batches", "~250 g ADC each",
         "engineering run material = tox lot"],
        ["Drug product", "aseptic fill + lyophilization, 20 mg vials", "~2,500 vials/lot", ""],
        ["Testing", "release testing, 6-month stability", "all GMP lots", ""],
        ["Out of scope", "mAb intermediate (stays with current supplier); labelling and clinical distribution",
         "", ""],
    ]),
    ("h2", "5. Technical requirements"),
    ("bullets", [
        "Containment: payload and payload-linker are highly potent (OEL below 0.1 ug/m3). OEB 5 handling is "
        "required for synthesis and conjugation.",
        "Drug product: aseptic filling and lyophilization are required (lyophilized 20 mg vial).",
        "Phase-appropriate approach: methods qualified, not validated, for Phase 1; 3-month stability data "
        "before FIH; full validation and PPQ only for later phases.",
        "Critical process parameters (conjugation): TCEP:mAb molar ratio, reduction temperature and time, "
        "payload-linker equivalents, pH. Linked CQAs: DAR distribution, free payload, aggregation. A DoE at "
        "5 g scale (2025) set proven acceptable ranges for all of them; see report KRV-CMC-014.",
    ]),
    ("h2", "6. Team and workstream owners"),
    ("table", [
        ["Workstream", "Owner", "Function", "Approvals"],
        ["Payload-linker", "Dr. Elena Petrova", "Chemistry (R&D)", "TBD"],
        ["Conjugation & DP", "Dr. Sam Whitaker", "CMC", "TBD"],
        ["Quality", "Dr. Henrik Vogel", "Quality Assurance", "TBD"],
        ["Regulatory", "Claire Dubois", "Regulatory Affairs", "TBD"],
        ["Supply chain & logistics", "Tom Becker", "Supply Chain", "TBD"],
        ["Procurement & contracts", "Aisha Rahman / Marcus Lee", "Procurement / Legal", "TBD"],
        ["Program management", "Priya Nair", "Alliance & Program Mgmt", "-"],
    ]),
    ("p", "Priya is interim project manager for the CDMO program (~30% of her time) until the PM role is "
          "backfilled (req open since Aug). Approval authority for selection and contract: approvals TBD, "
          "to be agreed at the SC."),
    ("h2", "7. Quality and regulatory framework"),
    ("p", "GMP framework: 21 CFR 210/211 for the US clinical supply; EU GMP Part II / ICH Q7 for the "
          "payload-linker as an intermediate; EU GMP Annex 1 for the sterile DP; ICH Q9 for risk management."),
    ("p", "QA oversight: Henrik's team (2 people) will review the CDMO's executed records and handle "
          "release/disposition. A CDMO audit program is not established yet and we have no auditor with "
          "HPAPI experience; Henrik to look for a contract auditor."),
    ("h2", "8. Working model with the CDMO"),
    ("p", "Sam wants a milestone-driven, stage-gated governance model with formal go/no-go reviews; Priya "
          "argues for a more collaborative, hands-on way of working given how new the conjugation chemistry "
          "is. Not decided; to be settled before the RFP goes out."),
]

KORVATH_BUDGET = """
KRV-330 CDMO budget - working notes (A. Rahman, procurement)   rev. 27-Oct-2025
(not yet reviewed by finance)

DIRECT
payload-linker GMP synthesis, 1.5 kg ........................ CHF 1.90M
conjugation: 1 eng run + 2 GMP batches ...................... USD 2.40M
DP aseptic fill + lyo, 3 lots ............................... USD 0.90M
release testing + 6-mo stability ............................ USD 0.45M
subtotal direct (USD, CHF @0.80) ............................ ~USD 6.1M

"HIDDEN" / easy to forget
tech transfer fees (payload site + conjugation site) ........ USD 350k
regulatory filing support (CDMO-authored CMC sections, IND) . USD 120k
person-in-plant travel (Sam/Elena, ~8 trips) ................ USD 80k
CDMO project management fee ................................. ~5% of direct, ~USD 300k
qualification audits x2 (incl. contract HPAPI auditor) ...... USD 60k
change-order contingency .................................... 15% of direct, ~USD 915k

basis: unit prices are from previous quotes (two, both 2023: payload-linker from one CDMO,
conjugation from another) -- probably stale given price rises since; no fresh quotes until the RFP is out.

FX: the payload-linker quote is in CHF -> currency risk (see register, F3)

todo: Tom asked whether moving DS to the DP site is in here. It isn't.
"""

KORVATH_MINUTES = [
    ("h1", "KRV-330 CMC Steering Committee - Minutes"),
    ("small", "3 Nov 2025, 10:00-11:30, Cambridge. Chair: S. Whitaker. Attendees: P. Nair (minutes), H. Vogel, "
              "C. Dubois, T. Becker, A. Rahman, E. Petrova, M. Lee."),
    ("h2", "1. CDMO long list"),
    ("p", "Priya presented 9 ADC-capable CDMOs, compiled from meetings at World ADC 2025 (San Diego), a "
          "landscape report by Bracken ADC Advisory (consultant) and recommendations from peers at two ADC "
          "biotechs. Grouped into 4 integrated players (payload-linker, conjugation and fill under one roof) "
          "and 5 specialists. The team leans towards an integrated provider to avoid moving DS between sites, "
          "but will send the RFP to both types."),
    ("h2", "2. RFP"),
    ("p", "Template v1 circulated by Priya on 30 Oct (see her email). Comments by 10 Nov. Claire to flesh out "
          "the regulatory expectations section."),
    ("h2", "3. Scorecard"),
    ("p", "Sam Whitaker will build the CDMO scorecard. Draft headings: technical fit (conjugation + OEB 5), "
          "quality history, cost, timeline, capacity. Weighting TBD."),
    ("h2", "4. Risk register"),
    ("p", "Probability ratings reviewed and agreed. Impact still not scored (see action)."),
    ("h2", "5. KPIs"),
    ("p", "Henrik: we should think about KPIs for the CDMO at some point. No action agreed."),
    ("h2", "6. AOB"),
    ("bullets", ["New LC-MS installed in lab 2.", "Parking permits: renew by 30 Nov."]),
    ("h2", "Actions"),
    ("table", [
        ["Action", "Owner", "Due"],
        ["Comments on RFP template v1", "all", "10 Nov"],
        ["Scorecard draft", "S. Whitaker", "24 Nov"],
        ["Options for a contract HPAPI auditor", "H. Vogel", "1 Dec"],
        ["Score impact for all risks", "P. Nair", "next SC"],
    ], [90, 40, 30]),
]

KORVATH_RISKS = """
# KRV-330 CDMO risk register (v0.4, P. Nair)

Scales: probability H/M/L. Note: impact TBD - to be scored at the next SC.

| ID | Risk | Type | Probability | Impact | Mitigation | Owner |
|---|---|---|---|---|---|---|
| F1 | CDMO price increases between the 2023 quotes and contract (inflation) | Financial | H | | Fixed price for GMP batches in the contract | A. Rahman |
| F2 | Change orders from conjugation process changes | Financial | M | | Mitigation TBD | S. Whitaker |
| F3 | CHF/USD currency exposure on the payload-linker | Financial | M | | Mitigation TBD | A. Rahman |
| O1 | Tech transfer delay of the conjugation process (new chemistry for the CDMO) | Operational | M | | Mitigation TBD | S. Whitaker |
| O2 | No conjugation slot in 2026: capacity constraints at ADC CDMOs | Operational | H | | Mitigation TBD | P. Nair |
| O3 | Linker intermediate is single-source (one supplier, Suzhou) | Operational | M | | qualify a second source | T. Becker |
| O4 | Batch failure: DAR out of range | Operational | L | | Mitigation TBD | S. Whitaker |
| R1 | Data integrity gaps at the payload-linker CDMO (paper records) | Regulatory | M | | Mitigation TBD | H. Vogel |

Other risks to add: TBD
"""

KORVATH_EMAIL = """
From: Priya Nair <p.nair@korvath-pharma.example>
To: KRV-330 CMC SC
Date: Thu, 30 Oct 2025 17:42 +0000
Subject: RFP template v1 for ADC CDMOs - comments by 10 Nov

Hi all,

Attached is v1 of the RFP template we'll send to the long list (after the cut). Outline:

  1. Project scope - payload-linker, conjugation, DP; quantities as in the outsourcing plan
  2. Technical requirements - OEB 5 handling, cysteine conjugation, lyophilized DP
  3. Quality standards and regulatory expectations - GMP framework, audit rights, quality agreement
  4. Timelines and deliverables - eng run Q3 2026, GMP batches Q4 2026, CoAs, executed records, campaign report
  5. Logistics - DS transfer to the DP site, storage, hand-off to the clinical depot
  6. Commercial terms - pricing model, payment milestones
  7. Evaluation criteria - how we'll score responses (ties to Sam's scorecard)

Outreach: I'll be the single point of contact for all CDMOs so they hear one voice; Sam leads
the technical calls and Henrik joins anything quality-related. Not sure yet how we log what
each CDMO tells us - ideas welcome.

Thanks,
Priya

--
Priya Nair | Senior Manager, Alliance & Program Management | Korvath Pharmaceuticals
Sent from my phone

> On 29 Oct 2025, Sam Whitaker wrote:
> Can we keep it under 15 pages? Last time vendors skipped half the questions.
"""


def korvath(d: Path) -> None:
    write_docx(d / "adc-outsourcing-plan.docx", KORVATH_PLAN, author="Sam Whitaker")
    write_text(d / "program-budget-notes.txt", KORVATH_BUDGET)
    write_pdf(d / "cmc-sc-minutes-2025-11-03.pdf", KORVATH_MINUTES, title="KRV-330 CMC SC Minutes", author="Priya Nair")
    write_text(d / "risk-register.md", KORVATH_RISKS)
    write_text(d / "email-rfp-template-v1.txt", KORVATH_EMAIL)


COMPANIES = {
    "halvorsen-bio": halvorsen,
    "brightwater-cell": brightwater,
    "korvath-pharma": korvath,
}

GENERATED = {  # documents each generator writes; anything else in the folder (gold.yaml) is kept
    "halvorsen-bio": ["outsourcing-strategy-memo.md", "team-roster.docx", "cdmo-budget-fy26-27.txt",
                      "risk-register-v3.pdf", "steering-committee-minutes-2025-10-14.txt", "tt-package-inventory.md"],
    "brightwater-cell": ["founders-outsourcing-notes.md", "team-and-hiring-plan.txt", "board-update-q3-2025.pdf",
                         "risk-list-draft.docx", "isct-2025-cdmo-meetings.txt"],
    "korvath-pharma": ["adc-outsourcing-plan.docx", "program-budget-notes.txt", "cmc-sc-minutes-2025-11-03.pdf",
                       "risk-register.md", "email-rfp-template-v1.txt"],
}


def main() -> None:
    for name, build in COMPANIES.items():
        d = OUT / name
        d.mkdir(parents=True, exist_ok=True)
        build(d)
        written = sorted(p.name for p in d.iterdir() if p.name != "gold.yaml")
        assert written == sorted(GENERATED[name]), (name, written)
        print(f"{name}: {len(written)} documents")


if __name__ == "__main__":
    main()
