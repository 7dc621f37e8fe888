"""Candidate values found near cue phrases, scored so that distractors lose, and turned into field results."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rfp_assistant.core.values import Match, normalize_space
from rfp_assistant.jobs.extraction.batch_price import describes_batch
from rfp_assistant.jobs.extraction.columns import column_matches, field_unit
from rfp_assistant.jobs.extraction.layout import line_free
from rfp_assistant.jobs.extraction.revisions import FROM_OLD, REFERENCE_ONLY, SUPERSEDED, TO_NEW
from rfp_assistant.schemas.proposal import Evidence, FieldResult, FieldSpec

WINDOW_LINES = 3  # a value may sit on the cue's line or the next two (wrapped prose, table cells)
MAX_QUOTE = 260
MIN_SCORE = 0.35
MIN_STATED = 0.4  # below this a value is too doubtful to report: "not stated" is better than a guess
CONFLICT_RATIO = 0.85  # a different value scoring this close to the best one is a real conflict
OUTDATED = 0.3  # below a firm statement (0.8), so a superseded figure is never in conflict with its revision


@dataclass
class Page:
    """One page of a proposal: its number and text as loaded (line breaks kept for table structure)."""

    number: int
    text: str
    line_starts: list[int] = field(default_factory=list)
    foreign: list[tuple[int, int]] = field(default_factory=list)
    """Spans in the sponsor's words (quoted RFP questions and requirements): never the vendor's values."""
    others: list[tuple[int, int]] = field(default_factory=list)
    """Spans about other clients' programs (track record): not this program's figures, but the vendor's record."""
    options: list[tuple[int, int]] = field(default_factory=list)
    """Option and pass-through lists: offered, but not the proposed scope's figures."""
    unanswered: list[tuple[int, int]] = field(default_factory=list)
    """Rows and questions answered with a hedge (TBD, on request): their labels label nothing, their figures are
    not the vendor's answer."""
    outdated: list[tuple[int, int]] = field(default_factory=list)
    """A page or section a later one says it supersedes: its figures stand only where the revision is silent."""
    elsewhere: list[tuple[int, int]] = field(default_factory=list)
    """Rows about a unit of the vendor's network other than the proposed ones: its capability, not the site's."""
    postscript: int | None = None
    """Where a letter's P.S. starts: what it says revises the letter above it."""
    cells: list = field(default_factory=list)
    """Table cells with their column's heading and unit (see columns.table_cells)."""

    def __post_init__(self):
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]

    def is_foreign(self, position: int, *, record: bool = False) -> bool:
        """Whether `position` lies in the sponsor's words, or (unless reading the vendor's `record`) in text about
        other clients' programs."""
        return _within(self.foreign, position) or _within(self.unanswered, position) or \
            (not record and _within(self.others, position))


    def is_unanswered(self, position: int) -> bool:
        """Whether `position` lies in a question answered with a hedge or an option beside an empty tick box."""
        return _within(self.unanswered, position)

    def is_elsewhere(self, position: int) -> bool:
        """Whether `position` lies in a row about another unit of the vendor's network than the proposed ones."""
        return _within(self.elsewhere, position)

    def line_of(self, position: int) -> int:
        """Index of the line holding `position`."""
        low, high = 0, len(self.line_starts) - 1
        while low < high:
            mid = (low + high + 1) // 2
            if self.line_starts[mid] <= position:
                low = mid
            else:
                high = mid - 1
        return low

    def line_end(self, line: int) -> int:
        """Offset just past line `line` (without its newline)."""
        return self.line_starts[line + 1] - 1 if line + 1 < len(self.line_starts) else len(self.text)


