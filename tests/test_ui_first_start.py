"""First start and workspaces in a real browser: the page is served at once and shows the playbook being prepared,
a question typed and sent with Enter is answered about as soon as on an ordinary start (within 20 s on an idle
machine), and a workspace created in the UI is listed (and still chosen, with its document) after a reload."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import browser_page, free_port, running_ui

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
FIRST_ANSWER_S = 20
"""Start to first answer on an idle machine (bench/first_answer_bench.py measured 7.9 s on 2 idle CPUs)."""
ORDINARY_STARTS = 4
"""Under load the budget is this many ordinary starts measured in the same run. A first start took 2.0 ordinary
starts under load 17 on 2 CPUs (its contextual pass keeps one CPU busy in the background); waiting for that pass, as
the page and the answer once did, takes 10 or more."""


@pytest.fixture
def first_start_env(tmp_path, playbook_data_dir):
    """The command line's environment for a fresh data folder on a machine where only the embedding table exists
    (it is distilled once per machine); the playbook's contextual vectors are not cached yet, as on a first start."""
    from rfp_assistant.config import Settings
    from rfp_assistant.core.embeddings.embedder import _table_path  # noqa: PLC2701  (test: copy the built table)

    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy(_table_path(Settings().cache_dir), cache)
    env = dict(os.environ, RFP_DATA_DIR=str(tmp_path / "data"), RFP_CACHE_DIR=str(cache))
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


@pytest.fixture
def ordinary_env(tmp_path, playbook_data_dir):
    """The environment of an ordinary start: a data folder where the playbook is indexed, with the machine's cache."""
    shutil.copytree(playbook_data_dir, tmp_path / "ordinary-data")
    env = dict(os.environ, RFP_DATA_DIR=str(tmp_path / "ordinary-data"))
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def _serving(url: str, process, deadline: float) -> None:
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def _start_and_ask(env, first_start: bool) -> float:
    """Seconds from starting `rfp-assistant ui` to the first answer shown; on a first start, also what it shows."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "rfp_assistant", "ui", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _serving(url, process, started + 600)  # only so a hung start cannot hang the suite; timed below
        with browser_page() as page:
            page.goto(url)
            banner = page.locator("#startup-status")
            if first_start:  # served while the playbook is still being prepared, not after
                expect(banner).to_contain_text("built-in playbook", timeout=10_000)  # preparing, or improving search
                expect(banner.locator("progress")).to_have_count(1)

            page.get_by_role("tab", name="Ask").click()
            question = page.locator("#question textarea")
            question.fill("What hidden costs should we budget for beyond the CDMO's quote?")
            question.press("Enter")
            answer = page.locator("#answer")
            expect(answer).to_contain_text("Answered offline", timeout=600_000)
            elapsed = time.monotonic() - started
            assert "\n" not in question.input_value()  # Enter sent the question instead of starting a new line
            expect(page.locator("#citations")).to_contain_text("Sources")
        return elapsed
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_first_start_shows_progress_and_answers_a_question_sent_with_enter_as_soon_as_an_ordinary_start(
        first_start_env, ordinary_env):
    first = _start_and_ask(first_start_env, first_start=True)
    # An ordinary start (playbook indexed and its search improved) on this machine at this moment: it carries the
    # costs a first start cannot change (Python and Gradio imports, Chromium, the page, one answer), which a busy
    # machine stretches several-fold (17-18 s from start to answer under load 17 on 2 CPUs, where a first start took
    # 34 s; the first-start budget of 20 s was set for an idle machine, where a first start took 7.9 s).
    ordinary = _start_and_ask(ordinary_env, first_start=False)
    budget = max(FIRST_ANSWER_S, ORDINARY_STARTS * ordinary)
    assert first < budget, (f"first answer {first:.1f} s after `rfp-assistant ui` started; an ordinary start "
                            f"answered after {ordinary:.1f} s")


def test_a_workspace_created_in_the_ui_is_listed_and_kept_after_a_reload(settings, tmp_path):
    note = tmp_path / "program-b-budget.md"
    note.write_text("# Budget\n\nThe CMC budget for program B is USD 4 million, including tech transfer.\n")
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        selector = page.locator("#workspace")
        expect(selector).to_contain_text("type a new name")  # says how to create one
        box = selector.locator("input")
        box.fill("program-b")
        box.press("Enter")
        page.get_by_role("tab", name="Knowledge").click()
        page.locator("#upload-files input[type=file]").set_input_files(str(note))
        page.locator("#add-documents").click()
        expect(page.locator("#ingest-outcome")).to_contain_text("program-b-budget.md", timeout=120_000)

        page.reload()
        expect(page.locator("#workspace input")).to_have_value("program-b", timeout=30_000)
        page.locator("#workspace input").click()
        expect(page.get_by_role("option", name="program-b")).to_be_visible()
        expect(page.get_by_role("option", name="default")).to_be_visible()
        page.keyboard.press("Escape")
        page.get_by_role("tab", name="Knowledge").click()
        expect(page.locator("#documents-table")).to_contain_text("program-b-budget.md", timeout=60_000)
