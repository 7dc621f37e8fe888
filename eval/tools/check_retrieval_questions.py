#!/usr/bin/env python3
"""Validate the retrieval eval questions (and the playbook Q&A items).

``eval/retrieval/questions.yaml`` items look like::

    - id: q01
      question: "What costs do sponsors usually forget to budget for?"
      source: budget-and-hidden-costs.md   # basename in knowledge/playbook/ or eval/retrieval/docs/
      must_contain: "sit outside the vendor's quote"

Checks, per item (errors make the exit status 1):
  * id, question, source, must_contain present; ids unique;
  * source resolves to exactly one file in knowledge/playbook/ or eval/retrieval/docs/;
  * must_contain is 2-8 words and occurs verbatim (case-insensitive) in exactly
    ONE passage of the source: a ``## `` section for Markdown (text before the
    first ``## `` is its own passage; ``###`` stays with its parent), a
    blank-line-separated paragraph for .txt;
  * the question does not contain must_contain, and shares no run of 5+
    consecutive words with the target passage (paraphrase rule).
Warnings (exit status unaffected): a shared run of 4 words; an unbalanced
playbook/internal split; fewer than 48 items.

``eval/qa/playbook.yaml`` (if present, or given with --qa) items have
``id, question, expect_any: [phrases], expect_source``; checked: the source is a
playbook file, at least one expect_any phrase occurs in it, and the same
paraphrase rule against the whole source file.

Usage: python eval/tools/check_retrieval_questions.py [QUESTIONS.yaml] [--qa QA.yaml]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOK_DIR = ROOT / "knowledge" / "playbook"
DOCS_DIR = ROOT / "eval" / "retrieval" / "docs"
DEFAULT_QUESTIONS = ROOT / "eval" / "retrieval" / "questions.yaml"
DEFAULT_QA = ROOT / "eval" / "qa" / "playbook.yaml"
MIN_ITEMS = 48
COPY_RUN_ERROR = 5
COPY_RUN_WARN = 4

_APOS = re.compile(r"['\u2019\u2018`]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def words_of(text: str) -> list[str]:
    return [w for w in _NON_WORD.split(_APOS.sub("", text.lower())) if w]


def passages(path: Path) -> list[tuple[str, str]]:
    """(label, text) passages: '## ' sections for Markdown, paragraphs otherwise."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".md":
        out: list[tuple[str, str]] = []
        label, buf = "(before first ## heading)", []
        for line in text.splitlines():
            if line.startswith("## "):
                if "".join(buf).strip():
                    out.append((label, "\n".join(buf)))
                label, buf = line[3:].strip(), [line]
            else:
                buf.append(line)
        if "".join(buf).strip():
            out.append((label, "\n".join(buf)))
        return out
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [(f"paragraph {i + 1}: {p.strip()[:40]!r}", p) for i, p in enumerate(paras)]


def longest_shared_run(a: str, b: str) -> tuple[int, str]:
    """Longest run of consecutive words of ``a`` that also occurs in ``b``."""
    wa, wb = words_of(a), words_of(b)
    for n in range(min(len(wa), 12), 0, -1):
        grams = {tuple(wb[i : i + n]) for i in range(len(wb) - n + 1)}
        for i in range(len(wa) - n + 1):
            if tuple(wa[i : i + n]) in grams:
                return n, " ".join(wa[i : i + n])
    return 0, ""


def index_sources() -> tuple[dict[str, Path], list[str]]:
    found: dict[str, list[Path]] = {}
    for d in (PLAYBOOK_DIR, DOCS_DIR):
        if d.is_dir():
            for f in sorted(d.iterdir()):
                if f.is_file():
                    found.setdefault(f.name, []).append(f)
    clashes = [f"basename {name!r} exists more than once: {[str(p) for p in ps]}" for name, ps in found.items() if len(ps) > 1]
    return {name: ps[0] for name, ps in found.items()}, clashes


