"""Questionnaire tick boxes and a group's network table are read for what they commit to: the ticked option, and the
unit the proposal proposes, never the options left empty or another plant of the network."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

FORM = """PRAIRIE NORTH BIOLOGICS LLC
Supplier Capability Questionnaire
Date: April 2, 2026
Site: Fargo, ND

1. Do you offer aseptic fill/finish?   ☐ Yes  ☒ No
2. Lyophilization capability?   ☒ Yes  ☐ No
3. High containment (OEB 4/5)?   ☐ Yes  ☐ No
4. Electronic batch records in use?   [ ] Yes  [x] No
5. Dual sourcing of critical raw materials?   [ ] Yes  [ ] No
7. Bioreactor type:  ☐ Single-use  ☒ Stainless steel  ☐ Both
8. Reporting cadence:  ☐ Weekly  ☐ Biweekly  ☐ Monthly
10. Services included:  ☒ Process development  ☐ Cell line development  ☒ Clinical manufacturing  ☐ Fill/finish
11. Modalities manufactured:  ☒ Monoclonal antibodies  ☐ ADCs  ☐ mRNA  ☐ Viral vectors
12. Regulatory approvals held:  ☒ FDA  ☐ EMA  ☐ PMDA
13. Warning letters in the last 5 years:  ☐ 0  ☐ 1  ☐ 2+
"""


def _fields(text: str):
    return extract_offline(load_bytes(text.encode(), "form.txt", max_bytes=10**6)).fields


def test_the_ticked_box_is_the_answer():
    fields = _fields(FORM)
    assert fields["aseptic_fill_finish"].value is False
    assert fields["lyophilization"].value is True
    assert fields["electronic_batch_records"].value is False
    assert fields["bioreactor_type"].value == "stainless_steel"
    assert fields["services_included"].value == ["process_development", "clinical_manufacturing"]
    assert fields["modalities"].value == ["monoclonal_antibody"]
    assert fields["regulatory_approvals"].value == ["FDA"]


def test_a_line_with_no_box_ticked_is_left_blank():
    fields = _fields(FORM)
    for key in ("high_containment", "dual_sourcing_critical_materials", "reporting_cadence", "warning_letters_5y"):
        assert fields[key].status == "not_stated", (key, fields[key].value)


NETWORK = """ORRELAND BIOLOGICS CO., LTD.
Proposal for clinical drug substance manufacture
Date: 14 May 2026
Only Plant 2 is proposed for this project; other plants are shown for reference of our capability.
Site
Location
Main equipment
Plant 1
Eastport, Korea
8 x 15,000 L stainless steel bioreactors
Plant 2 (proposed)
Eastport, Korea
6 x 2,000 L single-use bioreactors
Plant 3
Eastport, Korea
4 x 20,000 L stainless steel bioreactors

Site
Most recent US FDA inspection
Outcome
Plant 1
September 2023
NAI, no Form 483
Plant 2
March 2024
VAI, Form 483 with 2 observations
"""


def test_only_the_proposed_unit_of_a_network_gives_site_figures():
    fields = _fields(NETWORK)
    assert fields["max_bioreactor_volume_l"].value == 2000.0
    assert fields["bioreactor_type"].value == "single_use"
    assert str(fields["last_fda_inspection_date"].value) == "2024-03-01"
    assert fields["last_fda_inspection_outcome"].value == "VAI"
    assert fields["fda_483_observations"].value == 2
