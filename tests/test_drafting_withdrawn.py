"""What the brief declines or takes back ('Fill/finish: N/A', 'we dropped lyo', 'the earlier budget is superseded',
'..., not EUR 4M') is never a program fact: not a typed value, and no withdrawn figure in the RFP's clauses."""

from __future__ import annotations

from rfp_assistant.core.text.withdrawal import standing_text
from rfp_assistant.jobs.drafting import parse_brief


def test_a_form_field_answered_n_a_or_no_is_not_a_service_of_the_program():
    brief = parse_brief("Modality: synthetic peptide\nPhase: Phase 2\nAPI quantity: 1.5 kg GMP\n"
                        "Drug product: N/A (API only)\nFill/finish: N/A\nLyophilization: No\nBudget: USD 2M")
    services = brief.value("services", [])
    assert "fill_finish" not in services and "lyophilization" not in services
    assert brief.value("budget")["amount"] == 2_000_000  # the fields that are answered are still read
    assert any("Fill/finish: N/A" in c for c in brief.clauses)  # the sponsor's answer is still shown


def test_a_dropped_or_no_longer_planned_step_is_not_a_service_or_capability():
    brief = parse_brief("Phase 1 mAb, CHO, 2 x 500 L GMP batches.\nDP: liquid, 6R vials; lyophilisation no longer planned.\n"
                        "We are not asking for commercial manufacturing in this RFP.\nBudget USD 6M.")
    assert "lyophilization" not in brief.value("services", [])
    assert "lyophilization" not in brief.value("special_capabilities", [])
    assert "commercial_manufacturing" not in brief.value("services", [])
    assert brief.value("scale_l") == 500 and brief.value("batches") == 2


def test_in_a_chat_a_dropped_plan_does_not_become_a_capability():
    chat = ("Priya  10:14\nanti-CD40 IgG1, CHO-K1, Phase 1\nTom  10:30\nwe dropped lyo btw, the liquid formulation is "
            "stable enough\nPriya  10:31\nDP is liquid in 10R vials")
    brief = parse_brief(chat)
    assert "lyophilization" not in brief.value("services", []) + brief.value("special_capabilities", [])


def test_a_superseded_budget_is_neither_the_typed_budget_nor_shown():
    brief = parse_brief("Adalimumab biosimilar, 0.4 mL PFS.\nThe budget line we were given earlier (GBP 5m) is superseded; "
                        "the approved figure is GBP 4.2m for PPQ and launch readiness.")
    assert brief.value("budget") == {"amount": 4_200_000.0, "currency": "GBP"}
    said = "\n".join(brief.clauses)
    assert "4.2m" in said and "5m" not in said


def test_an_earlier_figure_kept_beside_the_current_one_is_left_out():
    said = "\n".join(parse_brief("saRNA vaccine, Phase 1.\nAbout 20 g per campaign, two campaigns. Originally the plan was "
                                 "three campaigns.\nBudget GBP 2.5m total (it was 3.5m before the cut).").clauses)
    assert "two campaigns" in said and "three campaigns" not in said
    assert "2.5m" in said and "3.5m" not in said


def test_a_figure_named_as_not_the_one_is_left_out_and_corrects_the_older_message():
    mail = ("Hi Sam,\nBudget is now EUR 3.2M, not EUR 4M.\nConjugation: 2 GMP lots of 250 g each (not 400 g - we re-ran "
            "the dose projection).\nMarc\n\n---------- Forwarded message ---------\nFrom: Lena\n\nInputs:\n"
            "- Conjugation: 2 GMP lots of 400 g each\n- Budget EUR 4M\n- Phase 1 ADC, MMAE\nLena")
    brief = parse_brief(mail)
    said = "\n".join(brief.clauses)
    assert "EUR 4M" not in said and "400 g" not in said
    assert "EUR 3.2M" in said and "250 g" in said
    assert brief.value("budget")["amount"] == 3_200_000


def test_a_sentence_without_withdrawal_language_is_untouched():
    for text in ("No. of batches: 3", "Fill into 2R vials, no terminal sterilization", "We need 2 GMP batches at 2,000 L",
                 "Release testing per ICH Q6B, stability at 5 °C for 24 months"):
        assert standing_text(text) == text


def test_options_weighed_before_a_decision_leave_only_the_decided_figure():
    brief = parse_brief("Anti-IL-23 mAb, Phase 2.\nDiscussion: scale 1,000 L vs 2,000 L. Decision: 2,000 L single-use.\n"
                        "Number of GMP batches: 3")
    said = "\n".join(brief.clauses)
    assert "2,000 L" in said and "1,000 L" not in said
    assert brief.value("scale_l") == 2000


def test_a_date_moved_later_in_the_sentence_replaces_the_one_first_agreed():
    brief = parse_brief("mAb DS, Phase 2, 3 GMP batches.\nTimeline: first GMP batch Q3 2026 was agreed, later moved to Q4 "
                        "2026 because of the tox delay.")
    said = "\n".join(brief.clauses)
    assert "Q4 2026" in said and "Q3 2026" not in said
    assert [m["date"] for m in brief.value("timeline")] == ["Q4 2026"]


def test_a_figure_in_words_corrected_on_the_spot_keeps_only_the_correction():
    said = "\n".join(parse_brief("Autologous CAR-T, Phase 1. Vein-to-vein we want under fourteen days, er, actually no, "
                                 "under twelve days.").clauses)
    assert "twelve days" in said and "fourteen" not in said


def test_an_owner_s_action_to_confirm_under_a_bare_action_items_line_is_an_open_point():
    brief = parse_brief("Minutes - AAV sync\n- AAV9, HEK293, 200 L, 2 GMP batches\n\nAction items\n"
                        "- JK to confirm whether the potency assay is run by us or the CDMO\n- RS to send budget by Friday")
    assert "[To be confirmed: JK to confirm whether the potency assay is run by us or the CDMO]" in brief.clauses
    assert not any(c.startswith("JK to confirm") for c in brief.clauses)


def test_a_figure_judged_too_much_before_its_correction_leaves_only_the_correction():
    said = "\n".join(parse_brief("pDNA, 3 plasmids, high-quality grade.\nBudget USD 2M is too low for the MCB, make it "
                                 "USD 2.5M.").clauses)
    assert "USD 2.5M" in said and "2M" not in said and "too low" not in said
