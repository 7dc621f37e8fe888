"""Readiness reads what a passage commits to: a blank to fill in, advice not taken, a point put off, an open
follow-up or a decision to be taken again is not the thing in place; a register row in force that notes its earlier
version was replaced is current, and a statement of what is out of scope does not deny the thing."""

from __future__ import annotations

from datetime import date

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.readiness.assess import assess_readiness
from rfp_assistant.jobs.readiness.language import judge

MB = 1_000_000
TODAY = date(2026, 12, 5)


def _status(settings, name: str, documents: dict[str, str], item_id: str) -> str:
    index = WorkspaceIndex(settings, name)
    for source, text in documents.items():
        index.add_document(load_bytes(text.encode(), source, max_bytes=MB), "internal")
    return assess_readiness(index, items=[item_id], today=TODAY).item(item_id)


def test_status_words_that_leave_a_thing_open_or_put_off():
    assert judge("Sign-off limit for change orders: [insert amount]", TODAY).standing == "open"
    assert judge("Batch size: to be re-decided at the March review", TODAY).standing == "open"
    assert judge("Supplier scorecard - later", TODAY).standing == "absent"
    assert judge("We will look at this later than the audit", TODAY).standing == "firm"
    assert judge("We recommend a second source for the resin", TODAY).standing == "intended"
    assert judge("Mitigations proposed by the adviser (not yet adopted)", TODAY).standing == "open"
    assert judge("Ship the samples after planned release of lot 2", TODAY).standing == "firm"
    assert judge("An audit of the site is planned.", TODAY).standing == "intended"


def test_a_template_whose_sections_are_blanks_is_not_the_package(settings):
    template = ("# Technology transfer package - template\n\n## 1. Process description\n[insert process description]\n\n"
                "## 2. Analytical methods and validation status\n[insert method list]\n\n"
                "## 3. Batch records and development history\n[insert batch data]\n")
    item = _status(settings, "tt-template", {"tt_template.md": template}, "quality.tech_transfer_package")
    assert item.status != "covered", item.reason
    filled = template.replace("[insert process description]", "Fed-batch process in a 500 L bioreactor, four steps.")
    filled = filled.replace("[insert method list]", "Six release methods, all validated in 2025.")
    filled = filled.replace("[insert batch data]", "Three engineering batches, records attached.")
    assert _status(settings, "tt-filled", {"tt.md": filled}, "quality.tech_transfer_package").status == "covered"


def test_advice_not_adopted_is_not_a_mitigation_in_force(settings):
    report = ("# Risk review\nOperational risk: a single resin supplier with long lead times.\n"
              "Recommended mitigations (not yet adopted by management):\n"
              "- Qualify a second resin source\n- Hold a safety stock of six months\n")
    assert _status(settings, "advice", {"review.md": report}, "risk.mitigations").status != "covered"


def test_a_risk_saying_what_might_not_work_does_not_deny_the_plan(settings):
    plan = {"plan.md": "# Manufacturing plan\nScale: two 500 L batches per year at the CDMO, 40 kg of drug substance.\n"}
    alone = _status(settings, "scale-plan", plan, "technical.scale").status
    risk = {"risk_log.csv": "ID,Area,Risk,Mitigation,Owner,Status\n"
                            "R1,Ops,The process does not scale to the CDMO vessel,Engineering batch first,PD,open\n"}
    assert _status(settings, "scale-risk", plan | risk, "technical.scale").status == alone != "missing"


def test_a_small_molecules_dosage_form_is_its_platform(settings):
    memo = {"memo.md": "# Product\nOur candidate is a small molecule, given as an oral capsule made by dry granulation.\n"}
    assert _status(settings, "dosage-form", memo, "technical.modality_platform").status == "covered"
    bare = {"memo.md": "# Product\nOur candidate is a small molecule.\n"}
    assert _status(settings, "modality-only", bare, "technical.modality_platform").status == "partial"


def test_a_record_in_force_is_not_open_because_its_old_version_was_replaced():
    assert judge("Status: Effective | Remarks: v1.0 of 18-Feb-2026 superseded", TODAY).standing == "firm"
    assert judge("Version 2.1 approved; the previous version is withdrawn", TODAY).standing == "firm"
    assert judge("Status: Superseded | Remarks: replaced by v2.0", TODAY).standing == "open"
    assert judge("Budget sheet v0.3 (superseded)", TODAY).standing == "open"
    assert judge("RACI v1 superseded, v2 not yet approved", TODAY).standing == "open"


def test_what_is_out_of_scope_does_not_deny_the_scale_in_scope(settings):
    plan = "# Manufacturing plan\nScale: two 500 L batches per year at the CDMO, 40 kg of drug substance.\n"
    alone = _status(settings, "scope-alone", {"plan.md": plan}, "technical.scale")
    scoped = _status(settings, "scope-excluded", {"plan.md": plan + (
        "No commercial-scale or process validation activities are in scope at this stage.\n")}, "technical.scale")
    assert scoped.status == alone.status != "missing", scoped.reason



def test_a_later_question_does_not_reopen_a_settled_record(settings):
    charter = ("# Escalation charter (2026-03-02)\n\nThe escalation path is approved: level 1 project managers, "
               "level 2 department heads, level 3 the CEO; each level has 5 working days to resolve an issue.\n")
    notes = "# Team meeting 2026-10-01\n\nDoes the escalation path cover the CDMO's weekend shifts?\n"
    documents = {"charter_2026-03-02.md": charter, "notes_2026-10-01.md": notes}
    item = _status(settings, "escalation", documents, "team.escalation_path")
    assert item.status == "covered", item.reason
    doubted = notes + "\nThe escalation path is still a draft and needs sign-off.\n"
    item = _status(settings, "escalation-doubt", documents | {"notes_2026-10-01.md": doubted}, "team.escalation_path")
    assert item.status == "partial", item.reason
