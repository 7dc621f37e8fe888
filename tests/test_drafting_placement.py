"""Where a brief's clauses land: what the product is reaches the overview as well, and a removed clause leaves no trace."""

from __future__ import annotations

import pytest

from rfp_assistant.jobs.drafting.brief import parse_brief_text
from rfp_assistant.jobs.drafting.placement import place_clauses


def _sections(placed: dict[str, list[str]], clause: str) -> list[str]:
    return [section for section, clauses in placed.items() if clause in clauses]


@pytest.mark.parametrize("clause", ["Humanized IgG1 antibody against a tumour antigen, made in CHO cells",
                                    "Fully human IgG4 antibody, CHO-K1 expressed, for moderate to severe asthma"])
def test_a_clause_saying_what_the_product_is_and_how_it_is_made_is_in_the_overview_and_the_technical_section(clause):
    where = _sections(place_clauses([clause]), clause)
    assert "overview" in where and "technical_requirements" in where


CHAT = """[09:01] Mira: for the RFP - Phase 1 bispecific IgG1, CHO-K1, knobs-into-holes
[09:02] Jon: scope is DS only, 2 GMP batches at 500 L plus 1 engineering run
[09:04] Mira: DP fill goes to our existing fill/finish partner, out of scope
[09:05] Jon: budget around USD 5M all-in, fixed price per batch preferred
[09:07] Mira: first GMP batch by Q2 2027, IND in Q4 2027
[09:08] Jon: product stored at -70 C, shipped on dry ice to the fill partner
[09:10] Mira: must have bispecific experience; EU or US site preferred
[09:11] Jon: CDA needs to be signed before we send the tech transfer package
"""


def test_removing_one_message_of_a_chat_brief_removes_its_clause_and_moves_no_other_clause():
    before = parse_brief_text(CHAT)
    placed = place_clauses(before.clauses)
    where = {c: _sections(placed, c) for c in before.clauses}
    lines = CHAT.splitlines()
    for n, line in enumerate(lines):
        after = parse_brief_text("\n".join(lines[:n] + lines[n + 1:]) + "\n")
        gone = [c for c in before.clauses if c not in after.clauses]
        assert gone and all(c.split(": ", 1)[-1] in line for c in gone), line  # the message's clauses, no others
        assert set(after.clauses) <= set(before.clauses)  # nothing else is reworded
        again = place_clauses(after.clauses)
        assert {c: _sections(again, c) for c in after.clauses} == {c: where[c] for c in after.clauses}
        assert not any(c in clauses for c in gone for clauses in again.values())


def test_each_piece_of_a_terse_line_shows_the_line_where_that_piece_belongs():
    clause = "Linker-payload: vc-MMAE, sourced by CDMO, OEB5"  # what it is (technical) and who sources it (scope)
    where = _sections(place_clauses([clause]), clause)
    assert "technical_requirements" in where and "scope_of_work" in where


@pytest.mark.parametrize("clause", ["Scale-up of the granulation process to a 400 kg blender",
                                    "Technology transfer of the extrusion process from our 18 mm pilot extruder",
                                    "Validation batch (50 mg, 20,000 capsules) manufactured & released by March"])
def test_a_clause_asking_for_work_and_saying_how_the_process_is_reaches_scope_and_technical_section(clause):
    where = _sections(place_clauses([clause]), clause)
    assert "scope_of_work" in where and "technical_requirements" in where


@pytest.mark.parametrize("clause", ["Budget is about EUR 2 million for the whole program",
                                    "Proposals are due on 15 March"])
def test_a_clause_with_neither_work_nor_process_is_not_put_in_scope_or_technical_section(clause):
    where = _sections(place_clauses([clause]), clause)
    assert "scope_of_work" not in where and "technical_requirements" not in where


def test_material_the_sponsor_sends_to_the_cdmo_is_an_input_the_scope_rests_on():
    clause = "Our partner makes the intermediate and we ship it to you for the final steps."
    assert "scope_of_work" in _sections(place_clauses([clause]), clause)
