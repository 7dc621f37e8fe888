"""A figure the brief itself overrules never reaches the RFP: the later statement of the same quantity wins."""

from __future__ import annotations

from rfp_assistant.jobs.drafting import parse_brief


def _clauses(text: str) -> str:
    return "\n".join(parse_brief(text).clauses)


def test_a_figure_corrected_on_the_spot_with_its_name_repeated_is_shown_once_as_corrected():
    said = _clauses("ADC with an MMAE payload, DAR 4 ... sorry, DAR 2, cleavable vc linker. Phase 1, 2 GMP batches.")
    assert "DAR 2" in said and "DAR 4" not in said and "sorry" not in said
    assert "MMAE" in said and "vc linker" in said  # the rest of the sentence stays


def test_a_correction_further_on_in_the_sentence_gives_the_earlier_figure_the_new_number():
    brief = parse_brief("We need 2 registration lots at 300 L, scratch that, 3 batches, not 2, for the NDA.")
    said = "\n".join(brief.clauses)
    assert "3 registration lots at 300 L" in said and "2 registration" not in said
    assert brief.value("batches") == 3


def test_not_x_but_y_and_actually_keep_only_the_later_figure():
    said = _clauses("Bioreactor scale 500 L, actually 1,000 L. We need not 4 but 2 engineering runs.")
    assert "1,000 L" in said and "500 L" not in said
    assert "2 engineering runs" in said and "4" not in said


def test_a_later_correction_line_overrules_the_same_named_quantity_on_an_earlier_line():
    brief = parse_brief("Phase 1 ADC, DAR 4, MMAE payload.\nBudget USD 3M.\nTimeline: first GMP batch Q3 2027.\n"
                        "Correction: DAR 2.")
    said = "\n".join(brief.clauses)
    assert "DAR 4" not in said and "DAR 2" in said
    assert "USD 3M" in said and "Q3 2027" in said  # other quantities are untouched


def test_in_a_chat_a_later_message_changes_an_earlier_figure_for_the_same_quantity():
    chat = ("[09:01] Ana: mAb, Phase 2, budget USD 4M, batch size 500 L\n[09:03] Ben: ok, and fill in vials\n"
            "[09:05] Ana: batch size 1000 L then\n[09:06] Ben: noted")
    brief = parse_brief(chat)
    said = "\n".join(brief.clauses)
    assert "500 L" not in said and "1000 L" in said
    assert brief.value("scale_l") == 1000


def test_figures_of_different_quantities_or_without_a_correction_are_left_as_written():
    text = ("Phase 1 then Phase 2. 2 batches of 200 L for DS and 3 batches of 500 L later. Fill 1 mL in 2 mL vials.\n"
            "We need 300 L, scratch that, 3 batches.")
    said = _clauses(text)
    for figure in ("Phase 1", "Phase 2", "2 batches of 200 L", "3 batches of 500 L", "1 mL", "2 mL", "300 L"):
        assert figure in said


def test_a_code_or_a_spelled_out_count_corrected_on_the_spot_keeps_only_the_correction():
    said = _clauses("Systemic AAV gene therapy, AAV9 ... sorry, AAVrh74 capsid, CAG promoter; two GMP batches... "
                    "sorry, three GMP batches.")
    assert "AAVrh74 capsid" in said and "AAV9" not in said and "CAG promoter" in said
    assert "three GMP batches" in said and "two" not in said
    kept = _clauses("Fill in vials, sorry, in PFS.")  # words of different kinds: left as the sponsor wrote them
    assert "vials" in kept


def test_an_earlier_figure_kept_beside_the_current_one_is_left_out():
    said = _clauses("Fill 2 mL (was 5 mL) in 6R vials. Budget increased from USD 2M to USD 3M. "
                    "DAR 2 (previously DAR 4).")
    assert "2 mL" in said and "5 mL" not in said
    assert "USD 3M" in said and "USD 2M" not in said
    assert "DAR 2" in said and "DAR 4" not in said
    moves = _clauses("Tech transfer and scale-up from 200 L to 2,000 L.")  # a move between two scales, not a correction
    assert "200 L" in moves and "2,000 L" in moves


