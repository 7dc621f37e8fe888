"""Whether a figure near a batch cue is one GMP batch's price, or several batches' or something priced per batch."""

from __future__ import annotations

import re

# "GMP manufacturing (two batches, incl. release): EUR 1.6M" prices several batches, not one.
_SEVERAL = re.compile(r"(?i)\b(?:two|three|four|five|six|eight|ten|twelve|[2-9]|[1-9]\d)\s+(?:[\w-]+\s+){0,2}(?:batches|lots|runs)\b")
_SEVERAL_PRICED = re.compile(_SEVERAL.pattern + r"\s*(?:=|:|total(?:ling)?|come\s+to|in\s+total)\s*(?:[A-Z]{3}|[$€£])?\s*$",
                             re.I)
_MAKING = re.compile(r"(?i)gmp|batch|\blots?\b|manufactur|production|\bruns?\b|campaign|drug\s+(?:substance|product)|"
                    r"\bds\b|\bdp\b|ferment|bioreactor|\d\s*L\b|scale")
_PRICE_WORD = re.compile(r"(?i)price[sd]?|pricing|costs?|fees?|charges?|amount|rate|is|are|the|our|a|an|at|of|will|be|"
                         r"quoted|offered|fixed|firm|unit|net|all-in|each|[A-Z]{3}")
_EACH = re.compile(r"(?i)\beach\b|\bper\s+(?:[\w,.-]+\s+){0,3}?(?:batch|lot|run)\b|\bunit\s+price|/\s*(?:batch|lot|run)\b|"
                   r"(?:batch|lot|run)e?s\s*[x×@]")


def not_one_batch(context: str, figure: str, cue: str, unit: bool) -> bool:
    """A line pricing several batches ('two batches: EUR 1.6M'), or a thing priced per batch that is not the batch
    ('Single-use assemblies: EUR 22,000 per batch'): either way not one GMP batch's price."""
    label = context[: context.find(figure)]
    if not unit and _SEVERAL.search(context) and not _EACH.search(context):
        return True
    if _SEVERAL_PRICED.search(label):
        return True  # "(per batch; 2 batches = EUR 820,000)": the figure the count of batches adds up to
    return cue.lower().startswith("per") and not _MAKING.search(label) and \
        any(not _PRICE_WORD.fullmatch(word) for word in re.findall(r"[A-Za-z][\w-]+", label))


# A participle right before the batch describes that batch ('per GMP lyophilized batch'), unlike a kind of batch
# named by a noun ('engineering batch', 'tox batch').
_ATTRIBUTE = re.compile(r"(?i)[\w-]*?ed\s+(?:batch|lot)(?:es|s)?\b")


def describes_batch(text: str, position: int) -> bool:
    """Whether the word at `position` is a participle describing the batch right after it ('lyophilized batch')."""
    return bool(_ATTRIBUTE.match(text, position))
