"""Comparing proposals: marks, currencies, scorecard rules, re-weighting, weights files, gaps and questions."""

from __future__ import annotations

from datetime import date

import pytest

from rfp_assistant.jobs.comparison.table import compare_proposals, display_value, rescore
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.schemas.proposal import (
    Evidence,
    FieldResult,
    Money,
    ProposalExtraction,
    field_keys,
    field_specs,
)
from rfp_assistant.jobs.comparison.scoring import load_scorecard


def stated(value, page=1, quote=None) -> FieldResult:
    return FieldResult(value=value, status="stated", confidence=0.9,
                       evidence=[Evidence(page=page, quote=quote or f"quote for {value}")])


def conflicting(a, b, pages=(1, 4)) -> FieldResult:
    return FieldResult(status="conflicting", candidates=[a, b], confidence=0.9,
                       evidence=[Evidence(page=pages[0], quote=f"first {a}"), Evidence(page=pages[1], quote=f"then {b}")])


def usd(amount: float) -> Money:
    return Money(amount=amount, currency="USD")


def eur(amount: float) -> Money:
    return Money(amount=amount, currency="EUR")


def acme() -> ProposalExtraction:
    fields = {
        "cdmo_name": stated("Acme Biologics"), "sites": stated(["Boston, USA"]),
        "total_price": stated(usd(4_850_000), 3, "Total program price: USD 4,850,000"),
        "gmp_batch_price": stated(usd(1_200_000)), "raw_material_markup_pct": stated(12.0),
        "weeks_to_first_gmp_batch": stated(30.0, 5, "first GMP batch 30 weeks after PO"),
        "tech_transfer_weeks": stated(12.0), "max_bioreactor_volume_l": stated(2000.0),
        "first_available_gmp_slot": stated(date(2027, 7, 1)),
        "services_included": stated(["process_development", "analytical_development", "tech_transfer",
                                     "clinical_manufacturing", "fill_finish", "qc_release"]),
        "aseptic_fill_finish": stated(True), "last_fda_inspection_outcome": stated("VAI"),
        "fda_483_observations": stated(3), "warning_letters_5y": stated(0),
        "regulatory_approvals": stated(["FDA", "EMA"]), "similar_programs_count": stated(6),
        "commercial_products_count": stated(4), "dedicated_project_manager": stated(True),
        "reporting_cadence": stated("weekly"), "electronic_batch_records": stated(False),
        "dual_sourcing_critical_materials": stated(True),
    }
    return ProposalExtraction(source="acme.pdf", pages=12, fields=fields)


def beta() -> ProposalExtraction:
    fields = {
        "cdmo_name": stated("Beta Bio"), "sites": stated(["Austin, USA", "Cork, Ireland"]),
        "total_price": conflicting(usd(5_480_000), usd(5_740_000)),
        "gmp_batch_price": stated(usd(1_500_000)), "raw_material_markup_pct": stated(8.0),
        "weeks_to_first_gmp_batch": stated(40.0), "max_bioreactor_volume_l": stated(1000.0),
        "first_available_gmp_slot": stated(date(2027, 10, 1)),
        "services_included": stated(["process_development", "tech_transfer", "clinical_manufacturing"]),
        "aseptic_fill_finish": stated(False), "last_fda_inspection_outcome": stated("NAI"),
        "fda_483_observations": stated(0), "warning_letters_5y": stated(0),
        "regulatory_approvals": stated(["FDA", "EMA", "MHRA"]), "similar_programs_count": stated(12),
        "commercial_products_count": stated(11), "dedicated_project_manager": stated(True),
        "reporting_cadence": stated("biweekly"), "electronic_batch_records": stated(True),
        "dual_sourcing_critical_materials": stated(True),
    }
    return ProposalExtraction(source="beta.pdf", pages=20, fields=fields)


