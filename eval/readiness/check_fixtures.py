"""Check the readiness checklist and the fixture companies for consistency.

    .venv/bin/python eval/readiness/check_fixtures.py            # checks; exit 1 on any failure
    .venv/bin/python eval/readiness/check_fixtures.py --facets   # also: informational facet simulation

Verifies:
  - knowledge/checklist.yaml has exactly the 9 areas and 38 item ids of DESIGN.md section 5, and
    every item is well formed (facets, thresholds, queries, recommendation ...);
  - every company's gold.yaml has a valid status and a note for all 38 ids;
  - every document loads (pypdf for .pdf, python-docx for .docx), formats are mixed, and each
    company has a .docx with a table;
  - eval/qa/companies.yaml is well formed and every `expect_any` phrase occurs in the text of its
    `expect_source` document.

`--facets` runs a crude stand-in for the offline engine (lexical top-k retrieval per item, then the
facet/negation rule) and reports agreement with the gold. It never fails the check: it is a
design aid for tuning facets, not the engine's evaluation.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = ROOT / "knowledge" / "checklist.yaml"
COMPANIES = ROOT / "eval" / "readiness" / "companies"
QA_FILE = ROOT / "eval" / "qa" / "companies.yaml"
DESIGN = ROOT.parent / "shared" / "DESIGN.md"

AREAS = {
    "strategy": ["strategy.capability_gaps", "strategy.outsourcing_rationale", "strategy.scope_of_work",
                 "strategy.location_preference"],
    "team": ["team.cross_functional", "team.roles_and_authority", "team.project_manager", "team.escalation_path",
             "team.relationship_kpis"],
    "budget": ["budget.direct_costs", "budget.hidden_costs", "budget.market_benchmarks", "budget.funding_runway"],
    "risk": ["risk.financial", "risk.operational", "risk.regulatory", "risk.assessment_method", "risk.mitigations"],
    "technical": ["technical.modality_platform", "technical.phase_activities", "technical.special_capabilities",
                  "technical.scale", "technical.critical_process_parameters"],
    "operating_model": ["operating_model.governance_style", "operating_model.flexibility",
                        "operating_model.communication_cadence", "operating_model.confidentiality"],
    "quality_regulatory": ["quality.frameworks", "quality.oversight_capability", "quality.tech_transfer_package",
                           "quality.market_submissions"],
    "market_engagement": ["market.research_done", "market.rfp_template", "market.scorecard", "market.outreach_roles"],
    "change_management": ["change.executive_sponsor", "change.stakeholder_communication", "change.resistance_plan"],
}
ITEM_IDS = [i for ids in AREAS.values() for i in ids]
STATUSES = ("covered", "partial", "missing")
DOC_EXTS = {".md", ".txt", ".docx", ".pdf"}
ITEM_KEYS = {"id", "area", "title", "question", "covered_when", "partial_when", "queries", "facets",
             "covered_min", "partial_min", "recommendation"}
OPTIONAL_KEYS = {"negations", "subject", "kind", "negation_is_evidence", "stale_after_years", "within", "topic_facet",
                 "qualifier_facets", "together"}


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.passed: list[str] = []

    def check(self, ok: bool, what: str) -> bool:
        if not ok:
            self.errors.append(what)
        return ok

    def ok(self, what: str) -> None:
        self.passed.append(what)


# --------------------------------------------------------------------------- documents


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def load_text(path: Path) -> list[str]:
    """Return the document's text as a list of pages (one page for non-PDF files)."""
    ext = path.suffix.lower()
    if ext in (".md", ".txt"):
        return [path.read_text(encoding="utf-8")]
    if ext == ".docx":
        import docx

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for table in d.tables:  # one block per table, one line per row
            parts.append("\n".join(" | ".join(c.text for c in row.cells) for row in table.rows))
        return ["\n\n".join(parts)]
    if ext == ".pdf":
        from pypdf import PdfReader

        return [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    raise ValueError(f"unsupported document type: {path.name}")


def company_docs(company_dir: Path) -> list[Path]:
    return sorted(p for p in company_dir.iterdir() if p.suffix.lower() in DOC_EXTS)


# --------------------------------------------------------------------------- checks


def check_design_table(rep: Report) -> None:
    """Cross-check the hard-coded ids against DESIGN.md section 5 when the file is available."""
    if not DESIGN.exists():
        return
    text = DESIGN.read_text(encoding="utf-8")
    sec = text.split("## 5.", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\w+) \| ([^|]+) \|$", sec, flags=re.M)
    design = {area: [s.strip() for s in ids.split(",")] for area, ids in rows if area != "area"}
    rep.check(design == AREAS, "DESIGN.md section 5 ids differ from the checker's list")


def check_checklist(rep: Report) -> dict:
    data = yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))
    rep.check(data.get("version") == 1, "checklist: version must be 1")
    area_ids = [a["id"] for a in data.get("areas", [])]
    rep.check(area_ids == list(AREAS), f"checklist: areas {area_ids} != {list(AREAS)}")
    for a in data.get("areas", []):
        rep.check(bool(a.get("title")), f"checklist: area {a.get('id')} has no title")
    items = data.get("items", [])
    ids = [it.get("id") for it in items]
    rep.check(len(ids) == len(set(ids)), "checklist: duplicate item ids")
    rep.check(sorted(ids) == sorted(ITEM_IDS),
              f"checklist: ids differ; missing {sorted(set(ITEM_IDS) - set(ids))}, extra {sorted(set(ids) - set(ITEM_IDS))}")
    for it in items:
        iid = it.get("id")
        keys = set(it)
        rep.check(ITEM_KEYS <= keys, f"checklist {iid}: missing keys {sorted(ITEM_KEYS - keys)}")
        rep.check(keys <= ITEM_KEYS | OPTIONAL_KEYS, f"checklist {iid}: unknown keys {sorted(keys - ITEM_KEYS - OPTIONAL_KEYS)}")
        if iid in ITEM_IDS:
            area = next(a for a, v in AREAS.items() if iid in v)
            rep.check(it.get("area") == area, f"checklist {iid}: area {it.get('area')} != {area}")
        for k in ("title", "question", "covered_when", "partial_when", "recommendation"):
            rep.check(isinstance(it.get(k), str) and len(it.get(k, "")) > 10, f"checklist {iid}: {k} empty/short")
        q = it.get("queries", [])
        rep.check(isinstance(q, list) and 2 <= len(q) <= 4 and all(isinstance(s, str) and s for s in q),
                  f"checklist {iid}: needs 2-4 string queries")
        facets = it.get("facets", [])
        rep.check(isinstance(facets, list) and len(facets) >= 2, f"checklist {iid}: needs at least 2 facets")
        for f in facets + ([it["negations"]] if "negations" in it else []):
            good = isinstance(f, list) and len(f) > 0 and all(
                isinstance(s, str) and s == s.lower() and s == s.strip() and s for s in f)
            rep.check(good, f"checklist {iid}: facet/negation lists must hold non-empty lowercase strings: {f!r}")
        cmin, pmin = it.get("covered_min"), it.get("partial_min")
        rep.check(isinstance(cmin, int) and isinstance(pmin, int) and 1 <= pmin <= cmin <= len(facets),
                  f"checklist {iid}: need 1 <= partial_min <= covered_min <= number of facets")
    tcf = next((it for it in items if it.get("id") == "team.cross_functional"), {})
    rep.check(len(tcf.get("facets", [])) == 7 and tcf.get("covered_min") == 5 and tcf.get("partial_min") == 2,
              "checklist team.cross_functional: 7 function facets, covered_min 5, partial_min 2")
    if not rep.errors:
        rep.ok(f"checklist: {len(area_ids)} areas, {len(items)} items, ids match DESIGN.md section 5")
    return data


