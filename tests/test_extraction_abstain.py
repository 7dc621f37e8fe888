"""Abstaining: a field is stated only from a statement about that field, in the vendor's own offer."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

FOOTER = "Acme Biologics GmbH | Confidential | Page {n} of 2"


def _read(*pages: str):
    text = "\f".join(page + "\n" + FOOTER.format(n=i) for i, page in enumerate(pages, 1))
    return extract_offline(load_bytes(text.encode(), "acme.txt", max_bytes=10**6)).fields


def test_a_pricing_model_is_read_only_from_a_sentence_about_how_the_work_is_charged():
    silent = _read(
        "Dear Dr. Roe,\nWe propose a hybrid synthesis route for the linker, and a team of 4 FTEs will run the project.\n"
        "Sincerely,\nAcme Biologics GmbH",
        "The project is staffed by full-time equivalents from our development group.",
    )
    assert silent["pricing_model"].status == "not_stated"
    stated = _read(
        "Dear Dr. Roe,\nWe propose a hybrid synthesis route for the linker.\nSincerely,\nAcme Biologics GmbH",
        "Development work is charged on an FTE basis; GMP batches are charged at a fixed price per batch, "
        "so the overall commercial model is hybrid.",
    )
    assert stated["pricing_model"].value == "hybrid"
    assert "charged" in stated["pricing_model"].evidence[0].quote


def test_a_capability_word_describing_the_product_is_not_the_vendors_capability():
    silent = _read(
        "Dear Dr. Roe,\nHX-1 is a lyophilised powder for reconstitution; we ship the drug substance frozen.\n"
        "Sincerely,\nAcme Biologics GmbH",
        "QC testing of the lyophilised drug product is outside this proposal. The Phase 3 presentation may be "
        "freeze-dried; this is for the Sponsor to decide.",
    )
    assert silent["lyophilization"].status == "not_stated"
    offered = _read(
        "Dear Dr. Roe,\nHX-1 is a lyophilised powder for reconstitution.\nSincerely,\nAcme Biologics GmbH",
        "Our drug product unit fills liquid and lyophilised vials under aseptic conditions.",
    )
    assert offered["lyophilization"].value is True
    assert "fills" in offered["lyophilization"].evidence[0].quote
