"""A login that holds when the UI is shared: throttled guessing, hashed passwords, no open bind without a login."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import time

import httpx
import pytest
from playwright.sync_api import expect

from browser import browser_page, free_port, running_ui
from rfp_assistant.core.access.throttle import LoginThrottle
from rfp_assistant.core.storage.auth_file import add_user
from rfp_assistant.interfaces.ui.login import is_loopback, login_gate

PASSWORD = "correct-horse-battery"


def cli(args, env, stdin=""):
    return subprocess.run([sys.executable, "-m", "rfp_assistant", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def post_login(url, user, password):
    return httpx.post(url.rstrip("/") + "/login", data={"username": user, "password": password}, timeout=30)


@pytest.fixture
def ready_settings(settings, cli_env):
    """Offline settings whose data folder already holds the indexed playbook (cli_env copies it there)."""
    return settings


def test_fifty_wrong_logins_are_refused_unchecked_and_the_right_password_works_after_the_lockout(
        ready_settings, tmp_path, caplog):
    users = tmp_path / "users"
    add_user(users, "lena", PASSWORD)
    # Long enough that 50 tries fit inside one lockout even on a loaded machine (an Argon2 check can take 1 s there).
    lockout = 8.0
    settings = ready_settings.model_copy(update={"auth_file": users, "login_lockout_s": lockout})
    caplog.set_level(logging.WARNING)
    with running_ui(settings) as url:
        replies, first_refused_at = [], None
        for i in range(50):
            replies.append(post_login(url, "lena", f"guess-{i:02d}"))
            if first_refused_at is None and replies[-1].json()["detail"] != "Incorrect credentials.":
                first_refused_at = time.monotonic()
        assert all(r.status_code == 400 for r in replies)  # every guess refused, none logged in
        checked = [r for r in replies if r.json()["detail"] == "Incorrect credentials."]
        unchecked = [r for r in replies if r.json()["detail"].startswith("Too many failed logins for this user")]
        assert len(checked) <= 5 and len(unchecked) >= 45
        assert 1 <= int(unchecked[-1].headers["Retry-After"]) <= lockout

        locked = post_login(url, "lena", PASSWORD)  # during the lockout even the right password is not checked
        assert locked.status_code == 400 and locked.json()["detail"].startswith("Too many failed logins")

        time.sleep(max(0.0, first_refused_at + lockout + 0.3 - time.monotonic()))
        after = post_login(url, "lena", PASSWORD)
        assert after.status_code == 200 and after.json() == {"success": True}

    messages = [r.getMessage() for r in caplog.records if r.name.startswith("rfp_assistant")]
    stamped = re.compile(r"user 'lena' from 127\.0\.0\.1 at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
    assert all(stamped.search(m) for m in messages if m.startswith("Login"))
    assert len([m for m in messages if m.startswith("Login refused for user")]) == len(checked)
    assert refused_unchecked(messages) == len(unchecked) + 1  # every refusal is accounted for in the log
    assert any(m.startswith("Login locked out") and "'lena'" in m and "127.0.0.1" in m for m in messages)
    assert not any("guess-" in m or PASSWORD in m for m in messages)  # never the password tried


def refused_unchecked(messages):
    """How many unchecked refusals the log lines account for (a burst is one line a second, with its count)."""
    counts = [re.search(r"\((\d+) refused since|unchecked (\d+) more", m) for m in messages]
    return sum(int(c.group(1) or c.group(2)) for c in counts if c)


def test_throttle_counts_per_address_and_parallel_guesses_and_forgets_after_the_window(caplog):
    now = [0.0]
    throttle = LoginThrottle(lockout_s=60, max_user_failures=5, max_address_failures=8, clock=lambda: now[0])
    # One address spraying many names is stopped by the address limit.
    for i in range(8):
        assert throttle.admit(f"user{i}", "10.0.0.9") is None
        throttle.settle(f"user{i}", "10.0.0.9", ok=False)
    refusal = throttle.admit("user99", "10.0.0.9")
    assert refusal is not None and refusal.locked == "address"
    assert throttle.admit("user99", "10.0.0.10") is None  # another address is not affected
    throttle.settle("user99", "10.0.0.10", ok=True)

    # Guesses still being checked use up the allowance: a burst gets no more tries than a sequence.
    admitted = [throttle.admit("lena", f"10.1.0.{i}") for i in range(20)]
    assert sum(a is None for a in admitted) == 5

    # A guessing script's thousand refused tries are all counted, in a few log lines rather than a thousand.
    caplog.clear()
    for _ in range(1000):
        assert throttle.admit("someone", "10.0.0.9").locked == "address"
    now[0] = 61.0  # the window has passed: both locks are over and the counts start again
    assert throttle.admit("user99", "10.0.0.9") is None
    throttle.settle("user99", "10.0.0.9", ok=True)
    lines = [r.getMessage() for r in caplog.records if "unchecked" in r.getMessage()]
    assert len(lines) <= 2 and refused_unchecked(lines) == 1000


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_a_user_added_with_a_piped_password_is_hashed_and_logs_in_in_the_browser(ready_settings, tmp_path, cli_env):
    users = tmp_path / "team" / "users"
    added = cli(["user", "add", "lena"], {**cli_env, "RFP_AUTH_FILE": str(users)}, stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    text = users.read_text()
    assert text.startswith("lena:$argon2id$") and PASSWORD not in text
    assert (users.stat().st_mode & 0o077) == 0  # readable by its owner only
    listed = cli(["user", "list"], {**cli_env, "RFP_AUTH_FILE": str(users)})
    assert listed.stdout.split() == ["lena"]

    settings = ready_settings.model_copy(update={"auth_file": users})
    with running_ui(settings) as url, browser_page() as page:
        page.goto(url)
        expect(page.get_by_text("After 5 failed logins, login for that user is paused")).to_be_visible(timeout=30_000)
        page.get_by_label("username").fill("lena")
        page.get_by_label("password").fill("not-her-password")
        page.get_by_role("button", name="Login").click()
        expect(page.get_by_text("Incorrect Credentials")).to_be_visible(timeout=30_000)
        page.get_by_label("username").fill("lena")
        page.get_by_label("password").fill(PASSWORD)
        page.get_by_role("button", name="Login").click()
        expect(page.get_by_role("tab", name="Knowledge")).to_be_visible(timeout=60_000)


def test_plain_text_lines_still_log_in_with_a_warning_naming_the_command(settings, tmp_path, caplog, cli_env):
    users = tmp_path / "users"
    users.write_text("# team logins\nlena : correct-horse-battery\n")
    gate = login_gate(settings.model_copy(update={"auth_file": users}))
    assert gate.users.verify("lena", PASSWORD) and not gate.users.verify("lena", "wrong-password")
    warning = next(r.getMessage() for r in caplog.records if "plain text" in r.getMessage())
    assert "line 2" in warning and "rfp-assistant user add lena" in warning and PASSWORD not in warning

    converted = cli(["user", "convert"], {**cli_env, "RFP_AUTH_FILE": str(users)})
    assert converted.returncode == 0, converted.stderr
    assert PASSWORD not in users.read_text() and users.read_text().startswith("# team logins\n")
    assert gate.users.verify("lena", PASSWORD)  # a running UI picks up the rewritten file


def test_loopback_names():
    assert all(is_loopback(h) for h in ["127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"])
    assert not any(is_loopback(h) for h in ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5"])


def test_open_bind_without_a_login_refuses_to_start_and_starts_with_allow_open(cli_env):
    port = free_port()
    refused = cli(["ui", "--host", "0.0.0.0", "--port", str(port)], cli_env)
    assert refused.returncode != 0
    assert "Refusing to start" in refused.stderr and "RFP_AUTH_FILE" in refused.stderr and "--allow-open" in refused.stderr
    assert "Traceback" not in refused.stderr

    server = subprocess.Popen([sys.executable, "-m", "rfp_assistant", "ui", "--host", "0.0.0.0", "--port", str(port),
                               "--allow-open"], env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, reply = time.monotonic() + 90, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                reply = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.5)
        assert server.poll() is None, server.stdout.read()
        assert reply is not None and reply.status_code == 200  # served, and without a login
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "with NO login (--allow-open)" in output  # the operator is told what they allowed
