"""Is a document a CDMO proposal at all? A guide, a brief or an unrelated file uploaded by mistake is left out."""

from __future__ import annotations

from rfp_assistant.schemas.proposal import ProposalExtraction, field_specs

PRICE_KEYS = ("total_price", "gmp_batch_price", "tech_transfer_fee")
# A proposal names its author and quotes a price; one that does neither still counts when it answers at least
# half of the schema. Guides, memos, budgets and briefs state a handful of fields (13 at most in the eval corpus);
# the shortest real proposal there (a two-page budgetary quote) states 13, with its author and its prices.
ENOUGH_FIELDS = 0.5


def screen(extraction: ProposalExtraction) -> str | None:
    """None when the document reads as a proposal; otherwise why it does not, in plain words."""
    if extraction.error is not None:
        return None  # an unreadable file is listed with its own reason, not judged on its content
    fields = extraction.fields
    total = len(field_specs())
    stated = sum(1 for r in fields.values() if r.status != "not_stated")
    named = _stated(extraction, "cdmo_name")
    priced = any(_stated(extraction, key) for key in PRICE_KEYS)
    if (named and priced) or stated >= ENOUGH_FIELDS * total:
        return None
    missing = [part for part, present in (("names no responding company", named), ("quotes no price", priced))
               if not present]
    return (f"{extraction.source} does not read as a CDMO proposal: it states {stated} of the {total} fields "
            f"and {' and '.join(missing)}. It is left out of the comparison.")


def _stated(extraction: ProposalExtraction, key: str) -> bool:
    result = extraction.fields.get(key)
    return result is not None and result.status != "not_stated"
