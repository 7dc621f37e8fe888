"""A duration elsewhere in the offer conflicts only when it measures the same span: one batch's cycle, one side of
the process, one phase, a gap from another activity, a range and a figure inside it, months against weeks do not."""

from __future__ import annotations

import io

import pytest

import rfp_assistant.core.values as values
from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

MB = 1_000_000
TT, PD, FG = "tech_transfer_weeks", "process_development_weeks", "weeks_to_first_gmp_batch"


def _fields(*pages):
    """The fields of a PDF proposal whose pages are lists of lines (one paragraph a line)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph("Acme Biologics GmbH, Offer AB-7 of 3 March 2026 to Example Pharma for EX-1.", style)]
    for number, lines in enumerate(pages):
        story += ([PageBreak()] if number else []) + [Paragraph(line, style) for line in lines]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return extract_offline(load_bytes(buffer.getvalue(), "acme.pdf", max_bytes=MB, layouts=True)).fields


def _stated(field, weeks):
    return field.status == "stated" and abs(field.value - weeks) < 0.6


def test_one_batchs_cycle_is_not_the_time_to_the_first_batch():
    fields = _fields(["First GMP batch: 32 weeks after purchase order."],
                     ["Each GMP batch takes 5 weeks from vial thaw to harvest."])
    assert _stated(fields[FG], 32)


def test_a_plan_in_months_and_in_weeks_is_one_plan_and_the_weeks_are_the_figure():
    fields = _fields(["Technology transfer: 3 months. Process development: 16 weeks."],
                     ["We plan a technology transfer of 12 weeks. Process development will take approximately "
                      "four months."])
    assert _stated(fields[TT], 12)
    assert _stated(fields[PD], 16)


def test_a_range_and_a_figure_inside_it_agree():
    fields = _fields(["Process development: 10-14 weeks."], ["Process development is planned at 12 weeks."])
    assert fields[PD].status == "stated"


def test_the_wave_dash_of_east_asian_styles_joins_a_range():
    (match,) = values.find_durations("Duration: 18~20 weeks")
    assert match.value == 20 and "lower=18" in match.flags


def test_one_side_of_the_process_is_not_the_whole_development():
    fields = _fields(["Process development: 14 weeks."],
                     ["Upstream process development will take 8 weeks.", "Downstream process development will take "
                      "6 weeks."])
    assert _stated(fields[PD], 14)


def test_upstream_and_downstream_development_together_are_the_whole():
    fields = _fields(["Upstream process optimisation and downstream process development, with a pilot run. "
                      "Duration: 18 weeks."])
    assert _stated(fields[PD], 18)


def test_a_phase_below_the_steps_heading_is_a_phase_not_the_step():
    fields = _fields(["Technology transfer duration: 16 weeks."],
                     ["Technology transfer", "Phase A - documentation review: 3 weeks",
                      "Phase B - method transfer and process fit: 9 weeks"])
    assert _stated(fields[TT], 16)


def test_a_line_with_its_own_subject_below_a_heading_measures_that_subject():
    fields = _fields(["Process development (USP and DSP) is planned for 20 weeks."],
                     ["4.1 Process development", "Clone screening in ambr 250 takes 6 weeks, followed by DSP "
                      "development over 8 weeks."])
    assert _stated(fields[PD], 20)


def test_a_gap_from_another_activity_is_not_the_time_from_the_order():
    fields = _fields(["Time to first GMP batch: 30 weeks."],
                     ["Technology transfer to the first GMP batch takes 18 weeks."])
    assert _stated(fields[FG], 30)


def test_two_plans_of_the_same_span_still_conflict():
    fields = _fields(["Technology transfer: 12 weeks. First GMP batch: 28 weeks from PO. Process development: "
                      "3 months."],
                     ["Technology transfer will take 16 weeks.", "The first GMP batch is scheduled 34 weeks after PO.",
                      "Process development will take 24 weeks."])
    assert fields[TT].status == "conflicting"
    assert fields[FG].status == "conflicting"
    assert fields[PD].status == "conflicting"


def test_a_bound_agrees_with_any_plan_on_its_side():
    fields = _fields(["Technology transfer: 12 weeks."],
                     ["Technology transfer needs a minimum of 10 weeks even if all documents are complete."])
    assert _stated(fields[TT], 12)


def test_another_programmes_record_is_not_this_plan():
    fields = _fields(["Technology transfer: 12 weeks."],
                     ["For a comparable bispecific antibody we completed the technology transfer in 9 weeks."])
    assert _stated(fields[TT], 12)


def test_a_notice_period_a_slot_hold_and_a_report_are_not_the_steps():
    fields = _fields(["Technology transfer: 12 weeks. Process development: 16 weeks. First GMP batch: 34 weeks "
                      "after PO."],
                     ["Rescheduling of the first GMP batch requires 12 weeks' written notice.",
                      "We hold the first GMP batch slot for 6 weeks after receipt of this offer.",
                      "The technology transfer report is issued within 3 weeks of the engineering run.",
                      "Sponsor review of the process development report: 2 weeks."])
    assert _stated(fields[TT], 12)
    assert _stated(fields[PD], 16)
    assert _stated(fields[FG], 34)


@pytest.mark.parametrize("later", [
    "The first GMP batch will be available for shipment in week 38.",
    "Delivery of the first GMP batch with CoA: 40 weeks after PO.",
    "Fill/finish of the first GMP batch (DP): week 34.",
    "Harvest of the first GMP batch: week 32.",
])
def test_a_later_event_of_the_first_batch_is_not_a_rival_to_its_manufacture(later):
    fields = _fields(["First GMP batch: week 30 after PO."], [later])
    assert _stated(fields[FG], 30)
