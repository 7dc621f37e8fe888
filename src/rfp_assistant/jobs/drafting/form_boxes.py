"""Tick boxes of an intake form read as the choice they record: the ticked options are the answer, the others are
not said at all ('Dosage form: [x] liquid vial [ ] lyophilized' states a liquid vial, never a lyophilizate); a line
with no box ticked is a field left blank."""

from __future__ import annotations

import re

from rfp_assistant.core.text.tick_boxes import CHECKED, UNCHECKED

# On an intake form a bare '✔' before an option ticks it, as a ticked box does.
_BOX = re.compile(rf"({CHECKED}|✔)|({UNCHECKED})")


def ticked_only(text: str) -> str:
    """`text` with each line of tick boxes reduced to its ticked options (a line without boxes is kept as it is)."""
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    boxes = list(_BOX.finditer(line))
    if not boxes or not any(m.group(2) for m in boxes) and len(boxes) == 1 and boxes[0].start() > 0 \
            and not line[:boxes[0].start()].rstrip().endswith(":"):
        return line  # no boxes, or one mark inside a sentence ('■' as a bullet, '✔ done')
    head = line[:boxes[0].start()].rstrip()
    chosen = []
    for n, m in enumerate(boxes):
        end = boxes[n + 1].start() if n + 1 < len(boxes) else len(line)
        option = line[m.end():end].strip(" \t,;/|")
        if m.group(1) and option:
            chosen.append(option)
    if head.endswith(":") or not head:
        return f"{head} {', '.join(chosen)}".strip() if chosen else head
    return f"{head}: {', '.join(chosen)}" if chosen else f"{head}:"
