"""One eval report for every suite: Markdown for people, JSON for machines, each with the targets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from rfp_assistant import __version__
from rfp_assistant.core.storage.files import write_atomically
from rfp_assistant.evals.result import SuiteResult


def report_dict(results: list[SuiteResult]) -> dict:
    """The report as JSON: when, which version, overall pass, and per suite metrics with their targets."""
    return {
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "version": __version__,
        "passed": all(r.passed for r in results),
        "suites": [
            {
                "suite": r.suite, "passed": r.passed, "cases": r.cases, "seconds": round(r.seconds, 1),
                "metrics": r.metrics,
                "targets": [t.model_dump() | {"actual": r.metrics.get(t.metric), "met": t.holds(r.metrics)}
                            for t in r.targets],
                "misses": r.failures,
                "notes": r.notes,
            }
            for r in results
        ],
    }


def report_markdown(results: list[SuiteResult]) -> str:
    """A summary table of every target, then each suite's metrics and a few misses."""
    data = report_dict(results)
    lines = [
        "# rfp-assistant evaluation report", "",
        f"Version {data['version']}, {data['generated']}. Overall: **{'PASS' if data['passed'] else 'FAIL'}**.", "",
        "| Suite | Metric | Score | Target | Met |", "|---|---|---|---|---|",
    ]
    for suite in data["suites"]:
        for target in suite["targets"]:
            actual = "—" if target["actual"] is None else f"{target['actual']:.3f}"
            met = "yes" if target["met"] else "**NO**" if target.get("enforced", True) else "not yet"
            lines.append(f"| {suite['suite']} | {target['metric']} | {actual} | {target['op']} {target['value']:g} | "
                         f"{met} |")
    for suite in data["suites"]:
        lines += ["", f"## {suite['suite']} — {'pass' if suite['passed'] else 'FAIL'} "
                      f"({suite['cases']} cases, {suite['seconds']:.0f} s)", "",
                  "| Metric | Score |", "|---|---|"]
        lines += [f"| {metric} | {value:.3f} |" for metric, value in suite["metrics"].items()]
        lines += [""] + [f"Note: {note}" for note in suite["notes"]] if suite["notes"] else []
        if suite["misses"]:
            lines += ["", "Misses (first 10):", ""]
            lines += [f"- {miss.replace('|', '/')}" for miss in suite["misses"][:10]]
    return "\n".join(lines) + "\n"


def write_eval_report(results: list[SuiteResult], path: Path) -> tuple[Path, Path]:
    """Write `<path>.md` and `<path>.json` (a .md or .json suffix on `path` is dropped); returns both paths."""
    path = Path(path)
    stem = path.with_suffix("") if path.suffix.lower() in (".md", ".json") else path
    stem.parent.mkdir(parents=True, exist_ok=True)
    markdown, as_json = stem.with_name(stem.name + ".md"), stem.with_name(stem.name + ".json")
    text = report_markdown(results)
    write_atomically(markdown, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    payload = json.dumps(report_dict(results), indent=2) + "\n"
    write_atomically(as_json, lambda tmp: tmp.write_text(payload, encoding="utf-8"))
    return markdown, as_json
