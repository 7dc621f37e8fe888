"""Offline evaluation suites over the fixtures in eval/; each prints scores next to its targets."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager

from rfp_assistant.config import Settings
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.evals.result import SuiteResult

Progress = Callable[[float, str], None]
# Suites in parallel start longest first (by CI's timings), so the longest one is not left to run alone at the end.
_LONGEST_FIRST = ("readiness", "drafting", "qa", "retrieval", "extraction")
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _suites() -> dict[str, Callable[[Settings, Progress | None], SuiteResult]]:
    from rfp_assistant.evals.drafting import run_drafting_suite
    from rfp_assistant.evals.extraction import run_extraction_suite
    from rfp_assistant.evals.qa import run_qa_suite
    from rfp_assistant.evals.readiness import run_readiness_suite
    from rfp_assistant.evals.retrieval import run_retrieval_suite

    return {"retrieval": run_retrieval_suite, "extraction": run_extraction_suite, "drafting": run_drafting_suite,
            "readiness": run_readiness_suite, "qa": run_qa_suite}


def suite_names() -> list[str]:
    """Names accepted by --suite."""
    return list(_suites())


def run_suites(
    settings: Settings, names: list[str] | None = None, progress: Progress | None = None, *, jobs: int = 1,
) -> list[SuiteResult]:
    """Run the named suites (all when None) and return their results, in the order named.

    With jobs > 1 the suites run in that many separate processes (each suite builds its own indexes, so they
    share nothing but the read-only model cache); progress then reports each suite as it finishes.
    """
    suites = _suites()
    unknown = [n for n in names or [] if n not in suites]
    if unknown:
        raise ConfigurationError(f"Unknown eval suite(s): {', '.join(unknown)}. Choose from: {', '.join(suites)}.")
    chosen = list(names or suites)
    if jobs <= 1 or len(chosen) == 1:
        return [run_suite(settings, name, progress) for name in chosen]
    # spawn, not fork: the parent may already hold threads (tokenizers, onnxruntime) that a fork would copy half-locked.
    context = multiprocessing.get_context("spawn")
    results: dict[str, SuiteResult] = {}
    order = sorted(chosen, key=lambda n: _LONGEST_FIRST.index(n) if n in _LONGEST_FIRST else len(_LONGEST_FIRST))
    with share_cores(jobs), ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending = {pool.submit(run_suite, settings, name, None): name for name in order}
        for future in as_completed(pending):
            name = pending[future]
            results[name] = future.result()
            if progress:
                progress(len(results) / len(chosen), f"{name} done in {results[name].seconds:.0f} s")
    return [results[name] for name in chosen]


@contextmanager
def share_cores(jobs: int) -> Iterator[None]:
    """Give each parallel suite's maths library its share of the cores (unless the user chose a number).

    Left alone, every worker starts a thread per core: on 2 cores two suites ran 4 matrix threads that spin while
    they wait for each other, about doubling the CPU the model's matrix products take and slowing both suites.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    added = {name: str(max(1, cores // jobs)) for name in _THREAD_VARIABLES if name not in os.environ}
    os.environ.update(added)  # spawned workers read them when their maths library loads
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def run_suite(settings: Settings, name: str, progress: Progress | None = None) -> SuiteResult:
    """Run one suite and record how long it took."""
    started = time.perf_counter()
    result = _suites()[name](settings, progress)
    return result.model_copy(update={"seconds": time.perf_counter() - started})
