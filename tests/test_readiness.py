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


# ---------------------------------------------------------------- evidence first: mention is not existence

def _item(settings, name: str, documents: dict[str, bytes], item_id: str, today=None):
    report = assess_readiness(_workspace(settings, name, documents), items=[item_id], today=today)
    return report.item(item_id)


def test_a_draft_or_unapproved_raci_is_partial_and_says_why(settings):
    draft = {"2026-10-08_steering-minutes.md": b"""# Steering group minutes
## Roles
The RACI for the outsourcing program is attached: CMC lead is responsible for tech transfer, the CEO approves
the CDMO contract and the Head of QA signs off the quality agreement.
RACI v0.2 is a draft and has not been approved; comments by 22-10.
"""}
    item = _item(settings, "raci-draft", draft, "team.roles_and_authority")
    assert item.status == "partial"
    assert "v0.2" in item.deciding.quote and item.deciding.source == "2026-10-08_steering-minutes.md"
    assert item.evidence[0] == item.deciding and item.recommendation
    approved = {"roles.md": draft["2026-10-08_steering-minutes.md"].replace(
        b"RACI v0.2 is a draft and has not been approved; comments by 22-10.", b"The RACI v1.0 was approved on 2 Oct.")}
    assert _item(settings, "raci-final", approved, "team.roles_and_authority").status == "covered"


def test_an_intention_to_write_the_thing_is_not_the_thing(settings):
    plan = {"notes.md": b"""# CDMO selection
We will draft an RFP template covering project scope, technical requirements, quality requirements,
timelines and deliverables, commercial terms and evaluation criteria before we contact vendors.
"""}
    item = _item(settings, "rfp-intent", plan, "market.rfp_template")
    assert item.status == "partial"
    assert "intend" in item.reason and "We will draft" in item.deciding.quote
    done = {"rfp.md": b"""# RFP template (v1.0, approved)
Our RFP template has sections for project scope, technical requirements, quality requirements,
timelines and deliverables, commercial terms and evaluation criteria.
"""}
    assert _item(settings, "rfp-done", done, "market.rfp_template").status == "covered"


def test_a_vacant_or_interim_role_is_partial_and_a_named_one_covered(settings):
    roster = b"""# Core team
| Function | Name | Role |
| CMC | Ana Ruiz | technical lead |
| External manufacturing project manager | vacant - interim: Ana Ruiz | project plan and CDMO interface |
"""
    assert _item(settings, "pm-vacant", {"team.md": roster}, "team.project_manager").status == "partial"
    named = roster.replace(b"vacant - interim: Ana Ruiz", b"Ben Cole (dedicated, appointed 1 Sep)")
    assert _item(settings, "pm-named", {"team.md": named}, "team.project_manager").status == "covered"


def test_another_products_package_does_not_cover_this_program(settings):
    documents = {
        "ABC-100_strategy.md": b"# ABC-100 outsourcing strategy\nABC-100 is our lead antibody; the CDMO will run it.\n",
        "ABC-100_minutes.md": b"# ABC-100 minutes\nGMP batches of ABC-100 start in 2027.\n",
        "ABC-042_archive.md": b"""# ABC-042 archive (discontinued)
Tech transfer package v2.1 for ABC-042: process description, batch records, analytical methods,
specifications and historical batch data, all compiled in 2022.
""",
    }
    item = _item(settings, "other-product", documents, "quality.tech_transfer_package")
    assert item.status == "missing"
    assert "another product" in item.reason and "ABC-042" in item.reason
    ours = dict(documents, **{"ABC-100_tt.md": documents["ABC-042_archive.md"].replace(b"ABC-042", b"ABC-100")
                              .replace(b" (discontinued)", b"")})
    assert _item(settings, "own-product", ours, "quality.tech_transfer_package").status == "covered"


def test_the_latest_dated_document_decides_when_documents_disagree(settings):
    memo = (b"# Strategy memo\nPreferred location: a CDMO in Europe, for proximity to our person-in-plant and "
            b"shorter cold chain shipping to the trial sites.\n")
    reopened = b"# Steering minutes\nThe location decision is reopened: US sites are back in; to be decided in January.\n"
    newer_open = {"2026-02-01_memo.md": memo, "2026-11-20_minutes.md": reopened}
    item = _item(settings, "loc-reopened", newer_open, "strategy.location_preference")
    assert item.status == "partial" and item.deciding.source == "2026-11-20_minutes.md"
    assert "superseded" in item.reason
    newer_decided = {"2026-11-20_memo.md": memo, "2026-02-01_minutes.md": reopened}
    assert _item(settings, "loc-decided", newer_decided, "strategy.location_preference").status == "covered"


