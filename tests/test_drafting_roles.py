"""Brief values read by their role: the sponsor is the writer, the scale the batch's, a count names what it counts."""

from __future__ import annotations

from rfp_assistant.jobs.drafting import parse_brief


def test_a_company_that_made_or_supplies_something_is_not_read_as_the_sponsor():
    made_by = parse_brief("Phase 1 mAb in CHO; the master cell bank was made by Globex Biologics in 2024. "
                          "We need 2 GMP batches at 500 L.")
    assert made_by.value("company_name") is None  # the writer never names its own company
    ours = parse_brief("Acme Therapeutics needs a CDMO for its Phase 1 mAb; the cell line is licensed from "
                       "Globex Biologics and our current CDMO Initech Biologics is at capacity.")
    assert ours.value("company_name") == "Acme Therapeutics"


def test_the_size_of_a_bag_or_bottle_is_not_the_production_scale_nor_a_single_use_process():
    fill = parse_brief("Commercial fill/finish of our mAb in prefilled syringes; DS arrives frozen in 12 L "
                       "single-use bags. 3 PPQ lots of 25,000 syringes.")
    assert fill.value("scale_l") is None
    assert "single_use" not in (fill.value("special_capabilities") or [])
    made = parse_brief("Phase 1 mAb, 2 x 2,000 L single-use bioreactor batches; DS shipped in 50 L bags.")
    assert made.value("scale_l") == 2000
    assert "single_use" in made.value("special_capabilities")


def test_a_count_labelled_no_of_batches_is_read_as_the_number_of_batches():
    brief = parse_brief("Dosage form: film-coated tablet\nPhase: Phase 2\nNo. of batches: 3 (25 mg, 100 mg, placebo)")
    assert brief.value("batches") == 3


def test_a_vector_used_on_autologous_cells_is_a_gene_therapy_and_an_autologous_product_a_cell_therapy():
    vector = parse_brief("LV RFP (ex vivo HSC gene therapy): 3rd-gen SIN lentiviral vector that transduces "
                         "autologous CD34+ cells at our site; 1 engineering run + 2 GMP lots at 200 L.")
    assert vector.value("modality") == "gene_therapy"
    cells = parse_brief("Autologous CD19-directed product for r/r DLBCL, Phase 1, 30 patient lots.")
    assert cells.value("modality") == "cell_therapy"


def test_what_the_product_is_for_is_shown_in_the_overview_as_well():
    from rfp_assistant.jobs.drafting.placement import place_clauses

    clause = "Vector: transduces autologous CD34+ cells at our site"
    placed = place_clauses([clause, "Storage at -80 °C, shipped on dry ice to our site in Rotterdam"])
    assert clause in placed["overview"]
    assert not any("dry ice" in c for c in placed["overview"])


def test_a_finished_phase_a_current_scale_and_where_earlier_work_ran_are_history_not_the_request():
    brief = parse_brief("Stage: Phase 1 done in Australia; we need DS and DP for a Phase 2b in the US and EU. "
                        "Tech transfer of our fed-batch process (currently 200 L at our lab partner), "
                        "scale-up to 2,000 L, 3 GMP batches. We want to sign by end of March 2027.")
    assert brief.value("phase") == "Phase 2"
    assert brief.value("scale_l") == 2000
    assert brief.value("markets") == ["US", "EU"]
    assert {"milestone": "Contract signed", "date": "March 2027"} in brief.value("timeline")
    ongoing = parse_brief("Phase 1 ongoing in the US, 2 GMP batches at 500 L.")
    assert ongoing.value("phase") == "Phase 1" and ongoing.value("scale_l") == 500


def test_a_place_the_brief_rules_out_is_neither_a_market_nor_a_site_and_a_year_counts_no_batches():
    brief = parse_brief("Small-molecule API for Phase 2; we need 25 kg of GMP API. Form A appeared once in the 2024 "
                        "campaign.\nRegulatory: IND open in the US; IMPD for Germany and Spain planned for 2027. "
                        "No Japan plans.\nSite: ideally in Europe or the US; China not acceptable for this program.\n"
                        "We'd like the first 5 kg delivered by June 2027.")
    assert brief.value("markets") == ["US", "EU"]
    assert "CN" not in brief.value("location_preference")
    assert brief.value("batches") is None
    assert {"milestone": "First 5 kg delivered", "date": "June 2027"} in brief.value("timeline")


def test_a_market_outside_the_big_regions_is_read_with_its_agency_and_a_region_marked_n_a_is_not_one():
    from rfp_assistant.jobs.drafting.sections_program import quality_regulatory

    brief = parse_brief("Product: 4-valent conjugate vaccine\nClinical phase: Phase 1 (FIH)\n"
                        "Markets / agencies: FIH in South Africa (SAHPRA). US/EU: N/A for now\nBudget: TBD")
    assert brief.value("markets") == ["ZA"]
    quality = "\n".join(quality_regulatory(brief).blocks)
    assert "South Africa: SAHPRA GMP" in quality
    assert "21 CFR" not in quality and "EudraLex" not in quality
    assert parse_brief("Phase 3 filing with ANVISA and CDSCO after the US BLA.").value("markets") == ["US", "BR", "IN"]


def test_an_intake_form_with_dot_leaders_reads_n_a_as_no_and_a_count_per_item_as_a_rate():
    brief = parse_brief("OUTSOURCING INTAKE FORM\n"
                        " 3. Work requested ............ activation + conjugation + purification -> 4 conjugate bulks (DS)\n"
                        " 4. Drug product ............... N/A - separate RFP\n"
                        " 8. GMP batches ................ 1 lot per serotype = 4 lots, >= 40 g each\n"
                        "11. Markets / agencies ......... Phase 1 in South Africa (SAHPRA). US/EU: N/A for now\n"
                        "15. Previous CDMO / TT source .. N/A\n")
    services = brief.value("services") or []
    assert "fill_finish" not in services and "tech_transfer" not in services
    assert "clinical_manufacturing" in services
    assert brief.value("batches") == 4
    assert brief.value("markets") == ["ZA"]
