"""How long this offer's plan takes: numbered schedule rows, careers that are no plan, a table against its prose."""

from __future__ import annotations

import io

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

MB = 1_000_000
NUMBERED = [["#", "Activity", "Start week", "Duration (weeks)", "End week"],
            ["1", "Kick-off and TT package review", "1", "2", "2"],
            ["2", "Technology transfer (process and methods)", "1", "12", "12"],
            ["3", "Process adaptation and scale-down confirmation (PD)", "6", "8", "13"],
            ["4", "Engineering run (non-GMP)", "20", "3", "22"],
            ["5", "GMP batch 1", "27", "3", "29"]]
WORK_PACKAGES = [["Activity", "Start week", "End week", "Duration"],
                 ["WP1 Process development", "1", "20", "20 weeks"],
                 ["WP2 Technology transfer", "13", "30", "18 weeks"],
                 ["WP3 GMP batch 1", "38", "41", "4 weeks"]]


def _fields(*parts):
    """The fields of a PDF proposal made of sentences (str), tables (lists of rows) and page breaks (None)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph("Acme Biologics GmbH, Offer AB-7 of 3 March 2026 to Example Pharma for EX-1.", style)]
    story += [PageBreak() if part is None else Paragraph(part, style) if isinstance(part, str) else Table(part)
              for part in parts]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    document = load_bytes(buffer.getvalue(), "acme.pdf", max_bytes=MB, layouts=True)
    return extract_offline(document).fields


def test_a_numbered_schedule_row_is_labelled_by_its_activity_not_by_its_item_number():
    fields = _fields("Plan. Weeks are counted from contract signature.", NUMBERED)
    assert fields["process_development_weeks"].value == 8  # "(PD)" labels the row; 3 is only its number
    assert fields["tech_transfer_weeks"].value == 12
    assert fields["weeks_to_first_gmp_batch"].value == 27


def test_a_persons_years_of_experience_are_not_the_plans_duration():
    fields = _fields("Process development: 20 weeks. Technology transfer: 14 weeks.", None,
                     "Key personnel. Process development lead: upstream process development, 11 years. "
                     "MSAT lead: tech transfer and scale-up, 12 years.")
    assert fields["process_development_weeks"].status == "stated"
    assert fields["process_development_weeks"].value == 20
    assert fields["tech_transfer_weeks"].value == 14


def test_a_schedule_row_and_a_sentence_on_the_same_page_giving_different_lengths_conflict():
    fields = _fields("Program timeline. All weeks are counted from the purchase order. Technology transfer will take "
                     "14 weeks, ending with approved master batch records.", WORK_PACKAGES)
    assert fields["tech_transfer_weeks"].status == "conflicting"
    assert sorted(fields["tech_transfer_weeks"].candidates) == [14, 18]
    assert fields["process_development_weeks"].value == 20  # the row and nothing else


def test_a_schedule_row_that_agrees_with_its_sentence_or_only_mentions_the_step_is_no_conflict():
    fields = _fields("Plan. The technology transfer runs over 12 weeks and overlaps with process adaptation.", NUMBERED)
    assert fields["tech_transfer_weeks"].status == "stated"  # "Kick-off and TT package review | 2" is kick-off's
    assert fields["tech_transfer_weeks"].value == 12


MILESTONES = [["Milestone", "Week (from PO)"],
              ["Kick-off meeting", "2"],
              ["Engineering run complete", "24"],
              ["GMP batch 1", "33"]]


def test_a_change_to_the_plan_is_not_its_length():
    fields = _fields("The first GMP batch is scheduled to start in week 38 after purchase order. If the sponsor accepts "
                     "the research process unchanged, we could move the first GMP batch forward by about six weeks.",
                     "Summary of terms. Technology transfer: 14 weeks. Appendix. Using your platform could make the "
                     "technology transfer 4 weeks shorter.")
    assert fields["weeks_to_first_gmp_batch"].status == "stated"
    assert fields["weeks_to_first_gmp_batch"].value == 38
    assert fields["tech_transfer_weeks"].value == 14


def test_the_plans_clock_and_other_activities_rows_are_not_the_first_gmp_batch():
    fields = _fields("Weeks are counted from contract signature (week 1 is the first week after signature).", None,
                     "Plan.", MILESTONES)
    assert fields["weeks_to_first_gmp_batch"].status == "stated"
    assert fields["weeks_to_first_gmp_batch"].value == 33


def test_the_sponsors_figure_quoted_in_the_offer_is_not_the_offers_plan():
    fields = _fields("Deviations. We recommend a 20-week process development phase, where the RFP suggested 12 weeks.",
                     None, "Timeline. Process development is planned for 20 weeks. The RFP proposed 12 weeks for this "
                     "phase, which we believe is too short.")
    assert fields["process_development_weeks"].status == "stated"
    assert fields["process_development_weeks"].value == 20


def test_a_figure_the_offer_rejects_is_not_its_plan():
    fields = _fields("Our assessment. Technology transfer in 10 weeks is not realistic for a process of this complexity.",
                     None, "Timeline. Technology transfer: 16 weeks. First GMP batch: 30-34 weeks after purchase order; "
                     "26 weeks cannot be met for this route.")
    assert fields["tech_transfer_weeks"].status == "stated" and fields["tech_transfer_weeks"].value == 16
    assert fields["weeks_to_first_gmp_batch"].status == "stated" and fields["weeks_to_first_gmp_batch"].value == 34

