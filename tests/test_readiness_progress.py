"""A readiness assessment says how far it is: item by item (and area by area with a model), in the job, on the
terminal, never on a pipe that a --json consumer reads."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import threading

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.llm import make_chat_client
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.readiness.assess import assess_readiness
from rfp_assistant.jobs.readiness.rules import load_checklist

REGISTER = b"""# CDMO risk register
| # | Risk | Mitigation | Owner |
| 1 | CDMO price increases after we sign | push for a fixed price on the first batches | CFO |
| 2 | Batch failure at the CDMO | second slot reserved | CMC lead |
"""
STEP = re.compile(r"^(Finding evidence|Assessing|Checking with the model, area) (\d+) of (\d+): (\S.*)$")


def _workspace(settings, name: str) -> WorkspaceIndex:
    index = WorkspaceIndex(settings, name)
    index.add_document(load_bytes(REGISTER, "risk-register.md", max_bytes=1_000_000), "internal")
    return index


def _record():
    calls: list[tuple[float, str]] = []
    return calls, lambda fraction, message: calls.append((fraction, message))


def _steps(calls) -> dict[str, list[tuple[int, int, str]]]:
    phases: dict[str, list[tuple[int, int, str]]] = {}
    for _, message in calls[:-1]:
        phase, done, total, what = STEP.match(message).groups()
        phases.setdefault(phase, []).append((int(done), int(total), what))
    return phases


def test_each_item_is_reported_with_a_rising_count_and_the_fraction_ends_at_one(settings):
    calls, progress = _record()
    report = assess_readiness(_workspace(settings, "progress"), progress=progress)
    ids = [item.id for item in load_checklist().items]
    phases = _steps(calls)
    assert list(phases) == ["Finding evidence", "Assessing"]
    for steps in phases.values():
        assert [(n, total) for n, total, _ in steps] == [(n, len(ids)) for n in range(1, len(ids) + 1)]
        assert [what for _, _, what in steps] == ids
    assert f"Assessing 12 of 38: {ids[11]}" in [m for _, m in calls]
    fractions = [f for f, _ in calls]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(a < b for a, b in zip(fractions, fractions[1:]))
    assert calls[-1][1] == "Assessed 38 checklist items" and len(report.items) == 38


def test_only_the_chosen_items_are_counted(settings):
    calls, progress = _record()
    assess_readiness(_workspace(settings, "some"), items=["risk.financial", "risk.operational"], progress=progress)
    assert [m for _, m in calls] == [
        "Finding evidence 1 of 2: risk.financial", "Finding evidence 2 of 2: risk.operational",
        "Assessing 1 of 2: risk.financial", "Assessing 2 of 2: risk.operational", "Assessed 2 checklist items"]
    assert [f for f, _ in calls] == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_with_a_model_each_area_is_reported_before_its_request(llm_settings, openai_server):
    calls, progress = _record()
    requests_when_told: list[int] = []

    def watching(fraction, message):
        progress(fraction, message)
        requests_when_told.append(len(openai_server.chat_requests))

    openai_server.responder = lambda body: {"items": []}  # the model adds nothing; only the order matters
    assess_readiness(_workspace(llm_settings, "llm"), chat=make_chat_client(llm_settings), progress=watching)
    areas = load_checklist().areas
    model_steps = _steps(calls)["Checking with the model, area"]
    assert [(n, total, what) for n, total, what in model_steps] == [
        (n, len(areas), area.title) for n, area in enumerate(areas, 1)]
    told = [r for (_, m), r in zip(calls, requests_when_told) if m.startswith("Checking with the model")]
    assert told == list(range(len(areas)))  # said before each area's request, not after the fact
    assert 0 < calls[-len(areas) - 1][0] < 1.0 and calls[-1][0] == 1.0


def test_the_command_shows_progress_on_a_terminal_and_keeps_json_on_stdout(tmp_path, cli_env):
    (tmp_path / "risk-register.md").write_bytes(REGISTER)
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "rfp_assistant", "readiness", str(tmp_path / "risk-register.md"),
                                "--json"], env=cli_env, stdout=subprocess.PIPE, stderr=terminal, text=True)
    os.close(terminal)
    shown = bytearray()

    def drain():
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal's other end is closed: the command has finished
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    stdout, _ = process.communicate(timeout=300)
    reader.join(timeout=10)
    os.close(controller)
    assert process.returncode == 0, shown.decode(errors="replace")
    screen = shown.decode(errors="replace")
    assert "Finding evidence 1 of 38: strategy.capability_gaps" in screen
    assert "Assessing 38 of 38: change.resistance_plan" in screen
    assert len(json.loads(stdout)["items"]) == 38  # progress never mixes into the JSON
