"""A forwarded or replied e-mail chain read in the order it was written.

Mail clients put the newest message on top and the messages it answers or forwards below it, each under a header
('On Mon, 3 Nov 2025, Ann wrote:', '-----Original Message-----', a 'From:' line) or quoted with '>' (deeper is
older). A figure corrected in a later message must overrule the earlier one, so the corrections are read with the
messages in the order they were written; the brief itself keeps its layout.
"""

from __future__ import annotations

import re

# A line that opens an earlier message of the chain.
SEPARATOR = re.compile(
    r"^\s*(?:>\s*)*(?:-{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|message d'origine"
    r"|weitergeleitete nachricht|message transféré)\s*-{2,}|_{5,}|(?:on|am|le)\s.{4,160}\b(?:wrote|schrieb|a écrit)\s*:"
    r"|begin forwarded message:|from:\s.*|von:\s.*|de\s?:\s.*)\s*$", re.I)
_QUOTE = re.compile(r"^\s*((?:>\s?)+)")
_HEADER_FIELD = re.compile(r"^\s*(?:>\s*)*(?:from|to|cc|bcc|sent|date|subject|von|an|gesendet|betreff|de|à|objet|envoyé)"
                           r"\s?:", re.I)


def quote_depth(line: str) -> int:
    """How many '>' quote the line."""
    m = _QUOTE.match(line)
    return m.group(1).count(">") if m else 0


def unquoted(text: str) -> str:
    """`text` without the '>' quote marks of a replied e-mail."""
    return "\n".join(_QUOTE.sub("", line) for line in text.split("\n"))


def written_order(lines: list[str]) -> list[int]:
    """Indices of `lines` with the chain's messages oldest first (each message keeps its own line order); the lines
    in their order when the text is not a chain of several messages."""
    messages: list[list[int]] = [[]]
    depth = 0
    for n, line in enumerate(lines):
        opens = SEPARATOR.match(line) or quote_depth(line) > depth and line.strip(" >")
        if opens and any(_says(lines[k]) for k in messages[-1]):
            messages.append([])  # a message so far holding only its header lines goes on
        if line.strip(" >"):
            depth = quote_depth(line)
        messages[-1].append(n)
    if len(messages) < 2:
        return list(range(len(lines)))
    return [n for message in reversed(messages) for n in message]


def _says(line: str) -> bool:
    """A line of a message's body (not blank, not a header or separator)."""
    return bool(line.strip(" >")) and not SEPARATOR.match(line) and not _HEADER_FIELD.match(line)
