"""Readiness suite: checklist statuses against the hand-written gold of the three fixture companies."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from rfp_assistant.config import Settings
from rfp_assistant.core.documents import SUPPORTED_SUFFIXES, load_document
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.ingestion import builtin_playbook_files, ingest_files, max_file_bytes
from rfp_assistant.jobs.readiness.assess import assess_readiness
from rfp_assistant.resources import EVAL_DIR
from rfp_assistant.evals.result import SuiteResult, Target

COMPANIES = EVAL_DIR / "readiness" / "companies"


def company_names() -> list[str]:
    """Fixture companies (folders with a gold.yaml)."""
    return sorted(p.name for p in COMPANIES.iterdir() if (p / "gold.yaml").exists())


def company_documents(company: str) -> list[Path]:
    """The internal documents of one fixture company."""
    return sorted(p for p in (COMPANIES / company).iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)


def company_workspace(settings: Settings, company: str | None) -> WorkspaceIndex:
    """A workspace holding the playbook (as guide) and, when given, one company's documents (as internal)."""
    index = WorkspaceIndex(settings, f"eval-{company or 'playbook'}")
    limit = max_file_bytes(settings)
    ingest_files(index, builtin_playbook_files(), kind="guide", max_bytes=limit)
    if company:
        ingest_files(index, company_documents(company), kind="internal", max_bytes=limit)
    index.upgrade()
    return index


def run_readiness_suite(settings: Settings, progress=None) -> SuiteResult:
    """Assess each fixture company offline and score status accuracy, gap recall and false alarms."""
    companies = company_names()
    total = correct = gold_missing = flagged = gold_covered = false_alarms = quotes = valid = 0
    metrics: dict[str, float] = {}
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rfp-eval-readiness-") as scratch:
        local = settings.model_copy(update={"data_dir": Path(scratch), "chroma_host": None})
        for position, company in enumerate(companies):
            if progress:
                progress(position / len(companies), f"readiness: {company}")
            gold = yaml.safe_load((COMPANIES / company / "gold.yaml").read_text())["items"]
            report = assess_readiness(company_workspace(local, company))
            pages = _pages(company)
            right = 0
            for item in report.items:
                want = gold[item.id]
                total += 1
                right += item.status == want
                gold_missing += want == "missing"
                flagged += want == "missing" and item.status in ("missing", "partial")
                gold_covered += want == "covered"
                false_alarms += want == "covered" and item.status == "missing"
                if item.status != want:
                    failures.append(f"{company} {item.id}: want {want}, got {item.status} ({item.reason})")
                for evidence in item.evidence:
                    quotes += 1
                    valid += quote_in_text(evidence.quote, pages.get((evidence.source, evidence.page), ""))
            correct += right
            metrics[f"accuracy_{company}"] = right / max(len(report.items), 1)
    metrics = {
        "status_accuracy": correct / max(total, 1),
        "gap_recall": flagged / max(gold_missing, 1),
        "false_alarm_rate": false_alarms / max(gold_covered, 1),
        "evidence_validity": valid / max(quotes, 1),
        **metrics,
    }
    targets = [
        Target(metric="status_accuracy", op=">=", value=0.85),
        Target(metric="gap_recall", op=">=", value=0.90),
        Target(metric="false_alarm_rate", op="<=", value=0.10),
        Target(metric="evidence_validity", op=">=", value=1.0),
    ]
    return SuiteResult(suite="readiness", metrics=metrics, targets=targets, cases=total, failures=failures)


def _pages(company: str) -> dict[tuple[str, int], str]:
    texts: dict[tuple[str, int], str] = {}
    for path in company_documents(company):
        document = load_document(path, max_bytes=50_000_000)
        for page in document.pages:
            texts[(document.source, page.number)] = page.text
    return texts
