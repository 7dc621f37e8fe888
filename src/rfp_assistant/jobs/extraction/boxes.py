"""Tick boxes of a questionnaire read as the choice they record: "Lyophilization? ☒ Yes ☐ No" says yes, "Bioreactor
type: ☐ Single-use ☒ Stainless steel" says stainless steel, and a line with no box ticked is a question left blank.

An option beside an empty box is not said at all, so its words are never a value; quotes stay the page's own words.
"""

from __future__ import annotations

import re

from rfp_assistant.core.text.tick_boxes import CHECKED, UNCHECKED

# A bare '✔' is no box here: in a proposal's capability table '✔' / '✘' mark yes and no (read in answers.py).
_BOX = re.compile(rf"(?P<on>{CHECKED})|(?P<off>{UNCHECKED})")
MAX_OPTION = 25
_YES_NO = re.compile(r"(?i)\s*(?:(?P<yes>yes|y)|(?P<no>no|n))\b")


def _boxes(line: str) -> list[re.Match]:
    """The tick boxes of a form line: two or more, or one empty box (a lone '■' is a bullet)."""
    boxes = list(_BOX.finditer(line))
    if len(boxes) >= 2 or (boxes and boxes[0].group("off")):
        return boxes
    return []


def unticked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that state nothing: each option beside an empty box, and every line of boxes none of which
    is ticked (its question or label too)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        boxes = _boxes(line)
        if boxes:
            if not any(m.group("on") for m in boxes):
                spans.append((start, start + len(line)))
            else:
                for n, m in enumerate(boxes):
                    if m.group("off"):
                        end = boxes[n + 1].start() if n + 1 < len(boxes) else len(line)
                        spans.append((start + m.start(), start + end))
        start += len(line) + 1
    return spans


def ticked_answer(text: str, end: int) -> bool | None:
    """Yes (True) or no (False) as ticked in the boxes on the rest of the line after `end`, or None."""
    line_end = text.find("\n", end)
    line = text[end:line_end if line_end >= 0 else len(text)]
    boxes = list(_BOX.finditer(line))  # one ticked box is enough here: it must be followed by yes or no
    for n, m in enumerate(boxes):
        if n and m.start() - boxes[n - 1].end() > MAX_OPTION or (not n and len(line[:m.start()].strip()) > MAX_OPTION):
            break  # the boxes of the next question (a quote runs rows together)
        answer = _YES_NO.match(line, m.end())
        if m.group("on") and answer:
            return answer.group("yes") is not None
    return None


_OFF_OPTION = re.compile(rf"(?:{UNCHECKED})[^☐□☒☑✅■\[(|\n]{{0,40}}")


def without_unticked(text: str) -> str:
    """`text` with each option beside an empty box blanked (same length), when it has tick boxes."""
    if not _boxes(text):
        return text
    return _OFF_OPTION.sub(lambda m: " " * len(m.group(0)), text)
