"""Q&A suite: does `ask` answer with the expected content, citing the right document, and admit silence?

Beside the paraphrased questions over the playbook and the fixture companies (eval/qa/*.yaml), it asks the blind
questions about the published guide ingested as the user's own document (evals/qa_guide.py): dev and held-out
side by side, held-out in aggregate only.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from rfp_assistant.jobs.answering import answer_question
from rfp_assistant.config import Settings
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.resources import EVAL_DIR
from rfp_assistant.evals.readiness import company_workspace
from rfp_assistant.evals.qa_guide import question_sets, run_guide_questions
from rfp_assistant.evals.result import SuiteResult, Target

# Goals not met yet: shown as "not yet" instead of failing CI (never a lower threshold).
NOT_YET: set[str] = {"guide_answer_hit.held_out"}


def run_qa_suite(settings: Settings, progress=None) -> SuiteResult:
    """Ask every question of eval/qa/*.yaml against the playbook (plus its company's documents) and score hits."""
    items = []
    for path in sorted((EVAL_DIR / "qa").glob("*.yaml")):
        items.extend({**item, "file": path.stem} for item in yaml.safe_load(path.read_text()) or [])
    hits = citations_ok = honest_none = 0
    per_file: dict[str, list[bool]] = {}
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rfp-eval-qa-") as scratch:
        local = settings.model_copy(update={"data_dir": Path(scratch), "chroma_host": None})
        indexes: dict[str, WorkspaceIndex] = {}
        for position, item in enumerate(items):
            if progress:
                progress(position / len(items), f"qa: question {position + 1}/{len(items)}")
            company = item.get("company") or ""
            if company not in indexes:
                indexes[company] = company_workspace(local, company or None)
            answer = answer_question(indexes[company], item["question"])
            ok = is_hit(answer, item)
            hits += ok
            per_file.setdefault(item["file"], []).append(ok)
            if item.get("expect_none"):
                honest_none += not answer.found
            else:
                citations_ok += any(c.source == item.get("expect_source") for c in answer.citations)
            if not ok:
                failures.append(f"{item['id']}: {item['question']!r} → {answer.answer[:110]!r}")
        guide, guide_misses, skipped = run_guide_questions(local, progress)
    guide_count = sum(len(questions) for questions in question_sets().values()) if guide else 0
    nones = sum(1 for i in items if i.get("expect_none"))
    metrics = {
        "hit_rate": hits / max(len(items), 1),
        "citation_hit_rate": citations_ok / max(len(items) - nones, 1),
    }
    if nones:
        metrics["says_not_found_when_true"] = honest_none / nones
    metrics |= {f"hit_rate_{name}": sum(oks) / len(oks) for name, oks in per_file.items()}
    goals = [("hit_rate", ">=", 0.85), ("hit_rate_playbook", ">=", 0.95), ("hit_rate_companies", ">=", 0.95)]
    if guide:
        metrics |= guide
        goals += [("guide_answer_hit.held_out", ">=", 0.90), ("guide_cited.held_out", ">=", 1.0)]
    targets = [Target(metric=m, op=op, value=v, enforced=m not in NOT_YET) for m, op, v in goals]
    return SuiteResult(suite="qa", metrics=metrics, targets=targets, cases=len(items) + guide_count,
                       failures=failures + guide_misses, notes=[f"guide questions skipped: {skipped}"] if skipped else [])


def is_hit(answer, item) -> bool:
    """An expect_none item wants found=False; others want an expected phrase and a citation of the expected file."""
    if item.get("expect_none"):
        return not answer.found
    text = " ".join([answer.answer] + [c.quote for c in answer.citations]).lower()
    content = any(phrase.lower() in text for phrase in item.get("expect_any") or [])
    cited = any(c.source == item.get("expect_source") for c in answer.citations)
    return content and cited
