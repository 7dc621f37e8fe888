"""A value a real proposal cannot mean for its field is rejected even when its quote shows the figure."""

from __future__ import annotations

import pytest

from rfp_assistant.jobs.extraction.value_check import check_value
from rfp_assistant.schemas.proposal import Money, field_specs


@pytest.mark.parametrize(("key", "value", "quote"), [
    ("max_bioreactor_volume_l", 264000.0, "Across the network our total installed capacity is 264,000 L."),
    ("tech_transfer_weeks", 0.3, "Technology transfer starts with a 2-day kick-off workshop (0.3 weeks)."),
    ("raw_material_markup_pct", 150.0, "Raw materials are charged at cost + 150% handling."),
    ("total_price", Money(amount=45.0, currency="USD"), "Storage is charged at USD 45 per pallet and month."),
])
def test_a_figure_outside_the_fields_range_is_not_taken_as_its_answer(key, value, quote):
    reason = check_value(field_specs()[key], value, [quote])
    assert reason is not None and "outside" in reason


@pytest.mark.parametrize(("key", "value", "quote"), [
    ("max_bioreactor_volume_l", 2000.0, "Our largest bioreactor is a 2,000 L single-use vessel."),
    ("tech_transfer_weeks", 12.0, "Technology transfer will take 12 weeks."),
    ("total_price", Money(amount=4_100_000.0, currency="USD"), "Total price: USD 4,100,000"),
])
def test_a_figure_in_range_that_its_quote_shows_is_kept(key, value, quote):
    assert check_value(field_specs()[key], value, [quote]) is None
