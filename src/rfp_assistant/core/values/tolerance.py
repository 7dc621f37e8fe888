"""When two figures of one unit are the same figure: a unit conversion's rounding is not a difference.

A plan said in two units comes out as two numbers once converted (152 days -> 21.7 weeks against "22 weeks",
500 US gal -> 1,892.7 L). The tolerance is the rounding such a conversion can carry, by unit; money and
unitless counts must match exactly. The extractor (is this a conflict?) and the comparison (are these vendors
different?) both ask it, so both use this one rule.
"""

from __future__ import annotations

# Absolute tolerance per unit: half a week (a day or month count rounded to whole weeks); a day (a month of
# 30 or 31 days, 13 weeks = 91 days against "90 days"); a tenth of a percentage point (one decimal).
ABSOLUTE = {"weeks": 0.5, "days": 1.0, "%": 0.05}
RELATIVE = {"L": 0.01}  # a gallon or cubic-metre figure converted and rounded: within 1 %
MONEY = 0.5  # amounts in one currency: half a minor unit's worth of rounding, no more


def same_figure(unit: str | None, a: float, b: float, *, money: bool = False) -> bool:
    """Whether two numbers in `unit` (money already in one currency) are the same figure."""
    if money:
        return abs(a - b) < MONEY
    if unit in ABSOLUTE:
        return abs(a - b) <= ABSOLUTE[unit] + 1e-9
    if unit in RELATIVE:
        return abs(a - b) <= RELATIVE[unit] * max(abs(a), abs(b)) + 1e-9
    return a == b
