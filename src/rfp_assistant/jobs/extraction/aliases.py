"""Names a proposal gives a step itself: 'lyophilization cycle development and optimization (process development)'
declares that its plan calls process development by that name, so 'Duration of lyophilization cycle development:
8 weeks' is the process development's length in this proposal, and only in one that says so."""

from __future__ import annotations

import re

# The step each duration field measures, as a proposal writes it in the bracket after its own name for the step.
_STEPS = {
    "process_development_weeks": r"process\s+development",
    "tech_transfer_weeks": r"tech(?:nology)?\.?\s+transfer",
}
_PARENTHESES = re.compile(r"\([^()\n]*\)")
_CLAUSE_START = re.compile(r"[;:•\x7f|]|[.!?]\s|^|\s[-–—]\s|\b\d+(?:\.\d+)+\s")
WRAPPED = 60  # a line this long that runs on in lower case was wrapped inside the name
_WORD = re.compile(r"[A-Za-z][\w/-]*")
_SMALL = {"and", "or", "of", "the", "a", "an", "for", "to", "with", "in", "on", "at", "by", "our", "your", "its"}


def declared_cues(key: str, texts: list[str], cues) -> tuple[re.Pattern, ...]:
    """Cues for the names the proposal declares for the field's step ('X (process development)'): the name's first
    two words, unless a field cue reads them already."""
    step = _STEPS.get(key)
    if step is None:
        return ()
    declaration = re.compile(rf"(?i)\(\s*(?:i\.\s?e\.,?\s*|=\s*)?{step}\s*\)")
    found: dict[str, re.Pattern] = {}
    for text in texts:
        for m in declaration.finditer(text):
            name = _PARENTHESES.sub(" ", text[_name_start(text, m.start()):m.start()])
            words = [w.lower() for w in _WORD.findall(name)][:2]
            if len(words) < 2 or words[0] in _SMALL or words[1] in _SMALL:
                continue
            phrase = " ".join(words)
            if any(cue.search(phrase) for cue in cues):
                continue
            found[phrase] = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.I)
    return tuple(found.values())


def _name_start(text: str, end: int) -> int:
    """Where the name before a bracket starts: its clause's start, or its line's when the line above was not
    wrapped into it."""
    start = max([c.end() for c in _CLAUSE_START.finditer(text, max(0, end - 160), end)] or [end])
    line = text.rfind("\n", start, end)
    while line >= 0:
        above = text.rfind("\n", 0, line) + 1
        if line - above < WRAPPED or not text[line + 1:line + 2].islower():
            return line + 1
        line = text.rfind("\n", start, line)
    return start
