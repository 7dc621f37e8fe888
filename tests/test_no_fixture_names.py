"""No rule in the product names an eval fixture's company: the rules must hold on proposals nobody here wrote.

The names come from eval/ itself: the gold cdmo_name of every extraction fixture (generated and blind), every
company with a legal form named in those proposals (vendors, sponsors, partners), and the company folders of the
readiness fixtures; and the proper names inside the readiness documents and gold, the drafting briefs' gold and the
Q&A fixtures - companies, people and product codes. A hit names the file and line in src/, knowledge/ or prompts/,
never a held-out fixture.
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


# A capitalised word of a name ("Okafor-Lind", "O'Brien"), and a run of two or more of them ("Tomasz Wierzbicki").
_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’-][A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)*"
_RUN = re.compile(rf"(?<![\w-]){_WORD}(?:[ \t]+{_WORD})+(?![\w-])")
_PERSON = re.compile(rf"(?:(?:Dr|Prof)\.?\s+)?({_WORD}(?:[ \t]+{_WORD}){{1,2}})")
# A product or document code: capitals, a dash, a tail with a digit ("ORW-118", "FCI-3B07", "KMB-A12").
_CODE = re.compile(r"(?<![\w-])[A-Z]{2,5}-(?=[A-Z]{0,2}\d)[A-Z0-9]{2,6}(?![\w-])")
# Numbered records of a function (SOP QA-014, action TT-03, requisition VB-031) are numbering, not a name.
_RECORD_PREFIXES = {"CMC", "CR", "DR", "ENG", "FIN", "GMP", "LEG", "OP", "OPS", "PDR", "QA", "QM", "QMH", "REG",
                    "RG", "SC", "SOP", "TEC", "TT", "TTP", "VB"}
# Real public names that fixtures mention as anyone would: cell lines (CHO-K1, HEK-293), cytokines (IL-33) and the
# licensed LNP lipids (SM-102, ALC-0315). A rule may name them; they are nobody's invention.
_PUBLIC_CODE = re.compile(r"^(?:CHO-K1|CHO-DG44|HEK-293T?|IL-\d+[A-Z]*|SM-102|ALC-0315)$")
# Capitalised words of the fixtures that are not invented names; common English words never need listing here.
_NOT_NAMES = set("""
analytischer chemie chimica cellulaires interne kommunikation leitung lenkungskreis methodentransfer protokoll
reisekosten risikoregister vorsitz warum importprüfung nächster qualitätssicherung verträge
biobank celsius delegated falsified formulations immunology impactor nucleic pharmatech therapies translational
cascadia leuven marrakesh ostrava recife szeged
""".split())
"""German and French headings of the foreign-language documents; trade words the tokenizer does not know whole; places
the city list lacks."""
# Real public names a rule may need, as anyone in the trade would write them: organisms and expression hosts, viruses,
# eponyms, the marketed reference products that biosimilar briefs name, and the document systems companies use.
# Listed so a rule can recognise them.
_PUBLIC = {"escherichia", "komagataella", "pichia", "vaccinia", "oropouche", "sanfilippo", "maillard", "alhydrogel",
           "entyvio", "keytruda", "prolia", "xolair", "veeva"}


@lru_cache(maxsize=1)
def _readiness_texts() -> tuple[str, ...]:
    """The text of every readiness fixture document (companies and blind), one string per page."""
    texts = []
    for folder in [*(EVAL_DIR / "readiness" / "companies").glob("*"), *(EVAL_DIR / "readiness" / "blind").glob("*")]:
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.suffix not in (".yaml", ".yml"):
                texts += [page.text for page in load_document(path, max_bytes=50_000_000).pages]
    return tuple(texts)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words that are not names: the local model's whole-word vocabulary (English words, common first names and
    surnames) and every word the fixtures write in lower case somewhere (trade terms, foreign words)."""
    from rfp_assistant.core.embeddings.minilm import load_tokenizer

    briefs = [p.read_text(errors="replace") for p in (EVAL_DIR / "drafting").rglob("*")
              if p.is_file() and p.suffix in (".txt", ".md")]
    lower = {w for text in [*_readiness_texts(), *briefs] for w in re.findall(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", text)}
    vocabulary = {w for w in load_tokenizer().get_vocab() if w.isalpha()}
    return frozenset(lower | vocabulary | _GENERIC | _NOT_NAMES | _PUBLIC)


def _uncommon(word: str) -> bool:
    w = word.lower()
    stems = {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith(("es", "ed")) else w}
    return len(w) >= 5 and not stems & _common_words()


def _proper_names(text: str) -> set[str]:
    """The uncommon words of capitalised runs (surnames, company stems) and the product codes in `text`."""
    words = {part for run in _RUN.findall(text) for part in re.split(r"[\s'’-]+", run) if _uncommon(part)}
    codes = {c for c in _CODE.findall(text) if c.split("-")[0] not in _RECORD_PREFIXES and not _PUBLIC_CODE.match(c)}
    return {w for w in words if not _places().fullmatch(w)} | codes


def _roster_people(text: str) -> set[str]:
    """Full names in a roster: "Name: Tomas Reyes" cells, and the Name (or Person) column of a table."""
    people = {m.group(1) for m in re.finditer(rf"\bName:\s*({_PERSON.pattern})", text)}
    column = None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else []
        if not cells:
            column = None
        elif column is None:
            column = next((i for i, c in enumerate(cells) if c.lower() in ("name", "person")), None)
        elif column < len(cells) and (m := _PERSON.fullmatch(cells[column])):
            people.add(m.group(1))
    return {p for p in people if not set(p.lower().split()) & (_GENERIC | _NOT_NAMES) and not _places().search(p)}


@lru_cache(maxsize=1)
def fixture_proper_names() -> frozenset[str]:
    """Companies, people and product codes of the readiness documents and gold, the drafting briefs' gold and the
    Q&A fixtures: what a rule written from those fixtures would name."""
    names: set[str] = set()
    for page in _readiness_texts():
        names |= _proper_names(page) | _roster_people(page)
    for gold in [*(EVAL_DIR / "readiness" / "companies").glob("*/gold.yaml"),
                 *(EVAL_DIR / "readiness" / "blind").glob("*/gold.yaml")]:
        data = yaml.safe_load(gold.read_text())
        program = data.get("program") or ""  # a code, sometimes with what it is: "LNT-01 (LV-PKX2 lentiviral vector)"
        names |= {n for n in [_distinctive(data.get("company") or ""), *(_CODE.findall(program) or [program])] if n}
    for gold in [*(EVAL_DIR / "drafting" / "blind").glob("*.gold.yaml"),
                 *(EVAL_DIR / "drafting" / "briefs").glob("*.gold.yaml")]:
        for fact in yaml.safe_load(gold.read_text()).get("facts", []):
            if fact.get("field") in ("company_name", "product_name") and fact.get("value"):
                names.add(_distinctive(fact["value"]) if fact["field"] == "company_name" else fact["value"])
            terms = [t for alternatives in fact.get("key_terms", []) for t in alternatives]
            names |= _proper_names(" ".join([fact.get("fact", ""), *terms]))
            names |= {t for t in terms if re.fullmatch(_WORD, t) and _uncommon(t) and not _places().fullmatch(t)}
    for entry in yaml.safe_load((EVAL_DIR / "qa" / "companies.yaml").read_text()):
        said = [entry.get("question", ""), *entry.get("expect_any", [])]
        names |= _proper_names(" ".join(said))
        names |= {p for p in said[1:] if re.fullmatch(rf"{_WORD}(?: {_WORD}){{1,2}}", p)
                  and all(_uncommon(w) or w.lower() not in _GENERIC | _NOT_NAMES for w in p.split())}
    return frozenset(n for n in names if n)


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
    # Single letters are the pieces of a legal form ("S.r.l.", "S.A."), never the company's own name.
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", name) if w.lower().strip("'’-") not in _GENERIC and len(w) > 1]
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


def test_no_product_file_names_a_person_company_or_product_code_of_the_fixtures():
    names = fixture_proper_names()
    assert len(names) >= 300  # people, companies and codes of 23 companies, 99 briefs and the Q&A fixtures
    assert named_in_code(names) == []


def test_the_proper_names_are_names_not_words():
    names = fixture_proper_names()
    # People (a roster's surname, a full name of common words), companies, product codes of each kind of fixture.
    assert {"Wierzbicki", "Tomas Reyes", "Orrinwood", "ORW-118", "Penhallow", "PNH-2210", "Mira Sand"} <= names
    # Never trade words, functions, headings, cities, numbered records or public cell lines.
    assert not names & {"Therapeutics", "Biosciences", "Supply Chain", "Quality Assurance", "Lyophilization",
                        "Mississauga", "Toronto", "QA-014", "TT-03", "CHO-K1", "IL-33", "Risikoregister"}
    assert all(len(n) >= 4 for n in names)


def test_the_check_finds_a_planted_name(tmp_path, monkeypatch):
    names = fixture_company_names()
    planted = sorted(names)[0]
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "terms.yaml").write_text(f"distractors: ['{planted.lower()} budget']\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert named_in_code(names) == [f"knowledge/terms.yaml:1: {planted.lower()}"]


def test_the_check_finds_a_planted_person_and_product_code(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "rule.py").write_text("# e.g. 'PM: Tomasz Wierzbicki'\nOWN = 'ORW-118'\nSITE = 'Toronto'\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert named_in_code(fixture_proper_names()) == ["src/rule.py:1: Tomasz Wierzbicki", "src/rule.py:2: ORW-118"]
