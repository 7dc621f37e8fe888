"""Exports read like the screen: field labels, not schema keys, and weights as the whole percentages shown."""

from __future__ import annotations

import openpyxl
from rich.console import Console
from test_comparison import three_vendors

from rfp_assistant.interfaces.ui.compare_render import render_scores
from rfp_assistant.jobs.comparison.export import comparison_to_markdown, write_comparison
from rfp_assistant.jobs.comparison.scoring import load_scorecard
from rfp_assistant.jobs.comparison.table import compare_proposals, rescore
from rfp_assistant.jobs.comparison.terminal import print_comparison
from rfp_assistant.schemas.proposal import field_keys

RAW_KEYS = [k for k in field_keys() if "_" in k]


def reweighted():
    """Cost 12.5 and timeline 27.5 of 100: weights the screen shows, rounded half up, as 13% and 28%."""
    comparison = compare_proposals(three_vendors(), load_scorecard())
    return rescore(comparison, {"cost": 12.5, "timeline": 27.5})


def test_xlsx_scores_sheet_has_labels_and_weights_as_percentage_numbers(tmp_path):
    comparison = reweighted()
    assert "(13%)" in render_scores(comparison) and "(28%)" in render_scores(comparison)
    sheet = openpyxl.load_workbook(write_comparison(comparison, tmp_path / "c.xlsx"))["Scores"]
    rows = {r[0].value: r for r in sheet.iter_rows() if r[0].value}
    cost, timeline, total = (rows[t][1] for t in ("Total cost and commercial transparency", "Speed to first GMP batch",
                                                  "Total (0-100)"))
    # Numbers a user can sum or multiply, shown as the screen shows them.
    assert abs(cost.value - 0.125) < 1e-9 and cost.number_format == "0%"
    assert abs(timeline.value - 0.275) < 1e-9 and timeline.number_format == "0%"
    assert abs(total.value - 1) < 1e-9 and total.number_format == "0%"
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Time to first GMP batch: 30 → 4 (≤ 32)" in texts
    assert not [t for t in texts if any(k in t for k in RAW_KEYS)]


def test_markdown_and_terminal_weights_and_bases_match_the_screen():
    comparison = reweighted()
    text = comparison_to_markdown(comparison)
    assert "| Total cost and commercial transparency | 13% |" in text
    assert "| Speed to first GMP batch | 28% |" in text
    assert "| **Total (0-100)** | 100% |" in text
    assert "Raw material markup: 12 → 3 (≤ 15) [×0.3]" in text
    scores_part = text.split("## Scores")[1].split("## Clarification questions")[0]
    assert not [k for k in RAW_KEYS if k in scores_part]
    console = Console(width=160, record=True)
    print_comparison(comparison, console)
    shown = console.export_text()
    assert "(13%)" in shown and "(28%)" in shown and "(12%)" not in shown  # 12.5 rounds half up, as on screen
