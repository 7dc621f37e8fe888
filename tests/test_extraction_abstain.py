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
