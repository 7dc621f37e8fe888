"""The proposed site's last FDA inspection in a formal letter: a table whose rows open with the date name their agency
after it, the date observations were closed is no inspection, a sister plant's inspection is not the site's, and a
year-first dotted date ('2026. 11. 24.') is the letter's date."""

from __future__ import annotations

from datetime import date

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.values import find_dates
from rfp_assistant.jobs.extraction.offline import extract_offline

LETTER = """HALLAM RIVERSIDE BIOLOGICS CO., LTD.
Date: 2026. 11. 24.
Dear Dr. Brennan,
All activities in this proposal will be performed at the Incheon Plant, Incheon, Republic of Korea.
7. Quality
7.1 Regulatory inspection history of the Incheon Plant:
Date Authority Type Result
October 2024 US FDA Pre-approval inspection Form 483 with three (3) observations; all observations were closed in January 2025. Final classification: VAI.
June 2025 EMA (EU inspectors) Pre-approval inspection GMP certificate issued
March 2026 MFDS (Korea) Periodic GMP inspection Compliant
7.2 The Incheon Plant has not received any FDA Warning Letter during the last five (5) years. Our sister facility,
the Harim Plant (not proposed for this project), received an FDA Warning Letter in March 2023. The Harim Plant
was re-inspected by US FDA in September 2025.
"""


def _fields(text: str):
    return extract_offline(load_bytes(text.encode(), "letter.txt", max_bytes=10**6)).fields


def test_the_site_s_own_fda_row_is_its_last_inspection():
    fields = _fields(LETTER)
    assert fields["last_fda_inspection_date"].value == date(2024, 10, 1)
    assert fields["last_fda_inspection_outcome"].value == "VAI"
    assert fields["fda_483_observations"].value == 3


def test_a_row_opening_with_its_date_names_its_agency_after_it():
    text = LETTER.replace("The Harim Plant\nwas re-inspected by US FDA in September 2025.", "")
    assert _fields(text)["last_fda_inspection_date"].value == date(2024, 10, 1)  # not the EMA row below it


def test_the_closing_of_observations_is_no_inspection():
    text = LETTER.replace("June 2025 EMA", "June 2023 EMA").replace(
        "The Harim Plant\nwas re-inspected by US FDA in September 2025.", "")
    assert _fields(text)["last_fda_inspection_date"].value == date(2024, 10, 1)


def test_a_year_first_dotted_date():
    assert _fields(LETTER)["proposal_date"].value == date(2026, 11, 24)
    assert [m.value for m in find_dates("Date: 2026. 11. 24.")] == [date(2026, 11, 24)]
    assert [m.value for m in find_dates("in 2026. 11 batches were made")] == [date(2026, 1, 1)]
