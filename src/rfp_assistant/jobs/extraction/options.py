"""Option and pass-through lists: offered or charged at cost, never a price of the proposed scope."""

from __future__ import annotations

import re

PROSE_WORD = re.compile(r"\b[a-z]{2,}\b")
LIST_ITEM = re.compile(r"(?i)\s*(?:[-•▪*\x7f]|\(?[a-z0-9]{1,2}[.)]\s|[A-Z]{1,3}[-.]?\d+\b|option(?:al)?\b)")
_OPTIONS_HEAD = re.compile(r"(?im)^[^\S\n]*(?:[\x7f•▪-][^\S\n]*)?(?:optional\b|options?\b|pass[- ]?through\b|estimated "
                           r"pass[- ]?through)[^\n]*$")
_SECTION_END = re.compile(r"(?im)^[^\S\n]*(?:total\b|commercial|payment|pricing model|terms?\b|\d+\.\s+[A-Z])")


def option_spans(text: str, *, pass_through: bool = True) -> list[tuple[int, int]]:
    """Option lists ("Optional items (not included in the total):" and the lines under it, or one "Option 2: …"
    line), and pass-through lists unless `pass_through` is False (a markup is stated there)."""
    spans = []
    for m in _OPTIONS_HEAD.finditer(text):
        heading = m.group(0)
        passing = bool(re.search(r"(?i)pass[- ]?through", heading))
        if passing and not pass_through:
            continue
        if not heading.rstrip().endswith(":") and (re.search(r"\d", heading) or len(heading.split()) > 6):
            spans.append(m.span())  # one option on its own line
            continue
        end = m.end()
        for line in re.finditer(r"\n([^\n]*)", text[m.end():m.end() + 900]):
            body = line.group(1)
            if not body.strip() or _SECTION_END.match(body) or (_OPTIONS_HEAD.match(body) and
                                                                 bool(re.search(r"(?i)pass[- ]?through", body)) != passing):
                break
            if len(PROSE_WORD.findall(body)) >= 8 and body.rstrip().endswith(".") and not LIST_ITEM.match(body):
                break  # a paragraph resumes after the list: "Phosphoramidites ... are charged at cost plus 10%."
            end = m.end() + line.end()
        spans.append((m.start(), end))
    return spans
