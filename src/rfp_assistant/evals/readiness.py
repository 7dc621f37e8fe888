"""Readiness suite: checklist statuses against hand-written gold, on the team's fixture companies and on the
blind companies written outside the team (dev and held-out side by side; held-out only in aggregate)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from rfp_assistant.config import Settings
from rfp_assistant.core.documents import SUPPORTED_SUFFIXES, load_document
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.errors import DocumentError
from rfp_assistant.evals.result import SuiteResult, Target
from rfp_assistant.jobs.ingestion import builtin_playbook_files, ingest_files, max_file_bytes
from rfp_assistant.jobs.readiness import assess_readiness
from rfp_assistant.resources import EVAL_DIR

COMPANIES = EVAL_DIR / "readiness" / "companies"
BLIND = EVAL_DIR / "readiness" / "blind"
_NOT_DOCUMENTS = {"gold.yaml", "questions.yaml"}
SETS = ("fixtures", "dev", "held_out")
# Expiry dates and the age of benchmarks are judged against "today"; the eval fixes the day the blind companies'
# gold was written, so a later run scores the same documents the same way.
AS_OF = date(2026, 12, 5)
# The goals on held-out that the engine does not reach yet: reported as "not yet", not failing CI.
NOT_YET: set[str] = {"status_accuracy.held_out", "false_alarm_rate.held_out", "status_accuracy.dev_gap"}


def company_names() -> list[str]:
    """Fixture companies (folders with a gold.yaml)."""
    return sorted(p.name for p in COMPANIES.iterdir() if (p / "gold.yaml").exists())


def company_documents(company: str) -> list[Path]:
    """The internal documents of one fixture company."""
    return folder_documents(COMPANIES / company)


def folder_documents(folder: Path) -> list[Path]:
    """Every file of a company folder except its gold answers (readable or not)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in _NOT_DOCUMENTS)


def blind_split() -> dict[str, list[str]]:
    """The blind companies by split: {"dev": [...], "held_out": [...]} (empty when the set is absent)."""
    path = BLIND / "split.yaml"
    if not path.exists():
        return {"dev": [], "held_out": []}
    split = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"dev": list(split.get("dev") or []), "held_out": list(split.get("held_out") or [])}


def company_workspace(settings: Settings, company: str | None) -> WorkspaceIndex:
    """A workspace holding the playbook (as guide) and, when given, one fixture company's documents (as internal)."""
    return folder_workspace(settings, COMPANIES / company if company else None, f"eval-{company or 'playbook'}")


def folder_workspace(settings: Settings, folder: Path | None, name: str, *, answers: bool = True) -> WorkspaceIndex:
    """A workspace with the playbook and the readable documents of `folder` (a failing file is skipped).

    `answers` False leaves sentences their static vectors: readiness only searches passages, while answering
    compares each passage's sentences with the question.
    """
    index = WorkspaceIndex(settings, name)
    limit = max_file_bytes(settings)
    ingest_files(index, builtin_playbook_files(), kind="guide", max_bytes=limit)
    if folder is not None:
        ingest_files(index, [p for p in folder_documents(folder) if p.suffix.lower() in SUPPORTED_SUFFIXES],
                     kind="internal", max_bytes=limit)
    index.upgrade(units=answers)
    return index


@dataclass
class _Tally:
    """Counts for one set of companies."""

    total: int = 0
    correct: int = 0
    gold_missing: int = 0
    flagged: int = 0
    gold_covered: int = 0
    false_alarms: int = 0
    quotes: int = 0
    valid: int = 0
    documents: int = 0
    unloadable: int = 0
    per_company: dict[str, float] = field(default_factory=dict)

    def metrics(self, name: str) -> dict[str, float]:
        """This set's metrics, named metric.set; per-company accuracy except for held-out."""
        values = {
            "status_accuracy": self.correct / max(self.total, 1),
            "gap_recall": self.flagged / max(self.gold_missing, 1),
            "false_alarm_rate": self.false_alarms / max(self.gold_covered, 1),
            "evidence_validity": self.valid / max(self.quotes, 1),
        }
        if name != "fixtures":  # blind sets: how much of them the loaders could not read
            values["unloadable_documents"] = float(self.unloadable)
        values = {f"{k}.{name}": v for k, v in values.items()}
        if name != "held_out":
            values |= {f"accuracy.{name}.{c}": v for c, v in self.per_company.items()}
        return values


