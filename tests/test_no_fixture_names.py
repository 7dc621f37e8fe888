"""No rule in the product names an eval fixture's company: the rules must hold on proposals nobody here wrote.

The names come from eval/ itself: the gold cdmo_name of every extraction fixture (generated and blind), every
company with a legal form named in those proposals (vendors, sponsors, partners), and the company folders of the
readiness fixtures. A hit names the file and line in src/, knowledge/ or prompts/, never a held-out fixture.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from rfp_assistant.core.documents import load_document
from rfp_assistant.resources import EVAL_DIR, KNOWLEDGE_DIR

ROOT = EVAL_DIR.parent
PRODUCT_DIRS = ("src", "knowledge", "prompts")
_SUFFIX = (r"(?:Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|S\.A|SA|SE|B\.V|BV|N\.V|NV|plc|PLC|Corp|Corporation|K\.K|Co|"
           r"S\.p\.A|Pty|Pte|Pvt|KG|SAS|S\.r\.l|AB|A/S|Oy)")
_COMPANY = re.compile(rf"\b((?:[A-Z][\w&'’-]*)(?:[ \t]+(?:[A-Z][\w&'’-]*|&|de|of|and)){{0,4}}),?[ \t]+{_SUFFIX}\.?(?!\w)")
# Words any company may carry; what is left of a name after them is its own (the part a rule must not name).
_GENERIC = set("""
bio biologics biologicals biological bioworks biomanufacturing bioprocess bioprocessing biopharma biopharmaceuticals
bioservices biosciences bioscience biotech biotechnology biotherapeutics biosolutions pharma pharmaceutical
pharmaceuticals pharmaceutique therapeutics therapy therapies gene cell cells rna dna peptides peptide conjugates
manufacturing services service sciences science labs laboratories laboratory research medicines medical health
healthcare oncology vaccines vaccine holdings group international global partners solutions technologies
technology company and the of de la cdmo contract development inc llc ltd limited gmbh ag sa se bv nv plc corp
corporation co pte pvt kg sas srl ab oy pty spa us usa uk eu north south east west new
""".split())


@lru_cache(maxsize=1)
def fixture_company_names() -> frozenset[str]:
    """The distinctive part of every company name found in eval/ (e.g. 'Granite Peak' of 'Granite Peak Bio, Inc.')."""
    names: set[str] = set()
    extraction = EVAL_DIR / "extraction"
    for gold in [*(extraction / "gold").glob("*.json"), *(extraction / "blind" / "gold").glob("*.json")]:
        value = json.loads(gold.read_text())["fields"]["cdmo_name"].get("value")
        if value:
            names.add(value)
    for pdf in [*(extraction / "proposals").glob("*.pdf"), *(extraction / "blind" / "proposals").glob("*.pdf")]:
        for page in load_document(pdf, max_bytes=50_000_000).pages:
            names.update(m.group(0) for m in _COMPANY.finditer(page.text))
    for folder in [*(EVAL_DIR / "readiness" / "companies").glob("*"), *(EVAL_DIR / "readiness" / "blind").glob("*")]:
        if folder.is_dir():
            names.add(re.sub(r"^rd\d+-", "", folder.name).replace("-", " "))
    return frozenset(filter(None, (_distinctive(name) for name in names)))


def _distinctive(name: str) -> str | None:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", name) if w.lower().strip("'’-") not in _GENERIC]
    phrase = " ".join(words)
    return phrase if len(phrase) >= 4 else None


@lru_cache(maxsize=1)
def _places() -> re.Pattern:
    """Known city names: a company named after its town ("Ann Arbor", "Ringaskiddy") is not named by a city list."""
    data = yaml.safe_load((KNOWLEDGE_DIR / "manufacturing_cities.yaml").read_text())
    cities = sorted({city for group in data.values() for city in group}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cities)) + r")(?!\w)")


def named_in_code(names: frozenset[str]) -> list[str]:
    """'path:line: name' for every product file line that names one of `names` (whole words, any case)."""
    if not names:
        return []
    alternation = "|".join(r"\W+".join(map(re.escape, n.split())) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])", re.I)
    hits = []
    for folder in PRODUCT_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or path.suffix not in (".py", ".yaml", ".yml", ".jinja", ".md", ".txt", ".json"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                for m in pattern.finditer(_places().sub(" ", line)):
                    hits.append(f"{path.relative_to(ROOT)}:{number}: {m.group(0)}")
    return hits


def test_no_product_rule_names_a_fixture_company():
    names = fixture_company_names()
    assert len(names) >= 30  # vendors, sponsors and readiness companies were all found
    assert named_in_code(names) == []


def test_the_check_finds_a_planted_name(tmp_path, monkeypatch):
    names = fixture_company_names()
    planted = sorted(names)[0]
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "terms.yaml").write_text(f"distractors: ['{planted.lower()} budget']\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert named_in_code(names) == [f"knowledge/terms.yaml:1: {planted.lower()}"]
