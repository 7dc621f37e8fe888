"""A brief cut into clauses, each in the sponsor's own words: what the RFP must carry, statement by statement.

Prose is cut by the one clause splitter (core.text.sentences); a table row or a "Label: value" line keeps its
label, so "Budget | EUR 3.8M" reads "Budget: EUR 3.8M". Mail and chat furniture carries nothing about the program and
is left out: header lines, greetings, sign-offs, requests to the colleague who writes the RFP, a chat message's
'Name  09:02' header and reactions. What the brief leaves open is shown as open, never as a fact: a form field left
blank or 'TBD' and an open action ('Decide who runs the assay', under 'Action items' or in a table with an owner).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rfp_assistant.core.text.sentences import clause_sentences, normalize_whitespace
from rfp_assistant.jobs.drafting.brief_layout import OUTLINE, next_line, outline_depth, tab_cells, tab_header
from rfp_assistant.jobs.drafting.brief_open import doubt, open_field
from rfp_assistant.jobs.drafting.brief_units import KEY_LINE, form_line, units_from_mapping
from rfp_assistant.jobs.drafting.mail_chain import SEPARATOR

# Mail and minutes furniture: who wrote to whom when, who attended ('**Attendees:** ...'), who took the notes.
_HEADER = re.compile(r"^\s*\**\s*(?:From|To|Cc|Bcc|Sent|Date|Attachments?|Attendees|Participants|Present|Apologies|Absent"
                     r"|Invitees|Minutes? (?:taken )?by|Minute[- ]taker|Note[- ]taker|Scribe)\s*\**\s*:", re.I)
_SUBJECT = re.compile(r"^\s*Subject\s*:\s*(?:(?:RE|FW|FWD|AW|WG)\s*:\s*)*", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•▪]|\d{1,2}[.)])\s+")
_OUTLINE_BULLET = re.compile(rf"{OUTLINE.pattern}|{_BULLET.pattern}")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|good (?:morning|afternoon)|team|all)\b[^.!?\d]{0,30}[,!:]?$", re.I)
_SIGN_OFF = re.compile(r"^(?:best|thanks|thank you|many thanks|thanks again|cheers|regards|kind regards|best regards"
                       r"|warm regards|br|sincerely|all the best)\b[ ,.!]*(?:\w+)?[.!]?$", re.I)
# Words to the colleague drafting the RFP, not about the program ("Thanks for pulling this together").
_CHATTER = re.compile(
    r"^(?:thanks|thank you|many thanks|as discussed|as promised|as requested|forwarding|fyi|hope\b|let me know"
    r"|see below|below (?:is|are)|here(?:'s| is| are) (?:what|the|my|some)|quick summary|can you|could you|would you"
    r"|please (?:turn|draft|prepare|put|pull|find|see|let))\b", re.I)
# 'For the RFP: ...', 'Short version: ...' open a sentence; they do not label what follows.
_DISCOURSE = re.compile(r"^(?:for (?:the|this|our) (?:RFP|request|record)|short version|in short|summary|quick summary"
                        r"|tl;?dr|note|notes|fyi|background|context|update|bottom line)$", re.I)
# A line of a few words ending in a colon that introduces the list under it ('Nice to have:', '## Must-haves:').
_LEAD_IN = re.compile(r"^(?:#{1,6}\s+)?([A-Za-z][\w /&'-]{1,40}?)\s*:$")
_CONTENT = re.compile(r"\d|\b[A-Z]{2,}[\w-]*\b")
_EMPTY_CELL = {"", "-", "–", "—", "n/a", "na", "none"}
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
_NAME = r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*"
# A chat message's header on its own line: 'Dana Kim  09:02', 'Dana Kim, 9:02 AM', '[09:02] Dana Kim'.
_SPEAKER = re.compile(rf"^(?:{_NAME}\s*[,(–—-]?\s*(?:[A-Z][a-z]{{2}}\s+)?{_TIME}\)?|\[?{_TIME}\]?\s+{_NAME}:?)$")
# A one- or two-word question to the others in a chat ('thoughts?', 'ok?'): it asks, it does not state.
_PROMPT = re.compile(r"^[^\d?]{1,25}\?$")
# Labels of a form that are not inputs the RFP needs ('Comments:', 'Requester:').
_NOT_INPUT = re.compile(r"^(?:comments?|remarks?|notes?|other|misc\w*|attachments?|signature|date|requester|requested by"
                        r"|approved by|reviewed by|prepared by|form|version)\b", re.I)
# A heading or lead-in over the points still to be settled.
_OPEN_HEADING = re.compile(r"\b(?:action(?:s| items?| points?| list)?|open (?:items?|points?|questions?|issues?)|to-?dos?"
                           r"|next steps|parking lot|outstanding|pending|follow-?ups?|TBD|decisions? needed)\b", re.I)
# An item that asks for a decision or an answer rather than stating one, its owner first or not ('JK to confirm ...').
_DECISION = re.compile(r"^(?:(?:[A-Z][\w.'-]*\s+){1,3}to\s+)?(?:decide|confirm|clarify|check|determine|agree|choose|select"
                       r"|define|finali[sz]e|resolve"
                       r"|investigate|evaluate|assess|verify|find out|align|look into|follow up|get (?:a |an |the )?"
                       r"(?:answer|input|decision)|TBD|TBC)\b|\?|\bpending\b|\bTBD\b|\bTBC\b", re.I)
_COLUMN_OF_ACTIONS = re.compile(r"^(?:action|owner|who|due|status|open (?:item|point|question))\b", re.I)


@dataclass(frozen=True)
class Clause:
    """One statement of the brief: `text` is what the RFP shows, `context` what placement reads (with its label)."""

    text: str
    context: str


def brief_clauses(text: str, mapping: dict | None = None) -> list[Clause]:
    """Every clause of the brief, in order; a YAML/JSON brief gives one per 'key: value'."""
    if mapping is not None:
        return [Clause(u.text, u.text) for u in units_from_mapping(mapping)]
    clauses: list[Clause] = []
    for block in _blocks(text):
        if block.open:
            said = f"{block.body} ({block.note})" if block.note else block.body
            clauses.append(Clause(open_point_text(said), said))
            continue
        if block.asked:
            clauses.append(Clause(open_point_text(block.asked), block.asked))
        for n, sentence in enumerate(clause_sentences(block.body)):
            for piece in sentence:
                piece, asked = doubt(piece.rstrip(" ,;"))
                # A table row or list item is about its label throughout; a prose line only in its first sentence.
                label = f"{block.label}: " if block.label and (block.whole or n == 0) else ""
                if piece and not _is_chatter(piece):
                    said = label + piece
                    clauses.append(Clause(f"{said} ({block.note})" if block.note else said, said))
                if asked:  # a doubt is asked, after what its piece states
                    clauses.append(Clause(open_point_text(label + asked), label + asked))
    return _unique(clauses)


@dataclass(frozen=True)
class _Block:
    label: str
    body: str
    note: str = ""
    whole: bool = True
    open: bool = False  # left open by the brief: shown as a point to confirm, never as a fact
    asked: str = ""  # a point the brief leaves open beside what the block states ('TBD - tox lots used X')


def open_point_text(said: str) -> str:
    """How a point the brief leaves open reads in the RFP: '[To be confirmed: ...]'."""
    return f"[To be confirmed: {normalize_whitespace(said).replace('[', '(').replace(']', ')').rstrip(' .;:')}]"


def _blocks(text: str) -> list[_Block]:
    """One block per table row, list item, heading, signature or line (a wrapped line joins the one before)."""
    blocks: list[_Block] = []
    headers: list[str] | None = None
    signature: list[str] | None = None
    lead = ""  # a short lead-in line ('Nice to have:')
    parents: list[tuple[int, str]] = []  # (indent, label) of the list items above, for the items nested under them
    open_list = False  # under a heading or lead-in over open points ('Action items', 'Open questions:')
    fresh = chat = False  # a chat message starts here; in a chat each line is said on its own, never wrapped
    lines = text.splitlines()
    # A brief numbered as an outline ('1. Background' / '1.1 ...'): its numbered lines are its items.
    bullet = _OUTLINE_BULLET if sum(bool(OUTLINE.match(ln)) for ln in lines) >= 2 else _BULLET
    for n, raw in enumerate(lines):
        line = form_line(raw.strip())  # an intake form's 'Label ...... value' reads 'Label: value', as in brief_units
        form = line != raw.strip()
        if signature is not None:
            if not SEPARATOR.match(line):
                if line:
                    signature.append(line)
                continue
            if signature:  # the signature ends where the chain's next message starts
                blocks.append(_Block("", ", ".join(_signature(signature))))
            signature = None
        if not line or _HEADER.match(line) or _TABLE_RULE.match(line) or SEPARATOR.match(line):
            continue
        if _SPEAKER.match(line) or not re.search(r"[^\W_]", line) or _PROMPT.match(line) and len(line.split()) <= 2:
            fresh = chat = True  # a chat header, a reaction or a one-word prompt to the others
            continue
        if (m := _LEAD_IN.match(line)) and not _GREETING.match(line) and not _DISCOURSE.match(m.group(1)):
            if _blank_field(lines, n, m.group(1)):
                blocks.append(_Block("", m.group(1), open=True))
                continue
            lead, parents, open_list = m.group(1), [], bool(_OPEN_HEADING.search(m.group(1)))
            continue
        if line.startswith("|"):
            cells = [normalize_whitespace(c) for c in line.strip().strip("|").split("|")]
            if headers is None and n + 1 < len(lines) and _TABLE_RULE.match(lines[n + 1].strip()):
                headers = cells  # the header row names the columns; it says nothing itself
            else:
                actions = open_list or any(_COLUMN_OF_ACTIONS.match(h) for h in headers or [])
                blocks.append(_opened(_row(cells, headers or []), actions))
            continue
        if len(cells := tab_cells(raw)) >= 2:  # a row pasted from a spreadsheet: cells between tabs
            if headers is None and tab_header(cells) and len(tab_cells(next_line(lines, n))) >= 2:
                headers = cells
            else:
                actions = open_list or any(_COLUMN_OF_ACTIONS.match(h) for h in headers or [])
                blocks.append(_opened(_row(cells, headers or []), actions))
            continue
        headers = None
        if _HEADING.match(line) or _OPEN_HEADING.fullmatch(line):  # '## Open points', or a bare 'Action items' line
            open_list = bool(_OPEN_HEADING.search(line)) and len(line.split()) <= 6
            if open_list:
                continue
        if not bullet.match(line) and not _HEADING.match(line):
            lead, parents = "", []
        if _GREETING.match(line):
            continue
        if _SIGN_OFF.match(line):
            signature = []
            continue
        if m := _SUBJECT.match(line):
            blocks.append(_Block("", line[m.end():]))
        elif _HEADING.match(line) or bullet.match(line):
            block = _labelled(bullet.sub("", _HEADING.sub("", line)), whole=True)
            indent = len(raw) - len(raw.lstrip()) + 4 * outline_depth(line)
            while parents and (parents[-1][0] >= indent or not bullet.match(line)):
                parents.pop()
            parent = parents[-1][1] if parents else ""
            if not block.label and (parent or lead):
                # A sub-item is about its parent's label; a list under 'Nice to have:' is about that lead-in.
                block = _Block(parent or lead, block.body, block.note, True)
            if bullet.match(line) and (own := block.label or _group_title(block.body)):
                parents.append((indent, own))  # what the items nested under this one are about
            blocks.append(_opened(block, open_list and bullet.match(line) is not None))
            continue
        elif blocks and not fresh and not chat and _wraps(lines[n - 1].strip(), line) and not blocks[-1].note \
                and not blocks[-1].open:
            last = blocks[-1]
            blocks[-1] = _Block(last.label, f"{last.body} {line}", last.note, last.whole)
        else:
            blocks.append(_opened(_labelled(line, whole=form), False))
        fresh = False
    if signature is None:
        signature = _trailing_signature(lines, blocks)
    if signature:
        blocks.append(_Block("", ", ".join(_signature(signature))))
    # A group's title ('1. Background') says nothing the items under it, which carry it as their label, do not say.
    return [b for b, after in zip(blocks, blocks[1:] + [None])
            if not (after and after.label == b.body and not b.label and not b.note and not b.open)]


def _group_title(body: str) -> str:
    """A list item that only names a group ('Drug product', 'Quality') labels the items nested under it."""
    return body if len(body.split()) <= 4 and not re.search(r"[\d.,;:()!?]", body) else ""


def _opened(block: _Block, among_actions: bool) -> _Block:
    """`block` marked open when it leaves its field open ('Batch size: TBD') or asks for a decision ('Decide ...')
    as an action or open point of the brief."""
    if block.label and not _NOT_INPUT.match(block.label) and (stated := open_field(block.body)) is not None:
        return _Block(block.label, stated, block.note, block.whole, asked=block.label) if stated else \
            _Block("", block.label, open=True)
    labelled_open = block.label and _OPEN_HEADING.fullmatch(block.label.strip())
    if (among_actions or labelled_open) and _DECISION.search(block.body):
        return _Block("", block.body, block.note, open=True)
    return block


def _blank_field(lines: list[str], n: int, label: str) -> bool:
    """True when 'Label:' with nothing after it is a form field left blank: a 'Field: value' line above it and
    another field (or nothing) below it, not the lead-in of a list."""
    if _NOT_INPUT.match(label) or _OPEN_HEADING.search(label):
        return False
    above = next((ln.strip() for ln in reversed(lines[:n]) if ln.strip()), "")
    below = next((ln.strip() for ln in lines[n + 1:] if ln.strip()), "")
    return bool(KEY_LINE.match(above) or _LEAD_IN.match(above)) and (
        not below or bool(KEY_LINE.match(below) or _LEAD_IN.match(below)) and not _BULLET.match(below))


def _trailing_signature(lines: list[str], blocks: list[_Block]) -> list[str]:
    """A mail signed without a sign-off ('Ann' / 'Acme Cell Therapeutics'): its last short lines, taken from
    `blocks` and returned as one signature."""
    tail: list[str] = []
    for raw in reversed(lines):
        line = raw.strip()
        if not line:
            break
        if len(line.split()) > 6 or re.search(r"[.!?;:]$|\d|^\|", line) or not line[:1].isupper():
            return []
        tail.insert(0, line)
    if not tail or len(tail) == len([ln for ln in lines if ln.strip()]) or not any(len(t.split()) <= 2 for t in tail):
        return []
    del blocks[len(blocks) - len(tail):]
    return tail


def _wraps(previous: str, line: str) -> bool:
    """True when `line` continues the sentence of `previous` (a hard-wrapped paragraph)."""
    return bool(previous) and not re.search(r"[.!?:;)\]]$", previous) and line[:1].islower() \
        and not KEY_LINE.match(line) and not previous.startswith("|")


def _row(cells: list[str], headers: list[str]) -> _Block:
    """A table row: first cell as the label, second as the body, the other columns as 'Header: cell'."""
    label, body = (cells + ["", ""])[:2]
    extra = [f"{(headers[i] if i < len(headers) and headers[i] else 'Note')}: {c}"
             for i, c in enumerate(cells[2:], start=2) if c.lower() not in _EMPTY_CELL]
    if not body:
        return _Block("", label, "; ".join(extra))
    return _Block(label, body, "; ".join(extra))


def _labelled(line: str, *, whole: bool) -> _Block:
    m = KEY_LINE.match(line)
    if m and len(m.group(1).split()) <= 4 and not _DISCOURSE.match(m.group(1)):
        return _Block(m.group(1).strip(), m.group(2).strip(), "", whole)
    return _Block("", line, "", whole)


def _signature(lines: list[str]) -> list[str]:
    """Signature lines; a lone first name repeated in the full name below it is dropped."""
    later = " ".join(lines[1:])
    return [line for i, line in enumerate(lines) if not (i == 0 and len(line.split()) == 1 and line in later)]


def _is_chatter(piece: str) -> bool:
    """A remark to the colleague writing the RFP, carrying no number, code or acronym."""
    plain = re.sub(r"\bRFPs?\b|\bCDMOs?\b", "", piece)
    return bool(_CHATTER.match(piece)) and not _CONTENT.search(plain) or bool(
        _GREETING.match(piece) and len(piece.split()) <= 3) or bool(re.fullmatch(r"[\w\s]{1,30}:", piece))


def _unique(clauses: list[Clause]) -> list[Clause]:
    seen: set[str] = set()
    out = []
    for clause in clauses:
        if clause.text not in seen:
            seen.add(clause.text)
            out.append(clause)
    return out
