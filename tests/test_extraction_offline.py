"""The offline extractor reads proposals as an analyst would: values with quotes, silence as silence."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.extraction.offline import extract_offline
from rfp_assistant.schemas.proposal import Money, to_json_value

PAGE_1 = """ACME BIOLOGICS GMBH
Proposal for CT-900 drug substance supply, dated 12 March 2026. Ref. RFP-2026-0147.
Acme Biologics was founded in 1998 and added 4 x 2,000 L in 2019.
All work will be performed at our site in Mainz, Germany. Our headquarters in Zug handles administration.
Upstream runs in single-use bioreactors; the largest bioreactor on site is 4,000 L. A 200 L pilot bioreactor supports development.
We do not offer lyophilization. Aseptic fill-finish is offered but is excluded from this scope.
Technology transfer will take 10-12 weeks. For a previous client, tech transfer took 30 weeks.
"""
PAGE_2 = """Commercial terms
The total price for the proposed scope is EUR 3.2 million. Optional stability studies: EUR 250,000 (not included).
Each GMP batch is priced at € 950k per batch. Raw materials are charged at cost plus 12%.
Reporting: a status call every two weeks with a dedicated project manager.
The last FDA inspection (June 2025) was classified NAI; no Form 483 was issued.
"""


def _extract(page_2: str = PAGE_2):
    document = load_bytes((PAGE_1 + "\f" + page_2).encode(), "acme.txt", max_bytes=10**6)
    return document, extract_offline(document)


def test_values_are_typed_normalized_and_quoted_from_their_page():
    document, result = _extract()
    fields = result.fields
    assert fields["total_price"].value == Money(amount=3_200_000.0, currency="EUR")
    assert fields["gmp_batch_price"].value == Money(amount=950_000.0, currency="EUR")
    assert fields["tech_transfer_weeks"].value == 12.0  # a range gives its upper bound
    assert fields["raw_material_markup_pct"].value == 12.0
    assert fields["reporting_cadence"].value == "biweekly"
    assert fields["last_fda_inspection_outcome"].value == "NAI"
    assert fields["fda_483_observations"].value == 0
    assert to_json_value(fields["proposal_date"].value) == "2026-03-12"
    for key, field in fields.items():
        if field.status == "stated":
            assert field.evidence, key
            for evidence in field.evidence:
                assert quote_in_text(evidence.quote, document.page_text(evidence.page)), (key, evidence)


def test_distractors_do_not_win():
    _, result = _extract()
    assert result.fields["max_bioreactor_volume_l"].value == 4000.0  # not the 200 L pilot, not 2019's expansion
    assert result.fields["sites"].value == ["Mainz, Germany"]  # not the Zug headquarters
    assert result.fields["bioreactor_type"].value == "single_use"


def test_negation_and_out_of_scope_capabilities():
    _, result = _extract()
    assert result.fields["lyophilization"].value is False  # "we do not offer lyophilization"
    assert result.fields["aseptic_fill_finish"].value is True  # offered, even if excluded from this scope


def test_silence_is_not_stated_never_a_guess():
    _, result = _extract()
    for key in ("warning_letters_5y", "high_containment", "commercial_products_count", "payment_terms",
                "electronic_batch_records", "cancellation_terms"):
        assert result.fields[key].status == "not_stated", key
        assert result.fields[key].value is None and result.fields[key].evidence == []


def test_two_different_firm_values_on_different_pages_are_conflicting_with_both_quotes():
    extra = PAGE_2 + "\f" + "Summary of pricing\n" + "\nThe total price for the proposed scope is EUR 3.6 million.\n"
    _, result = _extract(extra)
    field = result.fields["total_price"]
    assert field.status == "conflicting" and field.value is None
    assert len(field.evidence) == 2 and {e.page for e in field.evidence} == {2, 3}
    assert {to_json_value(v)["amount"] for v in field.candidates} == {3_200_000.0, 3_600_000.0}


def test_a_value_that_explicitly_replaces_another_is_no_conflict():
    extra = PAGE_2 + "\f" + "Revision B\nThis revised total price of EUR 3.6 million replaces the total price of " \
        "EUR 3.2 million in our first offer.\n"
    _, result = _extract(extra.replace("The total price for the proposed scope is EUR 3.2 million.", ""))
    field = result.fields["total_price"]
    assert field.status == "stated" and to_json_value(field.value) == {"amount": 3_600_000.0, "currency": "EUR"}


def test_named_hybrid_pricing_wrapped_cadence_and_biweekly_are_read_as_written():
    from rfp_assistant.jobs.extraction.offline import _read
    from rfp_assistant.schemas.proposal import field_specs
    from rfp_assistant.jobs.extraction.terms import Page

    specs = field_specs()
    pricing = [Page(2, "Commercial terms\nWe quote a fixed price per GMP batch.\nPricing model: Hybrid – FTE-based "
                       "process development, fixed price per GMP batch.")]
    assert _read("pricing_model", specs["pricing_model"], pricing).value == "hybrid"
    wrapped = [Page(5, "A dedicated project manager will be assigned at kick-off. Project reports and a joint review "
                       "call take place\nevery two weeks. Critical raw materials are dual sourced.")]
    assert _read("reporting_cadence", specs["reporting_cadence"], wrapped).value == "biweekly"
    table = [Page(4, "Topic\nResponse\nProject meetings\nBi-weekly (video call)\nSteering committee\nQuarterly")]
    assert _read("reporting_cadence", specs["reporting_cadence"], table).value == "biweekly"


def test_an_old_value_a_revision_changed_is_not_the_value():
    page_3 = "Revision B\nTechnology transfer has been shortened from 16 weeks to 12 weeks at your request.\n"
    _, result = _extract(PAGE_2 + "\f" + page_3)
    field = result.fields["tech_transfer_weeks"]
    assert field.status == "stated" and field.value == 12.0