def check_companies(rep: Report) -> dict[str, dict]:
    golds: dict[str, dict] = {}
    dirs = sorted(p for p in COMPANIES.iterdir() if p.is_dir())
    rep.check(len(dirs) >= 3, f"companies: expected at least 3, found {len(dirs)}")
    for d in dirs:
        n_err = len(rep.errors)
        gold_path = d / "gold.yaml"
        if not rep.check(gold_path.exists(), f"{d.name}: no gold.yaml"):
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        golds[d.name] = gold
        rep.check(bool(gold.get("company")), f"{d.name}: gold has no company name")
        items = gold.get("items") or {}
        notes = gold.get("notes") or {}
        rep.check(sorted(items) == sorted(ITEM_IDS),
                  f"{d.name}: gold ids differ; missing {sorted(set(ITEM_IDS) - set(items))}, extra {sorted(set(items) - set(ITEM_IDS))}")
        for iid, st in items.items():
            rep.check(st in STATUSES, f"{d.name}: {iid} has invalid status {st!r}")
        rep.check(sorted(notes) == sorted(ITEM_IDS), f"{d.name}: notes must cover all 38 ids")
        for iid, note in notes.items():
            rep.check(isinstance(note, str) and len(note) > 15, f"{d.name}: note for {iid} is empty/short")
        counts = Counter(items.values())
        rep.check(all(counts[s] >= 6 for s in STATUSES), f"{d.name}: statuses too one-sided {dict(counts)}")

        docs = company_docs(d)
        rep.check(4 <= len(docs) <= 6, f"{d.name}: expected 4-6 documents, found {len(docs)}")
        exts = {p.suffix.lower() for p in docs}
        rep.check(len(exts) >= 3 and {".docx", ".pdf"} <= exts, f"{d.name}: formats not mixed enough: {sorted(exts)}")
        has_docx_table = False
        for p in docs:
            try:
                pages = load_text(p)
            except Exception as exc:  # noqa: BLE001 - report any loader failure
                rep.check(False, f"{d.name}/{p.name}: failed to load: {exc}")
                continue
            rep.check(sum(len(t.strip()) for t in pages) > 300, f"{d.name}/{p.name}: too little text")
            if p.suffix.lower() == ".docx":
                import docx

                has_docx_table |= len(docx.Document(str(p)).tables) > 0
        rep.check(has_docx_table or ".docx" not in exts, f"{d.name}: no .docx with a table")
        if len(rep.errors) == n_err:
            rep.ok(f"{d.name}: {len(docs)} docs ({', '.join(sorted(exts))}) load; gold complete "
                   f"(covered {counts['covered']}, partial {counts['partial']}, missing {counts['missing']})")
    return golds


