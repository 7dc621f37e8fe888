"""Blind guide questions: the published guide ingested as the user's own document, asked in a user's words.

eval/qa/guide/ holds 193 questions in five waves by authors who read only the guide, split into dev and held-out by
split.yaml. The guide itself lives beside the project (../shared/reference/); without it the questions are
skipped with a reason, except in CI, where a missing guide is an error. Held-out is scored in aggregate only.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import yaml

from rfp_assistant.config import Settings
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.jobs.answering import answer_question
from rfp_assistant.jobs.ingestion import ensure_builtin_knowledge, ingest_files, max_file_bytes
from rfp_assistant.resources import EVAL_DIR

QUESTIONS_DIR = EVAL_DIR / "qa" / "guide"
GUIDE_FILE = EVAL_DIR.parent.parent / "shared" / "reference" / "cdmo-preparation-guide.txt"
SETS = ("dev", "held_out")
PASSAGE_COVERAGE = 0.8  # an answer holding this share of an answer passage's words carries its content
_READINESS_FRAMING = ("Nothing in your documents", "What the guide recommends")


@dataclass
class GuideTally:
    """Counts for one set of guide questions."""

    asked: int = 0
    hits: int = 0
    cited: int = 0
    cites_guide: int = 0
    framed: int = 0
    list_items: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        """The figures of this set."""
        n = max(self.asked, 1)
        return {
            "answer_hit": self.hits / n,
            "cited": self.cited / n,
            "cites_guide": self.cites_guide / n,
            "list_completeness": sum(self.list_items) / max(len(self.list_items), 1),
            "readiness_framing": self.framed / n,
        }


def guide_available() -> tuple[bool, str]:
    """Whether the guide is there to ingest; absent in CI is an error, elsewhere a reason to skip."""
    if GUIDE_FILE.is_file():
        return True, ""
    reason = f"{GUIDE_FILE} not found (it sits beside the project only in the project's own layout)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        raise ConfigurationError(f"The guide questions must run in CI, but {reason}.")
    return False, reason


def question_sets() -> dict[str, list[dict]]:
    """The guide questions of each set (dev, held_out), as split.yaml assigns them."""
    items = {}
    for path in sorted(QUESTIONS_DIR.glob("qa*.yaml")):
        items |= {item["id"]: item for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []}
    split = yaml.safe_load((QUESTIONS_DIR / "split.yaml").read_text(encoding="utf-8"))
    return {name: [items[i] for i in split.get(name) or [] if i in items] for name in SETS}


def guide_workspace(settings: Settings, kind: str = "guide") -> WorkspaceIndex:
    """A workspace as a user has it: the built-in playbook, plus the guide ingested as `kind`."""
    index = WorkspaceIndex(settings, f"eval-guide-{kind}")
    ensure_builtin_knowledge(index, max_bytes=max_file_bytes(settings))
    ingest_files(index, [GUIDE_FILE], kind=kind, max_bytes=max_file_bytes(settings))
    index.upgrade()
    return index


def score_questions(index: WorkspaceIndex, items: list[dict], *, list_misses: bool, progress=None) -> GuideTally:
    """Ask each question and score the answer against its gold passages and phrases."""
    tally = GuideTally()
    for position, item in enumerate(items):
        if progress:
            progress(position / max(len(items), 1), f"qa: guide question {position + 1}/{len(items)}")
        answer = answer_question(index, item["question"])
        text = _flat(answer.answer)
        cites_guide = any(c.source == GUIDE_FILE.name for c in answer.citations)
        hit = answer.found and cites_guide and carries_answer(text, item)
        tally.asked += 1
        tally.hits += hit
        tally.cited += bool(answer.citations)
        tally.cites_guide += cites_guide
        tally.framed += answer.answer.startswith(_READINESS_FRAMING)
        wanted = item.get("expect_all_of_list") or []
        if wanted:
            tally.list_items.append(sum(_flat(w) in text for w in wanted) / len(wanted))
        if list_misses and not hit:
            tally.misses.append(f"guide {item['id']}: {item['question'][:70]!r} → {answer.answer[:110]!r}")
    return tally


def carries_answer(flat_answer: str, item: dict) -> bool:
    """True when the answer holds an expected phrase, or most of the words of one gold answer passage."""
    if any(_flat(phrase) in flat_answer for phrase in item.get("expect_any") or []):
        return True
    words = set(flat_answer.split())
    for passage in item.get("answer_passages") or []:
        wanted = set(_flat(passage).split())
        if wanted and len(wanted & words) / len(wanted) >= PASSAGE_COVERAGE:
            return True
    return False


def _flat(text: str) -> str:
    """Lower case, typographic quotes made plain, punctuation (but '&') as spaces: 'R&D', 'fast-moving' compare."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"[^a-z0-9&']+", " ", text).split())


def run_guide_questions(settings: Settings, progress=None) -> tuple[dict[str, float], list[str], str]:
    """Metrics per set (metric.dev, metric.held_out), dev misses, and a reason when the questions were skipped."""
    available, reason = guide_available()
    if not available:
        return {}, [], reason
    sets = question_sets()
    index = guide_workspace(settings)
    tallies = {name: score_questions(index, sets[name], list_misses=name == "dev", progress=progress) for name in SETS}
    figures = {name: tally.metrics() for name, tally in tallies.items()}
    metrics = {f"guide_{metric}.{name}": figures[name][metric] for metric in figures["dev"] for name in SETS}
    return metrics, tallies["dev"].misses, ""  # held-out misses are never listed
