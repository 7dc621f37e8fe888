"""An equipment table's total column is the row's vessels together, not one larger vessel."""

from __future__ import annotations

import io

import pytest

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline


def _largest(table) -> float | None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph("Acme Biologics GmbH, Offer AB-7. Manufacturing site: Basel, Switzerland.", style),
             Paragraph("Upstream equipment at the proposed site:", style), Table(table)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    document = load_bytes(buffer.getvalue(), "acme.pdf", max_bytes=10**6, layouts=True)
    return extract_offline(document).fields["max_bioreactor_volume_l"].value


@pytest.mark.parametrize("heading", ["Total (L)", "Installed volume (L)", "Volume (L)"])
def test_a_rows_count_times_its_vessel_is_not_one_vessel(heading):
    table = [["Equipment", "Qty", "Vessel size (L)", heading],
             ["Single-use bioreactor", "4", "2,000", "8,000"],
             ["Seed bioreactor", "2", "500", "1,000"]]
    assert _largest(table) == 2000


def test_a_single_larger_vessel_in_the_table_still_counts():
    table = [["Equipment", "Qty", "Vessel size (L)", "Total (L)"],
             ["Single-use bioreactor", "2", "2,000", "4,000"],
             ["Stainless steel bioreactor", "1", "10,000", "10,000"]]
    assert _largest(table) == 10000
