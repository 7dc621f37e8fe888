"""Negation in proposal sentences: "we do not offer X", "X is not offered", but not "not only X"."""

from __future__ import annotations

import re

_NEG_CUE = re.compile(r"(?i)\b(?:not|no|never|without|cannot|neither|nor|none|lacks?|lacking|unable)\b|\b\w+n[’']t\b")
_PSEUDO_NEG = re.compile(
    r"(?i)\b(?:not\s+only|not\s+just|not\s+limited\s+to|(?:no|not)\s+(?:later|more|less|fewer|sooner|earlier)\s+than"
    r"|no\s+matter|whether\s+or\s+not|if\s+not|not\s+to\s+exceed|no\s+doubt|not\s+least)\b"
)
_CLAUSE_BREAK = re.compile(
    r"(?i)[.;!?](?=\s|$)|\b(?:but|however|although|though|whereas|while|instead)\b"
    r"|\b(?:and|or)\s+(?:we|it|they|our|this|these|those|there|its|their|he|she)\b"
)
# "Lyophilisation? No", "US/EU: N/A", "Drug product ........ N/A" (a form's dot leader), "(none)".
_ANSWER_NO = re.compile(r"(?i)(?:[^.;!?\n]{0,60}?[?:]|[^.;!?\n]{0,40}?\s\.{2,}|\s*[-–—(]?)\s*"
                        r"(?:no|none|not\s+(?:offered|available|applicable)|n/a(?!\w))")
_POST_CUE = re.compile(r"(?i)\W*(?:[\w/-]+\W+){0,4}?(?:not|never|cannot|no\s+longer|\w+n[’']t)\b")
# A term followed by its own verb heads a new clause: "…, and cell line development is offered".
_OWN_VERB = re.compile(r"(?i)\s+(?:is|are|was|were|will|has|have|had|can|remains?|would|may|shall)\b")
_NEG_WINDOW_WORDS = 10
_WORD = re.compile(r"\w+")


def is_negated(sentence: str, term_start: int, term_end: int) -> bool:
    """Whether the sentence denies the term at [term_start, term_end): "we do not offer X", "X is not offered"."""
    # Blank out "not only", "no later than" … keeping offsets, so they are never read as cues.
    masked = _PSEUDO_NEG.sub(lambda m: " " * len(m.group()), sentence)
    clause_start = 0
    for brk in _CLAUSE_BREAK.finditer(masked, 0, term_start):
        clause_start = brk.end()
    if _OWN_VERB.match(masked, term_end):
        clause_start = max(clause_start, masked.rfind(",", clause_start, term_start) + 1)
    cues = list(_NEG_CUE.finditer(masked, clause_start, term_start))
    if cues and len(_WORD.findall(masked, cues[-1].end(), term_start)) <= _NEG_WINDOW_WORDS:
        return True
    if _ANSWER_NO.match(masked, term_end):
        return True
    brk = _CLAUSE_BREAK.search(masked, term_end)
    return bool(_POST_CUE.match(masked, term_end, brk.start() if brk else len(masked)))
