"""A question answered with a hedge (TBD, to be confirmed, price upon request) states no value: the figures in its
label or beside it are the RFP's target or the scale asked about, never the vendor's answer."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

QUESTIONNAIRE = """HALLORAN BIOLOGICS INC.
Supplier Questionnaire Response
Date: March 9, 2026
All activities will be performed at our site in Worcester, MA.

C.1 How long will technology transfer take?
Response: TBD pending receipt of the process description. For reference, a transfer of this kind has taken us 12 to 16 weeks.

C.2 Weeks to first GMP batch (RFP: within 40 weeks of award): pending slot confirmation

D.1 Price per GMP batch (EUR 1,000,000 budget): Price upon request

D.3 Raw material handling fee (the RFP proposes 8%)
Response: TBC.

D.4 Proposal validity (the RFP requests 120 days)
To be confirmed

D.5 Payment terms (RFP: 30 days net)
Response: to be negotiated in the MSA.

Process development | 16 weeks | TBD
Largest bioreactor at the proposed site: 2,000 L single-use.
Lyophilization: not available at this site.
"""


def _fields(text: str):
    return extract_offline(load_bytes(text.encode(), "questionnaire.txt", max_bytes=10**6)).fields


def test_hedged_answers_state_nothing():
    fields = _fields(QUESTIONNAIRE)
    for key in ("tech_transfer_weeks", "weeks_to_first_gmp_batch", "gmp_batch_price", "raw_material_markup_pct",
                "proposal_validity_days", "payment_terms", "process_development_weeks"):
        assert fields[key].status == "not_stated", (key, fields[key].value)


def test_answered_rows_beside_hedged_ones_are_still_read():
    fields = _fields(QUESTIONNAIRE)
    assert fields["max_bioreactor_volume_l"].value == 2000.0
    assert fields["lyophilization"].value is False  # "not available" answers a capability: no


def test_a_hedged_row_gives_its_label_no_figure_from_the_next_row():
    fields = _fields("""ACME BIOLOGICS GMBH
All work at our site in Mainz, Germany.
Item | Price (EUR)
Technology transfer | TBD
GMP batch | Price on request
Stability study | 85,000
""")
    assert fields["tech_transfer_fee"].status == "not_stated"
    assert fields["gmp_batch_price"].status == "not_stated"


def test_a_hedge_answers_only_its_own_clause():
    from rfp_assistant.jobs.extraction.hedges import unanswered_spans

    text = "Validity: TBD\nStability pricing: on request; the batch price is EUR 950,000.\n"
    assert [text[a:b] for a, b in unanswered_spans(text)] == ["Validity: TBD", "Stability pricing: on request"]
