#!/usr/bin/env python3
"""Structural checker for the drafting fixtures and the knowledge files they rely on.

Checks
  * knowledge/rfp_sections.yaml: the 13 section ids in contract order, required
    keys, ProjectBrief field names, 2-4 queries, comparison-schema keys.
  * knowledge/scorecard.yaml: weights sum to 100, fields are comparison-schema
    keys of the right type, `scoring` is well formed and agrees with `rule`
    (every threshold and enum label of `scoring` appears in `rule`), and a
    reference scorer gives 100 to an ideal proposal and 0 to a silent one.
  * eval/drafting/briefs/: every brief has a gold file; gold fields and gaps are
    ProjectBrief names; values are normalized; every expect_any string, or its
    numbers, is derivable from the brief; no must_not_invent string occurs in
    the brief, nor in the catalog, the scorecard or the comparison-schema table
    (text a draft may legitimately reproduce); the set covers the modalities.
  * no run of 8 words from the published guide is copied into these files.

Usage: python eval/drafting/check_briefs.py [--root REPO] [--verbose]
Exit status 0 when every check passes, 1 otherwise. Needs only PyYAML.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

# ---------------------------------------------------------------------------
# Contracts (DESIGN.md sections 4 and 6, and the ProjectBrief field names)
# ---------------------------------------------------------------------------

SECTION_IDS = [
    "overview", "scope_of_work", "technical_requirements", "quality_regulatory",
    "timeline", "deliverables", "logistics", "commercial_terms", "risk_management",
    "evaluation_criteria", "submission_instructions", "confidentiality", "response_form",
]

BRIEF_FIELDS = [
    "title", "modality", "phase", "expression_system", "services", "scale_l", "batches",
    "dosage_form", "special_capabilities", "markets", "regulatory_frameworks", "timeline",
    "budget", "location_preference", "governance_style", "evaluation_priorities",
    "company_name", "product_name",
]
LIST_FIELDS = {"services", "special_capabilities", "markets", "regulatory_frameworks",
               "timeline", "evaluation_priorities"}

# comparison schema v1: key -> type (DESIGN.md section 4), in table order
SCHEMA = {
    "cdmo_name": "string", "sites": "list", "proposal_date": "date",
    "proposal_validity_days": "int", "modalities": "list", "services_included": "list",
    "assumptions": "list", "max_bioreactor_volume_l": "number", "bioreactor_type": "enum",
    "aseptic_fill_finish": "bool", "lyophilization": "bool", "high_containment": "bool",
    "first_available_gmp_slot": "date", "tech_transfer_weeks": "number",
    "process_development_weeks": "number", "weeks_to_first_gmp_batch": "number",
    "pricing_model": "enum", "total_price": "money", "gmp_batch_price": "money",
    "tech_transfer_fee": "money", "raw_material_markup_pct": "number",
    "payment_terms": "string", "cancellation_terms": "string",
    "last_fda_inspection_date": "date", "last_fda_inspection_outcome": "enum",
    "fda_483_observations": "int", "warning_letters_5y": "int",
    "regulatory_approvals": "list", "commercial_products_count": "int",
    "dedicated_project_manager": "bool", "reporting_cadence": "enum",
    "electronic_batch_records": "bool", "dual_sourcing_critical_materials": "bool",
    "similar_programs_count": "int",
}
ENUM_VALUES = {
    "bioreactor_type": {"single_use", "stainless_steel", "both"},
    "pricing_model": {"fixed_price", "fee_for_service", "fte_based", "hybrid"},
    "last_fda_inspection_outcome": {"NAI", "VAI", "OAI"},
    "reporting_cadence": {"weekly", "biweekly", "monthly"},
}
MODALITIES = ["monoclonal_antibody", "recombinant_protein", "antibody_drug_conjugate",
              "vaccine", "mrna", "cell_therapy", "gene_therapy", "peptide",
              "oligonucleotide", "small_molecule"]
SERVICES = ["cell_line_development", "process_development", "analytical_development",
            "tech_transfer", "clinical_manufacturing", "commercial_manufacturing",
            "fill_finish", "lyophilization", "qc_release", "stability", "regulatory_support"]
PHASES = {"Preclinical", "Phase 1", "Phase 2", "Phase 3", "Commercial"}
REQUIRED_CRITERIA_TOPICS = {  # topic -> substrings one of which a criterion id must contain
    "cost": ("cost", "price"), "timeline": ("timeline", "speed"),
    "technical fit/capacity": ("technical", "capacity"), "quality & regulatory": ("quality",),
    "experience": ("experience",), "project management": ("project", "communication"),
    "supply robustness": ("supply",),
}
# modalities the brief set must cover (brief gold modality value, or a marker string)
COVERAGE = {
    "mAb": lambda g, t: _fact(g, "modality") == "monoclonal_antibody" and "bispecific" not in t.lower(),
    "bispecific": lambda g, t: "bispecific" in t.lower(),
    "ADC": lambda g, t: _fact(g, "modality") == "antibody_drug_conjugate",
    "AAV gene therapy": lambda g, t: _fact(g, "modality") == "gene_therapy" and "aav" in t.lower(),
    "CAR-T": lambda g, t: _fact(g, "modality") == "cell_therapy" and "car-t" in t.lower(),
    "mRNA vaccine": lambda g, t: _fact(g, "modality") == "mrna" and "vaccine" in t.lower(),
    "peptide": lambda g, t: _fact(g, "modality") == "peptide",
    "oligonucleotide": lambda g, t: _fact(g, "modality") == "oligonucleotide",
    "small molecule": lambda g, t: _fact(g, "modality") == "small_molecule",
    "recombinant protein/enzyme": lambda g, t: _fact(g, "modality") == "recombinant_protein",
}


def _fact(gold: dict, field: str):
    for f in gold.get("facts") or []:
        if f.get("field") == field:
            return f.get("value")
    return None


# ---------------------------------------------------------------------------
# Text normalization and matching (the same rules the drafting eval uses)
# ---------------------------------------------------------------------------

def norm(text: str, lower: bool = True) -> str:
    t = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00d7", "x")
    t = t.replace("\u2019", "'").replace("\u00a0", " ")
    t = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", t)      # 2,000 -> 2000
    t = re.sub(r"[-/_]", " ", t)                        # fill/finish, fill-finish -> fill finish
    t = re.sub(r"\s+", " ", t).strip()
    return t.lower() if lower else t


def is_short_caps(s: str) -> bool:
    """Acronyms like US, EU, CHO, DP match case-sensitively (so 'us' never matches 'US')."""
    return len(s) <= 4 and s.isalpha() and s.isupper()


def contains(haystack: str, needle: str) -> bool:
    """Needle occurs in haystack after normalization, on word boundaries."""
    sc = is_short_caps(needle)
    h, n = norm(haystack, lower=not sc), norm(needle, lower=not sc)
    if not n:
        return False
    pre = r"(?<![A-Za-z0-9])" if n[0].isalnum() else ""
    post = r"(?![A-Za-z0-9])" if n[-1].isalnum() else ""
    return re.search(pre + re.escape(n) + post, h) is not None


WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_NUM = re.compile(r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?")


def numbers(text: str, keep_raw: bool) -> set[float]:
    """Numbers in text. '2kL' -> 2000, '~$6M' -> 6e6, '€4.5m' -> 4.5e6, "Q1'28" -> 1, 2028.

    keep_raw also keeps the unscaled number (for the brief side: '2kL' gives 2 and 2000).
    """
    out: set[float] = set()
    t = text.replace("\u2019", "'")
    for m in _NUM.finditer(t):
        raw = float(m.group(0).replace(",", ""))
        rest = t[m.end(): m.end() + 12]
        mult = 1.0
        if re.match(r"\s*(?:million|mn)\b", rest, re.I) or re.match(r"[mM](?![A-Za-z])", rest):
            mult = 1e6
        elif re.match(r"\s*(?:billion|bn)\b", rest, re.I) or re.match(r"[bB](?![A-Za-z])", rest):
            mult = 1e9
        elif re.match(r"\s*thousand\b", rest, re.I) or re.match(r"[kK](?=L\b|[^A-Za-z]|$)", rest):
            mult = 1e3
        out.add(raw * mult)
        if keep_raw:
            out.add(raw)
    for m in re.finditer(r"'(\d{2})(?!\d)", t):        # Q1'28 -> 2028
        out.add(2000.0 + int(m.group(1)))
    for w, v in WORD_NUMBERS.items():
        if re.search(rf"\b{w}\b", t, re.I):
            out.add(float(v))
    return out


# Abbreviations program leads use, and the spelled-out forms a draft may use.
# Each rule is applied to a copy of the brief, so phrases stay intact
# ("commercial DS supply" -> "commercial drug substance supply").
ALIASES: list[tuple[str, int, list[str]]] = [
    (r"\b(?:ph\.?|phase)\s*(?:1|i)\b", re.I, ["Phase 1", "Phase I"]),
    (r"\b(?:ph\.?|phase)\s*(?:2|ii)\b", re.I, ["Phase 2", "Phase II"]),
    (r"\b(?:ph\.?|phase)\s*(?:3|iii)\b", re.I, ["Phase 3", "Phase III"]),
    (r"\bmAbs?\b", 0, ["monoclonal antibody"]),
    (r"\blyo\b", re.I, ["lyophilized", "lyophilised"]),
    (r"\blyophilized\b", re.I, ["lyophilised"]),
    (r"\bDS\b", 0, ["drug substance"]),
    (r"\bDP\b", 0, ["drug product"]),
    (r"\bAPI\b", 0, ["active pharmaceutical ingredient"]),
    (r"\bHPAPI\b", 0, ["highly potent API", "highly potent"]),
    (r"\bFIH\b", 0, ["first-in-human"]),
    (r"\bUS\b", 0, ["United States", "U.S."]),
    (r"\bEU\b", 0, ["European Union", "Europe"]),
    (r"\bEurope\b", 0, ["EU", "European"]),
    (r"\bUK\b", 0, ["United Kingdom"]),
    (r"\bJP\b", 0, ["Japan"]),
    (r"\bADC\b", 0, ["antibody-drug conjugate"]),
    (r"\bASO\b", 0, ["antisense oligonucleotide"]),
    (r"\bERT\b", 0, ["enzyme replacement therapy"]),
    (r"\bTT\b", 0, ["tech transfer", "technology transfer"]),
    (r"\btech transfer\b", re.I, ["technology transfer"]),
    (r"\bPD\b", 0, ["process development"]),
    (r"\bPM\b", 0, ["project manager"]),
    (r"\bQC\b", 0, ["quality control"]),
    (r"\bPPQ\b", 0, ["process performance qualification"]),
    (r"\beng run\b", re.I, ["engineering run"]),
    (r"\bfill[/-]finish\b", re.I, ["fill and finish"]),
    (r"\bNorth American\b", 0, ["North America"]),
]


def derived_texts(brief: str) -> list[str]:
    texts = [brief]
    for pattern, flags, expansions in ALIASES:
        if re.search(pattern, brief, flags):
            for exp in expansions:
                texts.append(re.sub(pattern, exp, brief, flags=flags))
    return texts


def derivable(s: str, texts: list[str], brief_numbers: set[float]) -> bool:
    if any(contains(t, s) for t in texts):
        return True
    nums = numbers(s, keep_raw=False)
    return bool(nums) and all(any(abs(n - b) < 1e-9 for b in brief_numbers) for n in nums)


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.notes: list[str] = []
        self.passed: list[str] = []

    def check(self, ok: bool, what: str) -> bool:
        (self.passed if ok else self.errors).append(what)
        return ok

    def error(self, msg: str) -> None:
        self.errors.append(msg)

    def note(self, msg: str) -> None:
        self.notes.append(msg)


def load_yaml(path: Path, rep: Report):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except Exception as exc:  # noqa: BLE001 - report any parse failure with its file
        rep.error(f"{path}: cannot parse YAML: {exc}")
        return None


def design_schema_keys(design: Path) -> list[tuple[str, str]] | None:
    if not design.is_file():
        return None
    text = design.read_text(encoding="utf-8")
    m = re.search(r"^## 4\..*?(?=^## 5\.)", text, re.S | re.M)
    if not m:
        return None
    rows = re.findall(r"^\| ([a-z0-9_]+) \| ([a-z]+)", m.group(0), re.M)
    return [(k, t) for k, t in rows if k != "key"]


def design_section4_text(design: Path) -> str:
    if not design.is_file():
        return ""
    m = re.search(r"^## 4\..*?(?=^## 5\.)", design.read_text(encoding="utf-8"), re.S | re.M)
    return m.group(0) if m else ""


def check_catalog(path: Path, rep: Report) -> str:
    data = load_yaml(path, rep)
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        rep.error(f"{path}: expected a mapping with a 'sections' list")
        return ""
    secs = data["sections"]
    ids = [s.get("id") for s in secs if isinstance(s, dict)]
    rep.check(ids == SECTION_IDS, f"catalog: 13 section ids in contract order (got {ids})")
    texts: list[str] = []
    narrative_keys: set[str] = set()
    for s in secs:
        sid = s.get("id")
        for key in ("title", "purpose"):
            if not isinstance(s.get(key), str) or not s[key].strip():
                rep.error(f"catalog {sid}: '{key}' must be a non-empty string")
        for key in ("brief_fields", "must_ask", "queries", "guidance"):
            v = s.get(key)
            if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
                rep.error(f"catalog {sid}: '{key}' must be a non-empty list of strings")
        bad = [f for f in s.get("brief_fields") or [] if f not in BRIEF_FIELDS]
        if bad:
            rep.error(f"catalog {sid}: unknown ProjectBrief fields {bad}")
        nq = len(s.get("queries") or [])
        if not 2 <= nq <= 4:
            rep.error(f"catalog {sid}: {nq} queries, expected 2-4")
        sk = s.get("schema_keys", [])
        bad = [k for k in sk or [] if k not in SCHEMA]
        if bad:
            rep.error(f"catalog {sid}: unknown comparison-schema keys {bad}")
        if sid != "response_form":
            narrative_keys.update(sk or [])
        texts += [s.get("title", ""), s.get("purpose", "")]
        texts += list(s.get("must_ask") or []) + list(s.get("guidance") or [])
    rf = next((s for s in secs if s.get("id") == "response_form"), {})
    rep.check(set(rf.get("schema_keys") or []) == set(SCHEMA),
              "catalog: response_form lists every comparison-schema key")
    missing = [k for k in SCHEMA if k not in narrative_keys]
    rep.check(not missing, f"catalog: every schema key is asked in a narrative section (missing {missing})")
    rep.check(not any(e.startswith("catalog ") for e in rep.errors),
              "catalog: required keys, field names, 2-4 queries per section")
    return "\n".join(texts)


def _rule_objects(scoring) -> list[dict]:
    if isinstance(scoring, dict) and "parts" in scoring:
        return list(scoring["parts"])
    return [scoring]


def score_rule(rule: dict, value, best=None) -> float | None:
    """Reference scorer for one rule object; None means 'leave out of the mean'."""
    typ = rule.get("type", "bands")
    if value is None:
        return float(rule.get("missing", 0))
    if typ == "boolean":
        return float(rule["when_true"] if value else rule["when_false"])
    if typ == "enum":
        return float(rule["map"].get(value, rule.get("other", 0)))
    if typ == "count":
        x = float(len(value))
    elif typ == "relative":
        amount = value["amount"] if isinstance(value, dict) else value
        if best is None or best <= 0:
            return None
        x = float(amount) / float(best)
    else:
        x = float(value)
    bands = rule["bands"]
    scores = rule.get("scores") or [5, 4, 3, 2, 1]
    for b, sc in zip(bands, scores):
        if (rule["direction"] == "lower_better" and x <= b) or (rule["direction"] == "higher_better" and x >= b):
            return float(sc)
    return float(scores[-1])


def score_criterion(crit: dict, proposal: dict, bests: dict) -> float:
    rules = _rule_objects(crit["scoring"])
    total, wsum = 0.0, 0.0
    for r in rules:
        w = float(r.get("weight", 1.0))
        s = score_rule(r, proposal.get(r["field"]), bests.get(r["field"]))
        if s is None:
            continue
        total += w * s
        wsum += w
    return round(total / wsum, 1) if wsum else 0.0


def check_scorecard(path: Path, rep: Report) -> str:
    data = load_yaml(path, rep)
    if not isinstance(data, dict) or not isinstance(data.get("criteria"), list):
        rep.error(f"{path}: expected a mapping with a 'criteria' list")
        return ""
    crits = data["criteria"]
    errs_before = len(rep.errors)
    ids = [c.get("id") for c in crits]
    if len(set(ids)) != len(ids):
        rep.error(f"scorecard: duplicate criterion ids {ids}")
    weights = [c.get("weight") for c in crits]
    rep.check(all(isinstance(w, int) and w > 0 for w in weights) and sum(weights) == 100,
              f"scorecard: weights are positive integers summing to 100 (sum {sum(w for w in weights if isinstance(w, (int, float)))})")
    for topic, subs in REQUIRED_CRITERIA_TOPICS.items():
        if not any(any(sub in (i or "") for sub in subs) for i in ids):
            rep.error(f"scorecard: no criterion covers {topic}")
    texts = []
    for c in crits:
        cid = c.get("id")
        texts += [c.get("title", ""), c.get("rule", "")]
        for key in ("title", "rule"):
            if not isinstance(c.get(key), str) or not c[key].strip():
                rep.error(f"scorecard {cid}: '{key}' must be a non-empty string")
        fields = c.get("fields") or []
        bad = [f for f in fields if f not in SCHEMA]
        if bad:
            rep.error(f"scorecard {cid}: unknown comparison-schema keys {bad}")
        scoring = c.get("scoring")
        if not isinstance(scoring, dict):
            rep.error(f"scorecard {cid}: 'scoring' missing")
            continue
        rules = _rule_objects(scoring)
        if "parts" in scoring:
            if scoring.get("combine") != "weighted_mean":
                rep.error(f"scorecard {cid}: combine must be weighted_mean")
            ws = [r.get("weight") for r in rules]
            if any(not isinstance(w, (int, float)) for w in ws) or abs(sum(ws) - 1.0) > 1e-9:
                rep.error(f"scorecard {cid}: part weights {ws} must sum to 1")
        rule_text = c.get("rule", "")
        rule_nums = numbers(rule_text, keep_raw=True)
        for r in rules:
            f, typ = r.get("field"), r.get("type", "bands")
            if f not in SCHEMA:
                rep.error(f"scorecard {cid}: scoring field {f!r} is not a schema key")
                continue
            if f not in fields:
                rep.error(f"scorecard {cid}: scoring field {f} not listed in fields")
            ftype = SCHEMA[f]
            expected = {"bands": {"number", "int"}, "count": {"list"}, "boolean": {"bool"},
                        "enum": {"enum"}, "relative": {"number", "int", "money"}}.get(typ)
            if expected is None:
                rep.error(f"scorecard {cid}: unknown rule type {typ!r}")
                continue
            if ftype not in expected:
                rep.error(f"scorecard {cid}: type {typ} cannot score {f} ({ftype})")
            if typ in ("bands", "count", "relative"):
                bands, direction = r.get("bands"), r.get("direction")
                scores = r.get("scores") or [5, 4, 3, 2, 1]
                if direction not in ("lower_better", "higher_better"):
                    rep.error(f"scorecard {cid}: direction of {f} must be lower_better or higher_better")
                    continue
                if not isinstance(bands, list) or not bands or not all(isinstance(b, (int, float)) for b in bands):
                    rep.error(f"scorecard {cid}: bands of {f} must be a list of numbers")
                    continue
                order = sorted(bands) if direction == "lower_better" else sorted(bands, reverse=True)
                if bands != order or len(set(bands)) != len(bands):
                    rep.error(f"scorecard {cid}: bands of {f} must be strictly monotonic for {direction}")
                if len(scores) != len(bands) + 1 or scores != sorted(scores, reverse=True):
                    rep.error(f"scorecard {cid}: scores of {f} must be len(bands)+1, non-increasing")
                if max(scores) != 5 or min(scores) < 0:
                    rep.error(f"scorecard {cid}: scores of {f} must top at 5 and stay >= 0")
                missing = [b for b in bands if not any(abs(b - n) < 1e-9 for n in rule_nums)]
                if missing:
                    rep.error(f"scorecard {cid}: thresholds {missing} of {f} not stated in rule text")
            elif typ == "boolean":
                for k in ("when_true", "when_false"):
                    if not isinstance(r.get(k), (int, float)) or not 0 <= r[k] <= 5:
                        rep.error(f"scorecard {cid}: boolean {f} needs {k} in 0-5")
                if True in r or False in r:
                    rep.error(f"scorecard {cid}: boolean {f} uses YAML boolean keys; use when_true/when_false")
            elif typ == "enum":
                mp = r.get("map") or {}
                bad = [k for k in mp if k not in ENUM_VALUES.get(f, set())]
                if bad:
                    rep.error(f"scorecard {cid}: enum map of {f} has unknown values {bad}")
                for k, v in mp.items():
                    if not re.search(rf"\b{re.escape(str(k))}\b", rule_text):
                        rep.error(f"scorecard {cid}: enum value {k} of {f} not stated in rule text")
                    if not isinstance(v, (int, float)) or not 0 <= v <= 5:
                        rep.error(f"scorecard {cid}: enum score {k}={v} outside 0-5")
    # reference scorer: an ideal proposal scores 100, a silent one 0, the example rule behaves as documented
    if len(rep.errors) == errs_before:
        ideal = {
            "total_price": {"amount": 1_000_000.0, "currency": "USD"}, "raw_material_markup_pct": 0,
            "weeks_to_first_gmp_batch": 10, "services_included": SERVICES[:],
            "max_bioreactor_volume_l": 20000, "aseptic_fill_finish": True,
            "last_fda_inspection_outcome": "NAI", "fda_483_observations": 0, "warning_letters_5y": 0,
            "regulatory_approvals": ["FDA", "EMA", "MHRA"], "similar_programs_count": 20,
            "commercial_products_count": 20, "dedicated_project_manager": True,
            "reporting_cadence": "weekly", "electronic_batch_records": True,
            "dual_sourcing_critical_materials": True, "sites": ["Boston, US", "Cork, Ireland"],
        }
        bests = {"total_price": 1_000_000.0}
        total_ideal = sum(c["weight"] * score_criterion(c, ideal, bests) / 5 for c in crits)
        total_empty = sum(c["weight"] * score_criterion(c, {}, bests) / 5 for c in crits)
        rep.check(abs(total_ideal - 100) < 1e-6 and total_empty == 0,
                  f"scorecard: reference scorer gives ideal={total_ideal:.1f}, silent={total_empty:.1f} (want 100, 0)")
        tl = next((c for c in crits if c["id"] == "timeline"), None)
        if tl is not None:
            got = [score_criterion(tl, {"weeks_to_first_gmp_batch": w}, {}) for w in (20, 26, 30, 52, 60, None)]
            rep.check(got == [5, 5, 4, 2, 1, 0],
                      f"scorecard: timeline bands score 20/26/30/52/60/None weeks as {got}")
    rep.check(not any(e.startswith("scorecard") for e in rep.errors),
              "scorecard: fields, rule types, bands, enum maps and rule text agree")
    return "\n".join(texts)


DATE_RE = re.compile(r"^(?:Q[1-4] \d{4}|H[12] \d{4}|(?:January|February|March|April|May|June|July|"
                     r"August|September|October|November|December) \d{4}|\d{4}-\d{2}-\d{2}|\d{4})$")


def check_value(field: str, value, sid: str, rep: Report, scorecard_ids: set[str]) -> None:
    def bad(msg: str) -> None:
        rep.error(f"{sid}: {field} value {value!r} {msg}")
    if field == "phase" and value not in PHASES:
        bad(f"must be one of {sorted(PHASES)}")
    elif field == "modality" and value not in MODALITIES:
        bad("must be a comparison-schema modality")
    elif field == "services" and value not in SERVICES:
        bad("must be a comparison-schema service")
    elif field == "scale_l" and (not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0):
        bad("must be a positive number of liters")
    elif field == "batches" and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
        bad("must be a positive integer")
    elif field == "budget":
        if not (isinstance(value, dict) and isinstance(value.get("amount"), (int, float))
                and isinstance(value.get("currency"), str) and re.fullmatch(r"[A-Z]{3}", value["currency"])):
            bad("must be {amount: number, currency: ISO 4217}")
    elif field == "markets" and not (isinstance(value, str) and re.fullmatch(r"[A-Z]{2}", value)):
        bad("must be a two-letter market code (US, EU, UK, JP, ...)")
    elif field == "timeline":
        if not (isinstance(value, dict) and isinstance(value.get("milestone"), str)
                and isinstance(value.get("date"), str) and DATE_RE.match(value["date"])):
            bad("must be {milestone, date} with dates like 'Q3 2027', 'H2 2027', 'June 2027'")
    elif field == "evaluation_priorities" and value not in scorecard_ids:
        bad("must be a scorecard criterion id")
    elif field in ("special_capabilities",) and not (isinstance(value, str) and re.fullmatch(r"[a-z0-9_]+", value)):
        bad("must be a snake_case capability tag")
    elif not isinstance(value, (str, int, float, dict)):
        bad("has an unexpected type")


def check_briefs(bdir: Path, rep: Report, boiler: str, scorecard_ids: set[str], verbose: bool) -> list[tuple[str, str]]:
    briefs = sorted(p for p in bdir.iterdir()
                    if p.suffix in (".txt", ".yaml") and not p.name.endswith(".gold.yaml"))
    golds = {p.name[: -len(".gold.yaml")] for p in bdir.glob("*.gold.yaml")}
    rep.check(len(briefs) >= 10, f"briefs: {len(briefs)} briefs (need >= 10)")
    rep.check(any(p.suffix == ".yaml" for p in briefs), "briefs: at least one YAML brief")
    orphan = golds - {p.stem for p in briefs}
    if orphan:
        rep.error(f"briefs: gold files without a brief: {sorted(orphan)}")
    covered: dict[str, list[str]] = {k: [] for k in COVERAGE}
    summary = []
    weak = []
    for bp in briefs:
        sid = bp.name
        text = bp.read_text(encoding="utf-8")
        if bp.suffix == ".yaml":
            try:
                yaml.safe_load(text)
            except Exception as exc:  # noqa: BLE001
                rep.error(f"{sid}: YAML brief does not parse: {exc}")
        gp = bdir / f"{bp.stem}.gold.yaml"
        if not gp.is_file():
            rep.error(f"{sid}: no gold file {gp.name}")
            continue
        gold = load_yaml(gp, rep)
        if not isinstance(gold, dict):
            rep.error(f"{gp.name}: gold must be a mapping")
            continue
        if gold.get("brief") not in (None, sid):
            rep.error(f"{gp.name}: 'brief' says {gold.get('brief')!r}, file is {sid}")
        texts = derived_texts(text)
        bnums = numbers(text, keep_raw=True)
        facts = gold.get("facts") or []
        if not facts:
            rep.error(f"{gp.name}: no facts")
        fact_fields = set()
        seen = set()
        for f in facts:
            field, value, exp = f.get("field"), f.get("value"), f.get("expect_any")
            if field not in BRIEF_FIELDS:
                rep.error(f"{gp.name}: unknown field {field!r}")
                continue
            fact_fields.add(field)
            key = (field, yaml.safe_dump(value))
            if key in seen:
                rep.error(f"{gp.name}: duplicate fact {field}={value!r}")
            seen.add(key)
            if field not in LIST_FIELDS and sum(1 for g in facts if g.get("field") == field) > 1:
                rep.error(f"{gp.name}: scalar field {field} stated more than once")
            check_value(field, value, gp.name, rep, scorecard_ids)
            if not isinstance(exp, list) or not exp or not all(isinstance(s, str) and s for s in exp):
                rep.error(f"{gp.name}: {field}: expect_any must be a non-empty list of strings")
                continue
            for s in exp:
                if not derivable(s, texts, bnums):
                    rep.error(f"{gp.name}: {field}: expect_any {s!r} is not derivable from the brief")
            # normalized numbers must come from the brief too
            nums = []
            if field in ("scale_l", "batches"):
                nums = [value]
            elif field == "budget" and isinstance(value, dict):
                nums = [value.get("amount")]
            for n in nums:
                if isinstance(n, (int, float)) and not any(abs(n - b) < 1e-9 for b in bnums):
                    rep.error(f"{gp.name}: {field}: value {n} not found among the brief's numbers")
            if field == "timeline" and isinstance(value, dict):
                if not derivable(value.get("date", ""), texts, bnums):
                    rep.error(f"{gp.name}: timeline date {value.get('date')!r} not derivable from the brief")
            if boiler and all(contains(boiler, s) for s in exp):
                weak.append(f"{bp.stem}: {field}={value!r}")
        gaps = gold.get("gaps")
        if not isinstance(gaps, list):
            rep.error(f"{gp.name}: gaps must be a list")
            gaps = []
        bad = [g for g in gaps if g not in BRIEF_FIELDS]
        if bad:
            rep.error(f"{gp.name}: unknown gap fields {bad}")
        both = sorted(set(gaps) & fact_fields)
        if both:
            rep.error(f"{gp.name}: fields both stated and listed as gaps: {both}")
        if len(set(gaps)) != len(gaps):
            rep.error(f"{gp.name}: duplicate gaps")
        mni = gold.get("must_not_invent")
        if not isinstance(mni, list) or not 3 <= len(mni) <= 6:
            rep.error(f"{gp.name}: must_not_invent must list 3-6 strings")
            mni = mni if isinstance(mni, list) else []
        for s in mni:
            if any(contains(t, s) for t in texts):
                rep.error(f"{gp.name}: must_not_invent {s!r} occurs in the brief")
            if boiler and contains(boiler, s):
                rep.error(f"{gp.name}: must_not_invent {s!r} occurs in the catalog/scorecard/schema text "
                          "that drafts reproduce")
            for f in facts:
                if any(contains(s, e) and norm(s) == norm(e) for e in f.get("expect_any") or []):
                    rep.error(f"{gp.name}: must_not_invent {s!r} is also an expected string")
        for k, pred in COVERAGE.items():
            if pred(gold, text):
                covered[k].append(bp.stem)
        summary.append((bp.name, f"{len(facts)} facts, {len(gaps)} gaps, {len(mni)} must-not-invent"))
    missing = [k for k, v in covered.items() if not v]
    rep.check(not missing, f"briefs: modalities covered (missing {missing})")
    rep.check(not any(e.split(":")[0].endswith((".gold.yaml", ".txt", ".yaml")) for e in rep.errors),
              "briefs: gold facts derivable, values normalized, gaps valid, must_not_invent absent")
    if weak:
        rep.note(f"{len(weak)} facts whose every expect_any string also occurs in boilerplate "
                 "(they cannot fail on their own; the drafting eval should match them outside "
                 "response_form): " + "; ".join(weak if verbose else weak[:6]) + ("" if verbose or len(weak) <= 6 else " ..."))
    return summary


def shingles(text: str, n: int = 8) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def check_copying(guide: Path, files: list[Path], rep: Report) -> None:
    if not guide.is_file():
        rep.note(f"guide not found at {guide}; copy check skipped")
        return
    gs = shingles(guide.read_text(encoding="utf-8"))
    hits = []
    for f in files:
        common = shingles(f.read_text(encoding="utf-8")) & gs
        if common:
            hits.append(f"{f.name}: {sorted(common)[:3]}")
    rep.check(not hits, "no 8-word run copied from the published guide" + (f" ({hits})" if hits else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    ap.add_argument("--design", type=Path, default=None, help="DESIGN.md (default: ROOT/../shared/DESIGN.md)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    root = args.root
    design = args.design or root.parent / "shared" / "DESIGN.md"
    guide = root.parent / "shared" / "reference" / "cdmo-preparation-guide.txt"
    rep = Report()

    dk = design_schema_keys(design)
    if dk is None:
        rep.note(f"DESIGN.md not found at {design}; using the built-in schema key list")
    else:
        rep.check(dk == list(SCHEMA.items()), "schema keys and types match DESIGN.md section 4"
                  + ("" if dk == list(SCHEMA.items()) else f" (DESIGN: {dk})"))

    catalog_path = root / "knowledge" / "rfp_sections.yaml"
    scorecard_path = root / "knowledge" / "scorecard.yaml"
    boiler_parts = [design_section4_text(design)]
    boiler_parts.append(check_catalog(catalog_path, rep) if catalog_path.is_file() else "")
    if not catalog_path.is_file():
        rep.error(f"missing {catalog_path}")
    sc = load_yaml(scorecard_path, rep) if scorecard_path.is_file() else None
    scorecard_ids = {c.get("id") for c in (sc or {}).get("criteria", [])}
    boiler_parts.append(check_scorecard(scorecard_path, rep) if scorecard_path.is_file() else "")
    if not scorecard_path.is_file():
        rep.error(f"missing {scorecard_path}")

    bdir = root / "eval" / "drafting" / "briefs"
    summary = check_briefs(bdir, rep, "\n".join(boiler_parts), scorecard_ids, args.verbose) if bdir.is_dir() else []
    check_copying(guide, [p for p in (catalog_path, scorecard_path, root / "eval" / "drafting" / "README.md")
                          if p.is_file()] + sorted(bdir.glob("*")), rep)

    for name, s in summary:
        print(f"  {name:38s} {s}")
    for p in rep.passed:
        print(f"PASS  {p}")
    for n in rep.notes:
        print(f"NOTE  {n}")
    for e in rep.errors:
        print(f"FAIL  {e}")
    print(f"\n{len(rep.passed)} checks passed, {len(rep.errors)} failures")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
