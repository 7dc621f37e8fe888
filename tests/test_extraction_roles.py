"""Whose words: the vendor is the author, the sponsor is addressed and quoted, and quoted RFP text is no answer."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

FOOTER = "Acme Biologics GmbH | Confidential | Page {n} of 3"


def _read(*pages: str):
    text = "\f".join(page + "\n" + FOOTER.format(n=i) for i, page in enumerate(pages, 1))
    return extract_offline(load_bytes(text.encode(), "acme.txt", max_bytes=10**6)).fields


def test_the_vendor_is_the_author_even_when_the_sponsor_is_named_more_prominently():
    fields = _read(
        "PROPOSAL FOR HELIX THERAPEUTICS, INC.\nPrepared for: Helix Therapeutics, Inc., 12 Harbor Road, Boston\n"
        "To: Dr. Jane Roe, Helix Therapeutics, Inc.\nDear Dr. Roe,\n"
        "Thank you for the opportunity to support Helix Therapeutics, Inc. with its antibody program.\n"
        "Sincerely,\nJohn Doe\nAcme Biologics GmbH",
        "Helix Therapeutics, Inc. asked for two GMP batches. Helix Therapeutics, Inc. will supply the cell bank.",
        "Summary for Helix Therapeutics, Inc.",
    )
    assert fields["cdmo_name"].value == "Acme Biologics GmbH"


def test_the_sponsors_quoted_requirements_are_not_the_vendors_answers():
    fields = _read(
        "Section C - questionnaire (questions quoted from the RFP)\n"
        "C.7 The Sponsor requires technology transfer within 10 weeks. State your proposed duration of technology "
        "transfer.\nTechnology transfer: 14 weeks, including method transfer.\n"
        "C.15 Proposals must remain valid for at least 120 days. Our offer is valid for 60 days from its date.",
        "C.12 How many antibody programs has your organisation completed?\nWe have completed 17 antibody programs.",
        "Pricing follows.",
    )
    assert fields["tech_transfer_weeks"].value == 14.0 and fields["tech_transfer_weeks"].status == "stated"
    assert fields["proposal_validity_days"].value == 60
    assert fields["similar_programs_count"].value == 17


def test_prices_by_role_total_as_sum_of_line_items_options_and_unit_prices():
    fields = _read(
        "Commercial proposal",
        "Annex A - Price schedule (EUR, excl. VAT)\nRef Work package Price\nA1 Technology transfer 195.000,00\n"
        "A2 Process development 427.500,00\nA3 GMP batches, 2 x EUR 685.000,00 1.370.000,00\n"
        "The total programme price is the sum of the line items above.\n"
        "Optional items (not included in the total):\nO1 Third GMP batch: EUR 781.000,00\n"
        "Pass-through materials are invoiced at cost plus 8 %.",
        "Terms follow.",
    )
    assert fields["total_price"].value.amount == 1_992_500.0 and fields["total_price"].value.currency == "EUR"
    assert fields["gmp_batch_price"].value.amount == 685_000.0
    assert fields["tech_transfer_fee"].value.amount == 195_000.0


def test_yes_no_practices_are_the_vendors_commitments_not_another_partys_or_a_plan():
    fields = _read(
        "Drug substance will be shipped frozen to the Sponsor's designated fill-finish partner; we do not perform "
        "aseptic fill-finish.\nBatch records are currently paper-based; a transition to electronic batch records is "
        "planned for 2027.",
        "A dedicated project manager is not included in this quotation; project management comes from our shared "
        "project management office.\nOptions (not included in the total):\nC Named dedicated project manager, per "
        "year USD 165,000",
        "All critical raw materials have 2 approved vendors.",
    )
    assert fields["aseptic_fill_finish"].value is False
    assert fields["electronic_batch_records"].value is False
    assert fields["dedicated_project_manager"].value is False
    assert fields["dual_sourcing_critical_materials"].value is True


def test_the_largest_bioreactor_is_at_the_proposed_site_and_in_operation():
    fields = _read(
        "All work will be performed at our site in Mainz, Germany.",
        "Bioreactor Qty Status\n500 L single-use 2 GMP, in operation\n1,000 L single-use 1 GMP, largest in operation\n"
        "2,000 L single-use 1 Being commissioned; GMP release expected Q1 2027\n"
        "Across our sites, total installed bioreactor capacity is 14,000 L, including 3,000 L stainless steel "
        "vessels at our Boulder, Colorado site, which is not proposed for this program.\n"
        "Conjugation vessels: 20 L, 100 L and 250 L (glass-lined and single-use bag systems)",
        "Mainz operates single-use bioreactors only.",
    )
    assert fields["max_bioreactor_volume_l"].value == 1000.0
    assert fields["bioreactor_type"].value == "single_use"


def test_the_latest_fda_inspection_of_the_proposed_site_is_read_as_one_record():
    fields = _read(
        "All GMP work will be performed at our Raleigh, North Carolina facility.",
        "Inspection history\nSite\nAgency / type\nLast day on site\nOutcome\nObservations\n"
        "Raleigh, NC\nFDA - pre-license inspection\nMay 9, 2019\nVAI\n3 (Form 483)\n"
        "Raleigh, NC\nEMA - pre-approval\nNovember 18, 2022\nGMP certificate issued\n2 minor\n"
        "Ghent, Belgium\nFDA - surveillance\nApril 25, 2024\nVAI\n2 (Form 483)\n"
        "Raleigh, NC\nFDA - surveillance (routine)\nOctober 20, 2023\nNAI\nNo Form 483\nissued\n",
        "Other terms.",
    )
    assert str(fields["last_fda_inspection_date"].value) == "2023-10-20"
    assert fields["last_fda_inspection_outcome"].value == "NAI"
    assert fields["fda_483_observations"].value == 0


def test_a_compliance_matrix_requirement_is_the_sponsors_figure_and_its_verdict_answers_a_capability():
    fields = _read(
        "5. Compliance matrix\nRFP requirement\nCompliance\nComment\n"
        "First GMP batch within 20 weeks\nPartially compliant\nweek 22 from purchase order\n"
        "Fill-finish of drug product\nNot compliant\nnot offered; drug substance only",
        "Timeline: the first GMP batch is released 22 weeks after the purchase order.",
        "Pricing follows.",
    )
    assert fields["weeks_to_first_gmp_batch"].value == 22.0
    assert fields["aseptic_fill_finish"].value is False


def test_a_house_writing_in_its_own_language_is_read_by_its_letterhead_lines():
    fields = _read(
        "Budgetary proposal BP-061\nFor: Helix Therapeutics, Inc. - San Diego, California\n"
        "From: Cerrito Bioprocessos Ltda.\nCampinas, 28 de outubro de 2026\n"
        "All GMP manufacturing would take place at our plant in Campinas, Sao Paulo state, Brazil.\n"
        "Drug product fill-finish is not included; Helix will select a partner.",
        "Cerrito Bioprocessos Ltda. - page 2", "Cerrito Bioprocessos Ltda. - page 3",
    )
    assert fields["proposal_date"].value.isoformat() == "2026-10-28"
    assert fields["sites"].value == ["Campinas, Brazil"]
    assert fields["aseptic_fill_finish"].status == "not_stated"  # out of this scope says nothing of the capability
