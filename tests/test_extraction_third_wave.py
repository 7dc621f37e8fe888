"""Mechanisms read off unseen proposals' writing: abbreviations by case, denials about the field's own subject,
sections in another party's words, money in the terms and conditions, and a later statement that revises a figure."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

FOOTER = "Acme Biologics GmbH | Confidential | Page {n} of {total}"


def _read(*pages: str):
    text = "\f".join(page + "\n" + FOOTER.format(n=i, total=len(pages)) for i, page in enumerate(pages, 1))
    return extract_offline(load_bytes(text.encode(), "acme.txt", max_bytes=10**6)).fields


def test_an_abbreviation_is_read_in_its_own_case_and_a_denial_must_be_about_the_field():
    fields = _read(
        "We wanted our QA lead's view on your vial before I put numbers on paper.\n"
        "Release testing: sterility, endotoxin, visible and sub-visible particles.\nSub-total 40,000",
        "Pricing follows.",
    )
    assert fields["bioreactor_type"].status == "not_stated"
    assert fields["electronic_batch_records"].status == "not_stated"
    fields = _read("Upstream runs in two 2,000 L SUBs.\nBatch records are kept on paper.", "Pricing follows.")
    assert fields["bioreactor_type"].value == "single_use"
    assert fields["electronic_batch_records"].value is False


def test_a_section_restating_the_rfp_and_a_response_tables_requirement_column_are_the_sponsors_words():
    fields = _read(
        "2. Client requirements (restated from the RFP)\nThe following text is reproduced from the client's RFP.\n"
        '2.1 Scale\n"Drug substance batches of 50 g. The plasmid is produced by the client\'s supplier in a 300 L '
        'fermenter and will be supplied to the selected CDMO."',
        "2. Client requirements (continued)\n2.7 Governance\n"
        '"The client expects a dedicated project manager and weekly written progress reports from the supplier."',
        "3. Response to requirements\nRFP ref.\nRequirement (summary)\nOur response\nMeets?\n2.2\nTech transfer within 8 weeks\n"
        "12 weeks. The potency assay needs optimisation before it can be qualified, so the transfer takes longer.\n"
        "No\n2.3\nGMP slot by July 2025; first\nDP batch by week 30\n"
        "Earliest GMP slot September 2025; first GMP batch in week 34 after signature, released about six weeks later.\n"
        "No\n2.7\nDedicated PM; weekly\nreports\nDedicated project manager: yes. Reporting is monthly, with a monthly call.\nPartly",
        "6. Selected experience\nThe following anonymised examples come from other clients' programmes and are not part "
        "of this offer.\nUS vaccine developer: technology transfer in 9 weeks; first GMP batch in week 26.\n7. Terms\n"
        "Liability for client materials is capped at EUR 300,000 per batch. The price of a GMP batch is EUR 835,000.",
    )
    assert fields["max_bioreactor_volume_l"].status == "not_stated"
    assert fields["tech_transfer_weeks"].value == 12.0 and fields["tech_transfer_weeks"].status == "stated"
    assert fields["first_available_gmp_slot"].value.isoformat() == "2025-09-01"
    assert fields["weeks_to_first_gmp_batch"].value == 34.0 and fields["weeks_to_first_gmp_batch"].status == "stated"
    assert fields["reporting_cadence"].value == "monthly"
    assert fields["gmp_batch_price"].value.amount == 835_000.0 and fields["gmp_batch_price"].status == "stated"


def test_a_date_that_ends_a_hold_is_a_deadline_not_the_slot():
    fields = _read("Earliest GMP slot: September 2025.", "8.2 Slot reservation\nThe September 2025 slot is held until "
                   "31 May 2025 without charge.")
    assert fields["first_available_gmp_slot"].value.isoformat() == "2025-09-01"
    assert fields["first_available_gmp_slot"].status == "stated"


def test_a_revision_supersedes_the_figure_it_changes_in_prose_a_ps_or_its_comparison_table():
    fields = _read(
        "The numbers (in euro, ex VAT)\nItem EUR\nTech transfer 38,000\nMedia fills, 3 x 14,500 43,500\n"
        "GMP fill lots, 2 x 61,000 122,000\nRelease testing, 2 x 18,500 37,000\nTotal 269,500",
        "Kind regards,\nJane Doe\nP.S. Our existing simulation already covers your vial, so we can drop the third media "
        "fill. Knock EUR 14,500 off, which makes the total two hundred and fifty-five thousand euro (EUR 255,000).",
    )
    assert fields["total_price"].status == "stated" and fields["total_price"].value.amount == 255_000.0
    fields = _read(
        "Price Summary (Rev. 01)\nTotal offer value (excluding GST)\nINR 5,87,50,000",
        "Changes from Rev. 00\nItem\nRev. 00 (22.08.2026)\nRev. 01 (this offer)\nReason\nPrice per cGMP batch\n"
        "INR 1,12,00,000\nINR 98,00,000\nSmaller batch\nTotal offer value\nINR 6,48,50,000\nINR 5,87,50,000\n-\n"
        "The prices in Rev. 00 are no longer valid and are fully replaced by the prices in this revision.",
    )
    assert fields["total_price"].status == "stated" and fields["total_price"].value.amount == 58_750_000.0
    assert fields["gmp_batch_price"].value.amount == 9_800_000.0


def test_the_addressees_address_is_no_site_and_a_detail_column_asks_nothing():
    fields = _read(
        "Acme Biologics GmbH\nHafenstrasse 4, 20457 Hamburg, Germany\n27 November 2025\nDr. Jane Roe\nSenior Director, Drug Product\n"
        "Helix Therapeutics, Inc.\n88 Ridgeview Parkway, Suite 400\nRaleigh, NC 27607, USA\nRe: Clinical fill of HX-1\n"
        "Dear Jane,\nMany thanks for the opportunity to quote.",
        "5. Scope and timeline\nService\nIncluded?\nDetail\nTechnology transfer\nYes\nTwo methods (WP1)\n"
        "Analytical development\nYes\nQualification of the potency assay (WP2)\nProcess development\nNo\n"
        "Not required; process run as transferred\nAseptic fill/finish\nYes\n6R vials, frozen liquid",
    )
    assert fields["sites"].status == "not_stated"
    assert {"tech_transfer", "analytical_development", "fill_finish"} <= set(fields["services_included"].value)
    assert "process_development" not in fields["services_included"].value


def test_a_date_of_another_event_near_the_slot_is_that_events():
    fields = _read("Earliest GMP slot: September 2025.", "The week-34 date for the first GMP batch reflects the slot and a "
                   "contract signature in early June 2025.")
    assert fields["first_available_gmp_slot"].status == "stated"
    assert fields["first_available_gmp_slot"].value.isoformat() == "2025-09-01"


def test_a_row_of_a_price_table_with_the_currency_in_its_header_is_in_scope():
    fields = _read(
        "3. Price (AUD)\nAll services are quoted on a fee-for-service basis, per activity.\nActivity Price (AUD)\n"
        "Formulation development, prototypes for 3 strengths 186,000\n"
        "Analytical method development and validation (assay, dissolution) 124,500\n"
        "Engineering / confirmation batch (non-GMP) at full commercial scale 58,000\nICH stability, 24 months 88,000",
        "Terms follow.",
    )
    assert "analytical_development" in fields["services_included"].value


def test_every_approving_agency_of_a_long_sentence_is_kept_with_its_quote():
    fields = _read(
        "11. Quality, regulatory history and governance\n11.1 Inspections\nNorthsite: last inspected by the US FDA in "
        "March 2024. The inspection resulted in a Form 483 with three observations and was classified VAI.\n"
        "Southsite: inspected by Swissmedic in October 2024; not yet inspected by the FDA.\n"
        "We have not received any FDA warning letter in the last five years.\n11.2 Approved products\n"
        "Northsite manufactures two commercial products, both approved by the EMA and by Swissmedic.\n"
        "11.3 Governance\nWe will assign a dedicated project manager.",
        "Terms follow.",
    )
    assert set(fields["regulatory_approvals"].value) == {"EMA", "Swissmedic"}


def test_effort_on_a_rate_card_is_not_a_duration():
    fields = _read(
        "Process development will take approx. 20-22 weeks, partly overlapping with tech transfer.",
        "Price Summary (INR)\nProcess development and optimisation\nFTE\n4 FTE x 5 months x 7,25,000\n1,45,00,000",
    )
    assert fields["process_development_weeks"].status == "stated"
    assert fields["process_development_weeks"].value == 22.0


def test_a_short_term_is_an_abbreviation_read_only_with_a_capital():
    from rfp_assistant.jobs.extraction.terms import boolean_terms, list_terms

    mes = [p for p in boolean_terms("electronic_batch_records")["terms"] if p.search("MES")]
    assert mes and not any(p.search("les mes données") for p in mes)
    assert any(p.search("mRNA-LNP") for p in list_terms("modalities")["mrna"])
    assert not any(p.search("3 pm") for p in boolean_terms("dedicated_project_manager")["topic"])


def test_a_postscript_revises_the_letter_above_it():
    fields = _read(
        "Dear Jane,\nOur first GMP batch would be 18 weeks from PO. The quote is valid for 60 days.\nKind regards,\nJohn",
        "P.S. We have moved things around: the first GMP batch can be 14 weeks from PO, and the quote is valid for "
        "90 days.",
    )
    assert fields["weeks_to_first_gmp_batch"].status == "stated" and fields["weeks_to_first_gmp_batch"].value == 14.0
    assert fields["proposal_validity_days"].value == 90


def test_terms_written_as_a_table_are_quoted_with_their_rows():
    fields = _read(
        "8.5 Cancellation\nNotice of cancellation before scheduled start\nFee\nMore than 6 months\n"
        "10% of the affected work package\n3 to 6 months\n40% of the affected work package\nLess than 3 months\n"
        "80% of the affected work package, plus non-cancellable materials\n\n8.6 Governing law\nSwiss law applies.",
        "Terms follow.",
    )
    quote = fields["cancellation_terms"].value
    assert "10%" in quote and "40%" in quote and "80%" in quote and "Governing" not in quote


def test_a_state_fda_and_other_agencies_in_one_audit_paragraph_are_not_the_us_fda():
    fields = _read(
        "3. Regulatory and audit history\nOur Plant 2 was inspected by the USFDA in March 2025 (pre-approval "
        "inspection) and classified NAI with zero Form 483 observations. PMDA inspected Plant 2 in June 2025 and raised "
        "2 observations. MFDS (Korea) audited the plant in November 2024 with 1 minor observation, and CDSCO with the "
        "state FDA carried out a WHO-GMP inspection in January 2026.",
        "Terms follow.",
    )
    assert fields["last_fda_inspection_date"].value.isoformat() == "2025-03-01"
    assert fields["last_fda_inspection_outcome"].value == "NAI"
    assert fields["fda_483_observations"].value == 0


def test_an_offer_valid_till_a_date_stands_for_the_days_from_its_own_date():
    fields = _read("Offer No. ABC/2026/11\nDate: 01.09.2026\nDear Sir,\nWe are pleased to submit our offer.",
                   "Validity: This offer is valid till 30.11.2026.")
    assert fields["proposal_validity_days"].value == 90
    assert len(fields["proposal_validity_days"].evidence) == 2


def test_a_duration_counted_from_po_belongs_to_the_subject_its_question_or_sentence_names():
    fields = _read("Q3. What is your earliest available GMP slot?\nResponse: Q2 2027 in Suite 3.\n"
                   "Q4. How long will technology transfer take?\nResponse: 12-14 weeks from PO.", "Terms follow.")
    assert fields["tech_transfer_weeks"].value == 14.0
    assert fields["weeks_to_first_gmp_batch"].status == "not_stated"


def _plain(*pages: str):
    return extract_offline(load_bytes("\f".join(pages).encode(), "x.txt", max_bytes=10**6)).fields


def test_a_title_naming_the_addressee_is_not_the_vendor_and_a_footer_brand_is():
    fields = _plain("PROPOSAL FOR HELIOS PHARMA LTD\nClinical supply of HX-7\nWe are pleased to submit our offer.\n"
                    "Tarnwick Biologics | Confidential | page 1", "Pricing\nTarnwick Biologics | Confidential | page 2",
                    "Terms\nTarnwick Biologics | Confidential | page 3")
    assert fields["cdmo_name"].value == "Tarnwick Biologics"


def test_a_service_in_a_sentence_is_judged_by_its_sentence_not_the_next_one():
    fields = _read(
        "1. Our capabilities\nWe offer cell line development, process development, GMP manufacturing, aseptic "
        "fill/finish, QC release and stability studies.\n2. Proposed scope\nFor HB-22 we propose technology transfer, "
        "two GMP batches at 2,000 L and release testing. Drug product fill/finish will be performed by your designated "
        "fill partner. Stability is not included.",
        "Terms follow.",
    )
    assert set(fields["services_included"].value) == {"tech_transfer", "clinical_manufacturing", "qc_release"}


def test_scope_said_as_an_offer_that_covers_a_table_with_an_in_scope_column_and_an_out_of_scope_heading():
    covers = _read("Our offer covers process development, two GMP batches and release testing. It does not cover "
                   "fill/finish.", "Terms follow.")
    assert set(covers["services_included"].value) == {"process_development", "clinical_manufacturing", "qc_release"}
    table = _read("Service | In scope?\nCell line development | No\nProcess development | Yes\nFill/finish | No\n"
                  "QC release | Yes", "Terms follow.")
    assert set(table["services_included"].value) == {"process_development", "qc_release"}
    listed = _read("Scope of work\n- Technology transfer of the process\n- Three GMP batches\n- ICH stability (24 months)\n"
                   "Out of scope\n- Fill/finish\n- Regulatory writing", "Terms follow.")
    assert set(listed["services_included"].value) == {"tech_transfer", "clinical_manufacturing", "stability"}


def test_an_all_in_price_is_the_total_and_not_also_an_items_price():
    fields = _read("Price: €4.2M all-in for the three batches and tech transfer.", "Terms follow.")
    assert fields["total_price"].value.amount == 4_200_000.0
    assert fields["tech_transfer_fee"].status == "not_stated"
    fields = _read("Your budget of USD 5.0 million is noted. Our price for the full scope is USD 4,650,000.", "Terms.")
    assert fields["total_price"].value.amount == 4_650_000.0


def test_a_date_in_another_role_is_not_the_proposal_date():
    fields = _read("Schedule\nEarliest start of GMP manufacture: 15.03.2027.", "Terms follow.")
    assert fields["proposal_date"].status == "not_stated"
    assert fields["first_available_gmp_slot"].value.isoformat() == "2027-03-15"
    assert _plain("Singapore, 5 March 2027\nDear Dr. Tan,\nPlease find our quote.", "")["proposal_date"].value.isoformat() \
        == "2027-03-05"


def test_the_sponsors_previous_manufacturers_figures_are_not_the_offers():
    fields = _read("We understand that your previous CDMO completed tech transfer in 14 weeks and that the first GMP "
                   "batch was made 26 weeks after PO.\nOur plan: technology transfer in 12 weeks.", "Terms follow.")
    assert fields["tech_transfer_weeks"].value == 12.0 and fields["tech_transfer_weeks"].status == "stated"
    assert fields["weeks_to_first_gmp_batch"].status == "not_stated"


def test_the_sponsors_product_form_is_not_the_vendors_capability():
    assert _read("The sponsor's product is a lyophilized powder; we will fill the liquid bulk only.",
                 "Terms.")["lyophilization"].status == "not_stated"
    assert _read("We will lyophilize your product in our 20 m² freeze dryer.", "Terms.")["lyophilization"].value is True


def test_a_questionnaires_labelled_answer_answers_its_question():
    fields = _read("4. Will a dedicated project manager be assigned?\nAnswer: Yes.\n9. Lyophilization capability?\n"
                   "Answer: Not available.\n10. Aseptic fill/finish?\nAnswer: Not applicable (API only).", "Terms follow.")
    assert fields["dedicated_project_manager"].value is True
    assert fields["lyophilization"].value is not True and fields["aseptic_fill_finish"].value is not True


def test_a_practice_promised_on_one_page_and_denied_on_another_is_a_conflict():
    fields = _read("We will assign a dedicated project manager.",
                   "Project management is provided by a shared pool of project managers.")
    assert fields["dedicated_project_manager"].status == "conflicting"
    assert len(fields["dedicated_project_manager"].evidence) == 2


def test_a_sites_table_gives_the_sites_its_proposed_column_marks_yes():
    fields = _read(
        "A2. Sites\nThe table below lists all our sites. Only the sites marked 'Yes' in the last column are proposed.\n"
        "Site\nLocation\nOffered for this project\nCorporate Office\nAndheri (East), Mumbai\nNo\nR&D Centre\n"
        "Genome Valley,\nHyderabad, Telangana\nYes - process development\nUnit-II\nParawada,\nVisakhapatnam\n"
        "Yes - GMP batches",
        "Terms follow.",
    )
    assert set(fields["sites"].value) == {"Hyderabad, India", "Visakhapatnam, India"}


def test_a_date_in_the_terms_is_not_the_proposal_date():
    fields = _read("Annex A - General terms\nA1 Liability is capped at EUR 1,500,000.\n"
                   "A3 Prices are indexed annually by 3% from 1 January 2027.", "Pricing follows.")
    assert fields["proposal_date"].status == "not_stated"
