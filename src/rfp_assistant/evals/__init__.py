"""Offline evaluation suites over the fixtures in eval/; each prints scores next to its targets."""

from __future__ import annotations

import time
from collections.abc import Callable

from rfp_assistant.config import Settings
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.evals.result import SuiteResult

Progress = Callable[[float, str], None]


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


def run_suites(settings: Settings, names: list[str] | None = None, progress: Progress | None = None) -> list[SuiteResult]:
    """Run the named suites (all when None) and return their results."""
    suites = _suites()
    unknown = [n for n in names or [] if n not in suites]
    if unknown:
        raise ConfigurationError(f"Unknown eval suite(s): {', '.join(unknown)}. Choose from: {', '.join(suites)}.")
    results = []
    for name in names or suites:
        started = time.perf_counter()
        result = suites[name](settings, progress)
        results.append(result.model_copy(update={"seconds": time.perf_counter() - started}))
    return results
