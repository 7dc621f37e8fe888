"""Typed value parsers, one module per kind: money, dates, durations, quantities, counts and number words.

Each `find_*` returns every value of its kind in a text as a `Match` (value, span, qualifiers); the
extraction, drafting and verification code all read values through these.
"""

from rfp_assistant.core.values.common import (
    WEEKS_PER_MONTH,
    WEEKS_PER_QUARTER,
    WEEKS_PER_YEAR,
    Match,
    Money,
    normalize_space,
)
from rfp_assistant.core.values.counts import find_counts, find_years_ago_window
from rfp_assistant.core.values.dates import find_dates
from rfp_assistant.core.values.durations import find_durations
from rfp_assistant.core.values.money import find_money
from rfp_assistant.core.values.numbers import parse_number, product_split, to_number
from rfp_assistant.core.values.quantities import find_percentages, find_volumes

__all__ = [
    "WEEKS_PER_MONTH", "WEEKS_PER_QUARTER", "WEEKS_PER_YEAR", "Match", "Money", "normalize_space",
    "find_counts", "find_dates", "find_durations", "find_money", "find_percentages", "find_volumes",
    "find_years_ago_window", "parse_number", "product_split", "to_number",
]
