"""The bid grid goes out with the RFP and comes back filled: `extract` and `compare` read its answers exactly."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from rfp_assistant.jobs.extraction.bid_grid import read_bid_grid
from rfp_assistant.jobs.drafting.bid_grid import write_bid_grid
from rfp_assistant.schemas.brief import BriefField, ProjectBrief, RfpDraft
from rfp_assistant.schemas.proposal import field_keys

FIXTURES = Path(__file__).resolve().parents[1] / "eval" / "extraction" / "proposals"
BRIEF = "Phase 1 mAb, CHO, 2 x 2,000 L GMP batches by Q3 2027, tech transfer and clinical manufacturing."
COLUMNS = ["key", "field", "what we ask", "type", "allowed values", "answer", "currency", "comment"]

# What a vendor types (answer, currency), and what the comparison must read from it.
ANSWERS = {
    "cdmo_name": (("Borealis Biologics GmbH", None), "Borealis Biologics GmbH"),
    "sites": (("Basel, Switzerland; Visp, Switzerland", None), ["Basel, Switzerland", "Visp, Switzerland"]),
    "proposal_date": ((dt.datetime(2026, 3, 2), None), "2026-03-02"),
    "proposal_validity_days": ((90, None), 90),
    "modalities": (("monoclonal_antibody; antibody-drug conjugate", None),
                   ["monoclonal_antibody", "antibody_drug_conjugate"]),
    "services_included": (("tech_transfer; clinical_manufacturing; fill_finish", None),
                          ["tech_transfer", "clinical_manufacturing", "fill_finish"]),
    "assumptions": (("Sponsor supplies the cell bank; Stability beyond 12 months excluded", None),
                    ["Sponsor supplies the cell bank", "Stability beyond 12 months excluded"]),
    "max_bioreactor_volume_l": ((2000, None), 2000.0),
    "bioreactor_type": (("single_use", None), "single_use"),
    "aseptic_fill_finish": (("yes", None), True),
    "lyophilization": (("no", None), False),
    "high_containment": (("No", None), False),
    "first_available_gmp_slot": (("2027-01-01", None), "2027-01-01"),
    "tech_transfer_weeks": (("about four months", None), None),  # bad: not a number of weeks
    "process_development_weeks": ((12, None), 12.0),
    "weeks_to_first_gmp_batch": ((40.5, None), 40.5),
    "pricing_model": (("fixed_price", None), "fixed_price"),
    "total_price": ((1250000, "EUR"), {"amount": 1250000.0, "currency": "EUR"}),
    "gmp_batch_price": ((450000, "EUR"), {"amount": 450000.0, "currency": "EUR"}),
    "tech_transfer_fee": (("180,000", "EUR"), {"amount": 180000.0, "currency": "EUR"}),
    "raw_material_markup_pct": ((12.5, None), 12.5),
    "payment_terms": (("30% at signature; 70% on release of batch 1", None), "30% at signature; 70% on release of batch 1"),
    "cancellation_terms": (("Free rescheduling up to 120 days before the slot", None),
                           "Free rescheduling up to 120 days before the slot"),
    "last_fda_inspection_date": ((dt.datetime(2025, 6, 15), None), "2025-06-15"),
    "last_fda_inspection_outcome": (("VAI", None), "VAI"),
    "fda_483_observations": ((2, None), 2),
    "warning_letters_5y": ((0, None), 0),
    "regulatory_approvals": (("FDA; EMA; Swissmedic", None), ["FDA", "EMA", "Swissmedic"]),
    "commercial_products_count": ((7, None), 7),
    "dedicated_project_manager": (("yes", None), True),
    "reporting_cadence": (("fortnightly", None), None),  # bad: not one of the allowed values
    "electronic_batch_records": (("yes", None), True),
    "dual_sourcing_critical_materials": (("no", None), False),
    "similar_programs_count": ((5, None), 5),
}
BAD = {"tech_transfer_weeks": "about four months", "reporting_cadence": "fortnightly"}


def run(args, env):
    return subprocess.run([sys.executable, "-m", "rfp_assistant", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def fill(grid: Path, out: Path) -> dict[str, str]:
    """Type ANSWERS into the grid as a vendor would; returns each key's answer cell."""
    book = load_workbook(grid)
    sheet = book["Response form"]
    cells = {}
    for row in sheet.iter_rows(min_row=2):
        (answer, currency), _ = ANSWERS[row[0].value]
        row[5].value = answer
        if currency:
            row[6].value = currency
        cells[row[0].value] = row[5].coordinate
    book.save(out)
    return cells


