"""A service in scope is read under the names proposals give it: process adaptation and media optimisation are
process development, qualifying methods is analytical development, testing and release is QC release, a stability
schedule is stability; transferring methods alone stays technology transfer."""

from __future__ import annotations

import pytest

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

SCOPE = "Acme Biologics - Proposal\nScope of work\nOur proposal covers:\n- Two GMP batches at 500 L\n- {}\nPrice: EUR 1,000,000\n"


def _services(item: str) -> set[str]:
    document = load_bytes(SCOPE.format(item).encode(), "acme.txt", max_bytes=10**6)
    return set(extract_offline(document).fields["services_included"].value or [])


@pytest.mark.parametrize("item, service", [
    ("Process adaptation to our platform", "process_development"),
    ("Process fit and scale-down model qualification", "process_development"),
    ("Media and feed optimisation", "process_development"),
    ("Set-up and qualification of the release and stability methods", "analytical_development"),
    ("Development of a potency assay", "analytical_development"),
    ("Analytical methods: transfer, qualification and validation", "analytical_development"),
    ("Testing and release of GMP batches", "qc_release"),
    ("Batch certification by the QP", "qc_release"),
    ("Certificates of analysis and stability reports", "qc_release"),
    ("Certificates of analysis and stability reports", "stability"),
    ("Stability: 0, 3, 6, 12, 24 months", "stability"),
])
def test_a_scope_item_names_its_service(item, service):
    assert service in _services(item)


def test_transferring_methods_alone_is_technology_transfer_not_analytical_development():
    services = _services("Technology transfer, including transfer of your identity and potency methods")
    assert "tech_transfer" in services and "analytical_development" not in services


def test_the_programs_material_in_the_future_tense_is_the_vendors_work_unless_handed_over():
    offer = ("Acme Biologics - Proposal\nOur offer\nWe will manufacture two GMP batches at 500 L. Each batch will be "
             "tested and released against the agreed specification. The first batch will be placed on a 24-month "
             "ICH programme. The drug substance will be shipped to your fill/finish partner.\n")
    document = load_bytes(offer.encode(), "acme.txt", max_bytes=10**6)
    services = set(extract_offline(document).fields["services_included"].value or [])
    assert {"qc_release", "stability"} <= services and "fill_finish" not in services
