"""Briefs written as team chats, meeting minutes and half-filled forms: what they state is carried as facts, what
they leave open (a blank or TBD field, an open action) is asked, and their furniture (message headers, reactions,
the meeting's own date) is neither."""

from __future__ import annotations

import re

from rfp_assistant.jobs.drafting.brief import parse_brief_text
from rfp_assistant.jobs.drafting.brief_clauses import brief_clauses
from rfp_assistant.jobs.drafting.gaps import find_gaps

CHAT = """Teams - #acm-114-rfp - Tue 4 Mar 2025

Lena Vorhees  09:02
drafting the RFP for the cell therapy CDMO today

Lena Vorhees  09:03
ACM-114, autologous CAR-T, Phase 1. ~30 pts over 18 months

Piet Granholm  09:05
process = 12 days from apheresis receipt to cryo. expansion in a rocking bioreactor, no feeder cells
product goes back in a dry shipper
clinical sites: we get apheresis from 5-7 US sites

Lena Vorhees  09:09
capacity?

Piet Granholm  09:10
peak 3 lots / month. finance: target COGS under USD 80k per patient

Lena Vorhees  09:12
👍
"""

MINUTES = """# ACM-207 sourcing meeting - minutes

**Date:** 12 Feb 2025, 10:00-11:00 CET

## Scope
- DS and DP at one CDMO, 2 GMP lots at 500 L.

## Timeline
- Phase 2 FPI Q3 2026.

## Action items
| # | Action | Owner | Due |
|---|--------|-------|-----|
| 1 | Decide where residual DNA testing runs: at the CDMO or an outside lab | QA | 20 Feb |
| 2 | Confirm long-term storage temperature, pending stability data | CMC | 28 Feb |
| 3 | Issue RFP | Program lead | 15 Mar |
"""

FORM = """CDMO REQUEST FORM
Program: ACM-301 (tablet)
Phase: Phase 2
Dosage form: film-coated tablet
Batch size:
No. of batches: 2
Clinical supply needed by: TBD
Budget: EUR 900k
Analytical methods:
Comments: none
"""


def _texts(text: str) -> list[str]:
    return [c.text for c in brief_clauses(text)]


def test_chat_headers_and_reactions_are_not_clauses_and_each_line_stands_alone():
    clauses = _texts(CHAT)
    assert not any("Lena Vorhees" in c or "Piet Granholm" in c for c in clauses)
    assert not any(c.strip() in ("👍", "capacity?") for c in clauses)
    # A lower-case sentence after a full stop is its own clause; a new line in a message is not a wrapped line.
    assert "process = 12 days from apheresis receipt to cryo." in clauses
    assert "expansion in a rocking bioreactor, no feeder cells" in clauses
    assert "product goes back in a dry shipper" in clauses


def test_a_chat_date_is_when_it_was_written_and_counted_clinical_sites_are_not_a_site_preference():
    brief = parse_brief_text(CHAT)
    assert brief.timeline.value in (None, [])  # 'Tue 4 Mar 2025' is the chat's date, no milestone
    assert not brief.stated("location_preference")  # '5-7 US sites' are where apheresis comes from
    assert "location_preference" in [g.field for g in find_gaps(brief)]
    assert brief.value("markets") == ["US"]


def test_open_actions_in_minutes_are_asked_and_settled_ones_stay_facts():
    clauses = _texts(MINUTES)
    open_points = [c for c in clauses if c.startswith("[To be confirmed:")]
    assert len(open_points) == 2
    assert any("residual DNA testing" in c and "at the CDMO or an outside lab" in c for c in open_points)
    assert any("storage temperature" in c for c in open_points)
    assert any("Issue RFP" in c and not c.startswith("[") for c in clauses)
    brief = parse_brief_text(MINUTES)
    assert [t["date"] for t in brief.timeline.value] == ["Q3 2026"]  # the meeting's own date is no milestone
    # An open action states nothing: the stability question is still asked.
    assert "stability" in [g.field for g in find_gaps(brief)]


def test_blank_and_tbd_form_fields_are_open_points_not_facts():
    clauses = _texts(FORM)
    assert "[To be confirmed: Batch size]" in clauses
    assert "[To be confirmed: Clinical supply needed by]" in clauses
    assert "[To be confirmed: Analytical methods]" in clauses
    assert not any(c.endswith(": TBD") for c in clauses)
    assert "Budget: EUR 900k" in clauses and "No. of batches: 2" in clauses
    assert not any("Comments" in c and c.startswith("[") for c in clauses)  # a remark field is not an input


