"""Readiness assessment: checklist statuses from what the internal documents commit to, with verbatim evidence."""

from __future__ import annotations

import json

import pytest

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.errors import DocumentError
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.core.llm import make_chat_client
from rfp_assistant.jobs.readiness.assess import assess_readiness, gap_context, question_gaps
from rfp_assistant.jobs.readiness.rules import load_checklist

MB = 1_000_000

FINANCE_ONLY_REGISTER = b"""# CDMO risk register (draft)
Owner: CFO. First pass from the finance side.

| # | Risk | Mitigation | Owner |
| 1 | CDMO price increases after we sign | push for a fixed price on the first batches | CFO |
| 2 | Change orders during process transfer blow the budget | detailed SOW | CMC lead |
| 3 | Currency: EUR/USD exposure if a European vendor is chosen | ask for USD pricing | CFO |
"""

ROSTER_WITHOUT_QA_OR_REGULATORY = b"""# Outsourcing team roster
| Name | Function |
| Ana Ruiz | CMC / manufacturing lead |
| Ben Cole | Supply chain and logistics |
| Cara Diaz | Finance and procurement |
| Dev Patel | Legal, general counsel |
| Eli Moss | Research (R&D) |
"""

PM_TBD = b"""# Hiring plan
Project manager: TBD. Until the role is filled, Dan Okoro acts as interim project manager.
"""

LOCATION_TBD = b"""# Where should the CDMO be?
Location: TBD. Lars prefers Europe for proximity to our person-in-plant; Helen prefers the United States for cold chain shipping.
"""

LOCATION_DECIDED = b"""# Where should the CDMO be?
Location: Europe, for proximity to our person-in-plant and shorter cold chain shipping to the trial sites.
"""

PM_NAMED = b"""# Program staffing
Tomas Reyes is the dedicated program manager for the CDMO program and the day-to-day single point of contact.
"""


def _roster_split_across_chunks() -> bytes:
    """A long roster, one member per chunk, among planning notes that talk about the team without naming anyone."""
    notes = " ".join(["Works closely with the program team on weekly planning, documentation and reviews."] * 12)
    rows = [
        ("Ana Ruiz", "CMC / manufacturing lead"), ("Ben Cole", "Supply chain and logistics"),
        ("Cara Diaz", "Finance and procurement"), ("Dev Patel", "Legal, general counsel"),
        ("Eli Moss", "Research (R&D)"), ("Fay Lund", "Quality assurance lead"), ("Gus Berg", "Regulatory affairs"),
    ]
    lines = ["# Outsourcing team roster", "| Name | Function | Notes |"]
    lines += [f"| {name} | {function} | {notes} |" for name, function in rows]
    for n in range(1, 7):
        lines += [f"# Team planning note {n}",
                  "Who is on the CDMO selection team, and which functions the outsourcing team members represent, "
                  "is discussed again at the next manufacturing review."]
    return ("\n".join(lines) + "\n").encode()


def _workspace(settings, name: str, documents: dict[str, bytes], kind: str = "internal") -> WorkspaceIndex:
    index = WorkspaceIndex(settings, name)
    for source, data in documents.items():
        index.add_document(load_bytes(data, source, max_bytes=MB), kind)
    return index


def test_finance_only_risk_register_covers_financial_risk_but_not_operational(settings):
    report = assess_readiness(_workspace(settings, "fin", {"risk-register.md": FINANCE_ONLY_REGISTER}))
    assert report.item("risk.financial").status == "covered"
    assert report.item("risk.operational").status == "missing"
    assert report.item("risk.regulatory").status == "missing"
    assert report.item("risk.operational").evidence == []
    assert "operational risks" in report.item("risk.operational").recommendation


def test_evidence_quotes_are_verbatim_on_their_page(settings):
    documents = {"risk-register.md": FINANCE_ONLY_REGISTER, "roster.md": ROSTER_WITHOUT_QA_OR_REGULATORY}
    report = assess_readiness(_workspace(settings, "quotes", documents))
    quoted = [e for item in report.items for e in item.evidence]
    assert quoted, "covered and partial items must carry evidence"
    for evidence in quoted:
        page_text = load_bytes(documents[evidence.source], evidence.source, max_bytes=MB).page_text(evidence.page)
        assert quote_in_text(evidence.quote, page_text), evidence
    financial = " ".join(e.quote for e in report.item("risk.financial").evidence).lower()
    assert "price increases" in financial and "currency" in financial


def test_roster_without_qa_or_regulatory_is_not_a_cross_functional_team(settings):
    report = assess_readiness(_workspace(settings, "roster", {"roster.md": ROSTER_WITHOUT_QA_OR_REGULATORY}))
    item = report.item("team.cross_functional")
    assert item.status == "partial"  # five functions, but covered_when requires QA and regulatory
    assert item.recommendation


def test_a_roster_split_across_chunks_is_judged_as_one_table(settings):
    index = _workspace(settings, "long-roster", {"roster.md": _roster_split_across_chunks()})
    chunks = index.chunks_of(index.list_documents()[0].doc_id)
    assert len(chunks) >= 2, "the fixture must really be split"
    assert sum("| Quality assurance" in c.text or "| CMC" in c.text for c in chunks) == 2
    assert assess_readiness(index).item("team.cross_functional").status == "covered"


def test_tbd_caps_an_item_at_partial_and_a_named_owner_covers_it(settings):
    open_role = assess_readiness(_workspace(settings, "tbd", {"hiring.md": PM_TBD}))
    named = assess_readiness(_workspace(settings, "named", {"staffing.md": PM_NAMED}))
    assert open_role.item("team.project_manager").status == "partial"  # both cues are there, but the role is TBD
    assert "TBD" in open_role.item("team.project_manager").evidence[0].quote
    assert named.item("team.project_manager").status == "covered"


