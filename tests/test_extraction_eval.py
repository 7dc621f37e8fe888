"""The extraction eval scores generated, dev and held-out proposals side by side; held-out misses stay hidden."""

from __future__ import annotations

import yaml

from rfp_assistant.evals.extraction import METRICS, SETS, fixture_sets, run_extraction_suite
from rfp_assistant.resources import EVAL_DIR


def test_three_sets_side_by_side_with_held_out_goals_and_no_held_out_miss_listed():
    result = run_extraction_suite(settings=None)
    for metric in METRICS:
        for name in SETS:
            assert 0.0 <= result.metrics[f"{metric}.{name}"] <= 1.0
    goals = {t.metric: t for t in result.targets}
    assert goals["value_accuracy.held_out"].value == 0.90 and goals["value_accuracy.held_out"].op == ">="
    assert goals["fabrication_rate.held_out"].value == 0.02 and goals["fabrication_rate.held_out"].op == "<="
    assert goals["evidence_verified.held_out"].value == 1.0 and goals["conflicts_reported.held_out"].value == 1.0
    assert goals["value_accuracy.dev_gap"].value == 0.05
    # A goal is marked "not yet" only while it is missed; once it holds it is enforced.
    for target in result.targets:
        assert target.enforced or not target.holds(result.metrics), f"{target.metric} holds: enforce it"
    held_out = yaml.safe_load((EVAL_DIR / "extraction" / "blind" / "split.yaml").read_text())["held_out"]
    assert held_out and not any(stem in miss for stem in held_out for miss in result.failures)
    dev = [pdf.stem for pdf, _ in fixture_sets()["dev"]]
    # Split by file, a third dev: every blind author's batch adds to both, and no file is in both.
    assert len(dev) >= 8 and len(held_out) >= 2 * len(dev) - 2 and not set(dev) & set(held_out)
