"""Near-equal figures are one value, not a conflict: a converted unit's rounding is no reason to ask a vendor."""

from __future__ import annotations

from test_comparison import acme, beta, conflicting, gamma, stated, usd

from rfp_assistant.jobs.comparison.scoring import load_scorecard
from rfp_assistant.jobs.comparison.table import compare_proposals


def with_fields(extraction, **fields):
    return extraction.model_copy(update={"fields": {**extraction.fields, **fields}})


def cell(comparison, key, vendor=0):
    return comparison.row(key).cells[vendor]


def asked(comparison, key, vendor=0):
    return [q for q in comparison.questions if q.key == key and q.vendor == vendor]


def test_152_days_against_22_weeks_is_one_value_with_both_quotes_and_no_question():
    # "152 days" reads as 21.7 weeks: the same plan, said in two units.
    acme_ = with_fields(acme(), weeks_to_first_gmp_batch=conflicting(21.7, 22.0))
    comparison = compare_proposals([acme_, beta(), gamma()], load_scorecard())
    weeks = cell(comparison, "weeks_to_first_gmp_batch")
    assert (weeks.status, weeks.text, weeks.flag) == ("stated", "22 weeks", None)
    assert [e.page for e in weeks.evidence] == [1, 4]  # both quotes stay, to be checked
    assert not asked(comparison, "weeks_to_first_gmp_batch")
    assert "weeks_to_first_gmp_batch" not in comparison.gaps[0].conflicting
    timeline = next(c for c in comparison.scores[0].criteria if c.id == "timeline")
    assert timeline.score == 5  # scored as the 22 weeks stated, not as a conflict (0)


def test_a_real_difference_in_weeks_is_still_a_conflict_and_a_question():
    acme_ = with_fields(acme(), weeks_to_first_gmp_batch=conflicting(16.0, 22.0))
    comparison = compare_proposals([acme_, beta(), gamma()], load_scorecard())
    weeks = cell(comparison, "weeks_to_first_gmp_batch")
    assert weeks.status == "conflicting" and weeks.text == "conflicting (values: 16 weeks vs 22 weeks)"
    assert "16 weeks on page 1 and 22 weeks on page 4" in asked(comparison, "weeks_to_first_gmp_batch")[0].question
    one_week = with_fields(acme(), weeks_to_first_gmp_batch=conflicting(21.0, 22.0))
    still = compare_proposals([one_week, beta(), gamma()], load_scorecard())
    assert cell(still, "weeks_to_first_gmp_batch").status == "conflicting"


def test_tolerance_follows_the_type_volumes_days_and_money():
    acme_ = with_fields(acme(), max_bioreactor_volume_l=conflicting(1892.7, 1900.0),  # 500 US gal, rounded
                        proposal_validity_days=conflicting(90, 91),  # 3 months against 13 weeks
                        gmp_batch_price=conflicting(usd(1_200_000), usd(1_210_000)),
                        fda_483_observations=conflicting(2, 3))
    comparison = compare_proposals([acme_, beta(), gamma()], load_scorecard())
    assert cell(comparison, "max_bioreactor_volume_l").text == "1,900 L"
    assert cell(comparison, "proposal_validity_days").text == "90 days"
    # A price is a price and a count is a count: any difference is asked about.
    assert cell(comparison, "gmp_batch_price").status == "conflicting"
    assert cell(comparison, "fda_483_observations").status == "conflicting"
    bigger = with_fields(acme(), max_bioreactor_volume_l=conflicting(1000.0, 2000.0))
    assert cell(compare_proposals([bigger, beta()], load_scorecard()), "max_bioreactor_volume_l").status == \
        "conflicting"


def test_vendors_a_rounding_apart_are_not_marked_best_and_worst():
    a = with_fields(acme(), weeks_to_first_gmp_batch=stated(21.7))
    b = with_fields(beta(), weeks_to_first_gmp_batch=stated(22.0))
    level = compare_proposals([a, b], load_scorecard())
    assert [c.mark for c in level.row("weeks_to_first_gmp_batch").cells] == [None, None]
    c = with_fields(gamma(), weeks_to_first_gmp_batch=stated(16.0))
    apart = compare_proposals([a, b, c], load_scorecard())
    assert [c.mark for c in apart.row("weeks_to_first_gmp_batch").cells] == ["worst", "worst", "best"]
