"""Comparison exports: XLSX sheets, fills and evidence; CSV, Markdown and JSON content; atomic, plain-error writes."""

from __future__ import annotations

import csv
import json

import openpyxl
import pytest
from test_comparison import acme, three_vendors

from rfp_assistant.jobs.comparison.table import compare_proposals
from rfp_assistant.errors import ConfigurationError, RfpAssistantError
from rfp_assistant.jobs.comparison.export import comparison_to_json, comparison_to_markdown, write_comparison
from rfp_assistant.schemas.proposal import ProposalExtraction, field_keys
from rfp_assistant.jobs.comparison.scoring import load_scorecard


@pytest.fixture
def comparison():
    broken = ProposalExtraction(source="scan.pdf", error="the PDF has no text layer")
    return compare_proposals(three_vendors() + [broken], load_scorecard())


def by_label(sheet, label: str) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == label)


def test_xlsx_has_four_sheets_with_fills_evidence_scores_and_questions(tmp_path, comparison):
    path = write_comparison(comparison, tmp_path / "compare.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Comparison", "Scores", "Evidence", "Questions"]

    table = book["Comparison"]
    assert [c.value for c in table[1]] == ["Field", "Acme Biologics", "Beta Bio", "Gamma Pharma", "scan.pdf"]
    assert table.freeze_panes == "B2"
    weeks = by_label(table, "Time to first GMP batch")
    assert table.cell(weeks, 2).value == "30 weeks"
    assert table.cell(weeks, 4).fill.fgColor.rgb.endswith("C6EFCE")  # Gamma, 20 weeks: best, green
    assert table.cell(weeks, 3).fill.fgColor.rgb.endswith("FFC7CE")  # Beta, 40 weeks: worst, red
    assert table.cell(weeks, 2).fill.fill_type is None
    missing = table.cell(by_label(table, "Tech transfer duration"), 3)
    assert missing.value == "not stated" and missing.font.italic
    conflict = table.cell(by_label(table, "Total price"), 3)
    assert conflict.value.startswith("conflicting (values: USD 5,480,000 vs USD 5,740,000")
    assert conflict.fill.fgColor.rgb.endswith("FFEB9C")
    assert table.cell(by_label(table, "Could not be read"), 5).value == "the PDF has no text layer"

    scores = book["Scores"]
    assert [c.value for c in scores[1]][:2] == ["Criterion", "Weight"]
    assert scores[1][-1].value == "Rule (0-5)"
    timeline = by_label(scores, "Speed to first GMP batch")
    assert [scores.cell(timeline, c).value for c in range(2, 7)] == [0.2, 4, 3, 5, None]
    assert "within 26 weeks" in scores.cell(timeline, 7).value
    total = by_label(scores, "Total (0-100)")
    assert scores.cell(total, 3).value == comparison.scores[0].total == 76.1

    evidence = list(book["Evidence"].iter_rows(values_only=True))
    assert evidence[0] == ("Vendor", "Field", "Value", "Status", "Page", "Quote")
    assert ("Acme Biologics", "Total price", "USD 4,850,000", "stated", 3, "Total program price: USD 4,850,000") in evidence
    conflict_rows = [r for r in evidence if r[:2] == ("Beta Bio", "Total price")]
    assert [(r[2], r[4]) for r in conflict_rows] == [("USD 5,480,000", 1), ("USD 5,740,000", 4)]
    # Every stated or conflicting cell has at least one evidence row; not-stated and unreadable ones have none.
    covered = {(r[0], r[1]) for r in evidence[1:]}
    for row in comparison.rows:
        for vendor, cell in zip(comparison.vendors, row.cells):
            assert ((vendor.name, row.label) in covered) == (cell.status != "not_stated")

    questions = list(book["Questions"].iter_rows(values_only=True))
    assert questions[0] == ("Vendor", "Field", "Question")
    assert ("Beta Bio", "Tech transfer duration",
            "Please state the duration of technology transfer for this program, in weeks.") in questions
    assert len(questions) - 1 == len(comparison.questions)


