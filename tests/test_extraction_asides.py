"""Figures beside a field that are not the offer's: a team member's career, an item a footnote takes back, a
duration in brackets after another row's label."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline


def _fields(text: str):
    return extract_offline(load_bytes(text.encode(), "offer.txt", max_bytes=10**6)).fields


def test_a_career_in_a_team_profile_is_not_the_offer():
    fields = _fields("""TAVERLY BIOPHARMA SAS
Commercial offer, 12 January 2026. All work will be performed at our site in Lyon, France.

Key personnel
Dr. Anne Morel, Head of Process Development. 18 years of industry experience; previously led 14 technology
transfers at a large CDMO, each completed in 16 weeks.
Dr. Paul Girard, QA Director. Hosted 9 FDA inspections at his former employer, the last in May 2021 (NAI).
Jane Doyle, Project Manager, assigned full time to this project.
""")
    for key in ("process_development_weeks", "tech_transfer_weeks", "last_fda_inspection_date",
                "last_fda_inspection_outcome"):
        assert fields[key].status == "not_stated", (key, fields[key].value)


def test_a_footnote_that_withdraws_an_item_leaves_its_row_unsaid():
    fields = _fields("""TAVERLY BIOPHARMA SAS
Commercial offer, 12 January 2026. All work will be performed at our site in Lyon, France.
Item
Price (EUR)
Technology transfer
240,000
Stability study (24 months)2
95,000
Raw material handling3
12%
1 Prices exclude VAT.
2 Withdrawn from this offer: the Sponsor's own laboratory runs the stability programme.
3 Not applicable to this offer; raw materials are supplied by the Sponsor.
""")
    assert fields["tech_transfer_fee"].value.amount == 240_000
    assert fields["raw_material_markup_pct"].status == "not_stated"
    assert "stability" not in (fields["services_included"].value or [])
    assert fields["process_development_weeks"].status == "not_stated"


def test_a_bracketed_duration_belongs_to_its_own_row():
    fields = _fields("""ACME BIOLOGICS GMBH
All work at our site in Mainz, Germany.
Item
Price (EUR)
Process development
410,000
Stability study (24 months)
95,000
""")
    assert fields["process_development_weeks"].status == "not_stated"


def test_terms_and_budget_talk_give_no_prices_or_terms():
    fields = _fields("""BRACKWATER BIOLOGICS LTD
Budgetary letter, 10 February 2026. All work will be performed at our site in Cork, Ireland.
For a program of this kind, our clients typically budget between GBP 2.5 and 3.5 million for technology transfer and two GMP batches.
General Terms
3. Disputes. Invoices not disputed within 15 days of receipt are deemed accepted.
13. Handling fee. A handling fee of 10% applies to third-party testing invoiced through Brackwater.
""")
    for key in ("tech_transfer_fee", "gmp_batch_price", "payment_terms", "raw_material_markup_pct"):
        assert fields[key].status == "not_stated", (key, fields[key].value)


def test_a_range_between_two_amounts_takes_its_scale_for_both():
    from rfp_assistant.core.values import find_money

    (match,) = find_money("between GBP 2.5 and 3.5 million")
    assert match.value.amount == 3_500_000 and "lower=2500000" in match.flags


def test_a_page_that_supersedes_a_section_gives_the_prices_and_leaves_the_rest():
    fields = _fields("""WEXFORD BIOWORKS INC.
Proposal WB-2026-12, March 2, 2026
All manufacturing at our site in Durham, NC.

5. Pricing
Technology transfer: $0.35MM
GMP batch (2,000 L): $1.9MM per batch
Total program price: $4.15MM
Proposal validity: 90 days
\fREVISED PRICING - March 20, 2026
This page supersedes Section 5 (Pricing) of the proposal dated March 2, 2026. All other terms remain unchanged.
Technology transfer: $0.30MM
GMP batch (2,000 L): $1.75MM per batch
Total program price: $3.8MM
""")
    assert fields["total_price"].value.amount == 3_800_000
    assert fields["gmp_batch_price"].value.amount == 1_750_000
    assert fields["tech_transfer_fee"].value.amount == 300_000
    assert fields["proposal_validity_days"].value == 90  # the revision is silent on it
