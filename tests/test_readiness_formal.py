"""Readiness reads formal corporate writing by what it commits to: approval sought or a matter deferred is not yet
settled, a resolution is; numbered clauses of minutes are statements of their own; a reviewer's recommendation is
advice, not the thing in place; a condition ("without further financing") does not deny what it qualifies."""

from __future__ import annotations

from datetime import date

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.readiness.assess import assess_readiness
from rfp_assistant.jobs.readiness.cells import units_of
from rfp_assistant.jobs.readiness.language import judge

MB = 1_000_000
TODAY = date(2026, 12, 5)


def _status(settings, name: str, documents: dict[str, str], item_id: str):
    index = WorkspaceIndex(settings, name)
    for source, text in documents.items():
        index.add_document(load_bytes(text.encode(), source, max_bytes=MB), "internal")
    return assess_readiness(index, items=[item_id], today=TODAY).item(item_id)


def test_formal_modality_pending_deferred_or_settled():
    assert judge("Approval is sought for the principle of contracting the manufacture.", TODAY).standing == "open"
    assert judge("The Board is invited to approve the budget envelope.", TODAY).standing == "open"
    assert judge("Regulatory filings will be addressed in due course.", TODAY).standing == "open"
    assert judge("The choice of jurisdictions had not yet been determined.", TODAY).standing == "open"
    assert judge("The designation of a sponsor therefore remained outstanding.", TODAY).standing == "open"
    assert judge("It is anticipated that the package will be compiled by March.", TODAY).standing == "intended"
    assert judge("It was resolved that unresolved matters shall be referred to the Committee.", TODAY).standing == \
        "firm"
    assert judge("Escalate to the CMC lead if not resolved within 5 working days.", TODAY).standing == "firm"


def test_numbered_clauses_of_minutes_are_statements_of_their_own():
    minutes = ("2.1 The Committee received the update of the working group and noted the\n"
               "evaluation scorecard.\n"
               "2.2 The resolution of 12 June concerning the referral of unresolved matters to this\n"
               "Committee was rescinded.\n")
    texts = [u.text for u in units_of(minutes)]
    assert texts[0].startswith("2.1 ") and texts[0].endswith("scorecard.")
    assert any(t.startswith("2.2 ") and t.endswith("was rescinded.") for t in texts)
    assert not any("2.1" in t and "2.2" in t for t in texts)


def test_a_sponsor_whose_approval_is_only_sought_is_not_in_place(settings):
    paper = ("# Board paper: external manufacture\n1. Purpose\nApproval is sought for the designation of the Chief "
             "Operating Officer as executive sponsor of the external manufacture programme.\n")
    assert _status(settings, "sought", {"board_paper.md": paper}, "change.executive_sponsor").status != "covered"
    minutes = ("# Board minutes\nIt was resolved that the Chief Operating Officer is designated executive sponsor "
               "of the external manufacture programme.\n")
    assert _status(settings, "resolved", {"minutes.md": minutes}, "change.executive_sponsor").status == "covered"


def test_a_reviewers_recommendation_is_not_the_thing(settings):
    report = ("# Gap analysis\n\n## 4. Recommendations\n\n| Ref | Recommendation | Priority |\n|---|---|---|\n"
              "| R1 | Define relationship KPIs (on-time delivery, right-first-time, deviation closure) before contract "
              "signature | High |\n")
    assert _status(settings, "advice-kpi", {"gap_report.md": report}, "team.relationship_kpis").status == "missing"


def test_a_condition_on_further_financing_does_not_deny_the_runway(settings):
    paper = ("# Board paper\n6. Financial considerations\nOn present forecasts, and without further financing, the "
             "Company's cash resources are expected to be sufficient to fund operations until the end of the second "
             "quarter of 2028.\n")
    assert _status(settings, "runway", {"board_paper.md": paper}, "budget.funding_runway").status == "covered"


def test_a_decision_left_to_a_body_and_work_done_on_advice():
    assert judge("Location: ExCo to confirm in November", TODAY).standing == "open"
    assert judge("The Board to decide on the region at its next meeting", TODAY).standing == "open"
    assert judge("Change: benchmarks tab added (per the adviser's recommendation R6)", TODAY).standing == "firm"
    assert judge("The Committee requested that management prepare proposals for the December meeting.",
                 TODAY).standing == "intended"


def test_an_escalation_route_by_its_function_and_its_rescission(settings):
    june = ("# Steering Committee minutes, 12 June 2026\nIt was resolved that matters that cannot be resolved at "
            "working level shall be referred to the Steering Committee, which shall determine them within five "
            "business days.\n")
    item = _status(settings, "esc-resolved", {"minutes_2026-06-12.md": june}, "team.escalation_path")
    assert item.status == "covered", item.reason
    october = ("# Steering Committee minutes, 8 October 2026\n2.2 The resolution of 12 June 2026 concerning the "
               "referral of unresolved matters to this\nCommittee was rescinded.\n")
    both = {"minutes_2026-06-12.md": june, "minutes_2026-10-08.md": october}
    assert _status(settings, "esc-rescinded", both, "team.escalation_path").status == "partial"
