"""Abstaining: a field is stated only from a statement about that field, in the vendor's own offer."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

FOOTER = "Acme Biologics GmbH | Confidential | Page {n} of 2"


def _read(*pages: str):
    text = "\f".join(page + "\n" + FOOTER.format(n=i) for i, page in enumerate(pages, 1))
    return extract_offline(load_bytes(text.encode(), "acme.txt", max_bytes=10**6)).fields


def test_a_pricing_model_is_read_only_from_a_sentence_about_how_the_work_is_charged():
    silent = _read(
        "Dear Dr. Roe,\nWe propose a hybrid synthesis route for the linker, and a team of 4 FTEs will run the project.\n"
        "Sincerely,\nAcme Biologics GmbH",
        "The project is staffed by full-time equivalents from our development group.",
    )
    assert silent["pricing_model"].status == "not_stated"
    stated = _read(
        "Dear Dr. Roe,\nWe propose a hybrid synthesis route for the linker.\nSincerely,\nAcme Biologics GmbH",
        "Development work is charged on an FTE basis; GMP batches are charged at a fixed price per batch, "
        "so the overall commercial model is hybrid.",
    )
    assert stated["pricing_model"].value == "hybrid"
    assert "charged" in stated["pricing_model"].evidence[0].quote


def test_a_capability_word_describing_the_product_is_not_the_vendors_capability():
    silent = _read(
        "Dear Dr. Roe,\nHX-1 is a lyophilised powder for reconstitution; we ship the drug substance frozen.\n"
        "Sincerely,\nAcme Biologics GmbH",
        "QC testing of the lyophilised drug product is outside this proposal. The Phase 3 presentation may be "
        "freeze-dried; this is for the Sponsor to decide.",
    )
    assert silent["lyophilization"].status == "not_stated"
    offered = _read(
        "Dear Dr. Roe,\nHX-1 is a lyophilised powder for reconstitution.\nSincerely,\nAcme Biologics GmbH",
        "Our drug product unit fills liquid and lyophilised vials under aseptic conditions.",
    )
    assert offered["lyophilization"].value is True
    assert "fills" in offered["lyophilization"].evidence[0].quote


def test_one_batchs_price_is_not_read_from_a_line_pricing_several_or_from_an_option_to_order():
    silent = _read(
        "Dear Dr. Roe,\nPrices are fixed.\nSincerely,\nAcme Biologics GmbH",
        "GMP manufacturing (two batches, including release testing): EUR 1,600,000.\n\n"
        "An additional GMP batch, if ordered, would be priced at EUR 450,000.",
    )
    assert silent["gmp_batch_price"].status == "not_stated"
    stated = _read(
        "Dear Dr. Roe,\nPrices are fixed.\nSincerely,\nAcme Biologics GmbH",
        "GMP manufacture, 2 batches x EUR 800,000 per 2,000 L batch: EUR 1,600,000.",
    )
    assert stated["gmp_batch_price"].value.amount == 800000


def test_a_capability_asked_about_or_not_needed_is_not_denied():
    asked = _read(
        "Dear Dr. Roe,\nDo you offer lyophilization? Not applicable to this program.\nSincerely,\nAcme Biologics GmbH",
        "No lyophilisation is required, since HX-1 is a liquid formulation.",
    )
    assert asked["lyophilization"].status == "not_stated"
    answered = _read(
        "Dear Dr. Roe,\nQ4.4 Aseptic fill/finish available? Yes - vials (not part of this scope).\n"
        "Q4.5 Lyophilization available? No.\nSincerely,\nAcme Biologics GmbH",
        "We do not offer high-containment handling.",
    )
    assert answered["aseptic_fill_finish"].value is True
    assert answered["lyophilization"].value is False


def test_a_lead_time_a_response_time_or_a_gap_after_manufacture_is_no_duration_of_the_work():
    fields = _read(
        "Dear Dr. Roe,\nThe technology transfer package must reach us at least 4 weeks before kick-off.\n"
        "Sincerely,\nAcme Biologics GmbH",
        "We respond to technology transfer questions within 2 weeks.\n\n"
        "QC release of the first GMP batch takes 4 weeks after manufacture.",
    )
    assert fields["tech_transfer_weeks"].status == "not_stated"
    assert fields["weeks_to_first_gmp_batch"].status == "not_stated"


def test_a_rehearsal_or_another_sites_inspection_and_a_practice_the_vendor_could_adopt_are_not_stated():
    fields = _read(
        "Dear Dr. Roe,\nWe hosted a mock FDA inspection by consultants in May 2024.\nSincerely,\nAcme Biologics GmbH",
        "Our Boston, USA sister site was inspected by the FDA in June 2023 (NAI).\n\n"
        "We can implement electronic batch records for commercial supply, and we plan to move to an MES next year.",
    )
    assert fields["last_fda_inspection_date"].status == "not_stated"
    assert fields["last_fda_inspection_outcome"].status == "not_stated"
    assert fields["electronic_batch_records"].status == "not_stated"


def test_a_model_or_a_price_the_vendor_hedges_in_the_same_clause_is_not_stated():
    hedged = _read(
        "Dear Dr. Roe,\nPricing model: fixed price, to be confirmed after the gap assessment.\nSincerely,\n"
        "Acme Biologics GmbH",
        "GMP batch price: EUR 450,000 (to be confirmed).",
    )
    assert hedged["pricing_model"].status == "not_stated"
    assert hedged["gmp_batch_price"].status == "not_stated"
    firm = _read(
        "Dear Dr. Roe,\nPricing model: fixed price. Stability pricing is to be confirmed.\nSincerely,\n"
        "Acme Biologics GmbH",
        "GMP batch price: EUR 450,000 per batch.",
    )
    assert firm["pricing_model"].value == "fixed_price"
    assert firm["gmp_batch_price"].value.amount == 450_000


def test_a_capability_left_out_of_this_offer_is_not_denied():
    fields = _read(
        "Dear Dr. Roe,\nDrug product is not part of this offer, because you have your own fill/finish partner.\n"
        "Sincerely,\nAcme Biologics GmbH",
        "Fill-finish is not included in this proposal.",
    )
    assert fields["aseptic_fill_finish"].status == "not_stated"
    denied = _read(
        "Dear Dr. Roe,\nAcme does not offer fill/finish or lyophilization at the Basel site.\nSincerely,\n"
        "Acme Biologics GmbH",
        "Fill-finish is not part of this proposal and is not something we do.",
    )
    assert denied["aseptic_fill_finish"].value is False
    assert denied["lyophilization"].value is False


def test_work_the_sponsor_or_its_contractor_does_is_not_the_vendors_capability():
    theirs = _read(
        "Dear Dr. Roe,\nBulk drug substance will be shipped frozen to the Sponsor for aseptic filling.\nSincerely,\n"
        "Acme Biologics GmbH",
        "The Sponsor will perform fill/finish at its own facility. You will be responsible for sterile filling of "
        "the drug product.",
    )
    assert theirs["aseptic_fill_finish"].status == "not_stated"
    ours = _read(
        "Dear Dr. Roe,\nWe perform aseptic filling for the sponsor at our Basel site.\nSincerely,\nAcme Biologics GmbH",
        "Bulk drug substance is released by QA.",
    )
    assert ours["aseptic_fill_finish"].value is True


def test_a_duration_of_work_the_sponsor_did_is_not_the_offers_plan():
    theirs = _read(
        "Dear Dr. Roe,\nProcess development was completed by the Sponsor over 16 weeks.\nSincerely,\nAcme Biologics GmbH",
        "We will start with technology transfer.",
    )
    assert theirs["process_development_weeks"].status == "not_stated"
    ours = _read(
        "Dear Dr. Roe,\nProcess development: 16 weeks, performed by us for the Sponsor.\nSincerely,\nAcme Biologics GmbH",
        "We will start with technology transfer.",
    )
    assert ours["process_development_weeks"].value == 16


def test_what_is_priced_per_batch_must_be_the_batch():
    fields = _read(
        "Dear Dr. Roe,\nRaw materials and consumables are estimated at EUR 40,000 per batch.\nSincerely,\n"
        "Acme Biologics GmbH",
        "Single-use assemblies: EUR 22,000 per batch, invoiced at cost.\n\nStorage of retained samples: EUR 1,200 "
        "per batch per year.",
    )
    assert fields["gmp_batch_price"].status == "not_stated"
    priced = _read(
        "Dear Dr. Roe,\nOur fixed price: EUR 450,000 per batch.\nSincerely,\nAcme Biologics GmbH",
        "Single-use assemblies: EUR 22,000 per batch, invoiced at cost.",
    )
    assert priced["gmp_batch_price"].value.amount == 450_000
