"""First start and workspaces in a real browser: the page is served at once and shows the playbook being prepared,
a question typed and sent with Enter is answered within 20 s of start on a fresh data folder, and a workspace created
in the UI is listed (and still chosen, with its document) after a reload."""

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


def _serving(url: str, process, deadline: float) -> None:
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def test_first_start_shows_progress_and_answers_a_question_sent_with_enter_within_20_s(first_start_env):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "rfp_assistant", "ui", "--port", str(port)],
                               env=first_start_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _serving(url, process, started + 60)
        with browser_page() as page:
            page.goto(url)
            banner = page.locator("#startup-status")
            expect(banner).to_contain_text("built-in playbook", timeout=10_000)  # preparing, or improving search
            expect(banner.locator("progress")).to_have_count(1)

            page.get_by_role("tab", name="Ask").click()
            question = page.locator("#question textarea")
            question.fill("What hidden costs should we budget for beyond the CDMO's quote?")
            question.press("Enter")
            answer = page.locator("#answer")
            expect(answer).to_contain_text("Answered offline", timeout=FIRST_ANSWER_S * 1000)
            elapsed = time.monotonic() - started
            assert elapsed < FIRST_ANSWER_S, f"first answer {elapsed:.1f} s after `rfp-assistant ui` started"
            assert "\n" not in question.input_value()  # Enter sent the question instead of starting a new line
            expect(page.locator("#citations")).to_contain_text("Sources")
    finally:
        process.terminate()
        process.wait(timeout=30)


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
