"""Lines of a pasted chat: where a message starts after its time stamp and speaker, and whether a text is a chat."""

from __future__ import annotations

import re

TIMESTAMP = re.compile(r"^[^\n]{0,25}?\b\d{1,2}:\d{2}(?:\s?[AaPp][Mm])?\b")
# 'Ana: ...', '[09:05] Ana: ...', '**Ana:** ...', 'Ana (09:05): ...', '09:05 Ana: ...', '> Ana: ...'.
SPEAKER = re.compile(r"^\s*(?:>\s*)?(?:\[[^\]]{1,20}\]\s*|\d{1,2}:\d{2}(?:\s?[AaPp][Mm])?\s*[-\u2013]?\s*)?\**"
                     r"([A-Z][\w.'-]{1,20}(?: [A-Z][\w.'-]{1,20})?)\s*(?:[,(]\s*\d{1,2}:\d{2}(?:\s?[AaPp][Mm])?\)?)?"
                     r"\s*:\**\s")


def message_start(line: str) -> int:
    """Where the message starts after a chat line's time stamp and speaker (0 when the line has neither)."""
    m = SPEAKER.match(line)
    if m:
        return m.end()
    t = TIMESTAMP.match(line)
    return re.match(r"[\]\)\s\-:]*", line[t.end():]).end() + t.end() if t else 0


def is_chat(lines: list[str]) -> bool:
    """Several messages with time stamps, or a speaker who writes more than once."""
    stamped = sum(bool(TIMESTAMP.match(line)) for line in lines)
    speakers = [m.group(1) for line in lines if (m := SPEAKER.match(line))]
    return stamped >= 3 or (len(speakers) >= 3 and len(set(speakers)) < len(speakers))
