"""A page or section that says it supersedes another: "This page supersedes Section 5 (Pricing)", "replaces page 3".

The section or page it names is the earlier version: its figures are not the offer's any more, so they are neither
read nor set against the revised ones as a conflict.
"""

from __future__ import annotations

import re

_DECLARES = re.compile(
    r"(?i)\b(?:supersedes?|replaces?|overrides?|is\s+to\s+be\s+read\s+instead\s+of)\s+(?:the\s+)?(?:(?:pricing|prices|"
    r"figures|price\s+table|commercial\s+terms)\s+(?:in|on|of|given\s+in)\s+)?(?P<kind>section|page|chapter|part|annex|"
    r"appendix|§)\s*(?P<ref>[A-Z]?\d{1,2}(?:\.\d{1,2})?|[A-Z])\b")
_HEADING = r"(?m)^[^\S\n]*{ref}\.?[^\S\n]+[A-Z][^\n]{{0,90}}$"
_NEXT_HEADING = re.compile(r"(?m)^[^\S\n]*(?:\d{1,2}|[A-Z])\.?[^\S\n]+[A-Z][^\n]{0,90}$")


def superseded_spans(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Per page: the spans of an earlier page or section that a later declaration supersedes."""
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    for index, text in enumerate(texts):
        for declaration in _DECLARES.finditer(text):
            kind, ref = declaration["kind"].lower(), declaration["ref"]
            if kind == "page":
                number = int(ref) - 1 if ref.isdigit() else -1
                if 0 <= number < len(texts) and number != index:
                    spans[number].append((0, len(texts[number])))
                continue
            _mark_section(texts, spans, ref, declaration, index)
    return [sorted(page) for page in spans]


def _mark_section(texts, spans, ref: str, declaration: re.Match, declaring: int) -> None:
    """The numbered section `ref` before the declaration, from its heading to the next heading of its level."""
    heading = re.compile(_HEADING.format(ref=re.escape(ref)))
    for index in range(declaring, -1, -1):
        text = texts[index]
        limit = declaration.start() if index == declaring else len(text)
        found = [m for m in heading.finditer(text, 0, limit)]
        if not found:
            continue
        start = found[-1].start()
        following = [m for m in _NEXT_HEADING.finditer(text, found[-1].end(), limit)
                     if not m.group(0).strip().startswith(ref + ".")]
        end = following[0].start() if following else limit
        if index == declaring:
            # The declaring page's own heading above the declaration is the revision's, not the old section's.
            own = text.rfind("\n", 0, declaration.start())
            end = min(end, max(own, start))
        spans[index].append((start, end))
        return
