"""What a CDMO needs to quote and the brief does not say is asked, in the brief's own words; what the brief says is
not asked again."""

from __future__ import annotations

from rfp_assistant.jobs.drafting.brief import parse_brief_text
from rfp_assistant.jobs.drafting.gaps import find_gaps


def _asked(text: str) -> dict[str, str]:
    return {g.field: g.question for g in find_gaps(parse_brief_text(text))}


def test_how_proposals_are_chosen_and_the_confidentiality_agreement_are_asked_when_the_brief_is_silent():
    silent = _asked("Phase 1 mAb, CHO, 2 GMP batches at 500 L, vials. Budget EUR 3M. Proposals due 1 June 2026.")
    assert "criteria" in silent["selection_priorities"] and "confidentiality agreement" in silent["confidentiality_agreement"]
    told = _asked("Phase 1 mAb, CHO, 2 GMP batches at 500 L, vials. Budget EUR 3M. Proposals due 1 June 2026. "
                  "Priorities: speed first, then cost. The CDA is signed with all invited CDMOs.")
    assert not {"selection_priorities", "confidentiality_agreement"} & set(told)


def test_a_brief_that_says_api_is_asked_about_its_api_and_the_sponsor_named_as_supplier_supplies_it():
    asked = _asked("Acme Pharma: film-coated tablet, Phase 2, 2 GMP batches. API supplied by Acme. Budget USD 2M.")
    assert "API quantity" in asked["ds_supply"] and "drug substance" not in asked["ds_supply"]
    assert not {"starting_materials", "synthesis_scale", "solid_form"} & set(asked)  # the CDMO does not make the API
    biologic = _asked("Fill-finish of our mAb for a Phase 1 trial; we supply the drug substance frozen.")
    assert "drug substance" in biologic["ds_supply"]


def test_a_kit_a_patch_and_a_look_ahead_to_commercial_scale_get_their_own_questions():
    kit = _asked("Phase 3 LAI: powder for suspension in vials, co-packaged with a diluent (kit). 3 batches at 5 kg.")
    assert "diluent" in kit["kit_components"] and "dosage_form" not in kit
    patch = parse_brief_text("Phase 2 transdermal system, three strengths. API supplied by us. Tech transfer, 3 batches.")
    assert patch.value("dosage_form") == "transdermal patch" and not patch.drug_substance_only
    commercial = _asked("Phase 2 IR tablet; the BE batch must be at least 1/10 of commercial scale. 1 GMP batch.")
    assert "commercial batch size" in commercial["commercial_follow_on"]


def test_work_left_out_options_to_quote_and_materials_the_sponsor_supplies_are_shown_in_the_scope():
    from rfp_assistant.jobs.drafting.clause_kinds import kind_sections

    assert "scope_of_work" in kind_sections("Tox material from our pilot - out of scope")
    assert "scope_of_work" in kind_sections("The BE study itself runs at our CRO.")
    assert {"scope_of_work", "commercial_terms"} <= set(kind_sections("Option B: 3 batches at 5 kg"))
    assert "scope_of_work" in kind_sections("API supplied by Acme.")
    assert "scope_of_work" not in kind_sections("Budget EUR 2M, excl. API")


def test_shorthand_phases_need_their_letter():
    assert parse_brief_text("NVB-1 Fc-fusion, P2b, 3x500L, DS+DP").value("phase") == "Phase 2"
    assert parse_brief_text("Fc-fusion, 3x500L; P1 issue is the titer").value("phase") is None
