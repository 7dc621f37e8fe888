"""Footnotes that take back what their marker is attached to: "Stability study² … 95,000" with "² Withdrawn from
this offer" or "⁴ Superseded: validity is 90 days" leaves the marked row saying nothing.

A footnote opens a line with its marker (¹, *, †, a digit, "(2)"); the row carrying the same marker is what it
speaks about. When the footnote withdraws, excludes, voids or replaces that item, the row's figures are not the
offer's; whatever the footnote itself states instead is read where it stands.
"""

from __future__ import annotations

import re

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"
_DEFINITION = re.compile(rf"(?m)^[^\S\n]*(?P<marker>[{_SUPERSCRIPTS}]|\*{{1,3}}|[†‡§]|\(\d\)|\[\d\]|\d)\)?[^\S\n]+(?P<body>\S[^\n]*)")
# What takes an item back: withdrawn, removed, excluded, no longer offered, void, replaced, not part of the offer.
_TAKES_BACK = re.compile(
    r"(?i)^\W*(?:[\w-]+\s+){0,3}?(?:withdrawn|removed|deleted|struck|cancel(?:l)?ed|void|superseded|replaced|"
    r"no\s+longer\s+(?:offered|included|available|applies|valid|part)|not\s+(?:included|offered|quoted|applicable|"
    r"part\s+of\s+(?:this|the)\s+(?:offer|proposal|quotation|quote|scope))|does\s+not\s+apply|excluded\s+from)\b")
MAX_ROW_LINES = 3


def withdrawn_spans(text: str) -> list[tuple[int, int]]:
    """Rows of `text` whose footnote marker points to a footnote taking the item back."""
    spans = []
    for note in _DEFINITION.finditer(text):
        if not _TAKES_BACK.search(note.group("body")):
            continue
        marker = note.group("marker").strip("()[]")
        for ref in _references(text, marker, note.start()):
            spans.append(_row(text, ref))
    return sorted(spans)


def _references(text: str, marker: str, before: int) -> list[int]:
    """Where the marker is attached to a word, a bracket, a percentage or a figure before its footnote."""
    if marker.isdigit():  # a superscript digit printed as a plain one: "handling3", "(24 months)2", "days4"
        pattern = re.compile(rf"(?<=[A-Za-z)%])(?<!\b[A-Z]{{2}}){marker}(?![\d\w])|[\[(]{marker}[\])]")
    else:
        pattern = re.compile(rf"(?<=\S){re.escape(marker)}(?![*†‡§])")
    return [m.start() for m in pattern.finditer(text, 0, before)]


def _row(text: str, position: int) -> tuple[int, int]:
    """The line holding `position` and the figure cells right under it (a table printed one cell per line)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    for _ in range(MAX_ROW_LINES):
        following = text.find("\n", end + 1)
        following = len(text) if following < 0 else following
        cell = text[end + 1:following].strip()
        if not cell or len(cell) > 30 or not re.search(r"\d", cell) or re.search(r"[A-Za-z]{4,}", cell):
            break
        end = following
    return start, end