def test_csv_is_the_table_with_a_status_column_per_vendor(tmp_path, comparison):
    path = write_comparison(comparison, tmp_path / "compare.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["key", "field", "Acme Biologics", "Acme Biologics status", "Beta Bio", "Beta Bio status",
                       "Gamma Pharma", "Gamma Pharma status", "scan.pdf", "scan.pdf status"]
    assert [r[0] for r in rows[1:]] == field_keys()
    weeks = next(r for r in rows if r[0] == "tech_transfer_weeks")
    assert weeks[2:8] == ["12 weeks", "stated", "not stated", "not_stated", "10 weeks", "stated"]
    price = next(r for r in rows if r[0] == "total_price")
    assert price[5] == "conflicting" and "USD 5,480,000 vs USD 5,740,000" in price[4]


def test_markdown_has_table_scores_warnings_and_questions(comparison):
    text = comparison_to_markdown(comparison)
    assert "| Field | Acme Biologics | Beta Bio | Gamma Pharma | scan.pdf |" in text
    assert "| Time to first GMP batch | 30 weeks | 40 weeks **(worst)** | 20 weeks **(best)** | — |" in text
    assert "| **Total (0-100)** | 100% | **76.1** | **68.1** | **65.8** | **—** |" in text
    assert "different currencies" in text
    assert "Time to first GMP batch: 30 → 4 (≤ 32)" in text
    beta_section = text.split("### Beta Bio")[1].split("###")[0]
    assert "Please state the duration of technology transfer for this program, in weeks." in beta_section
    assert "two different values for total price" in beta_section
    assert "could not be read: the PDF has no text layer" in text.split("### scan.pdf")[1]


def test_json_holds_everything_with_contract_shaped_extractions(tmp_path, comparison):
    data = comparison_to_json(comparison)
    assert data["vendors"][0]["extraction"] == acme().contract_dict()
    assert data["vendors"][3]["error"] == "the PDF has no text layer"
    price = next(r for r in data["rows"] if r["key"] == "total_price")
    assert price["cells"][0]["value"] == {"amount": 4850000.0, "currency": "USD"}
    slot = next(r for r in data["rows"] if r["key"] == "first_available_gmp_slot")
    assert slot["cells"][0]["value"] == "2027-07-01"
    assert [s["total"] for s in data["scores"]] == [76.1, 68.1, 65.8, None]
    assert data["questions"] and data["gaps"][1]["conflicting"] == ["total_price"]
    assert data["scorecard"]["criteria"][0]["id"] == "cost" and data["warnings"]
    written = write_comparison(comparison, tmp_path / "compare.json")
    assert json.loads(written.read_text(encoding="utf-8")) == data


def test_markdown_file_round_trip(tmp_path, comparison):
    path = write_comparison(comparison, tmp_path / "compare.md")
    assert path.read_text(encoding="utf-8") == comparison_to_markdown(comparison)


def test_unknown_suffix_is_a_configuration_error(tmp_path, comparison):
    with pytest.raises(ConfigurationError, match=r"'compare.pdf'.*\.xlsx, \.csv, \.md, \.json"):
        write_comparison(comparison, tmp_path / "compare.pdf")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_path_gives_a_plain_error_and_no_file(tmp_path, comparison):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    with pytest.raises(RfpAssistantError, match="notes.txt is not a folder"):
        write_comparison(comparison, blocker / "compare.xlsx")
    with pytest.raises(RfpAssistantError, match="does not exist"):
        write_comparison(comparison, tmp_path / "missing" / "compare.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_failure_mid_write_leaves_the_previous_export_intact(tmp_path, comparison, monkeypatch):
    target = tmp_path / "compare.xlsx"
    target.write_bytes(b"previous export")

    def half_written(self, filename):
        with open(filename, "wb") as handle:
            handle.write(b"PK\x03\x04 partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", half_written)
    with pytest.raises(RfpAssistantError, match="No space left on device"):
        write_comparison(comparison, target)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["compare.xlsx"]
