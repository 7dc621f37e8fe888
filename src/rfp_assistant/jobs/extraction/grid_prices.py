"""The bid grid's Prices sheet: line items checked against the total price the vendor states."""

from __future__ import annotations

from rfp_assistant.jobs.extraction.grid_values import BadAnswer, cell_text, read_answer, read_number
from rfp_assistant.schemas.proposal import FieldResult, field_specs

# Rounding in a vendor's own sums is not a discrepancy worth a warning.
TOLERANCE = 0.005


def check_prices(rows: list[dict], fields: dict[str, FieldResult]) -> list[str]:
    """Warnings for unreadable price lines and for base-scope lines that do not add up to the stated total."""
    spec = field_specs()["total_price"]
    warnings: list[str] = []
    totals: dict[str, float] = {}
    for row in rows:
        item = cell_text(row["item"][0]) or "an unnamed item"
        price, price_cell = row.get("unit price", (None, ""))
        if not cell_text(price):
            continue
        try:
            money = read_answer(spec, price, row.get("currency", (None, ""))[0])
            quantity_raw, quantity_cell = row.get("quantity", (None, ""))
            quantity = 1.0 if not cell_text(quantity_raw) else _quantity(quantity_raw, quantity_cell)
            optional = cell_text(row.get("optional", (None, ""))[0]).lower() in ("yes", "y", "true", "x")
        except BadAnswer as exc:
            warnings.append(f"Prices sheet, {item} ({price_cell}): {exc}; the line is not counted.")
            continue
        if not optional:
            totals[money.currency] = totals.get(money.currency, 0.0) + quantity * money.amount
    if not totals:
        return warnings
    lines = "; ".join(f"{currency} {amount:,.0f}" for currency, amount in sorted(totals.items()))
    total = fields.get("total_price")
    if total is None or total.status != "stated":
        warnings.append(f"The total price is not stated; the Prices sheet's base-scope lines add up to {lines}.")
    elif set(totals) != {total.value.currency}:
        warnings.append(f"The Prices sheet's base-scope lines are in {lines}, not only in the total price's "
                        f"currency ({total.value.currency}).")
    elif abs(totals[total.value.currency] - total.value.amount) > TOLERANCE * max(total.value.amount, 1.0):
        cell = total.evidence[0].cell if total.evidence else "the grid"
        warnings.append(f"The Prices sheet's base-scope lines add up to {lines}, but the total price ({cell}) is "
                        f"{total.value.currency} {total.value.amount:,.0f}.")
    return warnings


def _quantity(raw, cell: str) -> float:
    try:
        return read_number(raw)
    except BadAnswer as exc:
        raise BadAnswer(f"the quantity in {cell}: {exc}") from None