def _within(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


@dataclass
class Candidate:
    """A value for a field with the page, the quote that shows it, and how convincing it is."""

    value: object
    page: int
    quote: str
    score: float
    sentence_key: tuple[int, int] = (0, 0)
    revises: bool = False
    """Introduced as the figure a revision arrives at: earlier values are superseded, not in conflict."""


@lru_cache(maxsize=64)
def any_of(patterns: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """One pattern matching where any of `patterns` does (one scan instead of one per pattern)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)


def quote_between(page: Page, start: int, end: int) -> str:
    """The text from `start` to `end`, widened to the start of its sentence and trimmed to a sane length."""
    line = page.line_of(start)
    left = page.line_starts[line]
    sentence_start = max(page.text.rfind(". ", left, start), page.text.rfind("; ", left, start))
    if sentence_start >= 0:
        left = sentence_start + 2
    if end - left > MAX_QUOTE:
        left = max(start - 40, left)
        left = page.text.find(" ", left, start) + 1 or start
    right = end
    # Finish the word or closing bracket the value ends in ("12 weeks)" reads better than "12 weeks").
    while right < len(page.text) and right - end < 3 and page.text[right] in ")%":
        right += 1
    return normalize_space(page.text[left:right]).strip(" ,;:(")


def near_cues(
    spec: FieldSpec, pages: list[Page], finder: Callable[[str], list[Match]], *,
    judge: Callable[[Match, str, str], float] | None = None, cues: Iterable[re.Pattern] | None = None,
    record: bool = False, rivals: Iterable[re.Pattern] = (), columns: str | None = None,
) -> list[Candidate]:
    """Values found by `finder` within a few lines after a cue of `spec`, scored by distance and context.

    A bare figure in a table column whose heading gives the field's unit (or the unit `columns` names; "" for
    none) counts too when the cue labels its row or stands in its heading ("Technology transfer | 1 | 9 | 9"
    under "Duration (weeks)").
    """
    found: dict[tuple[int, int, int], Candidate] = {}
    rival = any_of(tuple(rivals))
    for page in pages:
        for cue_pattern in cues or spec.cues:
            for cue in line_free(cue_pattern).finditer(page.text):
                if _DENIED_CUE.search(page.text, max(0, cue.start() - 20), cue.start()):
                    continue  # "no process development": nothing that follows belongs to the field
                if not record and _within(page.others, cue.start()):
                    continue  # a label in another client's record labels that record's figures, not the offer's
                if _within(page.unanswered, cue.start()):
                    continue  # "Technology transfer | TBD": the label's answer is the hedge, not a figure below it
                line = page.line_of(cue.start())
                # From the line before: "…, and three\ncommercial ADCs" wraps a count away from its noun.
                left = page.line_starts[max(line - 1, 0)]
                last = min(line + WINDOW_LINES - 1, len(page.line_starts) - 1)
                # Tables printed one cell per line reach their value later: widen over short lines.
                while last + 1 < len(page.line_starts) and last < line + 2 * WINDOW_LINES and \
                        page.line_end(last) - cue.end() < SHORT_REACH:
                    last += 1
                right = page.line_end(last)
                gap = page.text.find("\n\n", cue.end(), right)
                if gap >= 0 and page.text[cue.end():gap].strip():
                    right = gap  # a blank line ends the paragraph: what follows it is another statement's
                segment = page.text[left:right]
                matches = finder(segment)
                headed = column_matches(page.cells, cue.start(), field_unit(spec) if columns is None else columns,
                                        left, matches)
                for match in matches:
                    start, end = left + match.start, left + match.end
                    if page.is_foreign(start, record=record) or _within(page.options, start):
                        continue
                    if end <= cue.start() and (page.line_of(end) != line or
                                               sentence_start(page.text, cue.start(), end) > end):
                        continue  # a value before its label is the label's only in the label's own sentence
                    # A value usually follows its label; one before it ("2.9 million in total") is weaker evidence.
                    if id(match) in headed:
                        distance = 0  # the heading names the column: its cells are the cue's however far below
                    elif start >= cue.end():
                        distance = start - cue.end()
                    elif end > cue.start():
                        distance = 0  # the value sits inside the cue phrase ("completed 23 peptide programmes")
                    else:
                        distance = 2 * (cue.start() - end) + 60
                        if re.search(r"[,;]\s", page.text[end:cue.start()]):
                            distance += 100  # "…of £180,000, two GMP batches at…": the value closes the previous item
                    context = _clause(page.text, min(start, cue.start()), end)
                    score = 1.0 - min(max(distance, 0), 220) / 260
                    if start > cue.end() and _ITEM_MARK.search(page.text, cue.end(), start):
                        score -= 0.3  # the value belongs to the next bullet or list item
                    # The nearest value after a label is the label's; the ones after it belong to later labels
                    # ("Batch 1 | Week 30 | Batch 2 | Week 34").
                    between = sum(cue.end() <= left + m.start and left + m.end <= start for m in matches)
                    score -= 0.2 * between
                    if start > cue.end() and rival and rival.search(page.text, cue.end(), start):
                        score -= 0.4  # another field's label stands between: "Technology transfer … WP2 Process development (16 weeks)"
                    if rival and REFERENCE_ONLY.fullmatch(cue.group(0)) and rival.search(
                            page.text, max(0, cue.start() - 160, page.text.rfind(". ", 0, cue.start()) + 2), cue.start()):
                        score -= 0.4  # "How long will tech transfer take? 12-14 weeks from PO": "from PO" names no subject
                    if _distracted(spec, page.text, start, end, min(start, cue.start())):
                        score -= 0.6
                    revises = False
                    if SUPERSEDED.search(page.text, max(page.text.rfind(". ", 0, start) + 2, start - 160), start) or \
                            FROM_OLD.search(page.text, max(0, start - 60), start):
                        score -= 0.6  # "replaces the earlier total of EUR 2.9M", "reduced from 16 to 12 weeks"
                    revises = bool(TO_NEW.search(page.text, max(page.text.rfind(". ", 0, start) + 2, start - 120), start)) \
                        or (page.postscript is not None and start >= page.postscript)
                    if revises:
                        score += 0.3  # "reduced from 16 to 12 weeks", "which makes the total EUR 255,000": the new figure
                    if judge is not None:
                        score += judge(match, context, page.text[cue.start():cue.end()])
                    if _within(page.outdated, start):
                        score -= OUTDATED  # the superseded section's figure yields to the revision's
                    key = (page.number, start, end)
                    if score > MIN_SCORE and (key not in found or found[key].score < score):
                        quote = quote_between(page, min(start, cue.start()), end)
                        found[key] = Candidate(match.value, page.number, quote, score, (page.number, start),
                                               revises=revises)
    return sorted(found.values(), key=lambda c: -c.score)


# A new table row or list item: a line break after a short line (a cell) before a capital, a numbered item or a
# bullet; or a bullet anywhere. A break after a long line is a soft wrap inside a sentence.
_NEW_ROW = re.compile(r"(?:(?<=\n)|(?<=\n[^\n]{1})|(?<=\n[^\n]{2})|[^\S\n])(?=[\x7f•▪])|"
                      r"\n[^\S\n]*(?=[A-Z]|WP\d|\d+\s*[.)]\s|\d{1,2}\s+[A-Z][a-z]|[-\x7f•▪*])")  # "2 Prices are…": a footnote
_AMOUNT_CELL = re.compile(r"\d{1,3}(?:[,.'’]\d{3})+(?:[.,]\d{2})?$")
SHORT_REACH = 100  # characters after a cue that its window covers however short the lines are
SOFT_WRAP = 70  # a line this long that breaks mid-sentence was wrapped by the layout, not ended


def _rows(text: str, start: int, end: int):
    """Row starts in text[start:end] (see _NEW_ROW), skipping line breaks that only wrap a long line."""
    wrap = _wrap_width(text)
    for row in _NEW_ROW.finditer(text, start):  # the lookahead may read past `end` ("\n2 Prices…" is a row)
        if row.start() >= end:
            break
        if text[row.start():row.start() + 1] == "\n":
            line_start = text.rfind("\n", 0, row.start()) + 1
            if row.start() - line_start >= wrap and text[row.start() - 1:row.start()] not in ".:;" and \
                    not _AMOUNT_CELL.search(text, max(line_start, row.start() - 16), row.start()):
                continue  # a long line that ends in an amount ends a price row, however long
        yield row


@lru_cache(maxsize=64)
def _wrap_width(text: str) -> int:
    """How long a line must be to have been wrapped by the layout: near the page's longest lines."""
    lengths = sorted(len(line) for line in text.split("\n") if line.strip())
    if len(lengths) < 5:
        return SOFT_WRAP
    return max(SOFT_WRAP, int(0.85 * lengths[int(0.9 * (len(lengths) - 1))]))
# What a full stop after it abbreviates rather than ends: "incl. QC release", "approx. 22 weeks", "U.S. FDA".
_ABBREVIATED = re.compile(r"(?:\b[A-Za-z]|\bincl|\bexcl|\bapprox|\bca|\bNo|\bvs|\bInc|\bLtd|\bCo|\bDr|\bMr|\bMs|\bSt)\Z")


def sentence_start(text: str, position: int, floor: int = 0) -> int:
    """Just after the last full stop that ends a sentence (". ") between `floor` and `position`, else `floor`."""
    stop = text.rfind(". ", floor, position)
    while stop >= floor and _ABBREVIATED.search(text, max(stop - 7, 0), stop):
        stop = text.rfind(". ", floor, stop)
    return stop + 2 if stop >= floor else floor
_CLAUSE_MARKS = ("; ", ", and ", ", while ", ", whereas ", ", but ")  # a new clause: earlier words are another's
_ITEM_MARK = re.compile(r"[\x7f•▪]")
_ASIDE = re.compile(r"\s[(\[]|;\s")
_DENIED_CUE = re.compile(r"\b(?:no|without|excludes?|excluding|not)\s+(?:\w+\s+)?$", re.I)
# A distractor the item includes or leaves out is no other item: "GMP batches incl. QC release testing: 2 x AUD 96,500".
_EXCLUDING = re.compile(r"(?:exclud\w*|without|not including|excl\.?|other than|net of|incl\.?|including|inclusive of)"
                        r"\W+(?:\w+\W+){0,2}$", re.I)


def _distracted(spec: FieldSpec, text: str, start: int, end: int, row_start: int) -> bool:
    """A distractor word right around the value (same sentence or table row) means it is not this field's value."""
    # Line breaks are mostly soft wraps in PDF text, so the window ignores them; sentence ends bound it,
    # and so does a line that starts a new table row ("6,738,000\nOption A: …" is another row).
    first = min(start, row_start)
    left = max(sentence_start(text, start, max(start - 120, 0)), start - 120, 0,
               *(text.rfind(mark, 0, first) + len(mark) for mark in _CLAUSE_MARKS))
    for row in _rows(text, left, row_start + 1):
        left = row.end()  # earlier table rows belong to other items
    stop = text.find(". ", end)
    right = min(stop if stop >= 0 else len(text), end + 40)
    row = next(_rows(text, end, right), None)
    if row:
        right = row.start()
    # A parenthesis or semicolon after the value opens another clause: "week 36 (engineering batch in week 28)".
    aside = _ASIDE.search(text, end, right)
    if aside:
        right = aside.start()
    right = min([right] + [i for i in (text.find(mark, end, right) for mark in _CLAUSE_MARKS) if i >= 0])
    window = text[left:right]
    # One scan for all distractors (a hit hidden under an overlapping excluded one is the rare price of speed).
    distractor = any_of(tuple(spec.distractors))
    for hit in distractor.finditer(window) if distractor else ():
        if not _EXCLUDING.search(window[: hit.start()]) and not describes_batch(window, hit.start()):
            return True
    return False


def _clause(text: str, start: int, end: int) -> str:
    """The text around a value up to sentence or cell boundaries (where distractor words count)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, max(start - 1, 0)), start - 120)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates + [end + 60])
    return text[max(left, 0) : right]


FAR_APART = 2500  # characters: on one long page (a text file, a one-page export) a summary and a detail section


def _apart(a: Candidate, b: Candidate) -> bool:
    # A conflict is the same field given two values in different places (a summary against a detail page);
    # two figures close together are a range, a table row and its note, or a distractor.
    if a.page != b.page:
        return True
    return a.sentence_key[0] == b.sentence_key[0] == a.page and abs(a.sentence_key[1] - b.sentence_key[1]) > FAR_APART


def decide(candidates: list[Candidate], *, allow_conflict: bool = True, same: Callable | None = None) -> FieldResult:
    """Pick the best value; a close second with a different value makes the field 'conflicting'."""
    candidates = [c for c in candidates if c.score >= MIN_STATED]
    if not candidates:
        return FieldResult()
    equal = same or (lambda a, b: a == b)
    best = candidates[0]
    agreeing = [c for c in candidates if equal(c.value, best.value)]
    rivals = [c for c in candidates if not equal(c.value, best.value) and c.score >= CONFLICT_RATIO * best.score]
    # A real conflict is two firm statements in different places (a summary page against a detail page),
    # not a second number in the same sentence ("30 weeks; the engineering run 8 weeks earlier").
    rivals = [c for c in rivals if c.score >= 0.8 and _apart(c, best)]
    if best.revises:  # a later revision supersedes what came before it ("P.S. ... which makes the total EUR 255,000")
        rivals = [c for c in rivals if c.sentence_key > best.sentence_key]
    if allow_conflict and rivals and best.score >= 0.8:
        rival = rivals[0]
        return FieldResult(
            value=None, status="conflicting", confidence=round(min(best.score, 1.0), 2),
            evidence=[Evidence(page=best.page, quote=best.quote), Evidence(page=rival.page, quote=rival.quote)],
            candidates=[best.value, rival.value],
        )
    evidence = [Evidence(page=best.page, quote=best.quote)]
    for other in agreeing[1:3]:
        if other.quote != best.quote:
            evidence.append(Evidence(page=other.page, quote=other.quote))
    return FieldResult(value=best.value, status="stated", evidence=evidence, confidence=round(min(best.score, 1.0), 2))


def statement_end(text: str, position: int, limit: int = 260) -> int:
    """Where the sentence or list item running through `position` ends (a full stop, a new row, a blank line)."""
    stops = [i for i in (text.find(". ", position), text.find(".\n", position), text.find("\n\n", position)) if i >= 0]
    row = next(_rows(text, position, min(len(text), position + limit)), None)
    end = min(stops + [len(text), position + limit] + ([row.start()] if row else []))
    return end + 1 if text[end:end + 1] == "." else end


def list_result(options: Iterable[str], chosen: dict[str, Candidate]) -> FieldResult:
    """A list field from the members found (in the schema's order), each member's quote once as evidence."""
    if not chosen:
        return FieldResult()
    values = [name for name in options if name in chosen]
    evidence, seen = [], set()
    for name in values:
        c = chosen[name]
        if (c.page, c.quote) not in seen:
            seen.add((c.page, c.quote))
            evidence.append(Evidence(page=c.page, quote=c.quote))
    return FieldResult(value=values, status="stated", evidence=evidence, confidence=0.75)
