"""Which program a passage is about, and when each document (or quoted e-mail) was written.

A company's folder mixes programs: an archived predecessor, a sister product, the one being outsourced.
The program being assessed is the product code most documents name (file names count); another code
with the same prefix, or one named as a program ("Program: INI-118"), is another product. Evidence about
another product says nothing about this one, unless the sentence names this program too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.core.values import find_dates

# A product code: letters, an optional hyphen, then digits or a short letter-digit tail (GLX-207, ACM-xR4, INI271).
# Document numbers with three parts (QA-SOP-012, TTP-xR4-001) are not product codes.
# Fiscal and calendar years (FY27), standards, cell lines and the field's own abbreviations (ISO-9001, HEK293,
# SOP-014, QC-02) are written like codes but name no product.
_CODE = re.compile(r"(?<![\w-])(?!(?:FY|CY|ISO|IEC|HEK|CHO|COVID|SOP|ICH|CFR|USP|OEB|BSL|GMP|QA|QC|RA|PD|DS|DP|TT|CAPA|"
                   r"RFP|RFI|KPI|IND|CTA|BLA|MAA|PPQ|MSA|CDA|NDA|PO|WP|AP|CMC)-?(?:\d|[A-Za-z]{1,2}\d))"
                   r"([A-Z]{2,5})-?(\d{2,5}|[A-Za-z]{1,2}\d{1,3})(?![\w]|-\w)")
_PROGRAM_WORD = re.compile(r"\b(?:program|programme|project|product|compound|molecule|asset)s?\b", re.I)
# A code after these words is set apart from this program's work, or a source for it, not its subject
# ("incl. xR4", "NOT part of", "actuals from ACM-101").
_SET_APART = re.compile(r"\b(?:(?:incl|including|includes|excl|excluding|excludes|except|besides|beyond)\b\W*"
                        r"(?:[\w/()-]+\W+){0,7}|(?:not|no|nor|unlike|separate|plus|vs|versus|from)\b\W*(?:\w+\W+){0,2})$",
                        re.I)
_SET_APART_AFTER = re.compile(r"\b(?:not|no) (?:part of|in scope|included|relevant|comparable|use here|of use|"
                              r"applicable)|\bseparate (?:project|program|programme)|\bexcluded\b", re.I)
# A code right after these words numbers a lot, a study, a document or a record, not a product ("lot GLX-2601",
# "study ABC-301", "PO 4471-2", "SOP QA-014").
_RECORD = re.compile(r"\b(?:lots?|batch(?:es)?|study|studies|trial|protocol|sop|doc(?:ument)?|report|ref|po|invoice|"
                     r"quote|ticket|req(?:uisition)?|deviation|capa|change control|cc|form|template|sample|run)\W{0,3}"
                     r"(?:no\.?|number|#|id|code)?\W{0,3}$", re.I)
_SENT = re.compile(r"^(?:>\s*)*(?:sent|date)\s*:\s*(.+)$", re.I | re.M)
_HEADER_CHARS = 500


@dataclass
class Programs:
    """The assessed program's code and the other products' codes found in a company's documents."""

    own: str = ""
    others: set[str] = field(default_factory=set)
    _prefix: str = ""
    _own_re: re.Pattern | None = None
    _other_re: re.Pattern | None = None

    def __post_init__(self):
        self._own_re = _forms([self.own], alone=True) if self.own else None
        # A bare tail ("xR4") stands for a sister product only when it shares this program's prefix.
        self._other_re = _forms(sorted(self.others), alone=self._prefix) if self.others else None

    def of(self, text: str) -> str:
        """ "own" when `text` names this program, "other" when it names only another product, else ""."""
        if self._own_re and self._own_re.search(text):
            return "own"
        if self._other_re:
            for match in self._other_re.finditer(text):
                if _RECORD.search(text[max(0, match.start() - 30):match.start()]):
                    continue
                if not (_SET_APART.search(text[max(0, match.start() - 40):match.start()])
                        or _SET_APART_AFTER.search(text[match.end():match.end() + 60])):
                    return "other"
        return ""

    def named_other(self, text: str) -> str:
        """The other product's code named in `text`, for saying why its evidence was set aside."""
        match = self._other_re.search(text) if self._other_re else None
        return match.group(0) if match else ""


def find_programs(texts: dict[str, str]) -> Programs:
    """The program most documents name and the other products beside it; `texts` maps file name to its text."""
    document_frequency: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    named_as_program: set[str] = set()
    for source, text in texts.items():
        found = [_key(m) for m in _CODE.finditer(f"{re.sub(r'[_.]+', ' ', source)}\n{text}")]
        document_frequency.update(set(found))
        occurrences.update(found)
        for match in _CODE.finditer(text):
            around = text[max(0, match.start() - 25):match.end() + 25]
            # Only a code written like a product number ("ACM-101"), not a serotype or a strain ("AAV2", "CHO-K1").
            if _RECORD.search(text[max(0, match.start() - 30):match.start()]):
                continue
            if _PROGRAM_WORD.search(around) and "-" in match.group(0) and match.group(2).isdigit():
                named_as_program.add(_key(match))
    candidates = [c for c, n in document_frequency.items() if n >= 2 and n >= 0.4 * len(texts)]
    if not candidates:
        return Programs()
    own = max(candidates, key=lambda c: (document_frequency[c], occurrences[c]))
    prefix = own.split("-")[0]
    others = {c for c in occurrences if c != own and (c.split("-")[0] == prefix or c in named_as_program)}
    return Programs(own=own, others=others, _prefix=prefix)


def _key(match: re.Match) -> str:
    return f"{match.group(1)}-{match.group(2)}"


def _forms(codes: list[str], alone: bool | str) -> re.Pattern:
    """Spellings of codes: GLX-207, GLX207, GLX 207, and a distinctive tail alone ("xR4", "7781")."""
    parts = []
    for code in codes:
        prefix, tail = code.split("-", 1)
        parts.append(rf"{re.escape(prefix)}[-_ ]?{re.escape(tail)}")
        if (alone is True or alone == prefix) and (not tail.isdigit() or len(tail) >= 4):
            parts.append(re.escape(tail))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{'|'.join(parts)})(?![A-Za-z0-9])")


def document_date(source: str, opening: str, today: date) -> date | None:
    """When a document was written: a date in its file name, else the first date in its opening lines."""
    for text in (re.sub(r"[_]+", " ", source), opening[:_HEADER_CHARS]):
        dates = [m.value for m in find_dates(text) if m.value <= today and "year_only" not in m.flags]
        if dates:
            return dates[0]
    return None


def chunk_dates(chunks: list[Chunk], written: date | None, today: date) -> dict[str, date | None]:
    """The date each chunk of one document speaks from: quoted e-mails carry their own "Sent:" date."""
    current, dated = written, {}
    for chunk in sorted(chunks, key=lambda c: c.ordinal):
        dated[chunk.chunk_id] = current
        for match in _SENT.finditer(chunk.text):
            found = [m.value for m in find_dates(match.group(1)) if m.value <= today]
            if found:
                current = found[0]
    return dated


def line_dates(text: str, start: date | None, today: date) -> list[tuple[int, date | None]]:
    """(offset, date) marks inside one chunk: from each "Sent:"/"Date:" line on, text speaks from that date."""
    marks = [(0, start)]
    for match in _SENT.finditer(text):
        found = [m.value for m in find_dates(match.group(1)) if m.value <= today]
        if found:
            marks.append((match.start(), found[0]))
    return marks
