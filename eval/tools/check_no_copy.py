#!/usr/bin/env python3
"""Report verbatim overlap between our own text and the published reference guide.

The built-in playbook (``knowledge/``) must be written in our own words. This
checker finds every run of N or more consecutive words (default 8) that a
checked file shares with the guide. Words are compared case-insensitively with
punctuation stripped (``R&D`` -> ``r d``, ``CDMO's`` -> ``cdmos``), so that
re-punctuating a copied sentence does not hide it; Markdown markup is ignored
the same way.

Usage:
    python eval/tools/check_no_copy.py                  # knowledge/ vs the guide
    python eval/tools/check_no_copy.py PATH [PATH...]   # files or folders
    python eval/tools/check_no_copy.py --min-words 6 --guide OTHER.txt

Exit status: 0 when nothing is shared, 1 when at least one run is found,
2 when an input is missing.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GUIDE_CANDIDATES = (
    ROOT.parent / "shared" / "reference" / "cdmo-preparation-guide.txt",
    Path("/work/shared/reference/cdmo-preparation-guide.txt"),
)
DEFAULT_TARGETS = (ROOT / "knowledge",)
TEXT_SUFFIXES = {".md", ".txt", ".yaml", ".yml", ".json", ".jinja", ".csv"}

_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def words_of(text: str) -> list[str]:
    """Lower-case word tokens with punctuation removed.

    Apostrophes are deleted inside words (``don't`` -> ``dont``); every other
    non-alphanumeric character separates words.
    """
    text = _APOSTROPHES.sub("", text.lower())
    return [w for w in _NON_WORD.split(text) if w]


def shared_runs(ours: list[str], guide_ngrams: set[tuple[str, ...]], n: int) -> list[tuple[int, int]]:
    """Maximal [start, end) word spans of ``ours`` covered by n-grams found in the guide."""
    hits = [i for i in range(len(ours) - n + 1) if tuple(ours[i : i + n]) in guide_ngrams]
    spans: list[tuple[int, int]] = []
    for i in hits:
        if spans and i <= spans[-1][1] - n + 1:
            spans[-1] = (spans[-1][0], i + n)
        else:
            spans.append((i, i + n))
    return spans


def iter_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(p)
    return files


def find_guide(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    for cand in DEFAULT_GUIDE_CANDIDATES:
        if cand.is_file():
            return cand
    raise FileNotFoundError("reference guide not found; pass --guide PATH")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="files or folders to check (default: knowledge/)")
    ap.add_argument("--guide", help="reference text to compare against")
    ap.add_argument("--min-words", type=int, default=8, help="shortest shared run to report (default 8)")
    args = ap.parse_args(argv)

    n = args.min_words
    try:
        guide_path = find_guide(args.guide)
        guide_words = words_of(guide_path.read_text(encoding="utf-8"))
        targets = [Path(p) for p in args.paths] or list(DEFAULT_TARGETS)
        files = iter_files(targets)
    except FileNotFoundError as exc:
        print(f"error: not found: {exc}", file=sys.stderr)
        return 2

    guide_ngrams = {tuple(guide_words[i : i + n]) for i in range(len(guide_words) - n + 1)}
    total = 0
    for f in files:
        ours = words_of(f.read_text(encoding="utf-8", errors="replace"))
        for start, end in shared_runs(ours, guide_ngrams, n):
            total += 1
            rel = f.resolve().relative_to(ROOT) if f.resolve().is_relative_to(ROOT) else f
            print(f"{rel}: {end - start} shared words: \"{' '.join(ours[start:end])}\"")

    print(
        f"checked {len(files)} file(s) against {guide_path.name} "
        f"({len(guide_words)} words), min run {n}: {total} shared run(s)"
    )
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