def run_readiness_suite(settings: Settings, progress=None) -> SuiteResult:
    """Assess every company offline; score status accuracy, gap recall, false alarms and quote validity per set."""
    split = blind_split()
    plan = [("fixtures", c, COMPANIES / c) for c in company_names()]
    plan += [(name, c, BLIND / c) for name in ("dev", "held_out") for c in split[name] if (BLIND / c).is_dir()]
    tallies = {name: _Tally() for name in SETS}
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rfp-eval-readiness-") as scratch:
        local = settings.model_copy(update={"data_dir": Path(scratch), "chroma_host": None})
        for position, (name, company, folder) in enumerate(plan):
            if progress:  # a held-out company is never named
                label = company if name != "held_out" else f"held-out company {position + 1}"
                progress(position / len(plan), f"readiness: {label}")
            misses = _score_company(local, tallies[name], company, folder, f"eval-{name}-{position}")
            if name != "held_out":
                failures += misses
    metrics: dict[str, float] = {}
    for name in SETS:
        if tallies[name].total:
            metrics |= tallies[name].metrics(name)
    if tallies["dev"].total and tallies["held_out"].total:
        metrics["status_accuracy.dev_gap"] = abs(metrics["status_accuracy.dev"] - metrics["status_accuracy.held_out"])
    targets = [
        Target(metric="status_accuracy.fixtures", op=">=", value=0.95),
        Target(metric="gap_recall.fixtures", op=">=", value=0.90),
        Target(metric="false_alarm_rate.fixtures", op="<=", value=0.10),
        Target(metric="evidence_validity.fixtures", op=">=", value=1.0),
    ]
    if tallies["held_out"].total:
        goals = [("status_accuracy.held_out", ">=", 0.85), ("gap_recall.held_out", ">=", 0.90),
                 ("false_alarm_rate.held_out", "<=", 0.10), ("evidence_validity.held_out", ">=", 1.0),
                 ("status_accuracy.dev_gap", "<=", 0.05)]
        targets += [Target(metric=m, op=op, value=v, enforced=m not in NOT_YET) for m, op, v in goals]
    cases = sum(t.total for t in tallies.values())
    return SuiteResult(suite="readiness", metrics=metrics, targets=targets, cases=cases, failures=failures)


def _score_company(settings: Settings, tally: _Tally, company: str, folder: Path, workspace: str) -> list[str]:
    """Assess one company into `tally`; returns its per-item misses."""
    gold = _gold(folder)
    pages, unloadable = _pages(folder)
    tally.documents += len(folder_documents(folder))
    tally.unloadable += unloadable
    report = assess_readiness(folder_workspace(settings, folder, workspace, answers=False), today=AS_OF)
    right, misses = 0, []
    for item in report.items:
        want = gold[item.id]
        tally.total += 1
        right += item.status == want
        tally.gold_missing += want == "missing"
        tally.flagged += want == "missing" and item.status in ("missing", "partial")
        tally.gold_covered += want == "covered"
        tally.false_alarms += want == "covered" and item.status != "covered"
        if item.status != want:
            misses.append(f"{company} {item.id}: want {want}, got {item.status} ({item.reason})")
        for evidence in item.evidence:
            tally.quotes += 1
            tally.valid += quote_in_text(evidence.quote, pages.get((evidence.source, evidence.page), ""))
    tally.correct += right
    tally.per_company[company] = right / max(len(report.items), 1)
    return misses


def _gold(folder: Path) -> dict[str, str]:
    """Gold status per item id; the fixtures give a bare status, the blind set a mapping with status and quote."""
    items = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))["items"]
    return {key: value["status"] if isinstance(value, dict) else value for key, value in items.items()}


def _pages(folder: Path) -> tuple[dict[tuple[str, int], str], int]:
    """Page texts of the readable documents, and how many documents could not be read."""
    texts: dict[tuple[str, int], str] = {}
    unloadable = 0
    for path in folder_documents(folder):
        try:
            document = load_document(path, max_bytes=50_000_000, table_rows=True)
        except DocumentError:
            unloadable += 1
            continue
        stack = [document]
        while stack:  # an e-mail's attachments are documents of their own
            current = stack.pop()
            stack += current.attachments
            for page in current.pages:
                texts[(current.source, page.number)] = page.text
    return texts, unloadable