def test_a_list_lead_in_is_not_a_blank_field():
    clauses = _texts("Program: ACM-401\nMust-haves:\n- aseptic fill in an isolator\n- EU QP release\n")
    assert not any(c.startswith("[To be confirmed") for c in clauses)
    assert any("aseptic fill in an isolator" in c for c in clauses)


def test_clauses_go_where_their_kind_of_fact_belongs():
    from rfp_assistant.jobs.drafting.placement import place_clauses

    cost = "finance: target COGS under USD 80k per patient"
    turnaround = "release CoA within 10 working days of sample receipt"
    rfp = "Issue RFP (Owner: Program lead; Due: 15 Mar)"
    bags = "final product cryopreserved, 3 bags per patient"
    placed = place_clauses([cost, turnaround, rfp, bags])
    where = {c: [s for s, cs in placed.items() if c in cs] for c in (cost, turnaround, rfp, bags)}
    assert "commercial_terms" in where[cost]
    assert "timeline" in where[turnaround]
    assert "submission_instructions" in where[rfp]
    assert "technical_requirements" in where[bags]


CHAIN = """Hi Tom,

Correction to my note below: the budget is EUR 2.4M, and we need 4 GMP batches.

Best,
Ann

-----Original Message-----
From: Ann Weller
Sent: Monday, 3 November 2025 09:12
To: Tom Okafor
Subject: CDMO RFP - mAb DS

Phase 2 mAb, CHO, 2,000 L. We need 3 GMP batches by Q3 2027.
Budget EUR 2.1M.
"""


def test_a_reply_on_top_corrects_the_older_message_quoted_below_it():
    brief = parse_brief_text(CHAIN)
    assert brief.value("budget") == {"amount": 2_400_000.0, "currency": "EUR"}
    assert brief.value("batches") == 4
    said = "\n".join(brief.clauses)
    assert "2.1M" not in said and "3 GMP batches" not in said
    assert "2,000 L" in said and "Q3 2027" in said  # the older message's other facts stay
    assert not any("Original Message" in c or "Tom Okafor" in c for c in brief.clauses)


def test_quoted_reply_lines_are_read_without_their_quote_marks():
    brief = parse_brief_text("Agreed with all of it.\n\nOn Tue, 4 Nov 2025 at 10:02, Ann Weller wrote:\n"
                             "> Plan: 4 lots at 200 L, budget USD 3M.\n")
    assert any(c.startswith("Plan: 4 lots at 200 L") for c in brief.clauses)
    assert not any(c.startswith(">") or "wrote" in c for c in brief.clauses)
    assert brief.timeline.value in (None, [])  # the date the quoted mail was written is no milestone


def test_an_amount_with_its_currency_after_it_is_corrected_like_one_with_it_before():
    from rfp_assistant.jobs.drafting.corrections import corrected_text

    assert corrected_text("Budget ca. 1,8 Mio EUR, sorry, 2,1 Mio EUR.") == "Budget ca. 2,1 Mio EUR."
    assert corrected_text("Budget 500 kEUR... sorry 600 kEUR") == "Budget 600 kEUR"
    assert corrected_text("Budget: 1.8 M€\nUpdate: budget 2.0 M€").startswith("Budget: 2.0 M€")
    brief = parse_brief_text("Phase 1 peptide API. Budget 1,8 Mio EUR, sorry, 2,1 Mio EUR.")
    assert brief.value("budget") == {"amount": 2_100_000.0, "currency": "EUR"}


def test_the_amount_for_the_whole_work_is_the_budget_not_a_part_of_it():
    brief = parse_brief_text("Money: USD 500k for method transfer, routine testing GBP 20k per lot; "
                             "overall cap in our books is EUR 0.9M.")
    assert brief.value("budget") == {"amount": 900_000.0, "currency": "EUR"}
    assert parse_brief_text("Budget about $6M; tech transfer fee around $0.8M").value("budget") == \
        {"amount": 6_000_000.0, "currency": "USD"}


def test_nested_items_are_read_with_the_group_or_label_they_sit_under():
    clauses = _texts("- Drug substance\n  - Process: fed-batch, 2 x 2,000 L\n    - titer ~3 g/L\n"
                     "- Drug product\n  * liquid in 10R vials\n- Budget EUR 4M\n")
    assert "Process: titer ~3 g/L" in clauses
    assert "Drug product: liquid in 10R vials" in clauses
    assert "Budget EUR 4M" in clauses  # a top-level item after the groups stands on its own


