"""First start benchmark: a fresh data folder -> `rfp-assistant ui` -> the first answer in a real browser.

    .venv/bin/python bench/first_answer_bench.py           # prepared machine cache vs the old cold start (~10-20 min)
    .venv/bin/python bench/first_answer_bench.py --quick   # prepared only (skips the old cold start)

Machine states (the data folder is always new and empty, the machine cache a new folder):
- prepared (now): the machine cache was filled by `rfp-assistant prepare`, as `make ui` / `make install` do right
  after installing; the time `prepare` took (part of the install) is reported beside it;
- cold (before): an empty machine cache, as every first start was before `prepare` ran at install (and as a plain
  `pip install` user's first start still is): the embedding table is distilled on first use.

Each UI time runs from starting `rfp-assistant ui` to the first answer shown: headless Chromium (playwright, as the
browser tests) opens the page, types a question on the Ask tab and presses Enter. The machine load is printed with
the table, since 2 busy cores can stretch any figure several-fold. Asserts nothing (speed is not a test;
tests/test_ui_first_start.py holds the 20 s goal in a browser).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchlib import ROOT, add_worktree, free_port, load_average, remove_worktree

QUESTION = "What hidden costs should we budget for beyond the CDMO's quote?"  # the UI's first question: a single one
TARGET_S = 20
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


CODE: Path | None = None  # --now: the src folder of a committed revision's worktree


def _env(data_dir: Path, cache: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RFP_")}
    if CODE is not None:
        env["PYTHONPATH"] = str(CODE)
    return dict(env, RFP_DATA_DIR=str(data_dir), RFP_CACHE_DIR=str(cache))


def prepare_time(cache: Path, root: Path) -> float:
    """Seconds `rfp-assistant prepare` takes to fill an empty machine cache (the install step)."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "rfp_assistant", "prepare"], env=_env(root / "prepare-data", cache),
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def ui_first_answer(data_dir: Path, cache: Path, timeout_s: float) -> dict[str, float]:
    """Seconds from starting `rfp-assistant ui` to its page serving and to the first answer shown in the browser."""
    from playwright.sync_api import expect, sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    log = open(data_dir.parent / f"{data_dir.name}-ui.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "rfp_assistant", "ui", "--port", str(port)],
                               env=_env(data_dir, cache), stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        while True:
            if process.poll() is not None:
                log.close()
                raise SystemExit(f"rfp-assistant ui exited with {process.returncode}:\n"
                                 + (data_dir.parent / f"{data_dir.name}-ui.log").read_text()[-2000:])
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        serving = time.monotonic() - started
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(url)
                page.get_by_role("tab", name="Ask").click()
                question = page.locator("#question textarea")
                question.fill(QUESTION)
                question.press("Enter")
                expect(page.locator("#answer")).to_contain_text("Answered offline", timeout=timeout_s * 1000)
                answered = time.monotonic() - started
                found = "Sources" in page.locator("#citations").inner_text()
            finally:
                browser.close()
    finally:
        process.terminate()
        process.wait(timeout=60)
    return {"serving": serving, "answer": answered, "found": float(found)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the prepared state (skip the old cold start)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait for one answer (default 1800)")
    parser.add_argument("--prepared-cache", type=Path,
                        help="a machine cache `rfp-assistant prepare` filled earlier (skips its minutes of building)")
    parser.add_argument("--now", default="", help="git revision to run (a worktree) instead of this working tree")
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        raise SystemExit("Chromium is missing: `make test` installs it (apt-get install chromium).")
    print(f"load average {load_average()} (1/5/15 min) on {os.cpu_count()} CPUs at start", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if args.now:  # a committed revision, not a working tree others may be editing while this runs
            global CODE
            CODE = add_worktree(args.now, root / "now")
        try:
            cache = root / "cache-prepared"
            if args.prepared_cache:  # a cache `prepare` filled earlier: this run only checks it (seconds)
                shutil.copytree(args.prepared_cache, cache, ignore=shutil.ignore_patterns("*.lock"))
            prepared = prepare_time(cache, root)
            what = "checking the given cache" if args.prepared_cache else "into an empty machine cache"
            print(f"rfp-assistant prepare (install step) {what}: {prepared:.0f} s", flush=True)
            times = ui_first_answer(root / "data-prepared", cache, args.timeout)
            note = f"prepare {'re-check' if args.prepared_cache else 'from empty'} {prepared:.0f} s at install"
            rows.append(("prepared (now: `make ui` ran prepare)", times, note))
            if not args.quick:
                empty = root / "cache-cold"
                empty.mkdir()
                times = ui_first_answer(root / "data-cold", empty, args.timeout)
                rows.append(("cold (before: nothing prepared)", times, "table + vectors built at first start"))
        finally:  # also when a run fails: no worktree is left registered
            if args.now:
                remove_worktree(root / "now")
    print(f"\nFresh data folder -> first answer in the UI (target <= {TARGET_S} s); "
          f"load average now {load_average()}")
    print(f"{'machine cache':40} {'serving':>9} {'first answer':>13} {'found':>6}  note")
    for label, t, note in rows:
        print(f"{label:40} {t['serving']:8.1f}s {t['answer']:12.1f}s {str(bool(t['found'])):>6}  {note}")
    if len(rows) == 2:
        print(f"ratio cold / prepared: {rows[1][1]['answer'] / rows[0][1]['answer']:.1f}x")


if __name__ == "__main__":
    main()
