"""A side-by-side cell never hides text silently: a statement cut short in a list cell says "click to read all",
as a cut single value and a list with more items already did."""

from __future__ import annotations

from types import SimpleNamespace

from rfp_assistant.interfaces.ui.compare_render import render_table
from rfp_assistant.jobs.comparison.table import Cell

LONG = ("Excluded: regulatory support (IMPD/IND CMC writing) is not part of this offer and would be quoted "
        "separately on request, at the daily rates of the attached rate card.")


def table_with(cell: Cell) -> str:
    comparison = SimpleNamespace(
        vendors=[SimpleNamespace(name="Kestrelwerk")],
        scores=[SimpleNamespace(total=65.8, rank=1, tied=False)],
        rows=[SimpleNamespace(key="assumptions", label="Assumptions and exclusions", unit=None, cells=[cell])],
    )
    return render_table(comparison)


def test_a_list_cell_with_a_statement_cut_short_says_click_to_read_all():
    cut = table_with(Cell(text="", status="stated", items=[LONG, "Sponsor supplies the mAb."]))
    assert "…" in cut and "click to read all" in cut
    whole = table_with(Cell(text="", status="stated", items=["Sponsor supplies the mAb.", "No QP release."]))
    assert "click to read all" not in whole and "No QP release." in whole
