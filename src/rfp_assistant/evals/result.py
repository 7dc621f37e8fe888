"""The result of one eval suite: metrics, their targets, and whether every target holds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Target(BaseModel):
    """A threshold on one metric."""

    metric: str
    op: Literal[">=", "<=", "=="]
    value: float
    enforced: bool = True
    """False for a goal not reached yet: the report shows it as "not yet" and it does not fail the suite."""

    def holds(self, metrics: dict[str, float]) -> bool:
        """True when the metric meets the threshold."""
        actual = metrics.get(self.metric)
        if actual is None:
            return False
        if self.op == ">=":
            return actual >= self.value - 1e-9
        if self.op == "<=":
            return actual <= self.value + 1e-9
        return abs(actual - self.value) < 1e-9


class SuiteResult(BaseModel):
    """Scores of one suite."""

    suite: str
    metrics: dict[str, float]
    targets: list[Target] = Field(default_factory=list)
    cases: int = 0
    failures: list[str] = Field(default_factory=list)
    """Short descriptions of cases that missed, to help improve the engine."""
    seconds: float = 0.0
    """Wall time the suite took."""
    notes: list[str] = Field(default_factory=list)
    """What the suite could not run and why (e.g. fixtures that live outside the repository)."""

    @property
    def passed(self) -> bool:
        """True when every enforced target holds."""
        return all(t.holds(self.metrics) for t in self.targets if t.enforced)

    def render(self) -> str:
        """A small plain-text table of metrics and targets."""
        took = f", {self.seconds:.0f} s" if self.seconds else ""
        lines = [f"== {self.suite} ({self.cases} cases{took}) — {'PASS' if self.passed else 'FAIL'}"]
        for metric, value in self.metrics.items():
            marks = [
                f"target {t.op} {t.value:.3g} {'ok' if t.holds(self.metrics) else 'MISSED' if t.enforced else 'not yet'}"
                for t in self.targets if t.metric == metric
            ]
            lines.append(f"  {metric:<32} {value:8.3f}   {'; '.join(marks)}".rstrip())
        lines += [f"  note: {note}" for note in self.notes]
        for failure in self.failures[:15]:
            lines.append(f"  miss: {failure}")
        if len(self.failures) > 15:
            lines.append(f"  … and {len(self.failures) - 15} more misses")
        return "\n".join(lines)