def gamma() -> ProposalExtraction:
    fields = {
        "cdmo_name": stated("Gamma Pharma"), "sites": stated(["Basel, Switzerland"]),
        "total_price": stated(eur(4_000_000), 2, "Total: EUR 4.0 million"),
        "gmp_batch_price": stated(eur(1_000_000)), "raw_material_markup_pct": stated(4.0),
        "weeks_to_first_gmp_batch": stated(20.0), "tech_transfer_weeks": stated(10.0),
        "max_bioreactor_volume_l": stated(500.0), "first_available_gmp_slot": stated(date(2027, 4, 1)),
        "services_included": stated(["process_development", "tech_transfer", "clinical_manufacturing",
                                     "fill_finish", "qc_release", "stability", "regulatory_support"]),
        "aseptic_fill_finish": stated(True), "last_fda_inspection_outcome": stated("OAI"),
        "fda_483_observations": stated(9), "warning_letters_5y": stated(1),
        "regulatory_approvals": stated([]), "similar_programs_count": stated(2),
        "dedicated_project_manager": stated(False), "reporting_cadence": stated("monthly"),
    }
    return ProposalExtraction(source="gamma.pdf", pages=9, fields=fields)


def three_vendors() -> list[ProposalExtraction]:
    return [acme(), beta(), gamma()]


