"""A capability's word used as a product's form ('a lyophilised powder') describes the product, not what the vendor does."""

from __future__ import annotations

import re

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