def test_an_expired_agreement_is_not_current_and_one_still_valid_is(settings):
    from datetime import date

    cda = (b"# Legal\nMutual CDA signed with both short-listed CDMOs, expires 30.06.2025. It protects our "
           b"proprietary process know-how; sequences are shared only in the data room on a need-to-know basis.\n")
    today = date(2026, 12, 5)
    expired = _item(settings, "cda-old", {"legal.md": cda}, "operating_model.confidentiality", today=today)
    assert expired.status == "partial" and "30.06.2025" in expired.reason
    valid = _item(settings, "cda-new", {"legal.md": cda.replace(b"2025", b"2028")}, "operating_model.confidentiality",
                  today=today)
    assert valid.status == "covered"


def test_llm_covered_resting_on_a_draft_is_partial_and_another_products_quote_is_dropped(llm_settings, openai_server):
    documents = {
        "ABC-100_plan.md": b"# ABC-100 selection\nABC-100 scorecard v0.1 (draft, not approved): weights 30/30/40.\n",
        "ABC-100_notes.md": b"# ABC-100 notes\nABC-100 team meets weekly.\n",
        "ABC-042_archive.md": b"# ABC-042 archive\nABC-042 escalation path: PM, then VP within 48 hours, then CEO.\n",
    }
    index = _workspace(llm_settings, "llm-evidence", documents)

    def responder(body):
        prompt = "\n".join(m.get("content") or "" for m in body.get("messages", []))
        number = {}
        for line in prompt.splitlines():
            if line.startswith("<passage number="):
                number[line.split('source="')[1].split('"')[0]] = int(line.split('"')[1])
        items = []
        if "Area: Market research" in prompt and "ABC-100_plan.md" in number:
            items.append({"id": "market.scorecard", "status": "covered", "reason": "A scorecard exists.",
                          "evidence": [{"passage": number["ABC-100_plan.md"],
                                        "quote": "ABC-100 scorecard v0.1 (draft, not approved): weights 30/30/40."}]})
        if "Area: Internal team" in prompt and "ABC-042_archive.md" in number:
            items.append({"id": "team.escalation_path", "status": "covered", "reason": "A path exists.",
                          "evidence": [{"passage": number["ABC-042_archive.md"],
                                        "quote": "ABC-042 escalation path: PM, then VP within 48 hours, then CEO."}]})
        return {"items": items}

    openai_server.responder = responder
    report = assess_readiness(index, chat=make_chat_client(llm_settings), items=["market.scorecard",
                                                                                 "team.escalation_path"])
    scorecard = report.item("market.scorecard")
    assert scorecard.status == "partial" and "Downgraded" in scorecard.reason
    assert scorecard.deciding.quote.startswith("ABC-100 scorecard v0.1")
    escalation = report.item("team.escalation_path")
    assert escalation.status == "missing" and escalation.evidence == []  # another product's path: offline stands


def test_the_report_says_which_passage_decided_each_item(settings):
    from rfp_assistant.jobs.readiness.export import readiness_to_markdown

    report = assess_readiness(_workspace(settings, "decided", {"hiring.md": PM_TBD}), items=["team.project_manager"])
    item = report.item("team.project_manager")
    assert item.deciding.source == "hiring.md" and item.deciding.page == 1 and "TBD" in item.deciding.quote
    assert f"**Decided by:** “{item.deciding.quote}” — hiring.md, p. 1" in readiness_to_markdown(report)
    data = json.loads(report.model_dump_json())["items"][0]
    assert data["deciding"] == {"source": "hiring.md", "page": 1, "quote": item.deciding.quote}


def test_a_roster_row_naming_the_project_manager_assigns_the_role(settings):
    roster = b"""# Core team
| Function | Name | Role in programme |
| CMC | Ana Ruiz | technical lead |
| External manufacturing PM | Noor Haddad-Ellison | project plan, timelines |
"""
    assert _item(settings, "pm-row", {"team.md": roster}, "team.project_manager").status == "covered"
    unnamed = roster.replace(b"Noor Haddad-Ellison", b"TBD")
    assert _item(settings, "pm-row-tbd", {"team.md": unnamed}, "team.project_manager").status == "partial"


def test_a_lot_or_study_number_and_a_fiscal_year_are_not_another_product(settings):
    documents = {
        "ABC-100_strategy_FY27.md": b"# ABC-100 outsourcing strategy\nABC-100 is our lead antibody for the CDMO.\n",
        "ABC-100_budget_FY27.md": b"# ABC-100 budget FY27\nGMP batches of ABC-100 in FY27.\n",
        "FY27_tt.md": b"""# Tech transfer, FY27
Tech transfer package v2.0 for lot ABC-2201 and study ABC-301 is complete: process description, batch records,
analytical methods, specifications and historical batch data, approved 2026-09-01.
""",
    }
    item = _item(settings, "records", documents, "quality.tech_transfer_package")
    assert item.status == "covered" and "another product" not in item.reason


def test_a_risk_that_says_what_is_lacking_is_still_a_listed_risk(settings):
    register = b"""# CDMO risk register
| ID | Risk | Likelihood | Impact | Mitigation |
| R1 | Resin is single source - no second supplier in place | 3 | 4 | qualify a second supplier |
| R2 | Tech transfer delay because nobody at the CDMO has run the process | 3 | 4 | engineering run first |
| R3 | Batch failure at scale (never run above 50 L) | 2 | 5 | small-scale model |
"""
    assert _item(settings, "risk-lack", {"risk_register.md": register}, "risk.operational").status == "covered"


