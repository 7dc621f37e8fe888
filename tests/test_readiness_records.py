"""Readiness reads formal records as they are meant: a register row in force that notes its earlier version was
replaced is current, and a statement of what is out of scope does not deny the thing."""

from __future__ import annotations

from datetime import date

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.readiness.assess import assess_readiness
from rfp_assistant.jobs.readiness.language import judge

MB = 1_000_000
TODAY = date(2026, 12, 5)


def _status(settings, name: str, documents: dict[str, str], item_id: str):
    index = WorkspaceIndex(settings, name)
    for source, text in documents.items():
        index.add_document(load_bytes(text.encode(), source, max_bytes=MB), "internal")
    return assess_readiness(index, items=[item_id], today=TODAY).item(item_id)


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

