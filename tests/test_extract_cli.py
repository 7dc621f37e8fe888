"""`rfp-assistant extract --json`: the DESIGN.md section 4 contract, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rfp_assistant.core.documents import load_document
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.schemas.proposal import field_keys

FIXTURES = Path(__file__).resolve().parents[1] / "eval" / "extraction" / "proposals"


def run(args, env):
    return subprocess.run([sys.executable, "-m", "rfp_assistant", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def test_extract_json_contract_with_a_bad_file_in_the_batch(tmp_path, cli_env):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    files = [FIXTURES / "01_northfield_formal_letter.pdf", broken, FIXTURES / "06_arbor_cgt_aav.pdf"]
    result = run(["extract", *map(str, files), "--json"], cli_env)
    assert result.returncode == 1, result.stderr
    objects = json.loads(result.stdout)
    assert [o["source"] for o in objects] == ["01_northfield_formal_letter.pdf", "broken.pdf", "06_arbor_cgt_aav.pdf"]
    assert objects[1]["error"] and "damaged" in objects[1]["error"]
    for obj, path in ((objects[0], files[0]), (objects[2], files[2])):
        assert obj["error"] is None and obj["mode"] == "offline" and obj["pages"] >= 1
        assert list(obj["fields"]) == field_keys()
        document = load_document(path, max_bytes=50_000_000)
        for key, field in obj["fields"].items():
            assert set(field) == {"value", "status", "evidence", "confidence"}
            if field["status"] == "stated":
                assert field["evidence"], key
                for evidence in field["evidence"]:
                    assert quote_in_text(evidence["quote"], document.page_text(evidence["page"])), (key, evidence)
            if field["status"] == "not_stated":
                assert field["value"] is None and field["evidence"] == []
    northfield = objects[0]["fields"]
    assert northfield["total_price"]["value"] == {"amount": 4850000.0, "currency": "USD"}
    assert northfield["lyophilization"]["value"] is True  # offered, though excluded from this scope
    assert northfield["max_bioreactor_volume_l"]["value"] == 5000.0  # largest vessel, not the 2,000 L program scale
    arbor = objects[2]["fields"]
    assert arbor["max_bioreactor_volume_l"]["status"] == "not_stated"  # fixed-bed reactors sized in m², no liters
    assert arbor["warning_letters_5y"]["value"] == 0  # "never received an FDA warning letter"


def test_compare_writes_every_export_format_and_reweights(tmp_path, cli_env):
    files = [str(FIXTURES / n) for n in ("01_northfield_formal_letter.pdf", "03_meridian_questionnaire.pdf",
                                         "08_rheinland_eu_eur.pdf")]
    markdown = run(["compare", *files], cli_env)
    assert markdown.returncode == 0, markdown.stderr
    assert "Northfield Biologics" in markdown.stdout and "Rheinland" in markdown.stdout
    assert "EUR 3,200,000" in markdown.stdout
    for suffix in ("xlsx", "csv", "json"):
        out = tmp_path / f"cmp.{suffix}"
        result = run(["compare", *files, "-o", str(out)], cli_env)
        assert result.returncode == 0 and out.stat().st_size > 0, result.stderr
    data = json.loads((tmp_path / "cmp.json").read_text())
    totals = {v["name"]: v for v in data["scores"]} if isinstance(data.get("scores"), list) else {}
    assert totals, data.keys()
    weights = tmp_path / "w.yaml"
    weights.write_text("timeline: 60\ncost: 5\n")
    reweighted = run(["compare", *files, "--weights", str(weights), "-o", str(tmp_path / "w.json")], cli_env)
    assert reweighted.returncode == 0, reweighted.stderr
    assert json.loads((tmp_path / "w.json").read_text())["scores"] != data["scores"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("speedy: 10\n")
    failed = run(["compare", *files, "--weights", str(bad)], cli_env)
    assert failed.returncode == 2 and "speedy" in failed.stderr and "Traceback" not in failed.stderr