def check_qa(rep: Report, golds: dict[str, dict]) -> None:
    n_err = len(rep.errors)
    qs = yaml.safe_load(QA_FILE.read_text(encoding="utf-8"))
    rep.check(isinstance(qs, list) and len(qs) >= 20, "qa: need at least 20 questions")
    ids = [q.get("id") for q in qs]
    rep.check(len(ids) == len(set(ids)), "qa: duplicate ids")
    per_company = Counter(q.get("company") for q in qs)
    n_none = 0
    text_cache: dict[Path, str] = {}
    for q in qs:
        qid = q.get("id")
        rep.check(set(q) == {"id", "company", "question", "expect_any", "expect_source", "expect_none"},
                  f"qa {qid}: keys must be id, company, question, expect_any, expect_source, expect_none")
        cdir = COMPANIES / str(q.get("company"))
        rep.check(q.get("company") in golds, f"qa {qid}: unknown company {q.get('company')!r}")
        rep.check(isinstance(q.get("question"), str) and q["question"].endswith("?"), f"qa {qid}: question text")
        rep.check(isinstance(q.get("expect_any"), list), f"qa {qid}: expect_any must be a list")
        if q.get("expect_none"):
            n_none += 1
            rep.check(q.get("expect_source") is None, f"qa {qid}: expect_none questions have expect_source null")
            continue
        rep.check(q.get("expect_none") is False, f"qa {qid}: expect_none must be true or false")
        rep.check(len(q.get("expect_any") or []) >= 1, f"qa {qid}: answerable questions need expect_any phrases")
        src = cdir / str(q.get("expect_source"))
        if not rep.check(src.exists(), f"qa {qid}: expect_source {q.get('expect_source')!r} not found in {cdir.name}"):
            continue
        if src not in text_cache:
            text_cache[src] = norm(" ".join(load_text(src)))
        for phrase in q.get("expect_any") or []:
            rep.check(norm(phrase) in text_cache[src], f"qa {qid}: {phrase!r} does not occur in {src.name}")
    rep.check(n_none >= 3, f"qa: need at least 3 'not in your documents' questions, found {n_none}")
    if len(rep.errors) == n_err:
        rep.ok(f"qa: {len(qs)} questions ({', '.join(f'{c} {n}' for c, n in sorted(per_company.items()))}), "
               f"{n_none} expect_none; every expect_any phrase found in its source")


# --------------------------------------------------------------------------- facet simulation (informational)

