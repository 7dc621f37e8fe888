"""Drafting suite: every brief fact in the draft, every needed gap asked, nothing invented (eval/drafting/README.md).

Three sets side by side: the generated fixture briefs (eval/drafting/briefs, gold by ProjectBrief field) and the
blind briefs written by authors who never saw the code (eval/drafting/blind, gold by RFP section), split into dev
and held-out by split.yaml. Held-out is reported in aggregate only: its misses are never listed.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml

from rfp_assistant.config import Settings
from rfp_assistant.jobs.drafting import draft_rfp
from rfp_assistant.jobs.drafting.catalog import SECTION_IDS
from rfp_assistant.jobs.drafting.render import OPEN_POINT
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.ingestion import builtin_playbook_files, ingest_files, max_file_bytes
from rfp_assistant.resources import EVAL_DIR
from rfp_assistant.evals.drafting_blind import BlindTally, blind_sets, load_gold, score_blind, without_boilerplate
from rfp_assistant.evals.result import SuiteResult, Target

TEMPLATE_MARKERS = ("{{", "}}", "{%", "TODO", "<placeholder>", "[insert", "lorem ipsum")
SCALAR_VALUE_FIELDS = ("modality", "phase", "expression_system", "scale_l", "batches", "dosage_form", "budget",
                       "location_preference", "governance_style", "company_name", "product_name")
BLIND_METRICS = ("facts_carried", "gaps_asked", "invented_facts", "section_coverage", "sections_cited",
                 "open_questions_per_brief")
# The goals on held-out briefs (never lowered); those not reached yet are listed in NOT_YET.
HELD_OUT_GOALS = [("facts_carried.held_out", ">=", 0.95), ("gaps_asked.held_out", ">=", 0.90),
                  ("invented_facts.held_out", "==", 0.0), ("section_coverage.held_out", "==", 1.0),
                  ("sections_cited.held_out", "==", 1.0), ("facts_carried.dev_gap", "<=", 0.05),
                  ("gaps_asked.dev_gap", "<=", 0.05)]
# invented_facts.held_out was met until the third blind wave (dr6) brought briefs that correct themselves; the figures a
# brief overrules are now replaced by the later statement (jobs/drafting/corrections.py), which took it from 2 to 1.
# gaps_asked.held_out is met again since the sixth wave (0.877 -> 0.903: how proposals are chosen and the CDA asked).
# facts_carried.held_out: most misses are placement (the clause is in the draft, in another section than the gold
# names; mostly scope <-> technical, and the overview); a clause as close to the overview as to its best section is
# shown there too since 0.912 -> 0.919, and each piece of a terse clause in its own best section, 0.926; a clause
# naming the program's clinical stage is shown in the overview too, 0.933. What a brief declines or takes back ('N/A',
# 'we dropped lyo', 'the earlier budget is superseded') is read by core/text/withdrawal.py; the one held-out invented
# fact was not among those (still 1).
NOT_YET: set[str] = {"facts_carried.held_out", "facts_carried.dev_gap", "gaps_asked.dev_gap", "invented_facts.held_out"}


def run_drafting_suite(settings: Settings, progress=None) -> SuiteResult:
    """Draft the generated and blind briefs offline against the playbook (scratch index) and score them."""
    briefs = sorted(p for p in (EVAL_DIR / "drafting" / "briefs").iterdir()
                    if p.suffix in (".txt", ".yaml") and not p.name.endswith(".gold.yaml"))
    blind = blind_sets(EVAL_DIR / "drafting" / "blind")
    total = len(briefs) + sum(len(v) for v in blind.values())
    totals = dict.fromkeys(("drafts", "complete", "facts", "found", "gaps", "listed", "invented", "markers",
                            "sections", "cited", "quotes", "valid", "values", "values_ok"), 0)
    failures: list[str] = []
    tallies = {name: BlindTally() for name in blind}
    guide_text = {p.name: p.read_text(encoding="utf-8") for p in builtin_playbook_files()}
    done = 0
    with tempfile.TemporaryDirectory(prefix="rfp-eval-") as scratch:
        scratch_settings = settings.model_copy(update={"data_dir": Path(scratch), "chroma_host": None})
        index = WorkspaceIndex(scratch_settings, "eval-drafting")
        ingest_files(index, builtin_playbook_files(), kind="guide", max_bytes=max_file_bytes(settings))
        index.upgrade()
        for path in briefs:
            if progress:
                progress(done / total, f"drafting: {path.name}")
            done += 1
            gold = yaml.safe_load((path.parent / f"{path.stem}.gold.yaml").read_text(encoding="utf-8"))
            draft = draft_rfp(path, index)
            _score(path.stem, draft, gold, guide_text, totals, failures)
        for name, paths in blind.items():
            for path in paths:
                if progress:
                    progress(done / total, f"drafting: blind {name} brief {done + 1 - len(briefs)}")
                done += 1
                draft = draft_rfp(path, index)
                score_blind(path.stem, draft, load_gold(path), tallies[name], list_misses=name != "held_out")
                _count_common(path.stem, draft, guide_text, totals, failures if name == "dev" else None)
    metrics = {
        "facts_carried.generated": totals["found"] / max(totals["facts"], 1),
        "gaps_asked.generated": totals["listed"] / max(totals["gaps"], 1),
        "invented_facts.generated": float(totals["invented"]),
        "section_coverage.generated": totals["complete"] / max(totals["drafts"], 1),
        "sections_cited.generated": totals["cited"] / max(totals["sections"], 1),
    }
    for metric in BLIND_METRICS:
        for name, tally in tallies.items():
            metrics[f"{metric}.{name}"] = tally.metrics()[metric]
    if {"dev", "held_out"} <= set(tallies):
        for metric in ("facts_carried", "gaps_asked"):
            metrics[f"{metric}.dev_gap"] = abs(metrics[f"{metric}.dev"] - metrics[f"{metric}.held_out"])
    metrics.update({
        "template_markers": float(totals["markers"]),
        "citation_validity": totals["valid"] / max(totals["quotes"], 1),
        "brief_value_accuracy.generated": totals["values_ok"] / max(totals["values"], 1),
    })
    targets = [
        Target(metric="section_coverage.generated", op="==", value=1.0),
        Target(metric="facts_carried.generated", op=">=", value=0.95),
        Target(metric="gaps_asked.generated", op=">=", value=0.90),
        Target(metric="invented_facts.generated", op="==", value=0.0),
        Target(metric="template_markers", op="==", value=0.0), Target(metric="citation_validity", op=">=", value=1.0),
    ]
    if "held_out" in tallies:
        targets += [Target(metric=m, op=op, value=v, enforced=m not in NOT_YET) for m, op, v in HELD_OUT_GOALS]
    failures += [miss for name in ("dev",) if name in tallies for miss in tallies[name].misses]
    return SuiteResult(suite="drafting", metrics=metrics, targets=targets, cases=total, failures=failures)


def _count_common(name: str, draft, guide_text: dict[str, str], totals: dict, failures: list[str] | None) -> None:
    """Template markers left in the text and citations not found in the guide (every set)."""
    everything = "\n".join([draft.title] + [s.markdown for s in draft.sections] + [g.question for g in draft.gaps])
    for marker in TEMPLATE_MARKERS:
        count = everything.count(marker) if marker.isupper() or not marker.isalpha() else everything.lower().count(marker)
        totals["markers"] += count
        if count and failures is not None:
            failures.append(f"{name}: template marker {marker!r} x{count}")
    for section in draft.sections:
        for citation in section.citations:
            totals["quotes"] += 1
            totals["valid"] += quote_in_text(citation.quote, guide_text.get(citation.source, ""))


def _score(name: str, draft, gold: dict, guide_text: dict[str, str], totals: dict, failures: list[str]) -> None:
    totals["drafts"] += 1
    ids = [s.id for s in draft.sections]
    if ids == list(SECTION_IDS) and all(s.markdown.strip() for s in draft.sections):
        totals["complete"] += 1
    else:
        failures.append(f"{name}: sections {ids}")
    narrative = "\n".join([draft.title] + [s.markdown for s in draft.sections if s.id != "response_form"])
    # Facts are looked for in what the draft says about this program, not in catalog or scorecard text
    # that every draft repeats (a service named in a generic question would otherwise always "pass").
    decided = OPEN_POINT.sub(" ", without_boilerplate(narrative))
    everything = OPEN_POINT.sub(" ", "\n".join([draft.title] + [s.markdown for s in draft.sections]
                                               + [g.question for g in draft.gaps]))
    for fact in gold.get("facts") or []:
        totals["facts"] += 1
        if any(contains(decided, s) for s in fact["expect_any"]):
            totals["found"] += 1
        else:
            failures.append(f"{name}: fact {fact['field']}={fact['value']!r} not in draft")
        if fact["field"] in SCALAR_VALUE_FIELDS:
            totals["values"] += 1
            got = draft.brief.value(fact["field"])
            ok = _same(got, fact["value"])
            totals["values_ok"] += ok
            if not ok:
                failures.append(f"{name}: brief {fact['field']} parsed as {got!r}, gold {fact['value']!r}")
    listed = {g.field for g in draft.gaps}
    for gap in gold.get("gaps") or []:
        totals["gaps"] += 1
        totals["listed"] += gap in listed
        if gap not in listed:
            failures.append(f"{name}: gap {gap} not listed")
    for text in gold.get("must_not_invent") or []:
        if contains(everything, text):
            totals["invented"] += 1
            failures.append(f"{name}: invented {text!r}")
    for section in draft.sections:
        totals["sections"] += 1
        totals["cited"] += bool(section.citations)
    _count_common(name, draft, guide_text, totals, failures)


def _same(got, want) -> bool:
    if isinstance(want, dict):
        return isinstance(got, dict) and got.get("currency") == want.get("currency") and \
            abs(float(got.get("amount", 0)) - float(want["amount"])) < 0.5
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return isinstance(got, (int, float)) and abs(float(got) - float(want)) < 1e-6
    return isinstance(got, str) and got.lower() == str(want).lower()


def norm(text: str, lower: bool = True) -> str:
    """The README's normalization: dashes, '×', thousands separators, '-', '/', '_' and whitespace."""
    t = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00d7", "x")
    t = t.replace("\u2019", "'").replace("\u00a0", " ")
    t = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", t)
    t = re.sub(r"[-/_]", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    return t.lower() if lower else t


def contains(haystack: str, needle: str) -> bool:
    """`needle` in `haystack` on word boundaries; short all-caps acronyms match case-sensitively."""
    caps = len(needle) <= 4 and needle.isalpha() and needle.isupper()
    h, n = norm(haystack, lower=not caps), norm(needle, lower=not caps)
    if not n:
        return False
    pre = r"(?<![A-Za-z0-9])" if n[0].isalnum() else ""
    post = r"(?![A-Za-z0-9])" if n[-1].isalnum() else ""
    return re.search(pre + re.escape(n) + post, h) is not None

