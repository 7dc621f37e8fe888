"""A brief cut into clauses, each in the sponsor's own words: what the RFP must carry, statement by statement.

Prose is cut by the one clause splitter (core.text.sentences); a table row or a "Label: value" line keeps its
label, so "Budget | EUR 3.8M" reads "Budget: EUR 3.8M". Mail furniture carries nothing about the program and is
left out: header lines, greetings, sign-offs and requests to the colleague who writes the RFP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rfp_assistant.core.text.sentences import clause_sentences, normalize_whitespace
from rfp_assistant.jobs.drafting.brief_units import KEY_LINE, units_from_mapping

_HEADER = re.compile(r"^\s*(?:From|To|Cc|Bcc|Sent|Date|Attachments?)\s*:", re.I)
_SUBJECT = re.compile(r"^\s*Subject\s*:\s*(?:(?:RE|FW|FWD|AW|WG)\s*:\s*)*", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•▪]|\d{1,2}[.)])\s+")
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
        for n, sentence in enumerate(clause_sentences(block.body)):
            for piece in sentence:
                piece = piece.rstrip(" ,;")
                if not piece or _is_chatter(piece):
                    continue
                # A table row or list item is about its label throughout; a prose line only in its first sentence.
                labelled = block.label and (block.whole or n == 0)
                said = f"{block.label}: {piece}" if labelled else piece
                clauses.append(Clause(f"{said} ({block.note})" if block.note else said, said))
    return _unique(clauses)


@dataclass(frozen=True)
class _Block:
    label: str
    body: str
    note: str = ""
    whole: bool = True


def _blocks(text: str) -> list[_Block]:
    """One block per table row, list item, heading, signature or line (a wrapped line joins the one before)."""
    blocks: list[_Block] = []
    headers: list[str] | None = None
    signature: list[str] | None = None
    lead, parent = "", ""  # a short lead-in line ('Nice to have:') and the label of the last top-level item
    lines = text.splitlines()
    for n, raw in enumerate(lines):
        line = raw.strip()
        if signature is not None:
            if line:
                signature.append(line)
            continue
        if not line or _HEADER.match(line) or _TABLE_RULE.match(line):
            continue
        if (m := _LEAD_IN.match(line)) and not _GREETING.match(line) and not _DISCOURSE.match(m.group(1)):
            lead, parent = m.group(1), ""
            continue
        if line.startswith("|"):
            cells = [normalize_whitespace(c) for c in line.strip().strip("|").split("|")]
            if headers is None and n + 1 < len(lines) and _TABLE_RULE.match(lines[n + 1].strip()):
                headers = cells  # the header row names the columns; it says nothing itself
            else:
                blocks.append(_row(cells, headers or []))
            continue
        headers = None
        if not _BULLET.match(line) and not _HEADING.match(line):
            lead = parent = ""
        if _GREETING.match(line):
            continue
        if _SIGN_OFF.match(line):
            signature = []
            continue
        if m := _SUBJECT.match(line):
            blocks.append(_Block("", line[m.end():]))
        elif _HEADING.match(line) or _BULLET.match(line):
            block = _labelled(_BULLET.sub("", _HEADING.sub("", line)), whole=True)
            nested = raw[:1].isspace() and _BULLET.match(line) and parent
            if not block.label and (nested or lead):
                # A sub-item is about its parent's label; a list under 'Nice to have:' is about that lead-in.
                block = _Block(parent if nested else lead, block.body, block.note, True)
            elif not raw[:1].isspace():
                parent = block.label
            blocks.append(block)
            continue
        elif blocks and _wraps(lines[n - 1].strip(), line) and not blocks[-1].note:
            last = blocks[-1]
            blocks[-1] = _Block(last.label, f"{last.body} {line}", last.note, last.whole)
        else:
            blocks.append(_labelled(line, whole=False))
    if signature is None:
        signature = _trailing_signature(lines, blocks)
    if signature:
        blocks.append(_Block("", ", ".join(_signature(signature))))
    return blocks


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
