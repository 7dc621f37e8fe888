"""Q&A suite: does `ask` answer with the expected content, citing the right document, and admit silence?"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from rfp_assistant.jobs.answering import answer_question
from rfp_assistant.config import Settings
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.resources import EVAL_DIR
from rfp_assistant.evals.readiness import company_workspace
from rfp_assistant.evals.result import SuiteResult, Target


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
    nones = sum(1 for i in items if i.get("expect_none"))
    metrics = {
        "hit_rate": hits / max(len(items), 1),
        "citation_hit_rate": citations_ok / max(len(items) - nones, 1),
    }
    if nones:
        metrics["says_not_found_when_true"] = honest_none / nones
    metrics |= {f"hit_rate_{name}": sum(oks) / len(oks) for name, oks in per_file.items()}
    return SuiteResult(suite="qa", metrics=metrics, targets=[Target(metric="hit_rate", op=">=", value=0.85)],
                       cases=len(items), failures=failures)


def is_hit(answer, item) -> bool:
    """An expect_none item wants found=False; others want an expected phrase and a citation of the expected file."""
    if item.get("expect_none"):
        return not answer.found
    text = " ".join([answer.answer] + [c.quote for c in answer.citations]).lower()
    content = any(phrase.lower() in text for phrase in item.get("expect_any") or [])
    cited = any(c.source == item.get("expect_source") for c in answer.citations)
    return content and cited
