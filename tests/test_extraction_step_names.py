"""Durations of steps under the names a proposal gives them: a step it declares as process development ('... cycle
development and optimization (process development)') is measured under that name, in weeks or months, and a plan
row's own length before its start week is not the time to the first batch."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

PORTAL = """Respondent Halvorsen Sterile Services Inc.
All work at our site in Raleigh, North Carolina, USA.
C.01* Confirm the scope you are quoting.
Technology transfer of the Sponsor DP process; lyophilization cycle development and optimization (process development) at pilot scale; three GMP batches.
C.03* Duration of technology transfer. 10 weeks after receipt of materials.
C.04 Duration of lyophilization cycle development. 8 weeks after receipt of materials.
"""

LETTER = """KESTON BIOLOGICS LTD.
All activities will be performed at our plant in Cork, Ireland.
3. Scope of Work
3.1 Technology transfer of the process and analytical methods Yes
3.2 Process scale-up (200 L to 2,000 L) and process characterization (process development) Yes
4. Project Schedule
4.1 The technology transfer shall be completed within fourteen (14) weeks.
4.2 Process scale-up and characterization will require six (6) months, partly in parallel with the transfer.
"""


def _fields(text: str):
    return extract_offline(load_bytes(text.encode(), "proposal.txt", max_bytes=10**6)).fields


def test_a_step_declared_as_process_development_is_measured_under_its_name():
    assert _fields(PORTAL)["process_development_weeks"].value == 8
    assert round(_fields(LETTER)["process_development_weeks"].value) == 26  # six months
    assert _fields(LETTER)["tech_transfer_weeks"].value == 14


def test_without_the_declaration_the_name_is_no_process_development():
    text = PORTAL.replace(" (process development)", "")
    assert _fields(text)["process_development_weeks"].status == "not_stated"


def test_a_row_s_own_length_before_its_start_week_is_not_the_time_to_the_first_batch():
    fields = _fields("ACME VECTORS S.L.\nAll work at our site in Bilbao, Spain.\nTiming (weeks after PO)\n"
                     "WP1 Technology transfer\n13 weeks\nWP4 GMP batch 1 (drug substance)\n3 weeks\nstarts week 30\n"
                     "WP4 GMP batch 2 (drug substance)\n3 weeks\nstarts week 35\n")
    assert fields["weeks_to_first_gmp_batch"].value == 30
