"""Helpers for driving the web UI in Debian's headless Chromium through Python playwright."""

from __future__ import annotations

import os
import shutil
import socket
from contextlib import contextmanager

import pytest

from conftest import IN_CI

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_chromium() -> str:
    """The Chromium binary; in CI its absence is a failure, elsewhere a skip."""
    if not os.path.exists(CHROMIUM):
        if IN_CI:
            pytest.fail("Chromium is missing; `make test` installs it (apt-get install chromium)")
        pytest.skip("Chromium not installed (run `make test`, which installs it)")
    return CHROMIUM


@contextmanager
def running_ui(settings):
    """Serve the app in this process on a free loopback port; yields its URL."""
    from rfp_assistant.interfaces.ui.app import launch

    app, url = launch(settings, host="127.0.0.1", port=free_port(), block=False)
    try:
        yield url
    finally:
        app.close()


@contextmanager
def browser_page():
    """A fresh headless Chromium page."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(60_000)
            yield page
        finally:
            browser.close()