def test_draft_writes_the_grid_and_compare_reads_it_back_exactly(tmp_path, cli_env):
    grid = tmp_path / "bid-grid.xlsx"
    written = run(["draft", "--brief", BRIEF, "--format", "xlsx", "-o", str(grid)], cli_env)
    assert written.returncode == 0, written.stderr
    assert "bid grid" in written.stdout
    book = load_workbook(grid)
    sheet = book["Response form"]
    assert [c.value for c in sheet[1]] == COLUMNS
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == field_keys()
    assert [c.value for c in book["Prices"][1]] == ["item", "quantity", "unit price", "currency", "optional", "note"]
    assert book["Prices"]["A3"].value.startswith("Clinical manufacturing") and book["Prices"]["B3"].value == 2
    rules = {str(cell): rule for rule in sheet.data_validations.dataValidation for cell in rule.sqref}

    cells = fill(grid, tmp_path / "borealis.xlsx")
    assert rules[cells["reporting_cadence"]].formula1 == '"weekly,biweekly,monthly"'
    assert rules[cells["lyophilization"]].formula1 == '"yes,no"'
    assert rules[cells["proposal_validity_days"]].type == "whole"

    pdf = FIXTURES / "01_northfield_formal_letter.pdf"
    result = run(["compare", str(tmp_path / "borealis.xlsx"), str(pdf), "-o", str(tmp_path / "cmp.json")], cli_env)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "cmp.json").read_text())
    grid_vendor, pdf_vendor = data["vendors"]
    assert grid_vendor["name"] == "Borealis Biologics GmbH" and pdf_vendor["name"].startswith("Northfield")
    fields = grid_vendor["extraction"]["fields"]
    for key, (_, expected) in ANSWERS.items():
        if key in BAD:
            assert fields[key] == {"value": None, "status": "not_stated", "evidence": [], "confidence": 0.0}, key
        else:
            assert fields[key]["status"] == "stated" and fields[key]["value"] == expected, key
            assert fields[key]["evidence"][0]["cell"] == cells[key] and fields[key]["evidence"][0]["page"] == 1
    assert fields["cdmo_name"]["evidence"] == [{"page": 1, "quote": "Borealis Biologics GmbH", "cell": "F2"}]
    assert fields["tech_transfer_fee"]["evidence"][0]["quote"] == "180,000"
    warnings = grid_vendor["extraction"]["warnings"]
    for key, typed in BAD.items():
        named = [w for w in warnings if cells[key] in w]
        assert len(named) == 1 and typed in named[0] and "not stated" in named[0], warnings
    assert "weekly, biweekly, monthly" in next(w for w in warnings if cells["reporting_cadence"] in w)
    # The PDF beside it is read as before, page and quote, no cell.
    assert pdf_vendor["extraction"]["fields"]["total_price"]["value"] == {"amount": 4850000.0, "currency": "USD"}
    assert "cell" not in pdf_vendor["extraction"]["fields"]["total_price"]["evidence"][0]

    shown = run(["compare", str(tmp_path / "borealis.xlsx"), str(pdf)], dict(cli_env, COLUMNS="120"))
    assert shown.returncode == 0, shown.stderr
    assert f"Bid grid cell {cells['tech_transfer_weeks']} (Tech transfer duration)" in shown.stdout.replace("\n", " ")
    extracted = run(["extract", str(tmp_path / "borealis.xlsx")], cli_env)
    assert f"[cell {cells['cdmo_name']}: \"Borealis Biologics GmbH\"]" in extracted.stdout


def _empty_draft() -> RfpDraft:
    brief = ProjectBrief(services=BriefField(status="stated", value=["tech_transfer"]))
    return RfpDraft(title="RFP", brief=brief, sections=[])


