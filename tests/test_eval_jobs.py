"""`rfp-assistant eval --jobs N`: suites run side by side in their own processes, every suite's figures are printed
in the order asked, and `--enforce` exits 1 exactly when an enforced target is missed.

The suites run on small fixtures so the test takes seconds: `eval` reads its fixtures from the eval/ folder beside
the package's src/, so the CLI runs from a byte-for-byte copy of the package placed beside a small eval/ folder
(the real knowledge/ and prompts/ linked in). Same code, a fixture set whose outcome the test decides.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from support.cli import fresh_cli_env

ROOT = Path(__file__).resolve().parents[1]
ROSTER = "# Team\nDr. Lena Okafor (VP CMC) owns technology transfer on our side.\n"
FOUND = {"id": "t1", "question": "Who owns technology transfer on our side?", "source": "roster.md",
         "must_contain": "owns technology transfer"}
NOWHERE = {"id": "t2", "question": "Which moon orbits the fill line?", "source": "roster.md",
           "must_contain": "a phrase that no passage contains"}
PROPOSALS = ["01_northfield_formal_letter", "02_cascadia_table_heavy"]


def checkout(tmp_path: Path, questions: list[dict]) -> Path:
    """A copy of the package beside an eval/ folder holding these retrieval questions and two proposals."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "src" / "rfp_assistant", root / "src" / "rfp_assistant",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("knowledge", "prompts"):
        (root / name).symlink_to(ROOT / name)
    retrieval = root / "eval" / "retrieval"
    (retrieval / "docs").mkdir(parents=True)
    (retrieval / "docs" / "roster.md").write_text(ROSTER)
    for name in ("questions.yaml", "questions_hard.yaml"):
        (retrieval / name).write_text(json.dumps(questions))  # JSON is YAML
    extraction = root / "eval" / "extraction"
    for folder, suffix in (("proposals", ".pdf"), ("gold", ".json")):
        (extraction / folder).mkdir(parents=True)
        for stem in PROPOSALS:
            shutil.copy(ROOT / "eval" / "extraction" / folder / f"{stem}{suffix}", extraction / folder)
    return root


def run_eval(root: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = fresh_cli_env(tmp_path / "data", PYTHONPATH=str(root / "src"))
    return subprocess.run(
        [sys.executable, "-m", "rfp_assistant", "eval", "-s", "retrieval", "-s", "extraction", "--jobs", "2",
         "--enforce"], env=env, cwd=root, capture_output=True, text=True, timeout=600)


def blocks(stdout: str) -> dict[str, tuple[str, int, dict[str, float]]]:
    """Each printed suite: its verdict, cases and the figures on its metric lines, in the order printed."""
    found: dict[str, tuple[str, int, dict[str, float]]] = {}
    for block in re.split(r"^(?===)", stdout, flags=re.M):
        head = re.match(r"== (\w+) \((\d+) cases, \d+ s\) — (PASS|FAIL)", block)
        if head:
            figures = {m[0]: float(m[1]) for m in re.findall(r"^  (\S+)\s+(-?\d+\.\d{3})", block, flags=re.M)}
            found[head[1]] = (head[3], int(head[2]), figures)
    return found


def test_eval_jobs_prints_every_suite_and_enforce_exits_by_the_targets(tmp_path):
    passing = run_eval(checkout(tmp_path / "a", [FOUND]), tmp_path / "a")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    printed = blocks(passing.stdout)
    assert list(printed) == ["retrieval", "extraction"]  # the order asked, whichever process finished first
    assert printed["retrieval"][:2] == ("PASS", 1) and printed["retrieval"][2]["hybrid_recall@5"] == 1.0
    assert printed["extraction"][0] == "PASS" and "value_accuracy.generated" in printed["extraction"][2]
    assert "hybrid_recall@5                     1.000   target >= 0.9 ok" in passing.stdout

    failing = run_eval(checkout(tmp_path / "b", [FOUND, NOWHERE]), tmp_path / "b")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    printed = blocks(failing.stdout)
    assert list(printed) == ["retrieval", "extraction"]
    assert printed["retrieval"][:2] == ("FAIL", 2) and printed["retrieval"][2]["hybrid_recall@5"] == 0.5
    assert "hybrid_recall@5                     0.500   target >= 0.9 MISSED" in failing.stdout
    assert "miss: t2: 'Which moon orbits the fill line?'" in failing.stdout
    assert printed["extraction"][0] == "PASS"  # the other suite's figures are printed all the same


def test_parallel_suites_share_the_cores_among_their_maths_libraries(monkeypatch):
    import os

    from rfp_assistant.evals import share_cores

    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # the user's own choice stays
    with share_cores(2):
        assert os.environ["OPENBLAS_NUM_THREADS"] == "1" and os.environ["OMP_NUM_THREADS"] == "3"
    assert "OPENBLAS_NUM_THREADS" not in os.environ and os.environ["OMP_NUM_THREADS"] == "3"
