"""Passages read as evidence: sentences, list items and table rows, rows split into their labelled cells.

A cell knows its program, the date it speaks from and its standing. In a row, a status cell ("Name: vacant",
"Status: Placeholder", "Comment: not built up yet") speaks for the whole row, while another field speaks only
for itself ("Mitigation: TBD" leaves the mitigation open, not the risk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.core.text.sentences import normalize_whitespace, split_sentences
from rfp_assistant.jobs.readiness.language import STRENGTH, Verdict, judge
from rfp_assistant.jobs.readiness.programs import Programs, line_dates

_ITEM = re.compile(r"^([-*•▪]|\d{1,2}[.)])\s")
# Table rows and spreadsheet-like lines: "| a | b |", "1 Tech transfer fee 450", "fees ........ USD 350k",
# "Item: Audits | Amount: 60,000" (a spreadsheet, CSV or slide row).
_ROW = re.compile(r"^(\||\d{1,2} [A-Z])|\.{4,}|\s\.\s|\S \| \S")
# A numbered clause of formal minutes and policies ("2.3 The Committee ...", "7.2.1 No GMP activity ...") starts a
# paragraph of its own, however its lines are wrapped.
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[A-Z]")
_RULE = re.compile(r"^\|?\s*:?-{3,}")
_HEADER = re.compile(r"^(?:from|sent|to|cc|subject|date)\s*:", re.I)
_LABELLED = re.compile(r"^([^:|]{1,40}?):\s+(\S.*)$")
# Fields that say whether the row's thing exists: who holds it, its status, a comment on it.
# Lists whose members are open by where they stand: "Open points", "Next steps", "Action list", "To do".
# The list's own title must be just that ("5. Open points", "Next steps:", "Actions (owner, due)"): "Decisions and
# actions" or "Status and next steps" holds settled points too.
_OPEN_LIST = re.compile(r"^\W*(?:\d+[.)]?\s*)?(?:open (?:points?|items?|questions?|issues?)|next steps?|"
                        r"action (?:list|items?|points?)|actions|to ?do|outstanding(?: items?| points?)?|parking lot|"
                        r"pending(?: items?)?|"
                        r"follow-?ups?)\b(?:\s*(?:&|and|/)\s*(?:asks|actions|owners|open (?:points|items)|next steps|"
                        r"follow-?ups))?"
                        r"(?:\s*\([^)]*\))?\W*$", re.I)
# The same, as a label opening a line: "Open follow-ups: (1) budget benchmark - HO; (2) ...".
_OPEN_LABEL = re.compile(r"^\W*(?:open (?:points?|items?|questions?|issues?|follow-?ups?)|next steps?|action (?:items?|points?)|"
                         r"to ?do|outstanding(?: items?| points?)?|follow-?ups?|parking lot)\s*:", re.I)
# A reviewer's advice ("4. Recommendations", a "Recommendation" column): what someone says should be done records
# neither that it is done nor that the company means to do it.
_ADVICE = re.compile(r"^\W*(?:\d+[.)]?\s*)?(?:recommendations?|recommended actions?)\W*$", re.I)
_ROW_FIELDS = re.compile(r"^(?:name|names|owner|who|status|state|assigned(?: to)?|lead|person|responsible|approval|"
                         r"approved|version|comments?|notes?|remarks?|% complete|progress|holder)$", re.I)


@dataclass(frozen=True)
class Unit:
    """One sentence, list item or table row, verbatim, with what introduces it."""

    text: str
    lead: str
    offset: int
    """Character offset of the unit's first line in its chunk (for dating quoted e-mails)."""
    cells: tuple[str, ...]
    """The row's cells (verbatim substrings of `text`); one cell, the text itself, for a sentence."""
    row_cells: tuple[int, ...]
    """Positions of cells that speak for the whole row (name, status, comment)."""
    is_row: bool = False
    """A table row or list item (not a sentence of a paragraph)."""
    labels: tuple[str, ...] = ()
    """Each cell's column name or label ("" when it has none), in the order of `cells`."""


