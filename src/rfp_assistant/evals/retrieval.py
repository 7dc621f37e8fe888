"""Retrieval suite: do the hybrid, lexical and dense retrievers find the passage that answers each question?"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from rfp_assistant.config import Settings
from rfp_assistant.core.text.sentences import normalize_whitespace
from rfp_assistant.jobs.ingestion import builtin_playbook_files, ingest_files, max_file_bytes
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.resources import EVAL_DIR
from rfp_assistant.evals.result import SuiteResult, Target

METHODS = ("hybrid", "lexical", "dense")


def run_retrieval_suite(settings: Settings, progress=None) -> SuiteResult:
    """Index the playbook and the fixture company documents in a scratch folder, then score recall@5 and MRR.

    questions.yaml is phrased as practitioners ask (the target); questions_hard.yaml avoids every
    trade term and is reported alongside, without a target, to show how far paraphrase robustness goes.
    """
    questions = yaml.safe_load((EVAL_DIR / "retrieval" / "questions.yaml").read_text())
    hard = yaml.safe_load((EVAL_DIR / "retrieval" / "questions_hard.yaml").read_text())
    with tempfile.TemporaryDirectory(prefix="rfp-eval-") as scratch:
        scratch_settings = settings.model_copy(update={"data_dir": Path(scratch), "chroma_host": None})
        index = WorkspaceIndex(scratch_settings, "eval-retrieval", progress=None)
        limit = max_file_bytes(settings)
        ingest_files(index, builtin_playbook_files(), kind="guide", max_bytes=limit)
        ingest_files(index, sorted((EVAL_DIR / "retrieval" / "docs").iterdir()), kind="internal", max_bytes=limit)
        index.upgrade()
        ranks = {m: [] for m in METHODS}
        failures = []
        for position, item in enumerate(questions):
            if progress:
                progress(position / len(questions), f"retrieval: question {position + 1}/{len(questions)}")
            for method in METHODS:
                hits = index.search(item["question"], k=10, method=method)
                rank = _first_relevant(hits, item)
                ranks[method].append(rank)
                if method == "hybrid" and (rank is None or rank > 5):
                    failures.append(f"{item['id']}: {item['question']!r} → rank {rank or '>10'}")
        hard_ranks = {m: [_first_relevant(index.search(item["question"], k=10, method=m), item) for item in hard]
                      for m in METHODS}
    metrics = {}
    for prefix, table in (("", ranks), ("hard_", hard_ranks)):
        for method in METHODS:
            found = table[method]
            metrics[f"{prefix}{method}_recall@5"] = sum(1 for r in found if r and r <= 5) / len(found)
            metrics[f"{prefix}{method}_mrr@10"] = sum(1 / r for r in found if r) / len(found)
    targets = [
        Target(metric="hybrid_recall@5", op=">=", value=0.90),
        Target(metric="hybrid_recall@5", op=">=", value=max(metrics["lexical_recall@5"], metrics["dense_recall@5"])),
    ]
    return SuiteResult(suite="retrieval", metrics=metrics, targets=targets, cases=len(questions), failures=failures)


def _first_relevant(hits, item) -> int | None:
    phrase = normalize_whitespace(item["must_contain"]).lower()
    for rank, hit in enumerate(hits, start=1):
        text = normalize_whitespace(f"{hit.chunk.section} {hit.chunk.text}").lower()
        if hit.chunk.source == item["source"] and phrase in text:
            return rank
    return None
