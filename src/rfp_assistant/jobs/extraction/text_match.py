"""Does a text value follow from its quotes? Word overlap (inflections and country names aligned), figures kept."""

from __future__ import annotations

import re
from functools import lru_cache

import rfp_assistant.core.values as p
from rfp_assistant.jobs.extraction.names import country_words

_WORD = re.compile(r"[^\W_]+")
TEXT_SHARE = 0.34  # gold-style paraphrases keep a third of their words; another vendor's terms rarely do
_STOP = frozenset("the and for with from are will our your this that its per all any into has have been was were "
                  "than then not also which their them they may can".split())


_NUMBER_WORD = re.compile(p.numbers.WORD_NUMBER)


def _words(text: str) -> list[str]:
    folded = _aliased(_NUMBER_WORD.sub(lambda m: f"{p.to_number(m.group(0)):g}", text).casefold())
    # Six letters stand for the word ("remaining" ~ "remainder", "invoiced" ~ "invoice"): paraphrases inflect.
    return [w[:6] if w.isalpha() else w for w in _WORD.findall(folded) if (len(w) >= 3 or w.isdigit()) and w not in _STOP]


def text_share(value: str, quoted: str) -> float:
    """Share of the value's words (numbers in digits, countries by one name) found in the quoted text."""
    words = _words(value)
    available = set(_words(quoted))
    return sum(w in available for w in words) / len(words) if words else 1.0


@lru_cache(maxsize=1)
def _aliases() -> tuple[re.Pattern, dict[str, str]]:
    # "us" is a pronoun far more often than a country; "U.S." and "USA" are kept.
    canonical = {alias: name.casefold() for name, aliases in country_words().items()
                 for alias in [name.casefold(), *aliases] if alias != "us"}
    alternation = "|".join(re.escape(a) for a in sorted(canonical, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), canonical


def _aliased(folded: str) -> str:
    pattern, canonical = _aliases()
    return pattern.sub(lambda m: canonical[m.group(0)], folded)


_AMOUNT_OF = re.compile(r"(?:(\d+(?:\.\d+)?)\s*(%|percent|per cent|days?|weeks?|months?|years?)\b|\b(net)\s*(\d+))", re.I)


def text_supported(value: str, quoted: str, share: float = TEXT_SHARE) -> bool:
    """At least `share` of the value's words are in the quotes, and no figure it gives contradicts them.

    A paraphrase may carry figures from nearby sentences, but "net 60 days" against a quote saying only
    "net 30 days" is a different term.
    """
    if text_share(value, quoted) < share:
        return False
    said, given = _figures(quoted), _figures(value)
    for unit in {u for _, u in given}:
        quoted_numbers = {n for n, u in said if u == unit}
        if quoted_numbers and quoted_numbers.isdisjoint(n for n, u in given if u == unit):
            return False
    return True


def _figures(text: str) -> set[tuple[str, str]]:
    digits = _NUMBER_WORD.sub(lambda m: f"{p.to_number(m.group(0)):g}", text)
    units = {"percent": "%", "per cent": "%"}
    found = set()
    for number, unit, net, net_days in _AMOUNT_OF.findall(digits):
        # "net 30" and "30 days" are the same payment term.
        number, unit = (net_days, "d") if net else (number, units.get(unit.lower(), unit.lower().rstrip("s")[:1]))
        found.add((f"{float(number):g}", unit))
    return found


def site_named(site: str, text: str) -> bool:
    """The site's city is in the text, and its country too unless the text names no country at all."""
    city, _, country = site.partition(",")
    folded = _aliased(text.casefold())
    if not _words(city) or not all(w in set(_words(text)) for w in _words(city)):
        return False
    named = {name.casefold() for name in country_words() if re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", folded)}
    return not country.strip() or not named or _aliased(country.strip().casefold()) in named