@dataclass(frozen=True)
class Cell:
    """A cell (or sentence) as evidence."""

    chunk: Chunk
    unit: Unit
    text: str
    verdict: Verdict
    when: date | None
    program: str
    heading: bool = False
    """True for the section heading itself (a title, not a statement, unless it carries a status)."""
    label: str = ""
    """The cell's column name or label in a table row ("Category", "Area"), else ""."""


@lru_cache(maxsize=8192)
def units_of(text: str) -> tuple[Unit, ...]:
    """Sentences, list items and rows of a passage, each verbatim on one line, rows with their cells."""
    units: list[Unit] = []
    lead, header = "", ()
    for block, kind, offset in _blocks(text):
        if kind == "rule":
            continue
        if kind == "para":
            pieces = split_sentences(block)
            units.extend(Unit(p, "", offset, _clauses(p), ()) for p in pieces)
            lead, header = (pieces[-1] if pieces else lead), ()
            continue
        row = normalize_whitespace(block)
        cells, labels = _cells(row, header)
        if kind == "pipe" and not header and not any(_LABELLED.match(c) for c in cells):
            header = tuple(cells)  # the first row of a pipe table names its columns
        row_cells = tuple(i for i, label in enumerate(labels)
                          if cells[i] and (label is None or _ROW_FIELDS.match(label.strip())))
        if kind != "pipe" and labels == [None] and len(details := _details(row)) > 1:
            cells, row_cells = details, ()  # a list item with a status on a detail: that detail is open, not the item
            labels = [None] * len(cells)
        units.append(Unit(row, lead, offset, tuple(cells), row_cells, is_row=True,
                          labels=tuple(label or "" for label in labels)))
    return tuple(units)


_CLAUSE = re.compile(r";\s+|,?\s+(?=(?:but|whereas|while|although|though|however)\s)")
# A status word on a detail of the thing, set off by a comma, a dash or brackets: "kick-off held, date TBC",
# "RACI approved (owner to be confirmed)". It leaves that detail open, not the rest of the sentence.
_DETAIL = re.compile(r"(?:,|\s[-\u2013\u2014]|\()\s*((?:the |exact |final )?(?:owners?|dates?|timing|deadline|due date|"
                     r"start date|end date|venue|attendees|format)"
                     r"\s*(?::\s*|is |are |still )?(?:tbd|tbc|tba|to be (?:confirmed|decided|defined|determined|agreed|"
                     r"set|scheduled|announced|named|assigned)|not yet (?:set|confirmed|fixed|agreed|decided|scheduled|"
                     r"named|assigned))\b\)?)", re.I)


def _clauses(sentence: str) -> tuple[str, ...]:
    """A sentence's clauses (split at semicolons and "but"/"while"...): each may be about another thing or time;
    a status on a detail ("date TBC") is a clause of its own."""
    parts = [p.strip() for p in _CLAUSE.split(sentence)]
    parts = [piece for part in parts for piece in _details(part)]
    return tuple(p for p in parts if p) if len(parts) > 1 else (sentence,)


def _details(clause: str) -> list[str]:
    """The clause cut around each status-on-a-detail phrase ("..., owner TBD"), each piece verbatim."""
    pieces, at = [], 0
    for match in _DETAIL.finditer(clause):
        if match.start() > at:
            pieces.append(clause[at:match.start()].strip(" ,-\u2013\u2014("))
        pieces.append(match.group(1))
        at = match.end()
    return [p for p in pieces + [clause[at:].strip(" ,)")] if re.search(r"\w", p)] if at else [clause]


def _cells(row: str, header: tuple[str, ...]) -> tuple[list[str], list[str | None]]:
    """The row's cells (empty ones kept, so they line up with the header) and each cell's label."""
    parts = [p.strip() for p in row.strip().strip("|").split("|")] if " | " in row or row.startswith("|") else [row]
    cells = parts if any(parts) else [row]
    labels: list[str | None] = []
    for position, cell in enumerate(cells):
        labelled = _LABELLED.match(cell)
        if labelled:
            labels.append(labelled.group(1))
        elif header and len(header) == len(cells):
            labels.append(header[position] if position else None)
        else:
            labels.append(None)
    return cells, labels


