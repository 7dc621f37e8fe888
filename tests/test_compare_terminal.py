"""`rfp-assistant compare` on a terminal: a table that fits the width; `--format md` for the whole Markdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "eval" / "extraction" / "proposals"
PROPOSALS = [str(FIXTURES / n) for n in ("01_northfield_formal_letter.pdf", "03_meridian_questionnaire.pdf",
                                         "08_rheinland_eu_eur.pdf", "09_tidewater_conflicting.pdf")]


def run(args, env):
    return subprocess.run([sys.executable, "-m", "rfp_assistant", *args], env=env, capture_output=True,
                          encoding="utf-8", timeout=300)


@pytest.mark.parametrize("columns", [100, 60])
def test_the_terminal_table_fits_the_width(cli_env, columns):
    result = run(["compare", *PROPOSALS], dict(cli_env, COLUMNS=str(columns)))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns, max(lines, key=len)
    text = result.stdout
    for name in ("Northfield Biologics", "Meridian Bioprocess", "Rheinland BioPharma"):
        assert name in text
    assert "USD 4,850,000" in text and "EUR 3,200,000" in text  # values whole, not broken across lines
    assert "conflicting" in text and "Notes" in text  # Tidewater's two values are spelled out below the table
    assert "| Field |" not in text and "**" not in text  # no raw Markdown


def test_format_md_prints_the_whole_markdown_report(cli_env):
    result = run(["compare", *PROPOSALS, "--format", "md"], dict(cli_env, COLUMNS="100"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# CDMO proposal comparison")
    assert "## Clarification questions" in result.stdout
    assert any(line.startswith("| Field |") and len(line) > 100 for line in result.stdout.splitlines())
    wrong = run(["compare", *PROPOSALS[:1], "--format", "html"], cli_env)
    assert wrong.returncode == 2 and "use 'table' or 'md'" in wrong.stderr
