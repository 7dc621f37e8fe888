"""A criterion scored from some of its parts says so everywhere, and leaving parts unstated does not win the ranking."""

from __future__ import annotations

import json

import openpyxl
from rich.console import Console
from test_comparison import acme, beta, stated, usd

from rfp_assistant.interfaces.ui.compare_render import render_ranking, render_scores
from rfp_assistant.jobs.comparison.export import comparison_to_json, comparison_to_markdown, write_comparison
from rfp_assistant.jobs.comparison.scoring import load_scorecard
from rfp_assistant.jobs.comparison.table import compare_proposals
from rfp_assistant.jobs.comparison.terminal import print_comparison


def quiet_beta():
    """Beta as fast as Acme, with only its clean FDA outcome (NAI) stated of the four quality parts."""
    fields = {k: v for k, v in beta().fields.items()
              if k not in ("fda_483_observations", "warning_letters_5y", "regulatory_approvals")}
    fields.update(total_price=stated(usd(5_480_000)), weeks_to_first_gmp_batch=stated(30.0))
    return beta().model_copy(update={"fields": fields})


def quality(score):
    return next(c for c in score.criteria if c.id == "quality_regulatory")


def test_left_out_parts_leave_out_their_own_weight_so_one_good_part_does_not_carry_the_criterion():
    comparison = compare_proposals([acme(), quiet_beta()], load_scorecard().with_not_stated("left_out"))
    acme_score, beta_score = comparison.scores
    assert quality(beta_score).score == 5.0 and quality(beta_score).coverage == "1 of 4 parts stated"
    assert quality(acme_score).coverage == ""
    # Quality weighs 20; the three unstated parts (0.2 each) leave out 12 of it, not 0 (before: NAI stood for all 20).
    assert beta_score.scored_weight == 88.0
    # Scored over all of quality, Beta's NAI alone would put it first (83.3 against 81.7).
    assert [s.name for s in comparison.ranking()] == ["Acme Biologics", "Beta Bio"]
    assert beta_score.total == 81.0  # (16 + 16 + 11.6 + 20 × 0.4 + 10 + 4.7 + 5) / 88 × 100


def test_under_zero_the_unstated_parts_score_0_and_the_criterion_still_says_what_it_rests_on():
    comparison = compare_proposals([acme(), quiet_beta()], load_scorecard())
    assert quality(comparison.scores[1]).score == 2.0  # 0.4 * 5
    assert quality(comparison.scores[1]).coverage == "1 of 4 parts stated"
    assert comparison.scores[1].scored_weight == 100


def test_the_note_is_on_screen_and_in_every_export(tmp_path):
    comparison = compare_proposals([acme(), quiet_beta()], load_scorecard().with_not_stated("left_out"))
    assert "1 of 4 parts stated" in render_scores(comparison)
    assert "(over the 88% of the weight it states)" in render_ranking(comparison)
    markdown = comparison_to_markdown(comparison)
    assert "| 3.6 | 5 (1 of 4 parts stated) |" in markdown
    assert "a value the proposal does not state is left out and the other weights count for more" in markdown
    assert "| Weight the total rests on |  | 100% | 88% |" in markdown
    assert "(5, 1 of 4 parts stated)" in markdown  # the line saying how Beta's quality score was reached
    book = openpyxl.load_workbook(write_comparison(comparison, tmp_path / "c.xlsx"))
    sheet = book["Scores"]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "1 of 4 parts stated" in texts  # beside Beta's quality score in the breakdown
    row = next(r for r in sheet.iter_rows() if r[0].value == "Quality and regulatory record")
    assert row[3].value == 5.0 and "1 of 4 parts stated" in row[3].comment.text  # still a number to compute with
    rests = next(r for r in sheet.iter_rows() if r[0].value == "Weight the total rests on")
    assert [c.value for c in rests[2:4]] == [1.0, 0.88] and rests[3].number_format == "0%"
    data = json.loads(write_comparison(comparison, tmp_path / "c.json").read_text(encoding="utf-8"))
    assert quality(comparison.scores[1]).coverage == "1 of 4 parts stated"
    assert next(c for c in data["scores"][1]["criteria"] if c["id"] == "quality_regulatory")["coverage"] == \
        "1 of 4 parts stated"
    console = Console(width=120, record=True)
    print_comparison(comparison, console)
    assert "1 of 4 parts" in console.export_text()
