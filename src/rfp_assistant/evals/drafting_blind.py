"""Scoring a draft against a blind brief's gold: facts in their section, gaps asked, nothing invented.

The blind gold (eval/drafting/blind/*.gold.yaml) names, per fact, the RFP section it belongs in and its
key terms as groups of alternatives; per gap, the words an open question about it would use; and the
specifics a faithful draft never states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from rfp_assistant.jobs.drafting.catalog import SECTION_IDS, scorecard, section_catalog
from rfp_assistant.jobs.drafting.render import OPEN_POINT
from rfp_assistant.schemas.brief import RfpDraft

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
                         "\u00d7": "x", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2019": "'"})
_THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u2009](?=\d{3}(?!\d))")
_SEPARATORS = re.compile(r"[-/_]")
_WORD_TAIL = re.compile(r"[a-z0-9]*")


@dataclass
class BlindTally:
    """Counts for one set of blind briefs."""

    drafts: int = 0
    complete: int = 0
    facts: int = 0
    carried: int = 0
    gaps: int = 0
    asked: int = 0
    invented: int = 0
    sections: int = 0
    cited: int = 0
    questions: int = 0
    misses: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        """The set's figures, named as the drafting suite reports them."""
        return {
            "facts_carried": self.carried / max(self.facts, 1),
            "gaps_asked": self.asked / max(self.gaps, 1),
            "invented_facts": float(self.invented),
            "section_coverage": self.complete / max(self.drafts, 1),
            "sections_cited": self.cited / max(self.sections, 1),
            "open_questions_per_brief": self.questions / max(self.drafts, 1),
        }


def blind_sets(root: Path) -> dict[str, list[Path]]:
    """The blind briefs of each split ('dev', 'held_out'), by split.yaml."""
    split_file = root / "split.yaml"
    if not split_file.is_file():
        return {}
    split = yaml.safe_load(split_file.read_text(encoding="utf-8")) or {}
    briefs = {p.stem: p for p in root.iterdir() if p.suffix in (".txt", ".md") and p.is_file()}
    return {name: [briefs[stem] for stem in split.get(name) or []] for name in ("dev", "held_out")}


def load_gold(brief: Path) -> dict:
    """The gold file beside a blind brief."""
    return yaml.safe_load((brief.parent / f"{brief.stem}.gold.yaml").read_text(encoding="utf-8"))


def score_blind(name: str, draft: RfpDraft, gold: dict, tally: BlindTally, *, list_misses: bool) -> None:
    """Add one draft's counts to `tally`; misses are recorded only when `list_misses` (never for held-out)."""
    miss = tally.misses.append if list_misses else (lambda _text: None)
    tally.drafts += 1
    ids = [s.id for s in draft.sections]
    if ids == list(SECTION_IDS) and all(s.markdown.strip() for s in draft.sections):
        tally.complete += 1
    else:
        miss(f"{name}: sections {ids}")
    said = {s.id: OPEN_POINT.sub(" ", s.markdown) for s in draft.sections}
    for fact in gold.get("facts") or []:
        tally.facts += 1
        where = said.get(fact["section"], "") + "\n" + said.get("overview", "")
        absent = [group for group in fact["key_terms"] if not any(mentions(where, term) for term in group)]
        tally.carried += not absent
        if absent:
            miss(f"{name}: fact {fact['fact']!r} not in {fact['section']} (missing {absent[0][0]!r})")
    questions = open_questions(draft)
    tally.questions += len(questions)
    asked_text = "\n".join(questions)
    for gap in gold.get("gaps") or []:
        tally.gaps += 1
        ok = any(mentions(asked_text, term) for term in gap["expect_any"])
        tally.asked += ok
        if not ok:
            miss(f"{name}: no open question on {gap['topic']!r}")
    stated = stated_text(draft)
    for text in gold.get("must_not_invent") or []:
        if mentions(stated, text, prefix=False):
            tally.invented += 1
            miss(f"{name}: invented {text!r}")
    for section in draft.sections:
        tally.sections += 1
        tally.cited += bool(section.citations)
        if not section.citations:
            miss(f"{name}: section {section.id} has no citation")


