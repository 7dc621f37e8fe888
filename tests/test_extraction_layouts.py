"""The same proposal gives the same answers however it is laid out: quotes, headings, pages, lines, number styles."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

FOOTER = "Acme Biologics GmbH | Confidential | Page {n}"


def _read(*pages: str):
    text = "\f".join(page + "\n" + FOOTER.format(n=i) for i, page in enumerate(pages, 1))
    return extract_offline(load_bytes(text.encode(), "acme.txt", max_bytes=10**6)).fields


def test_a_short_quoted_name_does_not_pair_its_closing_mark_with_a_quoted_rfp_passage():
    fields = _read(
        'Response to RFP HX-1\nSubmitted by: Acme Biologics GmbH ("Acme")\nDate of submission: 9 November 2026\n'
        "This proposal is valid for 45 days from the date of submission.\n"
        'RFP section 4.1:\n "The sponsor expects technology transfer to be completed within 8 weeks of award and the '
        'first GMP batch within 20 weeks."\nAcme response: we propose a technology transfer of 10 weeks.\n'
        "The last FDA inspection of the site was in September 2025 and was classified VAI with two Form 483 observations."
    )
    assert fields["proposal_date"].value.isoformat() == "2026-11-09"
    assert fields["proposal_validity_days"].value == 45
    assert fields["tech_transfer_weeks"].value == 10
    assert fields["fda_483_observations"].value == 2


def test_a_numbered_section_quoting_one_rfp_paragraph_ends_with_the_quote():
    fields = _read(
        "1. Background as stated by the sponsor\n"
        "The following paragraph is quoted from the sponsor's RFP dated 12 February 2026:\n"
        '"The sponsor requires three GMP batches, with the first GMP batch to be released within 26 weeks of award. '
        'Offers shall remain valid for at least 120 days."\n'
        "Acme thanks the sponsor for the invitation. Our offer is valid for 60 days.\n"
        "Process development: 20 weeks. First GMP batch: 34 weeks after purchase order."
    )
    assert fields["proposal_validity_days"].value == 60
    assert fields["weeks_to_first_gmp_batch"].value == 34


def test_a_section_heading_written_as_section_n_ends_the_quoted_section_before_it():
    fields = _read(
        "1. Requirements restated from the RFP\nThe sponsor expects technology transfer within 8 weeks.\n"
        "Technology transfer: 8 weeks.\n"
        "Section 2 - Our response\nTechnology transfer: 12 weeks from purchase order.\n"
        "Process development: 20 weeks."
    )
    assert fields["tech_transfer_weeks"].value == 12 and fields["tech_transfer_weeks"].status == "stated"
    assert fields["process_development_weeks"].value == 20


def test_figures_grouped_by_plain_spaces_in_a_price_table_keep_their_labels_and_units_apart():
    fields = _read(
        "Commercial offer\nPrice (AUD)\nActivity\nUnit\nQty\nPrice (AUD)\nTech transfer\nlot\n1\n620 000\n"
        "Analytical method development and validation 124 500\n"
        "GMP clinical batches incl. QC release: 2 x AUD 96 500 193 000\n"
        "Stability 12 months\nlot\n1\n88 000\n"
        "The project price is the sum of the line items above.\nPayment: 50% on signature, 50% on completion."
    )
    assert fields["tech_transfer_fee"].value.amount == 620_000
    assert fields["gmp_batch_price"].value.amount == 96_500
    assert fields["total_price"].value.amount == 620_000 + 124_500 + 193_000 + 88_000
    assert "analytical_development" in fields["services_included"].value


def test_a_total_after_a_label_ending_in_a_number_is_read_when_figures_are_grouped_by_spaces():
    fields = _read(
        "Work packages (EUR)\nWP1\nTechnology transfer\n8 weeks\n180 000\nWP2\nGMP manufacture\n8 weeks\n930 000\n"
        "Total fixed price\nWP1-WP2\n1 110 000\nPayment: 30% on signature, balance on completion."
    )
    assert fields["total_price"].value.amount == 1_110_000 and fields["total_price"].value.currency == "EUR"


def test_the_sponsor_named_as_the_rfps_owner_or_after_a_to_inside_a_line_is_not_the_vendor_answering():
    fields = _read(
        "Acme Biologics GmbH, Hafenstrasse 3, Basel · VAT CHE-123 To: Helix\nPharma, Inc., Attn. Dr. Roe\n"
        "The following paragraph is quoted from Helix RFP HX-12: \"Helix needs three GMP batches of the product and "
        "the supplier must hold a current GMP licence for the site.\"\n"
        "4.7\nHelix requires the first GMP batch within 26 weeks of award. Provide your durations.\n"
        "First GMP batch: 30-34 weeks after purchase order; 26 weeks cannot be met.\n"
        "4.8\nHelix prefers fixed pricing. Our offer is FTE-based."
    )
    assert fields["weeks_to_first_gmp_batch"].value == 34
    assert fields["pricing_model"].value == "fte_based"


def test_a_label_does_not_reach_past_a_blank_line_into_the_next_paragraph():
    fields = _read(
        "There is no separate technology transfer phase; the route is adopted directly in process development.\n\n"
        "As an option, an accelerated tech transfer can be arranged\n\nThis offer is valid for 90 days from 19-03-2026."
    )
    assert fields["tech_transfer_weeks"].status == "not_stated"
    assert fields["proposal_validity_days"].value == 90


def test_a_date_of_the_sponsors_request_is_not_the_proposals_date():
    fields = _read(
        "Offer ACB-26-14\n" + "Scope and prices follow on the next pages.\n" * 3 + "Place / date: Basel, 19 March 2026\n"
        "The proposal was prepared by our business development team on request of the sponsor dated 12 January 2026."
    )
    assert fields["proposal_date"].value.isoformat() == "2026-03-19"


def test_a_capability_denied_in_a_comment_cell_does_not_take_the_next_rows_tick():
    fields = _read(
        "Capability Site Comment\nLyophilisation ✘ Not offered\n"
        "BSL-3 / high-containment suites ✘ All suites are BSL-2; no BSL-3 handling QC release testing ✔ Flow cytometry\n"
        "Stability studies ✘ Via partner"
    )
    assert fields["high_containment"].value is False


def test_a_norwegian_as_company_writing_from_a_header_block_is_the_vendor_not_an_earlier_message():
    text = ("NORDFJORD BIOLOGICS\nOffer NF-2027-01\nTo: Helix Pharma AG, att. Dr. Roe\n"
            "From: Nordfjord Biologics AS, Business Development\nOffer no.: NF-2027-01\nDate: 14.05.2027\n"
            "Validity: 60 days\nNordfjord Biologics thanks Helix Pharma for the request for proposal.\n"
            "Technology transfer: 9 weeks from purchase order.")
    fields = extract_offline(load_bytes(text.encode(), "nordfjord.txt", max_bytes=10**6)).fields
    assert fields["cdmo_name"].value == "Nordfjord Biologics AS"
    assert fields["proposal_validity_days"].value == 60
    assert fields["tech_transfer_weeks"].value == 9


def test_space_grouped_cells_keep_a_units_cell_and_a_quantity_cell_apart_from_the_price():
    fields = _read(
        "Table 6. Price for the offered scope (EUR)\nItem\nQuantity\nUnit\nUnit price\nAmount\n"
        "GMP batch, 3000 L\n3\nbatch\n1 240 000\n3 720 000\n"
        "Technology transfer (process and QC methods) lump sum 420 000 1\nTotal\n4 140 000"
    )
    assert fields["gmp_batch_price"].value.amount == 1_240_000
    assert fields["tech_transfer_fee"].value.amount == 420_000


def test_a_duration_written_as_an_adjective_belongs_to_the_noun_after_it():
    fields = _read(
        "The offer covers technology transfer, process development, analytical development, three GMP batches, "
        "QC release and 24-month stability of the GMP batches."
    )
    assert fields["process_development_weeks"].status == "not_stated"
    fields = _read("We propose a 16-week process development programme starting at purchase order.")
    assert fields["process_development_weeks"].value == 16


def test_a_group_with_several_sites_proposes_the_one_it_names_as_recommended():
    fields = _read(
        "Acme is a group of three manufacturing sites. Our sites: Basel, Switzerland (commercial drug substance); "
        "Lyon, France (drug product); Boston, USA (clinical drug substance).\n"
        "Recommended site: Boston, USA (see Section 2)\n"
        "All GMP work for the program will be performed at the recommended site."
    )
    assert fields["sites"].value == ["Boston, United States"]


def test_a_summary_and_a_detail_section_far_apart_on_one_long_page_can_conflict():
    filler = "The project team reviews progress with the sponsor and records decisions in the minutes. " * 40
    text = ("Acme Biologics GmbH\nExecutive summary\nFirst GMP batch: 28 weeks after purchase order.\n" + filler +
            "\nDetailed plan\nFirst GMP batch: 34 weeks after purchase order.\n")
    fields = extract_offline(load_bytes(text.encode(), "acme.txt", max_bytes=10**6)).fields
    assert fields["weeks_to_first_gmp_batch"].status == "conflicting"
    near = extract_offline(load_bytes(("Acme Biologics GmbH\nFirst GMP batch: 28 weeks after purchase order.\n" + filler[:600] +
                                       "\nFirst GMP batch: 34 weeks after purchase order.\n").encode(), "acme.txt",
                                      max_bytes=10**6)).fields
    assert near["weeks_to_first_gmp_batch"].status == "stated"


def test_vessels_at_a_groups_other_sites_are_not_the_proposed_sites_even_when_the_town_is_unknown_here():
    fields = _read(
        "Acme is a group of two manufacturing sites.\n"
        "Site | Largest bioreactor\nTorvhamn, Norway (group headquarters) | 12,000 L stainless steel (3 units)\n"
        "Fairmont, Ohio, USA | 2,000 L single-use (4 units)\n"
        "Recommended site: Fairmont, Ohio (see Section 2)\n"
        "Torvhamn was not selected because its 12,000 L stainless steel trains are sized for commercial supply.\n"
        "Fairmont operates four 2,000 L single-use bioreactors and has no stainless steel bioreactors."
    )
    assert fields["sites"].value == ["Fairmont, United States"]
    assert fields["max_bioreactor_volume_l"].value == 2000
    assert fields["bioreactor_type"].value == "single_use"


def test_a_figure_that_ends_the_sentence_before_a_label_is_not_the_labels():
    fields = _read(
        "Acme Aseptics Ltd\nThe numbers (in euro, ex VAT)\nTech transfer 26,000\nGMP fill runs, 2 x 47,000 94,000\n"
        "Release testing, 2 x 15,000 30,000\nTotal 150,000\n"
        "That's a hundred and fifty thousand euro (EUR 150,000) all in. Each GMP fill run is forty-seven thousand euro "
        "(EUR 47,000), with release testing on top."
    )
    assert fields["gmp_batch_price"].value.amount == 47_000
    assert fields["total_price"].value.amount == 150_000


def test_a_denied_subject_denies_the_warning_letter_and_a_role_marked_dedicated_is_a_dedicated_pm():
    fields = _read(
        "Acme Biologics GmbH\nQuality record\nNo Acme site has received an FDA warning letter in the last five years.\n"
        "Team\nRole | Name | Share of time (%)\nProject manager (dedicated) | Jane Roe | 100\nQA contact | John Doe | 20"
    )
    assert fields["warning_letters_5y"].value == 0
    assert fields["dedicated_project_manager"].value is True


def test_the_pricing_model_the_proposal_declares_outranks_how_one_line_item_is_priced():
    fields = _read(
        "Acme Biologics GmbH\nPrice table\nItem | Unit | Unit price (USD)\nTechnology transfer | lump sum | 420,000\n"
        "GMP batch | per batch | 165,000\nPricing basis: fee-for-service, charged per unit as listed."
    )
    assert fields["pricing_model"].value == "fee_for_service"
    fields = _read("Acme Biologics GmbH\nAll prices are fixed prices in EUR per line item.\nItem | Unit price | Amount\n"
                   "Technology transfer | 280,000 | 280,000")
    assert fields["pricing_model"].value == "fixed_price"


def test_the_first_batchs_release_is_a_later_event_than_the_first_batch():
    fields = _read(
        "Acme Biologics GmbH\nKey dates\nFirst GMP batch\nWeek 30 after contract signature",
        "Milestones (weeks after signature)\nEngineering run (non-GMP)\n22\nFirst GMP batch manufactured\n30\n"
        "First GMP batch released\n36\nGMP batch 2\n34",
    )
    assert fields["weeks_to_first_gmp_batch"].status == "stated" and fields["weeks_to_first_gmp_batch"].value == 30


def test_a_suite_said_to_be_available_from_a_month_gives_the_first_slot():
    fields = _read("Acme Biologics GmbH\nTiming\nThe first GMP batch is planned for week 22 after the work order. "
                   "Suite 2 is available from March 2027; earlier starts are not possible.")
    assert fields["first_available_gmp_slot"].value.isoformat() == "2027-03-01"


def test_what_a_vendor_does_in_general_or_could_do_later_and_priced_options_are_not_the_scope():
    fields = _read(
        "Acme Biologics GmbH\nProposed scope\nWe manufacture AAV vectors and cell therapies for clinical and commercial "
        "supply. For EX-1 we propose technology transfer, process development and two GMP batches for clinical supply, "
        "with QC release. If the program succeeds, we can support it into late-stage and commercial supply.\n"
        "Price summary: technology transfer EUR 250,000; process development EUR 400,000; GMP batches EUR 1,800,000.\n"
        "Options (not included in the total): O1 - third GMP batch, EUR 900,000; O2 - IND Module\n"
        "3 regulatory CMC authoring, EUR 95,000."
    )
    services = set(fields["services_included"].value)
    assert {"tech_transfer", "process_development", "clinical_manufacturing", "qc_release"} <= services
    assert "commercial_manufacturing" not in services and "regulatory_support" not in services


def test_included_and_excluded_columns_run_together_are_judged_item_by_item():
    fields = _read(
        "Acme Peptides LLC\n2. Scope: what is in and what is out\nIncluded in this proposal Not included\n"
        "A. Process development (SPPS, purification)\nAseptic fill/finish: we do not offer sterile drug product.\n"
        "B. Two GMP batches of drug substance\nStability studies: not in the base scope.\n"
        "QC release testing, certificate of analysis Lyophilization: we do not offer lyophilization."
    )
    services = set(fields["services_included"].value)
    assert {"process_development", "clinical_manufacturing", "qc_release"} <= services
    assert not {"fill_finish", "stability", "lyophilization"} & services


def test_a_bulleted_list_under_an_assumptions_heading_gives_each_item_whole():
    fields = _read(
        "Acme Biologics GmbH\n6. Assumptions\n- The sponsor supplies the master cell bank with a CoA before kick-off.\n"
        "- Titre at 2,000 L is at least 2.0 g/L; a lower titre may need additional batches and will be\n"
        "re-quoted.\n- Analytical methods transfer without optimisation.\n- Shipping and VAT are excluded.\n"
        "- Prices are valid for work performed in 2027.\n- A quality agreement is signed before the first GMP batch.\n"
        "Submitted by: Jane Roe, Business Development"
    )
    items = fields["assumptions"].value
    assert items[1].endswith("will be re-quoted.") and len(items) == 6
    assert items[-1] == "A quality agreement is signed before the first GMP batch."


def test_words_of_an_address_are_not_taken_for_another_site():
    fields = _read(
        "Acme Biologics GmbH | Registered office: Hauptstrasse 5, Suite 4, Frankfurt am Main, Germany\n"
        "All manufacturing for this program is performed at our site in Marburg, Germany.\n"
        "Our main production bioreactor in Suite 2 is a 2,000 L single-use unit."
    )
    assert fields["sites"].value == ["Marburg, Germany"]
    assert fields["max_bioreactor_volume_l"].value == 2000