def load_items(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: top level must be a list of items")
    return data


def check_questions(path: Path, sources: dict[str, Path]) -> tuple[list[str], list[str], dict[str, int]]:
    errors: list[str] = []
    warnings: list[str] = []
    items = load_items(path)
    seen: set[str] = set()
    counts = {"playbook": 0, "internal": 0}
    per_source: dict[str, int] = {}
    for n, item in enumerate(items, 1):
        qid = str(item.get("id", f"#{n}"))
        where = f"{path.name} {qid}"
        missing = [k for k in ("id", "question", "source", "must_contain") if not item.get(k)]
        if missing:
            errors.append(f"{where}: missing {', '.join(missing)}")
            continue
        if qid in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(qid)
        src, phrase, question = str(item["source"]), str(item["must_contain"]), str(item["question"])
        if src not in sources:
            errors.append(f"{where}: source {src!r} not found in knowledge/playbook/ or eval/retrieval/docs/")
            continue
        fpath = sources[src]
        counts["playbook" if fpath.parent == PLAYBOOK_DIR else "internal"] += 1
        per_source[src] = per_source.get(src, 0) + 1
        nwords = len(phrase.split())
        if not 2 <= nwords <= 8:
            errors.append(f"{where}: must_contain has {nwords} words (want 2-8): {phrase!r}")
        hits = [(label, text) for label, text in passages(fpath) if phrase.lower() in text.lower()]
        if not hits:
            flat = re.sub(r"\s+", " ", fpath.read_text(encoding="utf-8")).lower()
            how = " (only across a line break)" if re.sub(r"\s+", " ", phrase.lower()) in flat else ""
            errors.append(f"{where}: must_contain {phrase!r} not found in any passage of {src}{how}")
            continue
        if len(hits) > 1:
            errors.append(f"{where}: must_contain {phrase!r} occurs in {len(hits)} passages of {src}: {[h[0] for h in hits]}")
            continue
        if phrase.lower() in question.lower():
            errors.append(f"{where}: question contains the must_contain phrase verbatim")
        run, words = longest_shared_run(question, hits[0][1])
        if run >= COPY_RUN_ERROR:
            errors.append(f"{where}: question copies {run} consecutive words from the passage: {words!r}")
        elif run >= COPY_RUN_WARN:
            warnings.append(f"{where}: question shares {run} consecutive words with the passage: {words!r}")
    total = len(items)
    if total < MIN_ITEMS:
        errors.append(f"{path.name}: {total} items, need at least {MIN_ITEMS}")
    if total and min(counts.values()) < 0.4 * total:
        warnings.append(f"{path.name}: unbalanced split {counts}")
    stats = {"items": total, **counts, "sources": len(per_source)}
    return errors, warnings, stats


def check_qa(path: Path, sources: dict[str, Path]) -> tuple[list[str], list[str], dict[str, int]]:
    errors: list[str] = []
    warnings: list[str] = []
    items = load_items(path)
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        qid = str(item.get("id", f"#{n}"))
        where = f"{path.name} {qid}"
        missing = [k for k in ("id", "question", "expect_any", "expect_source") if not item.get(k)]
        if missing:
            errors.append(f"{where}: missing {', '.join(missing)}")
            continue
        if qid in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(qid)
        src, expect = str(item["expect_source"]), item["expect_any"]
        if not isinstance(expect, list) or not all(isinstance(e, str) and e.strip() for e in expect):
            errors.append(f"{where}: expect_any must be a list of non-empty strings")
            continue
        fpath = sources.get(src)
        if fpath is None or fpath.parent != PLAYBOOK_DIR:
            errors.append(f"{where}: expect_source {src!r} is not a knowledge/playbook/ file")
            continue
        text = fpath.read_text(encoding="utf-8")
        if not any(e.lower() in text.lower() for e in expect):
            errors.append(f"{where}: none of expect_any {expect} occurs in {src}")
        question = str(item["question"])
        for e in expect:
            if len(e.split()) > 1 and e.lower() in question.lower():
                errors.append(f"{where}: question contains expected phrase {e!r}")
        run, words = longest_shared_run(question, text)
        if run >= COPY_RUN_ERROR:
            errors.append(f"{where}: question copies {run} consecutive words from {src}: {words!r}")
        elif run >= COPY_RUN_WARN:
            warnings.append(f"{where}: question shares {run} consecutive words with {src}: {words!r}")
    if len(items) < 14:
        errors.append(f"{path.name}: {len(items)} items, need at least 14")
    return errors, warnings, {"items": len(items)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Validate retrieval questions and playbook Q&A items.")
    ap.add_argument("questions", nargs="?", default=str(DEFAULT_QUESTIONS))
    ap.add_argument("--qa", default=None, help=f"Q&A file (default: {DEFAULT_QA.relative_to(ROOT)} if present)")
    args = ap.parse_args(argv)

    sources, clashes = index_sources()
    errors = list(clashes)
    warnings: list[str] = []

    e, w, stats = check_questions(Path(args.questions), sources)
    errors += e
    warnings += w
    summary = [
        f"retrieval: {stats['items']} questions ({stats['playbook']} playbook, "
        f"{stats['internal']} internal docs) over {stats['sources']} source files"
    ]

    qa_path = Path(args.qa) if args.qa else DEFAULT_QA
    if args.qa or qa_path.is_file():
        e, w, qstats = check_qa(qa_path, sources)
        errors += e
        warnings += w
        summary.append(f"qa: {qstats['items']} questions")

    for msg in warnings:
        print(f"WARNING {msg}")
    for msg in errors:
        print(f"ERROR   {msg}")
    print("; ".join(summary) + f" — {len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
