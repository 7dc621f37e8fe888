"""What a brief leaves open is asked, not stated: a field answered 'TBD - ...' or 'open to proposals', a dot-leader
form line left TBD, a doubt said aloud ('not sure if ...', '... ask them'); and what the writer shelves or says to
leave out ('the 2,000 L plan is shelved - don't quote it', 'don't mention EMA filing') is no fact of the RFP."""

from __future__ import annotations

from rfp_assistant.jobs.drafting import parse_brief

_FORM = ("PROJECT INTAKE FORM\n"
         " 1. Product ................. AB-12 - bispecific antibody for solid tumours\n"
         " 2. Purification scheme ..... TBD - preclinical lots used protein A + two polishing steps; open to CDMO proposals\n"
         " 3. Markets / agencies ...... Phase 1 in Australia (TGA). EU: N/A for now\n"
         " 4. Stability ............... TBD\n"
         " 5. Formulation ............. CDMO to propose\n")


def _asked(brief) -> list[str]:
    return [c for c in brief.clauses if c.startswith("[To be confirmed:")]


def test_a_form_field_left_tbd_with_a_note_is_asked_and_its_note_stays_a_fact():
    brief = parse_brief(_FORM)
    asked = _asked(brief)
    assert any("Purification scheme" in a for a in asked)
    assert any("Stability" in a for a in asked)
    stated = [c for c in brief.clauses if c not in asked]
    assert any(c.startswith("Purification scheme:") and "protein A" in c for c in stated)
    assert not any("TBD" in c for c in stated)


def test_a_field_that_invites_the_cdmo_to_propose_is_asked_as_well_as_shown():
    brief = parse_brief(_FORM)
    assert any("Formulation" in a for a in _asked(brief))
    assert "Formulation: CDMO to propose" in brief.clauses


def test_a_dot_leader_line_keeps_its_label_with_every_sentence_of_its_value():
    brief = parse_brief(_FORM)
    assert "Markets / agencies: Phase 1 in Australia (TGA)." in brief.clauses
    assert "Markets / agencies: EU: N/A for now" in brief.clauses
    assert not any(c.rstrip(" .") == "Markets / agencies" for c in brief.clauses)  # the label never stands alone


def test_a_doubt_said_aloud_becomes_a_question_and_leaves_the_rest_stated():
    brief = parse_brief("Oral capsule, Phase 2. API is OEB 4, we handle it in a glovebox today, not sure if the CDMO "
                        "needs a dedicated suite.\nThree GMP batches.")
    asked = _asked(brief)
    assert any("dedicated suite" in a and "not sure" not in a for a in asked)
    stated = "\n".join(c for c in brief.clauses if c not in asked)
    assert "OEB 4" in stated and "dedicated suite" not in stated


def test_a_hedge_next_to_an_ask_them_goes_with_it():
    brief = parse_brief("Sterile liquid in vials, nothing exotic, no cold chain needed I think, well... ask them.")
    asked = _asked(brief)
    assert asked == ["[To be confirmed: no cold chain needed]"]
    assert "Sterile liquid in vials, nothing exotic" in brief.clauses


def test_plain_hedges_alone_do_not_turn_a_fact_into_a_question():
    brief = parse_brief("Probably 3 GMP batches at 200 L. Maybe a demo batch first.")
    assert not _asked(brief)
    assert brief.value("batches") == 3


def test_a_shelved_plan_the_writer_says_not_to_quote_is_not_carried():
    brief = parse_brief("- Process\n  - scale\n    - 100 L for the engineering run\n"
                        "    - 400 L for GMP (the 2,000 L plan is shelved - don't quote it)\n- Budget: ~EUR 3M\n")
    said = "\n".join(brief.clauses)
    assert "2,000 L" not in said and "400 L for GMP" in said
    assert brief.value("scale_l") == 400


def test_a_shelved_or_parked_figure_gives_way_to_the_current_one():
    brief = parse_brief("GMP scale 400 L; the 2,000 L plan is shelved.\nBatches: 3 (a 6-batch campaign is parked)")
    said = "\n".join(brief.clauses)
    assert "2,000 L" not in said and "6-batch" not in said
    assert brief.value("scale_l") == 400 and brief.value("batches") == 3


def test_an_agency_the_writer_says_not_to_mention_is_neither_a_framework_nor_a_market():
    brief = parse_brief("Markets are the US and Canada, Health Canada wants 6 months of stability. Not the EU yet, so "
                        "don't mention EMA filing.\nThere was a third strength, it is dead, don't put it in.")
    assert "EMA" not in (brief.value("regulatory_frameworks") or [])
    assert "EU" not in (brief.value("markets") or [])
    said = "\n".join(brief.clauses)
    assert "EMA" not in said and "Not the EU yet." in said
    assert "don't put it in" not in said and "it is dead." in said


def test_a_request_to_respondents_not_to_include_something_stays():
    brief = parse_brief("Submission: please do not include list prices in the technical volume.")
    assert any("do not include list prices" in c for c in brief.clauses)
