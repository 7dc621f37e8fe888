"""Access and faults in the web UI: login, upload names and sizes, and model failures shown without secrets."""

from __future__ import annotations

import tempfile
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from browser import browser_page, running_ui
from rfp_assistant.interfaces.ui.common import upload_names

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ROSTER = "# Outsourcing team\nDr. Lena Okafor (VP CMC) owns technology transfer on our side.\n"


def test_login_is_required_and_a_wrong_password_is_refused(settings, tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("# team logins\nlena:correct-horse-battery\n")
    settings = settings.model_copy(update={"auth_file": users})
    with running_ui(settings) as url, browser_page() as page:
        anonymous = httpx.post(url.rstrip("/") + "/gradio_api/upload", files={"files": ("a.md", b"x")}, timeout=30)
        assert anonymous.status_code in (401, 403)  # the API refuses too, not only the page

        page.goto(url)
        page.get_by_label("username").fill("lena")
        page.get_by_label("password").fill("wrong-password")
        page.get_by_role("button", name="Login").click()
        expect(page.get_by_text("Incorrect Credentials")).to_be_visible(timeout=30_000)
        expect(page.get_by_role("tab", name="Knowledge")).to_have_count(0)

        page.get_by_label("username").fill("lena")
        page.get_by_label("password").fill("correct-horse-battery")
        page.get_by_role("button", name="Login").click()
        expect(page.get_by_role("tab", name="Knowledge")).to_be_visible(timeout=60_000)


def test_upload_names_never_carry_a_path():
    names = upload_names(["/tmp/gradio/abc/../../etc/passwd", "..\\..\\windows\\evil.md", "/x/.hidden.md", "/x/ok.pdf"])
    assert names == ["passwd", "evil.md", "hidden.md", "ok.pdf"]


def test_a_traversing_upload_name_stays_inside_the_upload_folder(settings, tmp_path):
    target = Path(tempfile.gettempdir()) / "rfp-escape-test.md"
    target.unlink(missing_ok=True)
    with running_ui(settings) as url:
        reply = httpx.post(url.rstrip("/") + "/gradio_api/upload",
                           files={"files": ("../../../../rfp-escape-test.md", ROSTER.encode())}, timeout=30)
        assert reply.status_code == 200, reply.text
        stored = Path(reply.json()[0]).resolve()
    assert not target.exists()
    assert stored.name == "rfp-escape-test.md" and ".." not in stored.parts
    data_dir = settings.data_dir.resolve()
    assert not any(p.name == "rfp-escape-test.md" for p in data_dir.rglob("*")) if data_dir.exists() else True


def test_an_oversized_upload_is_refused_with_a_message_and_nothing_is_indexed(settings, tmp_path):
    settings = settings.model_copy(update={"max_file_mb": 1})
    big = tmp_path / "huge-minutes.txt"
    big.write_text("Steering committee minutes. " * 60_000)  # ~1.7 MB
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Knowledge").click()
        page.locator("#upload-files input[type=file]").set_input_files([str(big)])
        expect(page.get_by_text('exceed the maximum allowed size of 1.0 Mb: "huge-minutes.txt"').first) \
            .to_be_visible(timeout=30_000)
        expect(page.locator("#documents-table")).not_to_contain_text("huge-minutes.txt")


def test_a_failing_model_is_reported_in_plain_words_without_the_key(llm_settings, openai_server, capfd, caplog):
    openai_server.fail(500, "upstream exploded", retry_after=0.01, times=50)
    with running_ui(llm_settings) as url, browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="Ask").click()
        page.locator("#question textarea").fill("Which hidden costs should we budget for?")
        page.locator("#ask-button").click()
        toast = page.get_by_text("returned an error (500)", exact=False).first
        expect(toast).to_be_visible(timeout=60_000)
        assert "sk-test-secret-123" not in page.content()
    captured = capfd.readouterr()
    assert "sk-test-secret-123" not in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err  # a known failure is one log line, not a stack dump
    assert any("returned an error (500)" in r.getMessage() for r in caplog.records)
    assert not any("sk-test-secret-123" in r.getMessage() for r in caplog.records)