def weights_file(tmp_path, text: str, name: str = "weights.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def marks(comparison, key):
    return [cell.mark for cell in comparison.row(key).cells]


@pytest.fixture
def comparison():
    return compare_proposals(three_vendors(), load_scorecard())


def test_table_has_every_field_in_contract_order_and_human_display(comparison):
    assert [r.key for r in comparison.rows] == field_keys()
    assert [v.name for v in comparison.vendors] == ["Acme Biologics", "Beta Bio", "Gamma Pharma"]
    text = {r.key: [c.text for c in r.cells] for r in comparison.rows}
    assert text["weeks_to_first_gmp_batch"] == ["30 weeks", "40 weeks", "20 weeks"]
    assert text["total_price"][0] == "USD 4,850,000"
    assert text["max_bioreactor_volume_l"][0] == "2,000 L"
    assert text["first_available_gmp_slot"][0] == "2027-07-01"
    assert text["aseptic_fill_finish"] == ["Yes", "No", "Yes"]
    assert text["sites"][1] == "Austin, USA; Cork, Ireland"  # one site per item, not four
    assert text["raw_material_markup_pct"][0] == "12%"
    assert text["tech_transfer_weeks"][1] == "not stated"
    assert comparison.row("tech_transfer_weeks").cells[1].flag == "not stated"
    cell = comparison.row("total_price").cells[1]
    assert cell.status == "conflicting"
    assert cell.flag == "conflicting (values: USD 5,480,000 vs USD 5,740,000)"
    assert comparison.row("total_price").cells[0].evidence == [Evidence(page=3, quote="Total program price: USD 4,850,000")]


def test_best_and_worst_marks_follow_the_field_direction(comparison):
    assert marks(comparison, "weeks_to_first_gmp_batch") == [None, "worst", "best"]
    assert marks(comparison, "max_bioreactor_volume_l") == ["best", None, "worst"]
    assert marks(comparison, "first_available_gmp_slot") == [None, "worst", "best"]  # earlier slot is better
    assert marks(comparison, "fda_483_observations") == [None, "best", "worst"]
    assert marks(comparison, "aseptic_fill_finish") == ["best", "worst", "best"]  # ties share the mark
    assert marks(comparison, "warning_letters_5y") == ["best", "best", "worst"]
    assert marks(comparison, "pricing_model") == [None, None, None]  # no order
    # Only two vendors state a tech-transfer duration; a not-stated cell never gets a mark.
    assert marks(comparison, "tech_transfer_weeks") == ["worst", None, "best"]


def test_marks_on_price_within_one_currency():
    comparison = compare_proposals([acme(), beta()], load_scorecard())
    assert marks(comparison, "gmp_batch_price") == ["best", "worst"]
    # Beta's total price is conflicting, so only one total is stated: nothing to rank.
    assert marks(comparison, "total_price") == [None, None]
    assert not any("currenc" in w for w in comparison.warnings)


def test_no_marks_with_fewer_than_two_values_or_all_equal():
    one = compare_proposals([acme()], load_scorecard())
    assert all(cell.mark is None for row in one.rows for cell in row.cells)
    same = compare_proposals([acme(), acme()], load_scorecard())
    assert marks(same, "weeks_to_first_gmp_batch") == [None, None]


def test_different_currencies_without_rates_are_never_ranked_and_a_warning_says_so(comparison):
    assert marks(comparison, "gmp_batch_price") == [None, None, None]
    assert marks(comparison, "total_price") == [None, None, None]
    warning = next(w for w in comparison.warnings if "currencies" in w)
    assert "EUR: Gamma Pharma" in warning and "USD: Acme Biologics, Beta Bio" in warning
    assert "fx" in warning
    # The relative price part is left out of the cost mean: cost is the markup part alone.
    acme_cost = next(c for c in comparison.scores[0].criteria if c.id == "cost")
    assert acme_cost.parts[0].score is None and "left out" in acme_cost.parts[0].basis
    assert acme_cost.score == 3.0
    gamma_cost = next(c for c in comparison.scores[2].criteria if c.id == "cost")
    assert gamma_cost.score == 5.0
    assert comparison.row("total_price").cells[2].text == "EUR 4,000,000"


def test_with_an_exchange_rate_the_eur_vendor_is_ranked(tmp_path):
    scorecard = load_scorecard(weights_file(tmp_path, "fx: {EUR: 1.08}\n"))
    comparison = compare_proposals(three_vendors(), scorecard)
    assert marks(comparison, "gmp_batch_price") == [None, "worst", "best"]  # EUR 1.0M = USD 1.08M
    assert marks(comparison, "total_price") == ["worst", None, "best"]  # Beta's is conflicting
    assert comparison.row("total_price").cells[2].text == "EUR 4,000,000 (≈ USD 4,320,000)"
    assert comparison.row("total_price").cells[0].text == "USD 4,850,000"
    assert not any("not ranked" in w for w in comparison.warnings)
    assert any("1 EUR = 1.08 USD" in w for w in comparison.warnings)
    acme_cost = next(c for c in comparison.scores[0].criteria if c.id == "cost")
    # 4,850,000 / 4,320,000 = 1.123 -> 4 (<= 1.25); markup 12 % -> 3; 0.7 * 4 + 0.3 * 3 = 3.7
    assert acme_cost.parts[0].score == 4 and "1.123 × lowest → 4 (≤ 1.25)" in acme_cost.parts[0].basis
    assert acme_cost.score == 3.7
    assert comparison.scores[0].total == 78.9


def test_a_base_currency_key_changes_what_amounts_are_converted_to(tmp_path):
    scorecard = load_scorecard(weights_file(tmp_path, "base_currency: EUR\nfx: {USD: 0.92}\n"))
    comparison = compare_proposals(three_vendors(), scorecard)
    assert comparison.row("total_price").cells[0].text == "USD 4,850,000 (≈ EUR 4,462,000)"
    assert marks(comparison, "total_price") == ["worst", None, "best"]


def test_scores_follow_the_scorecard_rules(comparison):
    acme_score = comparison.scores[0]
    by_id = {c.id: c.score for c in acme_score.criteria}
    # Hand-computed from knowledge/scorecard.yaml (no fx: price part left out):
    # cost 3 (markup 12 -> 3); timeline 30 wk -> 4; technical 0.5*4 + 0.3*5 + 0.2*5 = 4.5;
    # quality 0.4*3 + 0.2*3 + 0.2*5 + 0.2*4 = 3.6; experience 0.7*4 + 0.3*3 = 3.7;
    # project management 0.4*5 + 0.3*5 + 0.3*2 = 4.1; supply 0.6*5 + 0.4*3 = 4.2
    assert by_id == {"cost": 3.0, "timeline": 4.0, "technical_fit": 4.5, "quality_regulatory": 3.6,
                     "experience": 3.7, "project_management": 4.1, "supply_robustness": 4.2}
    # 20*3/5 + 20*4/5 + 20*4.5/5 + 20*3.6/5 + 10*3.7/5 + 5*4.1/5 + 5*4.2/5
    assert acme_score.total == 76.1
    timeline = next(c for c in acme_score.criteria if c.id == "timeline")
    assert timeline.basis == "Time to first GMP batch: 30 → 4 (≤ 32)"
    gamma_quality = next(c for c in comparison.scores[2].criteria if c.id == "quality_regulatory")
    # 0.4 * OAI 0 + 0.2 * (9 observations -> 1) + 0.2 * (one warning letter -> 2) + 0.2 * (no approvals -> 1)
    assert gamma_quality.score == 0.8
    beta_cost = next(c for c in comparison.scores[1].criteria if c.id == "cost")
    assert "conflicting" in beta_cost.parts[0].basis


def test_not_stated_scores_missing(comparison):
    gamma_experience = next(c for c in comparison.scores[2].criteria if c.id == "experience")
    # similar 2 -> 2 (>= 1); commercial products not stated -> 0: 0.7*2 = 1.4
    assert gamma_experience.score == 1.4
    assert "Commercial products: not stated → 0" in gamma_experience.basis


def test_reweighting_changes_totals_and_order(comparison):
    before = [s.name for s in comparison.ranking()]
    speed = rescore(comparison, {"timeline": 80, "cost": 20, "technical_fit": 0, "quality_regulatory": 0,
                                 "experience": 0, "project_management": 0, "supply_robustness": 0})
    after = [s.name for s in speed.ranking()]
    assert after[0] == "Gamma Pharma" and before[0] != "Gamma Pharma"
    assert speed.scorecard.weights()["timeline"] == 80
    # Gamma: timeline 5, cost 5 (markup 4 %, price left out) -> 100
    assert speed.scores[2].total == 100.0
    assert speed.rows is comparison.rows  # no re-extraction, same table
    assert comparison.scores[2].total != 100.0  # the original is untouched


def test_rescore_renormalizes_partial_weights_and_rejects_unknown_ids(comparison):
    doubled = rescore(comparison, {"cost": 40})
    weights = doubled.scorecard.weights()
    assert sum(weights.values()) == pytest.approx(100)
    assert weights["cost"] == pytest.approx(40 * 100 / 120)
    with pytest.raises(ConfigurationError, match="unknown criteria: speed.*Valid criteria: cost, timeline"):
        rescore(comparison, {"speed": 10})


def test_weights_file_overrides_and_renormalizes(tmp_path):
    scorecard = load_scorecard(weights_file(tmp_path, '{"cost": 30, "timeline": 10}', "w.json"))
    weights = scorecard.weights()
    assert weights["cost"] == pytest.approx(30 * 100 / 100)
    assert weights["timeline"] == pytest.approx(10)
    assert weights["technical_fit"] == pytest.approx(20)
    scorecard = load_scorecard(weights_file(tmp_path, "cost: 60\n"))
    assert sum(scorecard.weights().values()) == pytest.approx(100)
    assert scorecard.weights()["cost"] == pytest.approx(60 * 100 / 140)


@pytest.mark.parametrize("text, message", [
    ("speed: 30\n", r"weights\.yaml names unknown criteria: speed\. Valid criteria: cost, timeline, technical_fit"),
    ("cost: lots\n", r"weights\.yaml: the weight of 'cost' must be a number"),
    ("cost: -5\n", r"must be a number of 0 or more"),
    ("fx: {EUR: 0}\n", r"the rate for EUR must be a number above 0"),
    ("fx: {EURO: 1.1}\n", r"'EURO' is not a three-letter currency code"),
    ("fx: 1.08\n", r"'fx' must map currency codes to rates"),
    ("- cost\n- 30\n", r"must map criterion ids to weights"),
    ("cost: [30\n", r"weights\.yaml is not valid YAML"),
    ("{cost: 0, timeline: 0, technical_fit: 0, quality_regulatory: 0, experience: 0, project_management: 0,"
     " supply_robustness: 0}\n", r"at least one criterion needs a weight above 0"),
])
def test_weights_file_errors_name_the_file_and_the_problem(tmp_path, text, message):
    with pytest.raises(ConfigurationError, match=message):
        load_scorecard(weights_file(tmp_path, text))


def test_missing_weights_file(tmp_path):
    with pytest.raises(ConfigurationError, match="nope.yaml does not exist"):
        load_scorecard(tmp_path / "nope.yaml")


def test_gaps_and_clarification_questions(comparison):
    beta_gaps = comparison.gaps[1]
    assert "tech_transfer_weeks" in beta_gaps.not_stated and beta_gaps.conflicting == ["total_price"]
    beta = {q.key: q.question for q in comparison.questions if q.vendor == 1}
    assert beta["tech_transfer_weeks"] == "Please state the duration of technology transfer for this program, in weeks."
    assert beta["total_price"] == ("Your proposal gives two different values for total price "
                                   "(USD 5,480,000 on page 1 and USD 5,740,000 on page 4); which is correct?")
    assert beta["high_containment"].startswith("Do you offer high-containment handling")
    assert beta["proposal_validity_days"] == "Please state how long this offer remains valid, in days."
    # One question per open field, none for stated ones.
    assert set(beta) == set(beta_gaps.not_stated) | set(beta_gaps.conflicting)
    assert "weeks_to_first_gmp_batch" not in beta
    gamma = {q.key for q in comparison.questions if q.vendor == 2}
    assert "commercial_products_count" in gamma


def test_unreadable_vendor_is_listed_with_its_error_and_no_scores():
    broken = ProposalExtraction(source="scan.pdf", error="the PDF has no text layer (a scanned image)")
    comparison = compare_proposals([acme(), broken, gamma()], load_scorecard())
    vendor = comparison.vendors[1]
    assert vendor.name == "scan.pdf" and vendor.error.startswith("the PDF has no text layer")
    assert comparison.scores[1].total is None and comparison.scores[1].criteria == []
    assert comparison.scores[0].total is not None
    assert [s.name for s in comparison.ranking()] == ["Acme Biologics", "Gamma Pharma"]
    assert all(row.cells[1].flag == "not read" and row.cells[1].mark is None for row in comparison.rows)
    assert not [q for q in comparison.questions if q.vendor == 1]
    assert any("scan.pdf could not be read" in w for w in comparison.warnings)
    # The unreadable file does not stop the others being ranked against each other.
    assert marks(comparison, "weeks_to_first_gmp_batch") == ["worst", None, "best"]


def test_vendor_without_a_stated_name_uses_the_file_name():
    nameless = acme()
    del nameless.fields["cdmo_name"]
    comparison = compare_proposals([nameless, acme()], load_scorecard())
    assert [v.name for v in comparison.vendors] == ["acme.pdf", "Acme Biologics"]


def test_display_of_enums_and_singular_units():
    specs = field_specs()
    assert display_value(specs["services_included"], ["fill_finish", "qc_release"]) == "fill-finish, QC release"
    assert display_value(specs["tech_transfer_weeks"], 1.0) == "1 week"
    assert display_value(specs["tech_transfer_weeks"], 12.5) == "12.5 weeks"
    assert display_value(specs["gmp_batch_price"], usd(1_250_000.5)) == "USD 1,250,000.5"


def test_a_malformed_value_is_shown_but_neither_ranked_nor_scored():
    odd = acme()
    odd.fields["weeks_to_first_gmp_batch"] = stated("about 30 weeks")
    comparison = compare_proposals([odd, beta(), gamma()], load_scorecard())
    assert comparison.row("weeks_to_first_gmp_batch").cells[0].text == "about 30 weeks"
    assert marks(comparison, "weeks_to_first_gmp_batch") == [None, "worst", "best"]
    timeline = next(c for c in comparison.scores[0].criteria if c.id == "timeline")
    assert timeline.score == 0 and "is not a number" in timeline.basis