@pytest.mark.parametrize(("key", "answer", "currency", "reason"), [
    ("total_price", 1250000, None, "has no currency"),
    ("total_price", "USD 1.25M", "EUR", "currency column says EUR"),
    ("proposal_date", "next spring", None, "not a date"),
    ("fda_483_observations", 2.5, None, "not a whole number"),
    ("max_bioreactor_volume_l", -5, None, "negative"),
    ("modalities", "monoclonal_antibody; biosimilar", None, "'biosimilar' is not one of the allowed values"),
    ("dedicated_project_manager", "probably", None, "not yes or no"),
])
def test_an_unreadable_answer_leaves_the_field_open_and_names_the_cell(tmp_path, key, answer, currency, reason):
    write_bid_grid(_empty_draft(), tmp_path / "grid.xlsx")
    book = load_workbook(tmp_path / "grid.xlsx")
    sheet = book["Response form"]
    row = field_keys().index(key) + 2
    sheet.cell(row=row, column=6).value = answer
    sheet.cell(row=row, column=7).value = currency
    book.save(tmp_path / "filled.xlsx")
    result = read_bid_grid(tmp_path / "filled.xlsx", "filled.xlsx", max_bytes=10_000_000)
    assert result.fields[key].status == "not_stated" and result.fields[key].value is None
    assert [w for w in result.warnings if f"F{row}" in w and reason in w], result.warnings


@pytest.mark.parametrize(("key", "answer", "currency", "expected"), [
    ("total_price", "EUR 1.2M", None, {"amount": 1200000.0, "currency": "EUR"}),
    ("total_price", "950k", "chf", {"amount": 950000.0, "currency": "CHF"}),
    ("tech_transfer_weeks", "3 months", None, 13.0),  # the duration parser's months-to-weeks
    ("first_available_gmp_slot", "Q3 2027", None, "2027-07-01"),  # a quarter is its first day, as extracted
    ("proposal_validity_days", "90 days", None, 90),
    ("regulatory_approvals", "none", None, []),
    ("bioreactor_type", "Single-use", None, "single_use"),
])
def test_answers_are_typed_with_the_extractors_parsers(tmp_path, key, answer, currency, expected):
    write_bid_grid(_empty_draft(), tmp_path / "grid.xlsx")
    book = load_workbook(tmp_path / "grid.xlsx")
    row = field_keys().index(key) + 2
    book["Response form"].cell(row=row, column=6).value = answer
    book["Response form"].cell(row=row, column=7).value = currency
    book.save(tmp_path / "filled.xlsx")
    result = read_bid_grid(tmp_path / "filled.xlsx", "filled.xlsx", max_bytes=10_000_000).contract_dict()
    assert result["fields"][key]["value"] == expected and result["warnings"] == []


def test_price_lines_that_do_not_add_up_to_the_total_are_pointed_out(tmp_path):
    write_bid_grid(_empty_draft(), tmp_path / "grid.xlsx")
    book = load_workbook(tmp_path / "grid.xlsx")
    sheet = book["Response form"]
    row = field_keys().index("total_price") + 2
    sheet.cell(row=row, column=6).value, sheet.cell(row=row, column=7).value = 1_000_000, "USD"
    prices = book["Prices"]
    prices.append(["GMP batch", 2, 400_000, "USD", "no", ""])
    prices.append(["Tech transfer", 1, 300_000, "USD", None, ""])
    prices.append(["Extra stability", 1, 90_000, "USD", "yes", "option"])
    book.save(tmp_path / "filled.xlsx")
    result = read_bid_grid(tmp_path / "filled.xlsx", "filled.xlsx", max_bytes=10_000_000)
    assert result.fields["total_price"].value.amount == 1_000_000  # the stated total, never a computed one
    assert any("add up to USD 1,100,000" in w and f"F{row}" in w for w in result.warnings), result.warnings


def test_a_workbook_that_is_not_a_bid_grid_is_left_to_the_document_reader(tmp_path):
    book = Workbook()
    book.active.title = "Budget"
    book.active.append(["Line item", "Amount"])
    book.save(tmp_path / "budget.xlsx")
    assert read_bid_grid(tmp_path / "budget.xlsx", "budget.xlsx", max_bytes=10_000_000) is None
    (tmp_path / "fake.xlsx").write_bytes(b"not a zip")
    assert read_bid_grid(tmp_path / "fake.xlsx", "fake.xlsx", max_bytes=10_000_000) is None