ESCALATION_WITHOUT_TIMES = b"""# Working with the CDMO
Escalation path: an issue goes from our project manager to the Director CMC (level 2), then to the joint steering committee.
"""

ESCALATION_TIMES_OPEN = ESCALATION_WITHOUT_TIMES + b"""
Response time at each level (e.g. 2 business days): TBD.
"""


def test_a_record_one_aspect_short_with_nothing_open_is_covered_but_an_open_aspect_keeps_it_partial(settings):
    settled = assess_readiness(_workspace(settings, "esc-short", {"governance.md": ESCALATION_WITHOUT_TIMES}))
    item = settled.item("team.escalation_path")
    assert item.status == "covered", item.reason  # levels named, no timing, and nothing says the path is unfinished
    assert "nothing left open" in item.reason
    open_times = assess_readiness(_workspace(settings, "esc-open", {"governance.md": ESCALATION_TIMES_OPEN}))
    item = open_times.item("team.escalation_path")
    assert item.status == "partial", item.reason
    assert "TBD" in item.reason


def _document_index(status: str) -> bytes:
    return ("Doc No,Title,Version,Status,Owner\n"
            "SOP-QA-001,Quality Manual,5.0,Effective,QA\n"
            f"FRM-PRC-007,RFP template - CDMO services,1.0,{status},Procurement\n").encode()


def test_a_register_recording_the_thing_as_effective_covers_it_and_a_draft_entry_does_not(settings):
    effective = assess_readiness(_workspace(settings, "index-eff", {"document_index.csv": _document_index("Effective")}))
    item = effective.item("market.rfp_template")
    assert item.status == "covered", item.reason
    assert "in force" in item.reason and "RFP template" in item.evidence[0].quote
    draft = assess_readiness(_workspace(settings, "index-draft", {"document_index.csv": _document_index("Draft")}))
    assert draft.item("market.rfp_template").status == "partial"


CADENCE = ("# Working with the CDMO\nWeekly status calls with the CDMO project team, a monthly progress report on our "
           "report template, and all data shared through the SharePoint portal{detail}.\n")


def test_a_status_word_on_a_detail_leaves_only_that_detail_open(settings):
    """ "start date TBC" says when the calls begin is open, not that the cadence is undecided."""
    statuses = {}
    for name, detail in (("plain", ""), ("detail", ", start date TBC")):
        index = WorkspaceIndex(settings, f"cadence-{name}")
        index.add_document(load_bytes(CADENCE.format(detail=detail).encode(), "comms.md", max_bytes=MB), "internal")
        statuses[name] = assess_readiness(index, items=["operating_model.communication_cadence"]).item(
            "operating_model.communication_cadence").status
    assert statuses == {"plain": "covered", "detail": "covered"}
    index = WorkspaceIndex(settings, "cadence-open")
    index.add_document(load_bytes(CADENCE.format(detail="").replace("Weekly", "Cadence TBC: weekly").encode(),
                                  "comms.md", max_bytes=MB), "internal")
    assert assess_readiness(index, items=["operating_model.communication_cadence"]).item(
        "operating_model.communication_cadence").status == "partial"



def test_a_register_column_filing_risks_by_kind_lists_them_under_that_kind(settings):
    """ "Area: Reg" in a risk log files the risk as regulatory, though the risk's own words name no agency term."""
    log = (b"ID,Area,Risk,Mitigation,Owner\nR1,Reg,Starting material designation not accepted,Meeting request Q1,RA\n"
           b"R2,Reg,Agency asks for a bridging study,Plan the study early,RA\n")
    index = WorkspaceIndex(settings, "risk-areas")
    index.add_document(load_bytes(log, "risk_log.csv", max_bytes=MB), "internal")
    assert assess_readiness(index, items=["risk.regulatory"]).item("risk.regulatory").status == "covered"


def _notes_with_one_low_ranked_cue() -> bytes:
    """Many notes near the item's questions but with none of its cue words, and one passage with a single cue."""
    lines = []
    for n in range(1, 25):
        lines += [f"# Steering note {n}",
                  "CDMO options and the search for a manufacturing partner for the outsourcing were reviewed "
                  "again; the comparison of potential partners continues at the next steering meeting."]
    lines += ["# Travel", "Anna came back from the trade fair with notes from three partnering meetings."]
    return ("\n".join(lines) + "\n").encode()


def test_with_nothing_firm_retrieved_a_passage_with_a_single_cue_is_still_read(settings):
    index = _workspace(settings, "low-cue", {"notes.md": _notes_with_one_low_ranked_cue()})
    item = assess_readiness(index, items=["market.research_done"]).item("market.research_done")
    assert item.status == "partial"
    assert "partnering meetings" in item.evidence[0].quote
