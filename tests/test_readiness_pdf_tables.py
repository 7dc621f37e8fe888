"""A company's PDF risk log read as rows: a status in one row stays with that row, not the whole table."""

from __future__ import annotations

import io

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.ingestion import ingest_files
from rfp_assistant.jobs.readiness.assess import assess_readiness

MB = 1_000_000
ROWS = [["#", "Category", "Risk", "Mitigation", "Owner", "Status"],
        ["R1", "Operational", "Tech transfer slips because the CDMO suite is booked", "Reserve a second slot",
         "CMC lead", "open"],
        ["R2", "Regulatory", "FDA questions the comparability of the new site", "Pre-IND meeting", "RA lead", "open"],
        ["R3", "Financial", "Cost overruns on change orders", "TBD", "CFO", "open"]]


def _register_pdf() -> bytes:
    """A risk register as a word processor exports it: pypdf's plain reading gives one cell per line."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), invariant=1)
    document.build([Paragraph("Program risk register, reviewed monthly by the steering committee.",
                              getSampleStyleSheet()["Normal"]), Table(ROWS)])
    return buffer.getvalue()


def test_a_pdf_table_read_for_rows_keeps_each_row_on_one_line():
    data = _register_pdf()
    plain = load_bytes(data, "risk-register.pdf", max_bytes=MB).pages[0].text
    rows = load_bytes(data, "risk-register.pdf", max_bytes=MB, table_rows=True).pages[0].text
    assert "\nTBD\n" in plain  # the default reading is unchanged
    assert ("#: R3 | Category: Financial | Risk: Cost overruns on change orders | Mitigation: TBD | Owner: CFO | "
            "Status: open") in rows.split("\n")
    assert rows.startswith("Program risk register, reviewed monthly by the steering committee.\n")


def test_a_pdf_register_is_judged_like_the_same_register_saved_as_csv(settings, tmp_path):
    pdf = tmp_path / "risk-register.pdf"
    pdf.write_bytes(_register_pdf())
    typed = tmp_path / "risk-register.csv"
    typed.write_text("\n".join(",".join(row) for row in ROWS) + "\n", encoding="utf-8")
    reports = {}
    for path in (pdf, typed):
        index = WorkspaceIndex(settings, path.suffix[1:])
        ingest_files(index, [path], kind="internal", max_bytes=MB)
        reports[path.suffix] = assess_readiness(index, items=["risk.financial", "risk.operational", "risk.mitigations"])
    for item in ("risk.financial", "risk.operational", "risk.mitigations"):
        assert reports[".pdf"].item(item).status == reports[".csv"].item(item).status, item
    # The financial row's TBD is that row's: the operational risk is not quoted with it.
    assert all("TBD" not in e.quote for e in reports[".pdf"].item("risk.operational").evidence)
    assert any("Tech transfer slips" in e.quote for e in reports[".pdf"].item("risk.operational").evidence)

