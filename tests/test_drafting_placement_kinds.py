"""Where a clause's facts are read: the program's stage in the overview, material the sponsor sends and the number of
units to make in the scope, each beside whatever other section the clause fits."""

from __future__ import annotations

import pytest

from rfp_assistant.jobs.drafting.placement import place_clauses


def _sections(clause: str) -> list[str]:
    return [section for section, clauses in place_clauses([clause]).items() if clause in clauses]


@pytest.mark.parametrize("clause", ["We need 3 x 1,000 L GMP fermentations for Ph3",
                                    "P2b, 3x500L, DS+DP",
                                    "Phase 2 supply: 2 GMP batches of 1.5 kg each, hybrid SPPS/LPPS is fine",
                                    "Clinical: Ph1b/2a, EU only (CTA), sites in Germany and Poland"])
def test_a_clause_naming_the_clinical_stage_is_also_in_the_overview(clause):
    assert "overview" in _sections(clause)


def test_a_ph_value_is_not_a_clinical_stage():
    assert "overview" not in _sections("Formulation buffer at pH 3.5 with 0.02% polysorbate 80")


def test_material_the_sponsor_sends_the_cdmo_is_an_input_of_the_scope():
    assert "scope_of_work" in _sections("The template pDNA we send them, linearized.")


def test_the_number_of_units_to_make_is_in_the_scope():
    assert "scope_of_work" in _sections("Fill 0.5 mL into 2R vials, 60,000 vials")
