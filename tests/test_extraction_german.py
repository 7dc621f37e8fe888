"""A German-language offer is read like an English one: its labels, units and the request it reports."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.values import find_durations
from rfp_assistant.jobs.extraction.offline import extract_offline

OFFER = """RHEINAU BIOLOGICS GMBH
Angebot Nr. RB-2026-031
Datum: 15.03.2026
Standort: Mannheim, Deutschland

In Ihrer Anfrage wünschen Sie einen Technologietransfer innerhalb von 10 Wochen und eine Gültigkeit von 120 Tagen.

Technologietransfer: 14 Wochen
GMP-Charge (2.000 L): 1.250.000,00 EUR je Charge
Gesamtpreis: 2.980.000,00 EUR
Zuschlag auf Rohmaterialien: 12 %
Zahlungsbedingungen: 30 % bei Auftragserteilung, 70 % bei Freigabe; zahlbar innerhalb von 30 Tagen netto.
Gültigkeit des Angebots: 60 Tage
"""


def test_german_labels_and_units_are_read():
    fields = extract_offline(load_bytes(OFFER.encode(), "angebot.txt", max_bytes=10**6)).fields
    assert fields["sites"].value == ["Mannheim, Germany"]
    assert fields["tech_transfer_weeks"].value == 14.0  # not the 10 weeks the request asked for
    assert fields["proposal_validity_days"].value == 60  # not the 120 days of the request
    assert fields["gmp_batch_price"].value.amount == 1_250_000
    assert fields["total_price"].value.amount == 2_980_000
    assert fields["raw_material_markup_pct"].value == 12.0
    assert "30 %" in fields["payment_terms"].value


def test_german_duration_units():
    assert [m.value for m in find_durations("14 Wochen, 6 Monate, 2 Jahre")] == [14.0, 26.1, 104.3]
