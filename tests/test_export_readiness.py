"""Readiness report exports: Markdown, DOCX and JSON carry the statuses, evidence and recommendations."""

from __future__ import annotations

import json

import pytest

from rfp_assistant.errors import ConfigurationError, RfpAssistantError
from rfp_assistant.jobs.readiness.export import readiness_to_markdown, write_readiness
from rfp_assistant.jobs.readiness.assess import ItemAssessment, build_report
from rfp_assistant.jobs.readiness.rules import load_checklist
from rfp_assistant.schemas.common import Answer, Citation

QUOTE = "R1 CDMO price increase at contract renewal (more than 8% per year)"


@pytest.fixture
def report():
    statuses = {"risk.financial": "covered", "team.project_manager": "partial"}
    items = []
    for item in load_checklist().items:
        status = statuses.get(item.id, "missing")
        evidence = []
        if item.id == "risk.financial":
            evidence = [Citation(source="risk-register-v3.pdf", page=2, quote=QUOTE)]
        elif item.id == "team.project_manager":
            evidence = [Citation(source="hiring | plan.txt", page=1, quote="Project manager: TBD, Dan covering for now")]
        items.append(ItemAssessment(id=item.id, area=item.area, title=item.title, status=status, evidence=evidence,
                                    recommendation="" if status == "covered" else item.recommendation,
                                    reason="Because."))
    return build_report(items, documents=["risk-register-v3.pdf", "hiring | plan.txt"])


def test_markdown_shows_score_areas_gaps_and_evidence(report):
    text = readiness_to_markdown(report)
    assert "**Overall readiness: 4%**" in text  # 1.5 of 38 items
    assert "| Risk management | 20% | 1 | 0 | 4 |" in text
    gaps = text.split("## Gaps to close", 1)[1].split("\n## ", 1)[0]
    assert "Financial risks identified" not in gaps  # covered items are not gaps
    assert gaps.index("Operational risks identified") < gaps.index("Internal project manager assigned")  # missing first
    assert f"> “{QUOTE}” — risk-register-v3.pdf, p. 2" in text
    assert "hiring \\| plan.txt" in text  # a pipe in a file name does not break the tables


def test_docx_has_the_same_content(report, tmp_path):
    from docx import Document
    from docx.shared import Cm

    path = write_readiness(report, tmp_path / "readiness.docx")
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Overall readiness: 4%" in text
    assert f"“{QUOTE}” — risk-register-v3.pdf, p. 2" in text
    assert load_checklist().items[0].recommendation in text
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["Area", "Score", "Covered", "Partial", "Missing"]
    assert ["Risk management", "20%", "1", "0", "4"] in rows
    # The area names sit in a column wide enough for their words ("Risk manageme|nt" was broken at 2.5 cm).
    widths = [column.width for column in document.tables[0].columns]
    assert widths[0] >= 2.5 * max(widths[1:]) and sum(widths) <= Cm(16.5)  # within a Letter or A4 text width


def test_json_follows_the_contract(report, tmp_path):
    data = json.loads(write_readiness(report, tmp_path / "readiness.json").read_text())
    assert {"score", "areas", "items", "mode"} <= set(data)
    assert data["score"] == pytest.approx(1.5 / 38, abs=1e-3)
    financial = next(i for i in data["items"] if i["id"] == "risk.financial")
    assert financial["status"] == "covered"
    assert financial["evidence"] == [{"source": "risk-register-v3.pdf", "page": 2, "quote": QUOTE}]
    assert {a["id"] for a in data["areas"]} == {a.id for a in load_checklist().areas}


def test_unknown_format_and_missing_folder_are_plain_errors_leaving_nothing_behind(report, tmp_path):
    with pytest.raises(ConfigurationError, match=r"\.md, \.docx, \.json"):
        write_readiness(report, tmp_path / "readiness.xlsx")
    with pytest.raises(RfpAssistantError, match="does not exist"):
        write_readiness(report, tmp_path / "nope" / "readiness.md")
    (tmp_path / "out").mkdir()
    write_readiness(report, tmp_path / "out" / "readiness.md")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["readiness.md"]


def test_the_action_for_an_open_item_has_one_name_on_screen_in_every_export_and_in_answers(report, tmp_path):
    from docx import Document

    from rfp_assistant.interfaces.ui.readiness_tab import render_report
    from rfp_assistant.jobs.readiness.assess import gap_context

    advice = report.item("team.project_manager").recommendation
    document = Document(str(write_readiness(report, tmp_path / "readiness.docx")))
    answer = gap_context(report, "Who is our project manager for the CDMO?")
    shown = {
        "markdown": readiness_to_markdown(report),
        "docx": "\n".join(p.text for p in document.paragraphs),
        "screen": render_report(report).replace("<b>", "").replace("</b>", ""),
        "answer": answer.annotate(Answer(answer="", mode="offline")).answer,
    }
    for where, text in shown.items():
        assert "Recommendation:" in text and "Next step" not in text and "Recommended" not in text, where
    assert f"Recommendation: {advice}" in shown["docx"] and f"Recommendation: {advice}" in shown["screen"]