def _blocks(text: str) -> list[tuple[str, str, int]]:
    """Paragraphs and rows, each joined onto one line, with their kind and offset in `text`."""
    blocks: list[tuple[list[str], str, int]] = []
    offset = 0
    for raw in text.split("\n"):
        line, start = raw.strip(), offset
        offset += len(raw) + 1
        depth = len(line) - len(line.lstrip("> "))
        kind = ("rule" if _RULE.match(line) else "pipe" if line.startswith("|") else "item" if _ITEM.match(line)
                else "row" if _ROW.search(line) else f"quote{line[:depth].count('>')}" if depth else "para")
        numbered = bool(_NUMBERED.match(line))
        if not line or (depth and (not line[depth:].strip() or _HEADER.match(line[depth:]))) or _HEADER.match(line):
            blocks.append(([], "para", start))  # an empty quoted line or a mail header ends a paragraph
            if line:
                blocks.append(([line], "para", start))
                blocks.append(([], "para", start))
        elif (kind == "para" or kind.startswith("quote")) and blocks and blocks[-1][0] and not numbered and (
            blocks[-1][1] == kind or (blocks[-1][1] == "item" and kind == "para" and line[:1].islower())
        ):
            blocks[-1][0].append(line)  # a wrapped line continues its paragraph, quoted paragraph or list item
        else:
            blocks.append(([line], kind, start))
    return [(" ".join(lines), "para" if kind.startswith("quote") else kind, start) for lines, kind, start in blocks
            if lines]


def heading_cell(chunk: Chunk, programs: Programs, document_program: str, start: date | None, today: date, *,
                 plan_item: bool, stale_years: int) -> Cell | None:
    """The section heading of `chunk` as a cell (give the section's first chunk: the heading is on its page)."""
    cells = cells_of(chunk, programs, document_program, start, today, plan_item=plan_item, stale_years=stale_years,
                     heading=True, body=False)
    return cells[0] if cells else None


def cells_of(chunk: Chunk, programs: Programs, document_program: str, start: date | None, today: date, *,
             plan_item: bool, stale_years: int, heading: bool = False, body: bool = True) -> list[Cell]:
    """Every cell of a chunk with its program, date and standing; with `heading`, its section heading first."""
    marks = line_dates(chunk.text, start, today)
    section_program = programs.of(chunk.section) or document_program
    listed_open = bool(_OPEN_LIST.search(chunk.section))
    if _ADVICE.match(chunk.section):
        return []
    cells: list[Cell] = []
    units = units_of(chunk.text) if body else ()
    if heading and chunk.section.strip():
        title = normalize_whitespace(chunk.section)
        units = (Unit(title, "", 0, (title,), ()), *units)
    for unit in units:
        if _HEADER.match(unit.text):
            continue  # "Subject: ...", "Sent: ...": a mail's envelope, not a statement
        when = next((d for o, d in reversed(marks) if o <= unit.offset), start)
        unit_program = programs.of(unit.text) or programs.of(unit.lead) or section_program
        row = _verdict(" | ".join(unit.cells[i] for i in unit.row_cells), today, plan_item, stale_years)
        if row.standing == "firm" and (listed_open or (unit.lead and _OPEN_LIST.search(unit.lead))) \
                and unit.text != normalize_whitespace(chunk.section):
            row = Verdict("open", f"listed under “{chunk.section if listed_open else unit.lead}”", hint=True)
        elif row.standing == "firm" and (label := _OPEN_LABEL.match(unit.text)):
            row = Verdict("open", f"listed under “{label.group(0).strip()}”", hint=True)
        for position, text in enumerate(unit.cells):
            if not text:
                continue
            own = row if position in unit.row_cells else _verdict(text, today, plan_item, stale_years)
            verdict = own if STRENGTH[own.standing] <= STRENGTH[row.standing] else row
            label = unit.labels[position] if position < len(unit.labels) else ""
            if _ADVICE.match(label):
                continue
            cells.append(Cell(chunk, unit, text, verdict, when, programs.of(text) or unit_program,
                              heading=heading and unit is units[0], label=label))
    return cells


@lru_cache(maxsize=65536)
def _verdict(text: str, today: date, plan_item: bool, stale_years: int) -> Verdict:
    return judge(text, today, plan_item=plan_item, stale_years=stale_years) if text else Verdict("firm")