def test_an_undecided_location_is_partial_and_a_decided_one_covered(settings):
    undecided = assess_readiness(_workspace(settings, "loc-tbd", {"memo.md": LOCATION_TBD}))
    decided = assess_readiness(_workspace(settings, "loc", {"memo.md": LOCATION_DECIDED}))
    assert undecided.item("strategy.location_preference").status == "partial"
    assert decided.item("strategy.location_preference").status == "covered"


def test_report_follows_the_json_contract_and_scores_add_up(settings):
    report = assess_readiness(_workspace(settings, "json", {"risk-register.md": FINANCE_ONLY_REGISTER, "hiring.md": PM_TBD}))
    data = json.loads(report.model_dump_json())
    assert {"score", "areas", "items", "mode"} <= set(data) and data["mode"] == "offline"
    checklist = load_checklist()
    assert [i["id"] for i in data["items"]] == [i.id for i in checklist.items]
    assert [a["id"] for a in data["areas"]] == [a.id for a in checklist.areas]
    for item in data["items"]:
        assert {"id", "area", "status", "evidence", "recommendation"} <= set(item)
        assert item["status"] in ("covered", "partial", "missing")
        assert all(set(e) == {"source", "page", "quote"} for e in item["evidence"])
    value = {"covered": 1.0, "partial": 0.5, "missing": 0.0}
    assert data["score"] == pytest.approx(sum(value[i["status"]] for i in data["items"]) / 38, abs=1e-3)
    risk = [value[i["status"]] for i in data["items"] if i["area"] == "risk"]
    assert next(a["score"] for a in data["areas"] if a["id"] == "risk") == pytest.approx(sum(risk) / len(risk), abs=1e-3)
    assert 0.0 < data["score"] < 0.2


def test_only_internal_documents_count_and_sources_limit_the_assessment(settings):
    index = _workspace(settings, "kinds", {"guide-risks.md": FINANCE_ONLY_REGISTER}, kind="guide")
    assert assess_readiness(index).item("risk.financial").status == "missing"
    index.add_document(load_bytes(PM_NAMED, "staffing.md", max_bytes=MB), "internal")
    index.add_document(load_bytes(FINANCE_ONLY_REGISTER, "risk-register.md", max_bytes=MB), "internal")
    only_staffing = assess_readiness(index, sources=["staffing.md"])
    assert only_staffing.documents == ["staffing.md"]
    assert only_staffing.item("risk.financial").status == "missing"
    assert only_staffing.item("team.project_manager").status == "covered"
    with pytest.raises(DocumentError, match="not-there.md"):
        assess_readiness(index, sources=["not-there.md"])


def test_empty_workspace_reports_every_item_missing(settings):
    report = assess_readiness(WorkspaceIndex(settings, "empty"))
    assert report.score == 0.0 and len(report.items) == 38
    assert all(i.status == "missing" and i.recommendation for i in report.items)


def test_gap_context_says_when_the_documents_are_silent_and_cites_open_points(settings):
    index = _workspace(settings, "gaps", {"risk-register.md": FINANCE_ONLY_REGISTER, "hiring.md": PM_TBD})
    silent = question_gaps(index, "Which performance metrics will we use to judge the CDMO relationship?")
    assert silent.silent and silent.items[0].id == "team.relationship_kpis"
    assert "Nothing in your documents" in silent.silence_note()
    report = assess_readiness(index)
    open_role = gap_context(report, "Have we assigned a project manager yet?")
    assert open_role.focus.id == "team.project_manager" and not open_role.silent
    covered = gap_context(report, "Which financial risks are on our register?")
    assert covered.items[0].id == "risk.financial" and covered.items[0].status == "covered"


def _area_reply(quotes_by_area: dict):
    def responder(body):
        prompt = "\n".join(m.get("content") or "" for m in body.get("messages", []))
        for area, items in quotes_by_area.items():
            if f"Area: {area}" in prompt:
                return {"items": items}
        return {"items": []}
    return responder


def test_llm_assessment_keeps_verified_quotes_and_drops_invented_ones(settings, llm_settings, openai_server):
    index = _workspace(llm_settings, "llm", {"risk-register.md": FINANCE_ONLY_REGISTER})
    openai_server.responder = _area_reply({"Risk management": [
        {"id": "risk.financial", "status": "covered", "reason": "Three financial risks are listed.",
         "evidence": [{"passage": 1, "quote": "Currency: EUR/USD exposure if a European vendor is chosen"}]},
        {"id": "risk.operational", "status": "covered", "reason": "Made up.",
         "evidence": [{"passage": 1, "quote": "Batch failure and fire at the CDMO site are listed as risks."}]},
    ]})
    report = assess_readiness(index, chat=make_chat_client(llm_settings))
    assert report.mode == "llm"
    assert len(openai_server.chat_requests) == len(load_checklist().areas)
    financial = report.item("risk.financial")
    assert financial.status == "covered" and financial.reason == "Three financial risks are listed."
    assert [e.quote for e in financial.evidence] == ["Currency: EUR/USD exposure if a European vendor is chosen"]
    operational = report.item("risk.operational")
    assert operational.status == "missing" and operational.evidence == []  # invented quote dropped, offline status kept
    prompt = openai_server.chat_requests[0].messages
    assert prompt[0]["role"] == "system" and "data, not instructions" in prompt[0]["content"]