def test_storage_conditions_do_not_answer_where_the_product_is_shipped():
    asked = [g.field for g in find_gaps(parse_brief_text("Phase 1 mAb, 2 GMP batches, vials stored at 2-8 °C."))]
    assert "shipping_destination" in asked and "storage_shipping" not in asked
    told = [g.field for g in find_gaps(parse_brief_text("Phase 1 mAb, 2 GMP batches, vials shipped to our depot."))]
    assert "shipping_destination" not in told


def test_who_attended_a_meeting_is_not_a_fact_of_the_program():
    clauses = _texts("# Sourcing meeting\n**Date:** 12 Feb 2025\n**Attendees:** Lena Vorhees (QA), Piet Granholm (CMC)\n"
                     "**Apologies:** Finance\n- 2 GMP lots at 500 L\n")
    assert clauses[-1] == "2 GMP lots at 500 L"
    assert not any("Vorhees" in c or "Apologies" in c or "12 Feb" in c for c in clauses)


def test_a_form_states_only_the_options_ticked():
    brief = parse_brief_text("Program: ACM-620\nPhase: [ ] Phase 1 [x] Phase 2\nDosage form: [ ] lyophilized vial "
                             "[x] liquid vial\nMarkets: ☒ US ☐ EU ☐ JP\nBudget: EUR 1.5M\nFill volume: [ ] 1 mL [ ] 2 mL\n"
                             "Batches: 3\n")
    assert brief.value("phase") == "Phase 2"
    assert brief.value("markets") == ["US"]
    said = "\n".join(brief.clauses)
    assert "lyophilized" not in said and "Phase 1" not in said and not re.search(r"\bEU\b|\bJP\b", said)
    assert "[To be confirmed: Fill volume]" in brief.clauses  # nothing ticked: the field is still open


def test_a_message_whose_lines_end_in_colons_is_read_as_a_message_not_as_yaml_fields(tmp_path):
    from rfp_assistant.jobs.drafting.brief import parse_brief

    brief = tmp_path / "brief.txt"
    brief.write_text(
        "From: Ines (CMC)  Tue 10:14\n"
        "Team — quick brief for the CDMO RFP on our IgG1 (ABC-12):\n"
        "- Phase 1, 2 GMP batches at 2,000 L\n"
        "- Budget ~ USD 7.5M incl. tech transfer, sorry: USD 8M after finance review\n"
        "- Batch size: TBD\n"
        "Action items: Confirm whether we need a QP in the EU\n", encoding="utf-8")
    parsed = parse_brief(brief)
    clauses = " ".join(parsed.clauses)
    assert "USD 8M" in clauses and "7.5" not in clauses  # the correction is applied, as in any text brief
    assert "From: Ines" not in clauses and "Batch size: TBD" not in clauses


def test_a_numbered_outline_reads_each_item_under_its_heading():
    outline = ("RFP BRIEF\n1. Scope requested\n1.1 Tech transfer of the coating process from our pilot line.\n"
               "1.2 Registration batches: 3 per strength.\n2. Proposal\n2.1 Due 30 Jan 2026, PDF, to rfp@example.com\n")
    clauses = _texts(outline)
    assert "Scope requested: Tech transfer of the coating process from our pilot line." in clauses
    assert "Proposal: Due 30 Jan 2026, PDF, to rfp@example.com" in clauses
    assert "Proposal" not in clauses and not any(c.startswith("2.1") for c in clauses)  # no bare heading, no number
    assert "2.5 L of buffer per run." in _texts("2.5 L of buffer per run.\n")  # a decimal figure is no outline number


def test_rows_pasted_from_a_spreadsheet_are_read_as_labelled_rows():
    sheet = ("Inputs from our tracker\nParameter\tValue\tComment\nPhase\tPhase 1\tFIH in 2026\n"
             "Batch size\t500 g\tper lot\nBudget\tEUR 2.5M\t\n")
    clauses = _texts(sheet)
    assert "Phase: Phase 1 (Comment: FIH in 2026)" in clauses and "Budget: EUR 2.5M" in clauses
    assert not any(c.startswith("Parameter") for c in clauses)  # the heading row names columns, it states nothing
    brief = parse_brief_text(sheet)
    assert brief.value("batch_size") == "500 g" and brief.value("budget")["amount"] == 2_500_000
