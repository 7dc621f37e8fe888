"""Page text made independent of where the PDF layout wrapped its lines.

Proposals come from word processors, slide tools and PDF libraries that break the same sentence at different
widths. Rules that look "a few lines" around a label would then read different text for the same words, so a
sentence the layout wrapped is joined back onto one line first. Table rows, list items, headings and lines that end
a sentence keep their line breaks: those carry structure.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ENDS_STATEMENT = re.compile(r"[.:;!?]\s*$")
_STARTS_ITEM = re.compile(r"\s*(?:[-•▪*\x7f|]|\(?[a-z0-9]{1,2}[.)]\s|[A-Z]{1,3}[-.]?\d+(?:\.\d+)*[a-z]?\b|\d+(?:\.\d+)+\s)")
# A line that reads as a cell or a caption rather than prose: few words, or ends in a figure ("Total USD 1,200,000").
_ENDS_FIGURE = re.compile(r"(?:\d|%|\)|\d[^\S\n]?(?:L|mL|kg|g|mg|wks?|weeks?|days?|months?))\s*$")  # "… bioreactor: 200 L"
_CELLS = re.compile(r"\s\|\s|\S {3,}\S|\t")  # a row of cells or a running header ("Acme | Confidential")
_PROSE_WORD = re.compile(r"\b[a-z]{2,}\b")
MIN_WRAP = 28  # a line shorter than this was ended by its writer, not wrapped by the layout


def unwrap_prose(text: str) -> str:
    """`text` with each layout-wrapped prose line joined to the line that continues it (same characters otherwise)."""
    lines = text.split("\n")
    if len(lines) < 3:
        return text
    width = _wrap_width(lines)
    out = [lines[0]]
    for previous, line in zip(lines, lines[1:]):
        if _wrapped(previous, line, width):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return "\n".join(out)


def _wrap_width(lines: list[str]) -> int:
    """How long a prose line is on this page when the layout wraps it: near the page's longer lines."""
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.split()) >= 4)
    if not lengths:
        return 10**6
    return max(MIN_WRAP, int(0.7 * lengths[int(0.9 * (len(lengths) - 1))]))


def _wrapped(previous: str, line: str, width: int) -> bool:
    """Whether `line` continues the sentence that the layout cut at the end of `previous`."""
    if len(previous) < width:
        return False
    head, tail = previous.rstrip(), line.strip()
    if not tail or len(head) < width or head.count(" ") < 4:
        return False
    if _ENDS_STATEMENT.search(head) or _STARTS_ITEM.match(line) or _CELLS.search(head) or _CELLS.search(tail):
        return False
    if tail[:1].islower() or tail[:1] in "(,&":
        return True
    # A capital after a long line is still the same sentence when the line did not end a cell; after a figure
    # only when prose carries on ("we have completed 31\nGMP peptide programmes, and ...").
    prose = len(_PROSE_WORD.findall(tail)) >= 3
    if _ENDS_FIGURE.search(head):  # after a figure a capitalised word starts a new row or sentence; an acronym not,
        # unless its line ends in a figure too: two rows of a price table ("… 193,000" / "ICH stability … 88,000")
        return prose and len(tail) >= width // 2 and bool(re.match(r"[A-Z]{2,}\b", tail)) and \
            not _ENDS_FIGURE.search(tail)
    return prose


def wrapped(pattern: str) -> str:
    """The pattern with its spaces (outside character classes) matching any whitespace: PDF text wraps lines."""
    out, depth = [], 0
    for i, char in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        if char == "[" and not escaped:
            depth += 1
        elif char == "]" and not escaped and depth:
            depth -= 1
        if char == " " and not depth and not escaped:
            quantified = pattern[i + 1:i + 2] in ("?", "*", "+", "{")
            out.append(r"\s" if quantified else r"\s+")  # " ?" stays optional: "us ?fda" still reads "USFDA"
        else:
            out.append(char)
    return "".join(out)


@lru_cache(maxsize=512)
def line_free(pattern: re.Pattern) -> re.Pattern:
    """A cue pattern whose spaces also match line breaks: a table cell "Technology\ntransfer" is still the label."""
    return re.compile(wrapped(pattern.pattern), pattern.flags)