def test_a_chat_with_times_after_the_names_and_a_correction_at_the_end_of_a_line():
    chat = ("Mira (10:42): ADC for our Phase 1, DAR 4, MMAE payload, 2 GMP batches\nJon (10:43): ok\n"
            "Mira (10:45): DAR 2 then, I checked\nJon (10:46): noted")
    said = "\n".join(parse_brief(chat).clauses)
    assert "DAR 4" not in said and "DAR 2" in said
    assert "10:42" in said or "Mira" in said or "MMAE" in said  # times are never read as figures to correct
    late = _clauses("ADC, DAR 4, MMAE payload, Phase 1.\nOne more thing: DAR is 2, sorry.")
    assert "DAR 4" not in late and "MMAE" in late


def test_a_plain_no_takes_a_figure_back_and_an_amount_keeps_its_currency():
    brief = parse_brief("Phase 2 mAb, 2 GMP batches at 2,000 L. Budget EUR 3M, no, 3.5M all-in. No lyophilization.")
    assert brief.value("budget") == {"amount": 3_500_000.0, "currency": "EUR"}
    said = "\n".join(brief.clauses)
    assert "EUR 3M" not in said and "No lyophilization" in said


def test_an_amount_with_its_scale_in_words_or_in_any_currency_is_corrected_whole():
    brief = parse_brief("Phase 1 mAb, 2 GMP batches at 500 L. Budget USD 5 million, sorry, USD 6 million for DS.")
    assert brief.value("budget") == {"amount": 6_000_000.0, "currency": "USD"}
    said = "\n".join(brief.clauses)
    assert "USD 6 million" in said and "5 million" not in said and "million, million" not in said
    said = _clauses("Tech transfer to India; budget INR 40 crore ... sorry, INR 45 crore in total.")
    assert "INR 45 crore" in said and "40 crore" not in said and "crore, crore" not in said


def test_a_later_line_that_corrects_a_batch_count_without_naming_it_alike_overrules_the_earlier_count():
    for later in ("Update: batch count is now 2.", "PS - turns out we only need two GMP batches after all.",
                  "One change from my side - it's 2 batches, not 3."):
        brief = parse_brief(f"Phase 1 mAb, CHO.\nWe need 3 GMP batches at 200 L scale for the trial.\n{later}")
        said = "\n".join(brief.clauses)
        assert "3 GMP batches" not in said, later
        assert brief.value("batches") == 2, later
        assert "200 L" in said  # the scale said with the withdrawn count stays


def test_a_figure_that_only_names_what_it_replaces_leaves_other_figures_of_its_kind_alone():
    brief = parse_brief("Phase 2 mAb.\nWe need 4 GMP batches at 500 L and 1 engineering run.\nUpdate: it's 3 batches, not 4.")
    said = "\n".join(brief.clauses)
    assert "4 GMP batches" not in said and "1 engineering run" in said
    unrelated = _clauses("Phase 1 mAb, 3 GMP batches at 200 L.\nWe will update the timeline for 2 sites next week.")
    assert "3 GMP batches" in unrelated  # a count of sites is not a count of batches


def test_in_a_chat_a_later_count_of_the_same_kind_of_batch_is_the_plan_and_other_kinds_stay():
    chat = ("[09:01] Ana: mAb Phase 1, we need 3 GMP batches at 200 L\n[09:03] Ben: ok\n"
            "[09:05] Ana: talked to finance, 2 GMP batches of 50 g is the plan\n[09:06] Ben: noted")
    brief = parse_brief(chat)
    assert "3 GMP batches" not in "\n".join(brief.clauses) and brief.value("batches") == 2
    kinds = ("[09:01] Ana: mAb Phase 1, 1 engineering run at 200 L\n[09:03] Ben: ok\n"
             "[09:05] Ana: and 3 GMP batches after that\n[09:06] Ben: noted")
    said = "\n".join(parse_brief(kinds).clauses)
    assert "1 engineering run" in said and "3 GMP batches" in said  # an engineering run is not a GMP batch