def open_questions(draft: RfpDraft) -> list[str]:
    """The draft's gap questions and the open points marked in its sections."""
    points = [p for s in draft.sections for p in OPEN_POINT.findall(s.markdown)]
    return [g.question for g in draft.gaps] + list(dict.fromkeys(points))


def stated_text(draft: RfpDraft) -> str:
    """What the draft presents as decided: title and sections without open points or the form's schema table.

    The response form lists every allowed value of the comparison schema (every agency, every service) for any
    program; naming an option there is not a statement about this program. Nor are the catalog's questions to every
    vendor and the scorecard's rules, the same in every draft ('the most recent FDA inspection of the site').
    """
    parts = [draft.title]
    for section in draft.sections:
        text = section.markdown
        if section.id == "response_form":
            text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("|"))
        parts.append(OPEN_POINT.sub(" ", without_boilerplate(text)))
    return "\n".join(parts)


def normalize(text: str) -> str:
    """Lower case; dashes, '×', thousands separators ('2,000' = '2000'), '-', '/', '_' and spacing made plain."""
    t = _THOUSANDS.sub("", text.translate(_DASHES))
    return re.sub(r"\s+", " ", _SEPARATORS.sub(" ", t)).lower()


def mentions(haystack: str, term: str, *, prefix: bool = True) -> bool:
    """`term` present in `haystack`, case-insensitive, after `normalize` of both.

    Numbers match whole ('180' is not in '1800'; '6-7' is in '6-7M'), and so do short words of up to three
    letters ('EU' is not in 'EUR' or 'neutral'; plural 's' allowed); longer words match inside longer ones
    ('mannos' in 'hypermannosylated', 'dual sourc' in 'dual sourcing'). With `prefix=False` (a specific that
    must not be invented) every edge is a word boundary.
    """
    h, n = normalize(haystack), normalize(term)
    if not n.strip():
        return False
    head = re.match(r"[^\W\d_]+|\d+", n).group(0) if n[0].isalnum() else ""
    tail = re.search(r"(?:[^\W\d_]+|\d+)$", n).group(0) if n[-1].isalnum() else ""
    for m in re.finditer(re.escape(n), h):
        before = h[m.start() - 1] if m.start() else " "
        after = _WORD_TAIL.match(h, m.end()).group(0)
        if not _edge_ok(before, head, strict=not prefix) or not _tail_ok(after, tail, strict=not prefix):
            continue
        return True
    return False


def _edge_ok(before: str, head: str, *, strict: bool) -> bool:
    if not head:
        return True
    if head.isdigit():
        return not before.isdigit()
    return not before.isalnum() if strict or len(head) <= 3 else True


def _tail_ok(after: str, tail: str, *, strict: bool) -> bool:
    if not tail or not after:
        return True
    if tail.isdigit():
        return not after[0].isdigit() and (not strict or not after[0].isalnum())
    if after in ("s", "es"):
        return True
    # A longer word may be a stem ('dual sourc'); a unit may carry its power ('µg/m' in 'µg/m3').
    return not strict and (len(tail) > 3 or after[0].isdigit())


@lru_cache(maxsize=1)
def _boilerplate() -> frozenset[str]:
    lines = {c.rule for c in scorecard()}
    for spec in section_catalog():
        lines.update(spec.must_ask + spec.guidance + (spec.purpose,))
    return frozenset(_plain(line) for line in lines)


def _plain(line: str) -> str:
    line = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line)
    return re.sub(r"(?:\s\[\d+\])+\s*$", "", line).strip()


def without_boilerplate(markdown: str) -> str:
    """`markdown` without the catalog's and scorecard's lines that every draft repeats whatever the brief says."""
    common = _boilerplate()
    kept = []
    for line in markdown.splitlines():
        cells = [_plain(c) for c in line.split("|")] if line.startswith("|") else [_plain(line)]
        if not any(c and c in common for c in cells):
            kept.append(line)
    return "\n".join(kept)
