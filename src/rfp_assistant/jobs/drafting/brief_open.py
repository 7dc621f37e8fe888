"""What a brief leaves open while it says something about it: a field answered 'TBD - tox lots used X; open to CDMO
proposals', a form line 'Stability ...... TBD', a doubt said aloud ('no isolator needed I think, well... ask them').
Each becomes a point the RFP asks about; what the brief does state beside it stays a fact.
"""

from __future__ import annotations

import re

# A value that leaves a field open.
OPEN_VALUE = re.compile(r"^(?:TBD|TBC|TBA|to be (?:confirmed|determined|decided|defined|agreed)|unknown|not (?:yet )?"
                        r"(?:known|decided|defined|fixed)|pending|\?+|[-–—])(?:\s+(?:by|until|with|from)\b[^.;]{0,30})?"
                        r"[\s.!]*$", re.I)
# A value that opens by leaving the field open and goes on with a note: 'TBD - tox lots used X', 'TBC (CFO review)'.
_OPEN_LEAD = re.compile(r"^(?:TBD|TBC|TBA|to be (?:confirmed|determined|decided|defined|agreed)|not (?:yet )?"
                        r"(?:known|decided|defined|fixed))\b\s*(?:[-–—:;,/]\s*|(?=\())", re.I)
# A value that invites the CDMO to choose: 'open to CDMO proposals', 'CDMO to propose', 'happy to hear options'.
_INVITED = re.compile(r"\b(?:open to (?:[\w-]+\s+){0,2}(?:proposals?|suggestions?|options|alternatives|recommendations?"
                      r"|ideas)|(?:CDMOs?|vendors?|suppliers?|respondents?|bidders?) (?:to |may |can |should )?(?:propose"
                      r"|recommend|suggest)|happy to hear (?:options|proposals|alternatives))\b", re.I)
# A doubt that sends the question on ('not sure if we need an isolator', a part ending '..., ask them'), and the softer hedges that
# belong to the same doubt when they stand next to it ('no isolator needed I think').
_DOUBT = re.compile(r"\b(?:not (?:sure|certain) (?:if|whether|about|what|which|how)|unsure (?:if|whether|about)"
                    r"|(?:don'?t|do not) know (?:if|whether)|to be checked)\b"
                    r"|\bask (?:them|the CDMOs?|the vendors?|respondents)[\s.!]*$", re.I)
_HEDGE = re.compile(r"\b(?:I think|I guess|I believe|maybe|probably|perhaps|not sure)\b", re.I)
_FILLER = re.compile(r"\b(?:well|um+|uh+|er|so|but)\b\.*|\.{2,}|…", re.I)
_UNSURE = re.compile(r"\b(?:(?:we|I)(?:'re|'m| are| am)?\s+)?(?:not (?:sure|certain)|unsure|(?:don'?t|do not) know)\s+"
                     r"(?=(?:if|whether|about|what|which|how)\b)", re.I)
_PART = re.compile(r",\s+|\s[-–—]\s")


def open_field(value: str) -> str | None:
    """For a field's value that leaves the field open, what the value still states ('' for a bare 'TBD'); None
    when the value settles its field."""
    if OPEN_VALUE.match(value):
        return ""
    if m := _OPEN_LEAD.match(value):
        return value[m.end():].strip(" ()")
    return value if _INVITED.search(value) else None


def doubt(piece: str) -> tuple[str, str]:
    """The piece cut into what it states and the doubt in it, said as the point to ask ('API we supply, no isolator
    needed I think, well... ask them' -> ('API we supply', 'no isolator needed')); (piece, '') when it has none."""
    cuts = [(m.start(), m.end()) for m in _PART.finditer(piece)]
    parts = list(zip([0] + [b for _, b in cuts], [a for a, _ in cuts] + [len(piece)]))
    first = next((i for i, (a, b) in enumerate(parts) if _DOUBT.search(piece, a, b)), None)
    if first is None:
        return piece, ""
    last = first
    while last + 1 < len(parts) and (_DOUBT.search(piece, *parts[last + 1]) or _HEDGE.search(piece, *parts[last + 1])):
        last += 1  # the doubt runs on while its parts still doubt ('..., I think, ask them')
    while first > 0 and (_HEDGE.search(piece, *parts[first - 1]) or not _plain(piece[parts[first][0]:parts[last][1]])):
        first -= 1  # and takes in the hedged statement it is about ('no isolator needed I think, ...')
    asked = _plain(piece[parts[first][0]:parts[last][1]])
    stated = [piece[a:b] for a, b in parts[:first] + parts[last + 1:]]
    return ", ".join(stated).strip(" ,;-–—"), asked


def _plain(text: str) -> str:
    """The doubt without its hedges and fillers: what is to be asked."""
    text = _UNSURE.sub("", text)  # 'we are not sure whether X' asks 'whether X'
    text = _HEDGE.sub(" ", _DOUBT.sub(" ", text))
    text = _FILLER.sub(" ", text)
    return re.sub(r"\s+([,.;])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ,.;:-–—")
