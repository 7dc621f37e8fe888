"""A comparison that explains itself: documents that are not proposals, the not-stated rule, ties, typed exchange
rates, whole-percentage weights and free-text cells made readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import require_shared
from rfp_assistant.config import Settings
from rfp_assistant.core.documents import load_document
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.jobs.comparison.cells import clean_text, shorten
from rfp_assistant.jobs.comparison.scoring import load_scorecard
from rfp_assistant.jobs.comparison.table import compare_proposals, recompare, rescore
from rfp_assistant.jobs.extraction.service import extract_proposals
from rfp_assistant.schemas.proposal import Evidence, FieldResult, ProposalExtraction
from test_comparison import acme, beta, gamma, stated, usd

ROOT = Path(__file__).resolve().parents[1]
PROPOSALS = ROOT / "eval" / "extraction" / "proposals"


def _read(paths, tmp_path):
    """Extractions and {file name: {page: text}}, as the UI holds them."""
    extractions = extract_proposals(paths, Settings(data_dir=tmp_path / "data"))
    texts = {Path(p).name: {page.number: page.text for page in load_document(Path(p), max_bytes=10**8).pages}
             for p in paths}
    return extractions, texts


# ------------------------------------------------------------------ not a proposal

def test_a_guide_and_playbook_pages_are_left_out_with_a_reason_and_every_proposal_stays(tmp_path):
    guide = require_shared("reference", "cdmo-preparation-guide.txt")
    playbook = sorted((ROOT / "knowledge" / "playbook").glob("*.md"))
    proposals = sorted(PROPOSALS.glob("*.pdf"))
    extractions, texts = _read([*proposals, guide, *playbook], tmp_path)
    comparison = compare_proposals(extractions, load_scorecard(), page_texts=texts)
    assert [v.source for v in comparison.vendors] == [p.name for p in proposals]
    assert [item.source for item in comparison.left_out] == [guide.name] + [p.name for p in playbook]
    reason = comparison.left_out[0].reason
    assert reason.startswith("cdmo-preparation-guide.txt does not read as a CDMO proposal: it states ")
    assert "names no responding company and quotes no price" in reason and "left out" in reason
    assert reason in comparison.warnings
    assert len(comparison.scores) == len(proposals)  # nothing scored for the guide


def test_a_short_proposal_with_its_author_and_a_price_is_kept_and_screening_can_be_turned_off():
    short = ProposalExtraction(source="quote.pdf", fields={"cdmo_name": stated("Tiny Bio"),
                                                           "total_price": stated(usd(900_000))})
    notes = ProposalExtraction(source="notes.md", fields={"modalities": stated(["vaccine"])})
    kept = compare_proposals([short, notes], load_scorecard())
    assert [v.name for v in kept.vendors] == ["Tiny Bio"] and [i.source for i in kept.left_out] == ["notes.md"]
    assert "states 1 of the 34 fields" in kept.left_out[0].reason
    everything = compare_proposals([short, notes], load_scorecard(), screened=False)
    assert [v.source for v in everything.vendors] == ["quote.pdf", "notes.md"] and not everything.left_out
    asked = recompare(kept, kept.scorecard, include=["notes.md"])
    assert [v.source for v in asked.vendors] == ["quote.pdf", "notes.md"] and not asked.left_out


# ------------------------------------------------------------------ scores that explain themselves

def test_not_stated_left_out_renormalizes_instead_of_scoring_zero():
    zero = compare_proposals([acme(), beta(), gamma()], load_scorecard())
    left = recompare(zero, zero.scorecard.with_not_stated("left_out"))
    gamma_zero = next(c for c in zero.scores[2].criteria if c.id == "experience")
    gamma_left = next(c for c in left.scores[2].criteria if c.id == "experience")
    # similar programs 2 -> 2; commercial products not stated: 0 under 'zero', left out under 'left_out'
    assert gamma_zero.score == 1.4 and "Commercial products: not stated → 0" in gamma_zero.basis
    assert gamma_left.score == 2.0 and "Commercial products: not stated → left out" in gamma_left.basis
    part = gamma_left.parts[1]
    assert part.score is None and part.shown == "not stated"
    assert left.scores[2].total > zero.scores[2].total
    # Acme states every scored field except the price, which cannot be compared without a rate (EUR vs USD).
    assert zero.scores[0].scored_weight == 100 and left.scores[0].scored_weight == 100


def test_a_criterion_with_nothing_stated_leaves_the_weights_of_the_others_to_count():
    bare = ProposalExtraction(source="bare.pdf", fields={"cdmo_name": stated("Bare"), "total_price": stated(usd(1)),
                                                          "weeks_to_first_gmp_batch": stated(20.0)})
    comparison = compare_proposals([bare], load_scorecard().with_not_stated("left_out"))
    score = comparison.scores[0]
    # cost: price ratio 1 -> 5 (its 0.7 of 20; the markup's 0.3 is not stated); timeline 20 weeks -> 5; nothing else
    # stated -> the 14 + 20 stated count for everything
    assert score.total == 100.0 and score.scored_weight == 34.0
    # Under "zero": cost 0.7 * 5 + 0.3 * 0 (markup not stated) = 3.5 -> 14, timeline 20, the rest 0
    assert compare_proposals([bare], load_scorecard()).scores[0].total == 34.0


def test_equal_totals_are_flagged_as_a_tie():
    comparison = compare_proposals([acme(), acme(), beta()], load_scorecard())
    first, second, third = comparison.scores
    assert first.total == second.total and first.rank == second.rank and first.tied and second.tied
    assert not third.tied
    assert [[s.vendor for s in group] for group in comparison.ties()] == [[0, 1]]
    reweighted = rescore(comparison, {"timeline": 90})
    assert [[s.vendor for s in group] for group in reweighted.ties()] == [[0, 1]]


def test_exchange_rates_typed_in_rank_the_other_currency_and_bad_rates_are_refused():
    comparison = compare_proposals([acme(), beta(), gamma()], load_scorecard())
    assert comparison.unrated_currencies() == ["EUR"]
    assert any("No rate is ever assumed" in w and "exchange-rate boxes" in w for w in comparison.warnings)
    rated = recompare(comparison, comparison.scorecard.with_fx({"EUR": 1.08}))
    assert rated.unrated_currencies() == [] and rated.scorecard.fx == {"EUR": 1.08}
    assert [c.mark for c in rated.row("total_price").cells] == ["worst", None, "best"]
    assert rated.scores[0].total == 78.9  # as with 'fx: {EUR: 1.08}' in a weights file
    cheap_eur = recompare(comparison, comparison.scorecard.with_fx({"EUR": 0.5}))
    dear_eur = recompare(comparison, comparison.scorecard.with_fx({"EUR": 2.0}))
    assert cheap_eur.scores[2].total > dear_eur.scores[2].total
    for bad, message in (({"EUR": 0}, "must be a number above 0"), ({"EURO": 1.1}, "three-letter currency code"),
                         ({"USD": 2.0}, "USD is the base currency")):
        with pytest.raises(ConfigurationError, match=message):
            comparison.scorecard.with_fx(bad)


def test_weights_show_as_whole_percentages():
    scorecard = load_scorecard().with_weights({"cost": 50, "timeline": 20, "technical_fit": 20,
                                               "quality_regulatory": 0, "experience": 10, "project_management": 5,
                                               "supply_robustness": 5})
    shares = scorecard.percentages()
    assert all(isinstance(v, int) for v in shares.values())
    assert shares == {"cost": 45, "timeline": 18, "technical_fit": 18, "quality_regulatory": 0, "experience": 9,
                      "project_management": 5, "supply_robustness": 5}  # 50 / 110 = 45.45 %, 5 / 110 = 4.55 %
    assert load_scorecard().percentages()["cost"] == 20


# ------------------------------------------------------------------ free-text cells

def test_free_text_cells_are_whole_sentences_each_once_and_on_their_own_topic(tmp_path):
    extractions, texts = _read([PROPOSALS / "01_northfield_formal_letter.pdf", PROPOSALS / "08_rheinland_eu_eur.pdf"],
                               tmp_path)
    comparison = compare_proposals(extractions, load_scorecard(), page_texts=texts)
    north_assumptions = comparison.row("assumptions").cells[0]
    pricing = [i for i in north_assumptions.items if i.startswith("Our pricing assumes")]
    assert len(pricing) == 1  # the extractor's overlapping quotes held it twice
    assert not any("Should Ca" in i or "invoiced" in i or i.startswith(("2.", "Assumptions")) for i in
                   north_assumptions.items)
    payment = comparison.row("payment_terms").cells[0].text
    assert payment.endswith("all invoices are payable net 30 days.") and "cancel" not in payment
    cancellation = comparison.row("cancellation_terms").cells[0].text
    assert cancellation.endswith("50% of the affected batch price will be payable.")  # no trailing '5.'
    rheinland_cancel = comparison.row("cancellation_terms").cells[1].items
    assert rheinland_cancel == ["Cancellation less than 3 months before the scheduled start of a batch: 100 % of "
                                "the batch price.", "Cancellation between 3 and 6 months before the start: 50 %."]
    # The evidence is what the extractor quoted, untouched.
    assert comparison.row("payment_terms").cells[0].evidence == extractions[0].fields["payment_terms"].evidence


def test_a_quote_cut_mid_word_is_made_whole_from_its_page_or_marked():
    page = ("Payment terms. Invoices are payable within 30 days. Should the Sponsor cancel a slot less than "
            "six months before its start, 50% of the batch price is payable.")
    quote = "Invoices are payable within 30 days. Should the Sponsor cancel a slot less than six months before i"
    evidence = [Evidence(page=2, quote=quote)]
    assert clean_text("cancellation_terms", [quote], evidence, {2: page}) == [
        "Should the Sponsor cancel a slot less than six months before its start, 50% of the batch price is payable."]
    assert clean_text("payment_terms", [quote], evidence, {2: page}) == ["Invoices are payable within 30 days."]
    # Without the page, a sentence that starts mid-way says so rather than posing as whole.
    assert clean_text("assumptions", ["the client supplies the cell bank.", "Prices exclude VAT."], [], None) == [
        "…the client supplies the cell bank.", "Prices exclude VAT."]


def test_a_table_row_stays_one_row_and_a_wrapped_sentence_is_still_made_whole():
    page = ("2. Scope of Work\nActivity In scope?\nAnalytical development No - excluded -\nFill/finish No - not offered -\n"
            "A 20% deposit is due at slot booking; the remainder is invoiced\non completion of each activity.\n")
    row, terms = "Analytical development No - excluded", "A 20% deposit is due at slot booking; the remainder is invoiced"
    evidence = [Evidence(page=2, quote=row), Evidence(page=2, quote=terms)]
    assert clean_text("assumptions", [row], evidence, {2: page}) == ["Analytical development No - excluded"]
    assert clean_text("payment_terms", [terms], evidence, {2: page}) == [
        "A 20% deposit is due at slot booking; the remainder is invoiced on completion of each activity."]


def test_shorten_cuts_at_a_word_boundary():
    text = "Twenty-five percent of the total price is invoiced upon contract signature"
    assert shorten(text, 40) == "Twenty-five percent of the total price…"
    assert shorten(text, 200) == text
    assert len(shorten(text, 40)) <= 40


def test_field_result_lists_keep_sites_as_they_are():
    extraction = acme()
    extraction.fields["sites"] = FieldResult(value=["Austin, USA", "Cork, Ireland"], status="stated",
                                             evidence=[Evidence(page=1, quote="Austin, USA and Cork, Ireland")])
    comparison = compare_proposals([extraction], load_scorecard())
    assert comparison.row("sites").cells[0].text == "Austin, USA; Cork, Ireland"
