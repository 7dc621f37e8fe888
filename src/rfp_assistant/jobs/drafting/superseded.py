"""A figure the brief states only as an earlier plan ('originally 3 campaigns', 'the earlier budget (GBP 5m) is
superseded', '(it was 3.5m before the cut)', 'replacing the 1,000 L plan') never reaches the RFP, when the brief
states the current figure of that quantity elsewhere; nor does what the writer says to leave out ('the 1,000 L plan is
shelved - don't quote it', 'don't mention FDA filing'). The typed fields read only what the brief still plans.
"""

from __future__ import annotations

from rfp_assistant.core.text.withdrawal import standing_text, superseded_pieces, without_omitted, without_spans
from rfp_assistant.jobs.drafting.brief_units import Unit
from rfp_assistant.jobs.drafting.corrections import MAGNITUDE as _MAGNITUDE, Figure, figures


def without_superseded(text: str) -> str:
    """`text` without what its writer says to leave out, and without the pieces that state only an earlier figure of
    a quantity the brief states anew."""
    lines = [without_omitted(line) for line in text.split("\n")]
    old = {n: superseded_pieces(line) for n, line in enumerate(lines)}
    current: set[str] = set()
    for n, line in enumerate(lines):
        for f in figures(line):
            if _kind(f) and not any(a <= f.start < b for a, b in old[n]):
                current.add(_kind(f))
    for n, spans in old.items():
        cut = [(a, b) for a, b in spans
               if (said := [_kind(f) for f in figures(lines[n][a:b]) if _kind(f)]) and all(_rival(q, current) for q in said)]
        if cut:
            lines[n] = without_spans(lines[n], cut)
    return "\n".join(lines)


def _kind(f: Figure) -> str:
    """The figure's quantity; a bare amount with a magnitude ('3.5m', '600k') is money in some currency."""
    return f.quantity or ("$?" if _MAGNITUDE.search(f.number) else "")


def _rival(quantity: str, current: set[str]) -> bool:
    if quantity == "$?":
        return any(q.startswith("$") for q in current)
    return quantity in current or quantity.startswith("$") and "$?" in current


def standing_units(units: list[Unit]) -> list[Unit]:
    """The units with what each declines or takes back left out, for the typed fields."""
    kept = []
    for unit in units:
        text = standing_text(unit.text)
        if text.strip(" .,;()"):
            kept.append(Unit(text, unit.key if text.startswith(unit.text.split(":")[0]) else None))
    return kept