STOP = set("a an and are as at be by for from has have how in is it of on or our that the their this to we what "
           "when which who why will with do does not no any us each".split())


def phrase_re(phrase: str) -> re.Pattern:
    """Whole-word/phrase match; a boundary is required only on a side where the phrase starts/ends
    with a letter or digit (so "$" matches in "$4-6M" and "scope:" matches "scope: x")."""
    left = r"(?<![a-z0-9])" if phrase[0].isalnum() else ""
    right = r"(?![a-z0-9])" if phrase[-1].isalnum() else ""
    return re.compile(left + re.escape(phrase) + right)


def chunks_for(company_dir: Path, size: int = 600) -> list[tuple[str, str]]:
    out = []
    for p in company_docs(company_dir):
        for page in load_text(p):
            blocks = [b for b in re.split(r"\n\s*\n", page) if b.strip()]
            for b in blocks:
                lines, cur = b.splitlines(), ""
                for ln in lines:
                    if len(cur) + len(ln) > size and cur:
                        out.append((p.name, norm(cur)))
                        cur = ""
                    cur += ln + "\n"
                if cur.strip():
                    out.append((p.name, norm(cur)))
    return out


def simulate(checklist: dict, golds: dict[str, dict], k: int = 5, verbose: bool = False) -> None:
    print("\nFacet simulation (informational: lexical top-%d retrieval + facet rule; not the engine)" % k)
    facet_res = {it["id"]: [[phrase_re(p) for p in f] for f in it["facets"]] for it in checklist["items"]}
    neg_res = {it["id"]: [phrase_re(p) for p in it.get("negations", [])] for it in checklist["items"]}
    total_agree = total = 0
    for name, gold in golds.items():
        chunks = chunks_for(COMPANIES / name)
        df = Counter(t for _, c in chunks for t in set(re.findall(r"[a-z0-9]+", c)))
        agree, diffs = 0, []
        for it in checklist["items"]:
            iid = it["id"]
            qtok = {t for q in it["queries"] + [it["title"]] for t in re.findall(r"[a-z0-9]+", q.lower())} - STOP
            scored = []
            for src, c in chunks:
                toks = set(re.findall(r"[a-z0-9]+", c))
                hits = [i for i, f in enumerate(facet_res[iid]) if any(r.search(c) for r in f)]
                if not hits:
                    continue
                lex = sum(math.log(1 + len(chunks) / df[t]) for t in qtok & toks)
                scored.append((lex + 2.0 * len(hits), src, c, hits))
            scored.sort(key=lambda x: -x[0])
            top = scored[:k]
            found = {h for _, _, _, hs in top for h in hs}
            matched = sorted({m.group(0) for _, _, c, _ in top for f in facet_res[iid] for r in f for m in [r.search(c)] if m})
            negated = any(r.search(c) for _, _, c, _ in top for r in neg_res[iid])
            if len(found) >= it["covered_min"]:
                status = "covered"
            elif len(found) >= it["partial_min"]:
                status = "partial"
            else:
                status = "missing"
            if negated and status == "covered":
                status = "partial"
            want = gold["items"][iid]
            if status == want:
                agree += 1
            else:
                diffs.append(f"    {iid}: sim={status} gold={want} facets={len(found)}/{len(it['facets'])}"
                             f"{' negated' if negated else ''} matched={matched[:8]}")
        total_agree += agree
        total += len(checklist["items"])
        print(f"  {name}: agreement {agree}/{len(checklist['items'])}")
        if verbose:
            print("\n".join(diffs))
    print(f"  overall: {total_agree}/{total} ({100.0 * total_agree / max(total, 1):.0f}%)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facets", action="store_true", help="also run the informational facet simulation")
    ap.add_argument("-v", "--verbose", action="store_true", help="list simulation disagreements")
    args = ap.parse_args(argv)

    rep = Report()
    check_design_table(rep)
    checklist = check_checklist(rep)
    golds = check_companies(rep)
    check_qa(rep, golds)

    for line in rep.passed:
        print("PASS", line)
    for line in rep.errors:
        print("FAIL", line)
    print(f"\n{'OK' if not rep.errors else 'FAILED'}: {len(rep.errors)} problem(s)")
    if args.facets and golds:
        simulate(checklist, golds, verbose=args.verbose)
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
