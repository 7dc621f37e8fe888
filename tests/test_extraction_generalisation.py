"""Extraction that holds on writing the rules never saw: one figure in two units, other number formats, roles."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

FOOTER = "Acme Biologics GmbH | Confidential | Page {n} of {count}"


def _read(*pages: str):
    text = "\f".join(page + "\n" + FOOTER.format(n=i, count=len(pages)) for i, page in enumerate(pages, 1))
    return extract_offline(load_bytes(text.encode(), "acme.txt", max_bytes=10**6)).fields


def test_one_duration_said_in_days_and_in_weeks_is_one_stated_value_not_a_conflict():
    fields = _read(
        "Executive summary\nTechnology transfer will take 152 days from purchase order.",
        "Timeline\nTechnology transfer: 22 weeks, followed by the engineering run.",
    )
    weeks = fields["tech_transfer_weeks"]
    assert weeks.status == "stated" and abs(weeks.value - 22) <= 0.5


def test_two_different_durations_on_different_pages_are_still_a_conflict():
    fields = _read(
        "Executive summary\nTechnology transfer will take 16 weeks from purchase order.",
        "Timeline\nTechnology transfer: 22 weeks, followed by the engineering run.",
    )
    assert fields["tech_transfer_weeks"].status == "conflicting"


def test_figures_grouped_by_plain_spaces_are_read_in_price_tables_and_volumes():
    fields = _read(
        "Facility\nThe Lyon site operates 2 x 2 000 L single-use bioreactors for GMP drug substance.",
        "Prix / Price schedule\nWork package Price (EUR)\nTechnology transfer 195 000\nGMP batch (each) 610 000\n"
        "Total 1 415 000",
    )
    assert fields["max_bioreactor_volume_l"].value == 2000
    assert fields["tech_transfer_fee"].value.amount == 195000 and fields["tech_transfer_fee"].value.currency == "EUR"
    assert fields["total_price"].value.amount == 1415000


def test_a_space_between_a_quantity_and_a_comma_grouped_price_does_not_merge_them():
    fields = _read(
        "Price schedule\nItem Qty Price (USD)\nTechnology transfer 1 240,000\nTotal 1,480,000",
    )
    assert fields["tech_transfer_fee"].value.amount == 240000


def test_figures_in_distractor_roles_are_not_the_offers_values():
    fields = _read(
        "Proposal\nTechnology transfer of your process will take 10 weeks from purchase order.",
        "Your RFP sets a target of 7 weeks for process development.\n"
        "RFP requirement 3.2: The CDMO shall offer a first GMP slot no later than March 2027.\n"
        "For another client, a European biotech, the first GMP batch was released 19 weeks after the purchase order.\n"
        "Market prices for a single GMP batch generally range from USD 500,000 to USD 900,000.\n"
        "As an option, an accelerated tech transfer can be added for USD 60,000.\n"
        "Late payments bear interest at 1.5% per month.",
    )
    assert fields["tech_transfer_weeks"].value == 10
    for key in ("process_development_weeks", "first_available_gmp_slot", "weeks_to_first_gmp_batch", "gmp_batch_price",
                "tech_transfer_fee", "payment_terms"):
        assert fields[key].status == "not_stated", key


def test_the_vendor_answering_as_the_rfp_asked_is_its_own_statement():
    fields = _read(
        "Commercial terms\nAs requested in the RFP, we keep this offer valid for 120 days from its date.",
    )
    assert fields["proposal_validity_days"].value == 120


def test_a_heading_or_contents_line_naming_the_terms_gives_no_terms():
    fields = _read(
        "Table of contents\n1. Introduction 3\n2. Cancellation policy 12\n3. Payment schedule 13",
        "7. Payment and Cancellation Terms\nThe commercial terms of the master services agreement apply.",
    )
    assert fields["cancellation_terms"].status == "not_stated"
    assert fields["payment_terms"].status == "not_stated"


def test_terms_given_under_their_heading_are_read():
    fields = _read(
        "8. Cancellation\nA batch cancelled less than 8 weeks before its start is charged in full.\n"
        "9. Payment\nInvoices are payable 30 days from the invoice date.",
    )
    assert "8 weeks" in fields["cancellation_terms"].value
    assert "30 days" in fields["payment_terms"].value


def test_another_authors_wording_of_durations_is_read():
    fields = _read(
        "Plan\nWe plan transfer of the process at 8-10 calendar weeks and development of the process at 12 calendar "
        "weeks. The first clinical GMP run is released 30 calendar weeks after the order.",
    )
    assert fields["tech_transfer_weeks"].value == 10
    assert fields["process_development_weeks"].value == 12
    assert fields["weeks_to_first_gmp_batch"].value == 30


def test_an_initialism_with_full_stops_does_not_end_the_sentence():
    fields = _read(
        "Regulatory record\nWe have received no U.S. FDA warning letters in the last five years. Our site holds two "
        "products approved by the U.S. FDA and the EMA.",
        "Questionnaire\n4.2 Please state the number of U.S. FDA warning letters and the agencies that approved products "
        "made at the site.",
    )
    assert fields["warning_letters_5y"].value == 0
    assert set(fields["regulatory_approvals"].value) == {"FDA", "EMA"}


def test_a_street_named_after_a_city_is_not_the_site():
    fields = _read("Manufacturing site\nAll GMP work is performed at our plant at 200 Paris Road, Lyon, France.")
    assert fields["sites"].value == ["Lyon, France"]


def test_a_house_saying_it_works_in_its_letterhead_town_works_there_but_not_at_its_head_office():
    letterhead = _read("Northwind Aseptics Ltd\nUnit 4, Harbour Works, Galway H91 AB12, Ireland\n"
                       "Dear Dr Roe,\nWe're a small sterile fill/finish company in Galway and release every lot.")
    assert letterhead["sites"].value == ["Galway, Ireland"]
    office = _read("Northwind Aseptics Ltd\nHead office: 27 Leeson Crescent, Dublin, Ireland\n"
                   "Dear Dr Roe,\nOur team in Dublin thanks you for the opportunity to quote.")
    assert office["sites"].status == "not_stated"


def test_the_sponsors_earlier_messages_in_an_email_thread_are_not_the_offer():
    fields = _read(
        "From: John Smith <jsmith@acmebiologics.example>\nSent: 4 March 2025 10:02\nTo: Jane Roe\nSubject: RE: HX-1\n"
        "Jane, thanks. Technology transfer will take 12 weeks and this offer is valid for 60 days.\nJohn Smith\n"
        "Acme Biologics GmbH",
        "-----Original Message-----\nFrom: Jane Roe <jroe@helixtx.example>\nSent: 3 March 2025 09:12\nTo: John Smith\n"
        "Subject: HX-1\nWe need the first GMP batch within 24 weeks of signature and expect weekly reporting. Please "
        "keep your offer valid for 120 days.\n"
        "On 1 March 2025, Jane Roe <jroe@helixtx.example> wrote:\n> Our budget for each GMP batch is USD 900,000.",
    )
    assert fields["tech_transfer_weeks"].value == 12
    assert fields["proposal_validity_days"].value == 60
    for key in ("weeks_to_first_gmp_batch", "reporting_cadence", "gmp_batch_price"):
        assert fields[key].status == "not_stated", key


def test_a_scope_list_keeps_an_item_whose_neighbour_is_excluded_and_reads_what_we_are_proposing():
    fields = _read(
        "What we're proposing\n- Tech transfer: review of your filling process and transfer of two methods.\n"
        "- Two GMP fill lots for your Phase 1.\n"
        "QC release testing, certificate of analysis, retained samples Stability studies: not in the base scope.",
    )
    services = set(fields["services_included"].value)
    assert {"tech_transfer", "qc_release"} <= services and "stability" not in services


def test_a_batch_price_row_that_includes_testing_and_counts_tablets_gives_the_unit_price():
    fields = _read(
        "3. Price (AUD)\nAll prices below are firm for the scope described in section 2 and exclude GST, freight and "
        "insurance,\nwhich are invoiced at cost when they arise during the project and are shown on each invoice.\n"
        "The activities follow the plan of section 4; a change of scope agreed in writing is priced at the same rates, "
        "and any\nwork we add at your request is quoted before it starts so that the budget never moves without your "
        "approval.\n"
        "Activity Price (AUD)\nFormulation and process development 124,500\n"
        "GMP clinical batches incl. QC release testing, 150,000 tablets each: 2 x AUD 96,500 193,000\n"
        "ICH stability, 24 months, 2 batches 88,000\nTotal 405,500",
    )
    assert fields["gmp_batch_price"].value.amount == 96500


def test_a_letters_plain_words_for_validity_and_the_first_slot_are_read():
    fields = _read(
        "Timing: our filling line has an opening in the week of 13 April 2026, and that's the earliest we could do a "
        "GMP fill for you.\nThe quote is good for 90 days.",
    )
    assert fields["first_available_gmp_slot"].value.isoformat() == "2026-04-13"
    assert fields["proposal_validity_days"].value == 90


def test_a_slides_bullet_restating_the_sponsors_terms_is_the_sponsors():
    fields = _read(
        "Commercial terms\n• The Sponsor's standard terms are payment 60 days from invoice and the right to cancel a "
        "reserved slot up to 3 months before the start\n• Our payment terms: 50% at order, 50% on release; invoices "
        "due net 30 days",
    )
    assert fields["cancellation_terms"].status == "not_stated"
    assert "net 30" in fields["payment_terms"].value


def test_a_questionnaire_label_answered_with_a_non_answer_states_nothing():
    fields = _read(
        "Quality systems\nElectronic batch records: to be confirmed\nDual sourcing of critical raw materials: N/A\n"
        "Dedicated project manager: TBD\nLyophilization capability: N/A",
    )
    for key in ("electronic_batch_records", "dual_sourcing_critical_materials", "dedicated_project_manager",
                "lyophilization"):
        assert fields[key].status == "not_stated", key


def test_a_questionnaire_label_answered_yes_is_still_a_yes():
    fields = _read("Quality systems\nElectronic batch records: Yes, all GMP batches run on our MES since 2022.")
    assert fields["electronic_batch_records"].value is True


def test_a_block_of_the_rfps_requirements_under_its_own_heading_is_the_sponsors():
    fields = _read(
        "Extract from the RFP (reproduced for reference)\nTechnology transfer: 8 weeks maximum.\n"
        "First GMP batch: within 24 weeks of contract.\nOffer validity: 120 days.\nReporting: weekly.\n\n"
        "Our proposal\nWe will complete technology transfer in 10 weeks and report monthly. This offer is valid for "
        "60 days.",
    )
    assert fields["tech_transfer_weeks"].value == 10
    assert fields["proposal_validity_days"].value == 60
    assert fields["reporting_cadence"].value == "monthly"
    assert fields["weeks_to_first_gmp_batch"].status == "not_stated"


def test_a_capability_tables_ticks_and_crosses_answer_their_labels():
    fields = _read(
        "Capabilities at the Cambridge site\nBSL-3 / high-containment suites ✘ All suites are BSL-2; no BSL-3 handling\n"
        "Electronic batch records ✔ In use for all GMP suites",
    )
    assert fields["high_containment"].value is False
    assert fields["electronic_batch_records"].value is True


def test_one_stages_total_is_not_the_programme_total_and_a_proposal_without_one_says_so():
    fields = _read(
        "4 Pricing by stage\nStage Content Fixed price (GBP)\nStage 1 total £120,000\nStage 2 total £512,000\n"
        "Stage 3 is priced per lot. We have deliberately not given a programme total because the number of lots is "
        "open.",
    )
    assert fields["total_price"].status == "not_stated"


def test_a_stirred_tank_bioreactor_is_a_bioreactor_and_a_footnote_is_its_own_statement():
    fields = _read(
        "2.2 Upstream equipment\nThe largest production bioreactor is a 500 L single-use stirred-tank bioreactor, "
        "supported by 50 L and 200 L seed-train vessels.\n"
        "\x7f An integrated QC laboratory with validated ddPCR and AUC.\n2 Prices are firm for 90 days from the date "
        "of this proposal.",
    )
    assert fields["max_bioreactor_volume_l"].value == 500
    assert fields["proposal_validity_days"].value == 90


def test_a_future_vessel_on_the_next_row_does_not_hide_the_largest_one_in_use_nor_the_sponsors_product_count():
    fields = _read(
        "Capability Acme Carlsbad\nUpstream Single-use bioreactors; largest single-use bioreactor: 200 L\n"
        "Upstream (future) 1,000 L single-use bioreactor delivered mid-2027 - not yet qualified.\n"
        "We manufacture lentiviral vectors and AAV vectors. The vector is used to transduce Helix's autologous HSC "
        "product.",
    )
    assert fields["max_bioreactor_volume_l"].value == 200
    assert fields["modalities"].value == ["gene_therapy"]
