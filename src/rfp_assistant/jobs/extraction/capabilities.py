"""A capability's word used as a product's form ('a lyophilised powder') describes the product, not what the vendor does."""

from __future__ import annotations

import re

from rfp_assistant.jobs.extraction.roles import ANSWER_CELL, OUT_OF_SCOPE

# The clause says someone makes, fills or offers it, or names the equipment that does: then the form is the work's.
_DOING = re.compile(r"(?i)\b(?:offer\w*|available|capab\w*|provid\w*|manufactur\w*|production|produc(?:e|es|ed|ing)|"
                    r"fill(?:s|ed|ing)?|make|makes|made|run|runs|operat\w*|in-house|perform\w*|equipment|lines?|"
                    r"(?:freeze[- ]?)?dryers?|lyophili[sz]ers?|suites?|services?)\b")
_WORD_REST = re.compile(r"[\w-]*")


def names_a_form(text: str, start: int, end: int, clause: str) -> bool:
    """Whether the term at text[start:end] is a past participle describing a thing ('lyophilised drug product',
    'may be freeze-dried') in a clause where nobody makes, fills or offers it."""
    word = text[start:end] + _WORD_REST.match(text, end).group(0)
    return word.lower().endswith("ed") and not _DOING.search(clause)


# Words that make a clause a claim about the work rather than an item's name.
_CLAIM = re.compile(r"(?i)\b(?:we|our|us|ours|offer\w*|available|capab\w*|provid\w*|perform\w*|in-house|operat\w*|can|will|"
                    r"is|are|has|have|includ\w*|dedicated|equipped)\b")


def bare_mention(clause: str, at: int, term: str) -> bool:
    """Whether a clause only names the term, as a scope grid's or list's item does ('Drug product fill/finish'),
    with no one doing or offering it."""
    rest = clause[:max(at, 0)] + " " + clause[max(at, 0) + len(term):] if at >= 0 else clause.replace(term, " ")
    return not _CLAIM.search(rest)


# What a program needs or an offer's scope leaves out, not what the vendor can do: "no lyophilisation is required",
# "drug product is not part of this offer".
_NEED = re.compile(r"(?i)\b(?:required|needed|necessary|requested|foreseen|intended|envisaged)\b")
# Saying the vendor cannot: "does not offer", "is not offered", "not something we do", "no ... in-house".
_DENIAL = re.compile(r"(?i)\b(?:not|never|n['’]t)\s+(?:\w+\s+){0,2}?(?:offer\w*|available|capab\w*|provid\w*|perform\w*|"
                     r"operat\w*|have|possess|handle|do|does)\b|\bno\s+(?:[\w/-]+\s+){0,3}?(?:capabilit\w*|in-house|"
                     r"facilit\w*|suites?|lines?|equipment)\b|\bunable\b|\bcannot\b")
# A question that runs on from the term to its question mark (one line wrap at most): it asks, it states nothing.
_QUESTION_REST = re.compile(r"[^.!?\n]{0,160}\?|[^.!?\n]{0,100}\n[^.!?\n]{0,80}\?")


def denies_capability(sentence: str) -> bool:
    """Whether a negated capability's sentence denies that the vendor can do it ('we do not offer lyophilization'),
    not only that this program needs it or that this offer leaves it out ('no lyophilisation is required')."""
    return bool(_DENIAL.search(sentence)) or not (_NEED.search(sentence) or OUT_OF_SCOPE.search(sentence))


def says_cannot(page, start: int, end: int) -> bool:
    """Whether the line of the term at [start, end) says in so many words that the vendor cannot or does not do it
    ('No aseptic filling line in Lodz - we do not offer fill/finish')."""
    return bool(_DENIAL.search(page.text, page.line_starts[page.line_of(start)], page.line_end(page.line_of(end))))


def asked(text: str, end: int) -> tuple[bool, bool | None]:
    """Whether the term ending at `end` sits in a question ('Lyophilization available? No.'), and the yes or no that
    follows its question mark (None when none does, or only 'N/A': not applicable says nothing about the capability)."""
    question = _QUESTION_REST.match(text, end)
    if not question:
        return False, None
    rest = _ANSWER_LABEL.sub("", text[question.end():question.end() + 80].lstrip(), count=1)
    answer = ANSWER_CELL.match(rest)
    if not answer or _NOT_APPLICABLE.match(rest):
        return True, None
    return True, answer.group("yes") is not None


_ANSWER_LABEL = re.compile(r"(?i)^(?:answer|response|reply)\s*[:.\-–]\s*")
_NOT_APPLICABLE = re.compile(r"(?i)\s*(?:n/?a\b|not\s+applicable)")


# The sponsor (or its own contractor) doing the work, or receiving the product to do it: not the vendor's capability.
_OTHER_AGENT = re.compile(
    r"(?i)\bby\s+(?:the\s+)?(?:sponsor|client|customer)\b(?!['’])|\bto\s+(?:the\s+)?(?:sponsor|client|customer)\s+for\b|"
    r"\bby\s+you\b|"
    r"\b(?:the\s+)?(?:sponsor|client|customer)\s+(?:will|shall|would|must|is\s+to|is\s+responsible|handles?|performs?|"
    r"manages?|arranges?|retains?|has|had|completed)\b|"
    r"\byou\s+(?:will|shall|would|must|are\s+responsible|handle|perform|manage|arrange|have|had|completed)\b|"
    r"\byour\s+(?:[\w-]+\s+){0,2}?(?:site|facility|plant|partner|cmo|cdmo|provider|vendor|contractor)s?\b|"
    r"\bits\s+(?:own\s+)?(?:cmo|cdmo|partner|provider|contractor)s?\b")


# A partner named right after the term: "shipped to your fill/finish partner" is that partner's capability.
PARTY_AFTER = re.compile(r"(?i)[\w/-]*\s+(?:[\w-]+\s+)?(?:partner|provider|subcontractor|contractor|cdmo)s?\b")


def done_by_other(clause: str) -> bool:
    """Whether a clause gives the work to the sponsor or its contractor ('the Sponsor will perform fill/finish',
    'shipped to the Sponsor for aseptic filling', 'your chosen fill-finish site')."""
    return bool(_OTHER_AGENT.search(clause))
