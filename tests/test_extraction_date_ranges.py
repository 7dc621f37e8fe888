"""A step's length given as the dates it runs between ('PD: Feb 2027 - Jun 2027') is read in weeks, whole months
counted through their last day; two dates that are not a range give no length."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.date_spans import date_range_weeks
from rfp_assistant.jobs.extraction.offline import extract_offline


def _fields(text: str):
    return extract_offline(load_bytes(text.encode(), "plan.txt", max_bytes=10**6)).fields


def test_month_ranges_give_the_step_s_length():
    fields = _fields("ACME BIOLOGICS INC.\nAll work at our site in Austin, Texas, USA.\nProject timeline\n"
                     "Technology transfer: January 2027 - March 2027\nProcess development (PD): Feb 2027 - Jun 2027\n")
    assert round(fields["tech_transfer_weeks"].value) == 13  # January through March
    assert round(fields["process_development_weeks"].value) == 21  # February through June


def test_calendar_dates_and_a_shared_year_give_lengths_too():
    assert [round(m.value) for m in date_range_weeks("Tech transfer | 04-Jan-2027 | 26-Mar-2027")] == [12]
    assert [round(m.value) for m in date_range_weeks("TT: Jan-Mar 2027.")] == [13]


def test_dates_that_are_no_range_give_no_length():
    assert date_range_weeks("Proposal dated 2 November 2026. Slot held until 15 December 2026.") == []
    assert date_range_weeks("Jun 2027 - Feb 2027") == []
