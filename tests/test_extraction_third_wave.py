"""Mechanisms read off unseen proposals' writing: abbreviations by case, denials about the field's own subject,
sections in another party's words, money in the terms and conditions, and a later statement that revises a figure."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

FOOTER = "Acme Biologics GmbH | Confidential | Page {n} of {total}"


def _read(*pages: str):
    text = "\f".join(page + "\n" + FOOTER.format(n=i, total=len(pages)) for i, page in enumerate(pages, 1))
    return extract_offline(load_bytes(text.encode(), "acme.txt", max_bytes=10**6)).fields


def test_an_abbreviation_is_read_in_its_own_case_and_a_denial_must_be_about_the_field():
    fields = _read(
        "We wanted our QA lead's view on your vial before I put numbers on paper.\n"
        "Release testing: sterility, endotoxin, visible and sub-visible particles.\nSub-total 40,000",
        "Pricing follows.",
    )
    assert fields["bioreactor_type"].status == "not_stated"
    assert fields["electronic_batch_records"].status == "not_stated"
    fields = _read("Upstream runs in two 2,000 L SUBs.\nBatch records are kept on paper.", "Pricing follows.")
    assert fields["bioreactor_type"].value == "single_use"
    assert fields["electronic_batch_records"].value is False
