#!/usr/bin/env python3
"""Self-check for the extraction-eval gold files.

For every ``gold/<stem>.json`` this verifies, against ``proposals/<source>``:

* all 34 keys of comparison schema v1 (DESIGN.md section 4) are present, and no others;
* status is one of stated / not_stated / conflicting, with the value/evidence
  rules (not_stated: value null, no evidence; stated: typed value, >= 1 evidence;
  conflicting: value null, >= 2 evidence entries);
* values have the schema types and enum members;
* ``pages`` equals the PDF's page count and every cited page exists;
* every quote, whitespace-normalized (all runs of whitespace collapsed to one
  space, stripped) and compared case-sensitively, is a substring of pypdf's
  ``page.extract_text()`` of the cited (1-based) page, normalized the same way;
* every PDF in proposals/ has a gold file and vice versa.

Run:  .venv/bin/python eval/extraction/check_gold.py [-v]
Exit status 0 when everything passes, 1 otherwise.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold"
PDF_DIR = HERE / "proposals"

MODALITIES = [
    "monoclonal_antibody", "recombinant_protein", "antibody_drug_conjugate", "vaccine",
    "mrna", "cell_therapy", "gene_therapy", "peptide", "oligonucleotide", "small_molecule",
]
SERVICES = [
    "cell_line_development", "process_development", "analytical_development", "tech_transfer",
    "clinical_manufacturing", "commercial_manufacturing", "fill_finish", "lyophilization",
    "qc_release", "stability", "regulatory_support",
]
BIOREACTOR_TYPES = ["single_use", "stainless_steel", "both"]
PRICING_MODELS = ["fixed_price", "fee_for_service", "fte_based", "hybrid"]
FDA_OUTCOMES = ["NAI", "VAI", "OAI"]
AGENCIES = ["FDA", "EMA", "MHRA", "PMDA", "Health Canada", "TGA", "ANVISA", "NMPA", "Swissmedic"]
CADENCES = ["weekly", "biweekly", "monthly"]

# key -> (type, enum members or None).  Order = DESIGN.md section 4 table order.
SCHEMA: dict[str, tuple[str, list[str] | None]] = {
    "cdmo_name": ("string", None),
    "sites": ("list_string", None),
    "proposal_date": ("date", None),
    "proposal_validity_days": ("int", None),
    "modalities": ("list_enum", MODALITIES),
    "services_included": ("list_enum", SERVICES),
    "assumptions": ("list_string", None),
    "max_bioreactor_volume_l": ("number", None),
    "bioreactor_type": ("enum", BIOREACTOR_TYPES),
    "aseptic_fill_finish": ("bool", None),
    "lyophilization": ("bool", None),
    "high_containment": ("bool", None),
    "first_available_gmp_slot": ("date", None),
    "tech_transfer_weeks": ("number", None),
    "process_development_weeks": ("number", None),
    "weeks_to_first_gmp_batch": ("number", None),
    "pricing_model": ("enum", PRICING_MODELS),
    "total_price": ("money", None),
    "gmp_batch_price": ("money", None),
    "tech_transfer_fee": ("money", None),
    "raw_material_markup_pct": ("number", None),
    "payment_terms": ("string", None),
    "cancellation_terms": ("string", None),
    "last_fda_inspection_date": ("date", None),
    "last_fda_inspection_outcome": ("enum", FDA_OUTCOMES),
    "fda_483_observations": ("int", None),
    "warning_letters_5y": ("int", None),
    "regulatory_approvals": ("list_enum", AGENCIES),
    "commercial_products_count": ("int", None),
    "dedicated_project_manager": ("bool", None),
    "reporting_cadence": ("enum", CADENCES),
    "electronic_batch_records": ("bool", None),
    "dual_sourcing_critical_materials": ("bool", None),
    "similar_programs_count": ("int", None),
}
KEYS = list(SCHEMA)
assert len(KEYS) == 34

# Fields whose string content the eval should compare loosely (token overlap),
# not exactly.  See README.md.
LOOSE_STRING_FIELDS = ["cdmo_name", "sites", "assumptions", "payment_terms", "cancellation_terms"]

CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STATUSES = ("stated", "not_stated", "conflicting")


def norm(text: str) -> str:
    """Collapse every run of whitespace to a single space and strip."""
    return re.sub(r"\s+", " ", text).strip()


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def type_errors(key: str, value) -> list[str]:
    """Return a list of problems with ``value`` for schema key ``key`` (value not None)."""
    kind, enum = SCHEMA[key]
    errs: list[str] = []
    if kind == "string":
        if not isinstance(value, str) or not value.strip():
            errs.append(f"{key}: expected non-empty string, got {value!r}")
    elif kind == "list_string":
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            errs.append(f"{key}: expected list of non-empty strings, got {value!r}")
    elif kind == "list_enum":
        if not isinstance(value, list):
            errs.append(f"{key}: expected list, got {value!r}")
        else:
            for x in value:
                if x not in enum:
                    errs.append(f"{key}: {x!r} not in enum {enum}")
            if len(set(value)) != len(value):
                errs.append(f"{key}: duplicate entries {value!r}")
    elif kind == "enum":
        if value not in enum:
            errs.append(f"{key}: {value!r} not in enum {enum}")
    elif kind == "bool":
        if not isinstance(value, bool):
            errs.append(f"{key}: expected bool, got {value!r}")
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errs.append(f"{key}: expected non-negative int, got {value!r}")
    elif kind == "number":
        if not _is_number(value) or value < 0:
            errs.append(f"{key}: expected non-negative number, got {value!r}")
    elif kind == "date":
        ok = isinstance(value, str) and DATE_RE.match(value)
        if ok:
            try:
                _dt.date.fromisoformat(value)
            except ValueError:
                ok = False
        if not ok:
            errs.append(f"{key}: expected ISO date YYYY-MM-DD, got {value!r}")
    elif kind == "money":
        if (not isinstance(value, dict) or set(value) != {"amount", "currency"}
                or not isinstance(value["amount"], float)
                or not (isinstance(value["currency"], str) and CURRENCY_RE.match(value["currency"]))):
            errs.append(f"{key}: expected {{'amount': float, 'currency': 'XXX'}}, got {value!r}")
    else:  # pragma: no cover - schema table typo
        errs.append(f"{key}: unknown kind {kind}")
    return errs


def page_texts(pdf_path: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_path))
    return [norm(p.extract_text() or "") for p in reader.pages]


def check_file(gold_path: Path, texts_cache: dict | None = None) -> tuple[list[str], dict]:
    """Check one gold file. Returns (errors, summary)."""
    errs: list[str] = []
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except Exception as exc:  # noqa: BLE001 - report any parse problem
        return [f"cannot read JSON: {exc}"], {}
    for top in ("source", "pages", "style", "fields"):
        if top not in gold:
            errs.append(f"missing top-level key {top!r}")
    if errs:
        return errs, {}
    pdf_path = PDF_DIR / gold["source"]
    if gold["source"] != gold_path.stem + ".pdf":
        errs.append(f"source {gold['source']!r} does not match gold file name {gold_path.name!r}")
    if not pdf_path.exists():
        return errs + [f"PDF {pdf_path} does not exist"], {}
    if texts_cache is not None and pdf_path in texts_cache:
        texts = texts_cache[pdf_path]
    else:
        texts = page_texts(pdf_path)
        if texts_cache is not None:
            texts_cache[pdf_path] = texts
    if gold["pages"] != len(texts):
        errs.append(f"pages={gold['pages']} but PDF has {len(texts)} pages")

    fields = gold["fields"]
    missing = [k for k in KEYS if k not in fields]
    extra = [k for k in fields if k not in SCHEMA]
    if missing:
        errs.append(f"missing keys: {missing}")
    if extra:
        errs.append(f"unknown keys: {extra}")

    counts = {s: 0 for s in STATUSES}
    for key in KEYS:
        f = fields.get(key)
        if f is None:
            continue
        if set(f) != {"status", "value", "evidence"}:
            errs.append(f"{key}: entry must have exactly status/value/evidence, has {sorted(f)}")
            continue
        status, value, evidence = f["status"], f["value"], f["evidence"]
        if status not in STATUSES:
            errs.append(f"{key}: bad status {status!r}")
            continue
        counts[status] += 1
        if not isinstance(evidence, list):
            errs.append(f"{key}: evidence must be a list")
            continue
        if status == "not_stated":
            if value is not None:
                errs.append(f"{key}: not_stated must have value null")
            if evidence:
                errs.append(f"{key}: not_stated must have no evidence")
        elif status == "conflicting":
            if value is not None:
                errs.append(f"{key}: conflicting must have value null")
            if len(evidence) < 2:
                errs.append(f"{key}: conflicting needs >= 2 evidence entries")
        else:  # stated
            if value is None:
                errs.append(f"{key}: stated must have a value")
            else:
                errs.extend(type_errors(key, value))
            if not evidence:
                errs.append(f"{key}: stated needs >= 1 evidence entry")
        for ev in evidence:
            if not isinstance(ev, dict) or set(ev) != {"page", "quote"}:
                errs.append(f"{key}: evidence entry must be {{page, quote}}: {ev!r}")
                continue
            page, quote = ev["page"], ev["quote"]
            if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= len(texts):
                errs.append(f"{key}: page {page!r} out of range 1..{len(texts)}")
                continue
            if not isinstance(quote, str) or not norm(quote):
                errs.append(f"{key}: empty quote")
                continue
            if norm(quote) not in texts[page - 1]:
                where = [i + 1 for i, t in enumerate(texts) if norm(quote) in t]
                hint = f" (found on page(s) {where})" if where else ""
                errs.append(f"{key}: quote not on page {page}{hint}: {quote!r}")
    summary = {"source": gold["source"], "style": gold["style"], "pages": len(texts),
               "bytes": pdf_path.stat().st_size, **counts}
    return errs, summary


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    gold_files = sorted(GOLD_DIR.glob("*.json"))
    pdfs = sorted(PDF_DIR.glob("*.pdf"))
    problems: dict[str, list[str]] = {}
    summaries = []
    cache: dict = {}
    for g in gold_files:
        errs, summary = check_file(g, cache)
        if errs:
            problems[g.name] = errs
        if summary:
            summaries.append(summary)
    gold_stems = {g.stem for g in gold_files}
    for p in pdfs:
        if p.stem not in gold_stems:
            problems.setdefault(p.name, []).append("PDF has no gold file")
    if not gold_files:
        problems["gold/"] = ["no gold files found"]

    print(f"{'source':40} {'style':26} {'pages':>5} {'KB':>5} {'stated':>6} {'not_st':>6} {'confl':>5}")
    tot = {s: 0 for s in STATUSES}
    for s in summaries:
        print(f"{s['source']:40} {s['style']:26} {s['pages']:>5} {s['bytes'] / 1024:>5.0f} "
              f"{s['stated']:>6} {s['not_stated']:>6} {s['conflicting']:>5}")
        for k in STATUSES:
            tot[k] += s[k]
    n_quotes = 0
    for g in gold_files:
        try:
            n_quotes += sum(len(f["evidence"]) for f in json.loads(g.read_text())["fields"].values())
        except Exception:  # noqa: BLE001
            pass
    print(f"totals: {len(summaries)} fixtures, {tot['stated']} stated, {tot['not_stated']} not_stated, "
          f"{tot['conflicting']} conflicting, {n_quotes} quotes checked")
    for name, errs in problems.items():
        print(f"FAIL {name}")
        for e in errs if verbose else errs[:25]:
            print(f"   - {e}")
    if problems:
        print(f"check_gold: {len(problems)} file(s) with problems")
        return 1
    print(f"check_gold: OK ({len(gold_files)} gold files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
