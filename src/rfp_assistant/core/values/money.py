"""Money: every amount with a currency in a text (symbols, ISO codes, words, scales such as 'k' and 'Mio.')."""

from __future__ import annotations

import re

from rfp_assistant.core.values.common import Match, Money, RANGE, WHITESPACE, YEAR, escaped_alternation, qualifiers, range_flags
from rfp_assistant.core.values.numbers import (AMOUNT_WORDS, CURRENCY_PREFIXES, CURRENCY_WORDS, NUMBER_SPACED, SCALES,
                                               amount_words_value, parse_number, product_split)

_CODE_END = r"(?![A-Za-z])"
_CURRENCY_PREFIX = rf"(?:{escaped_alternation(CURRENCY_PREFIXES)}){_CODE_END}"
_CURRENCY_WORDS = escaped_alternation(CURRENCY_WORDS).replace("\\ ", r"\s+")
_CURRENCY_SUFFIX = (
    rf"(?:(?:{escaped_alternation(k for k in CURRENCY_PREFIXES if '$' not in k)}){_CODE_END}|(?i:{_CURRENCY_WORDS})\b)"
)
_SCALE = (
    r"(?:(?i:(?:mio|mill|mrd|tsd)\.?|thousand|millions?|billions?|crores?|lakhs?|mln|bn|mn|mm|cr|[kmb])(?![A-Za-z²³])"
    r"|[万萬만億亿억]"
    r"|[kT](?=(?:EUR|USD|CHF|GBP|€)))"  # "950 kEUR", "950 TEUR"
)
_MONEY = re.compile(
    rf"(?=[-−$€£¥₹₩\dA-Zk])(?:(?<![\w.,])(?P<neg>[-−]))?"
    rf"(?<![A-Za-z0-9$])(?P<kp>[kT](?=(?:EUR|USD|CHF|GBP)))?(?P<cur>{_CURRENCY_PREFIX})\s{{0,3}}"
    rf"(?P<a>{NUMBER_SPACED})(?:[^\S\n]*(?P<sa>{_SCALE}))?"
    rf"(?:{RANGE}(?:{_CURRENCY_PREFIX})?\s*(?P<b>{NUMBER_SPACED})(?:\s*(?P<sb>{_SCALE}))?)?"
    rf"|(?<![\w.,'’-])(?P<a2>{NUMBER_SPACED})(?:{RANGE}(?P<b2>{NUMBER_SPACED}))?"
    rf"(?:\s*(?P<s2>{_SCALE}))?[^\S\n]{{0,2}}(?P<cur2>{_CURRENCY_SUFFIX})(?![^\S\n]{{0,3}}[\d$€£¥])"
)
_BETWEEN = re.compile(r"(?i)\bbetween[^\S\n]+$")
_AND_UPPER = re.compile(rf"[^\S\n]+and[^\S\n]+(?:{_CURRENCY_PREFIX}[^\S\n]*)?(?P<b>{NUMBER_SPACED})[^\S\n]*(?P<sb>{_SCALE})")
_GROUPED = re.compile(r"\d[,.'’\s]\d{3}\b")
_TIMES_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3})[^\S\n]*[x×][^\S\n]*$")
_PER_BATCH = re.compile(r"(?i)\s*(?:(?:per|/|a)\s*(?:GMP\s+)?(?:batch|lot|run)\b|(?P<each>each\b))")


def _scale(token: str | None) -> float:
    return SCALES[token.lower().rstrip(".")] if token else 1.0


def _currency(token: str) -> str:
    return CURRENCY_PREFIXES.get(token) or CURRENCY_WORDS[WHITESPACE.sub(" ", token.lower())]


def find_money(text: str) -> list[Match]:
    """All amounts with a currency (symbol, ISO code or word); a bare number is never money."""
    out = []
    for m in _MONEY.finditer(text):
        start, end = m.span()
        if m["cur"]:
            a, b, sa, sb = m["a"], m["b"], m["sa"], m["sb"]
            if b and sa and not sb:  # "$2M - 3 batches": the 3 is not money
                b, end = None, m.end("sa")
            if sa and len(sa) == 1 and _GROUPED.search(a):  # "USD 640,000 B EU QP…": a row label, not billions
                sa, end = None, m.end("a")
            upper = _AND_UPPER.match(text, end) if not (b or sa) and _BETWEEN.search(text, max(0, start - 12), start) else None
            if upper:  # "between GBP 2.5 and 3.5 million": the scale after the upper bound is the lower one's too
                b, sb, end = upper["b"], upper["sb"], upper.end()
            times = _TIMES_BEFORE.search(text, max(0, start - 12), start)
            cut = product_split(a, int(times.group(1))) if times and not (b or sa) else None
            if cut:  # "2 x AUD 96 500 193 000": the unit price, then its line total
                a, end = a[:cut], m.start("a") + cut
            scale_a = _scale(sa or sb) * (1e3 if m["kp"] else 1.0)
            scale_b = _scale(sb) * (1e3 if m["kp"] else 1.0)
            currency = CURRENCY_PREFIXES[m["cur"]]
        else:
            a, b = m["a2"], m["b2"]
            if not b and not m["s2"] and YEAR.fullmatch(a):  # "in 2026 US dollars" is a year
                continue
            scale_a = scale_b = _scale(m["s2"])
            currency = _currency(m["cur2"])
        low = parse_number(a, dot_thousands=scale_a == 1.0) * scale_a
        amount, flags = low, qualifiers(text, start)
        if b:
            high = parse_number(b, dot_thousands=scale_b == 1.0) * scale_b
            if high < low:
                b, end = None, (m.end("sa") if m["sa"] else m.end("a"))
            else:
                amount, flags = high, flags | range_flags(round(low, 2), high)
        if m["neg"]:
            amount, flags = -amount, flags | {"negative"}
        after = _PER_BATCH.match(text, end)
        if after:
            flags.add("each" if after["each"] else "per_batch")
        out.append(Match(Money(round(amount, 2), currency), start, end, text[start:end], frozenset(flags)))
    return sorted(out + _in_words(text, out), key=lambda m: m.start)


# An amount in words with its currency: "sixty-one thousand euro", "Rupees Five Crore Eighty Seven Lakh Fifty Thousand".
# Found from the currency outward (a cheap scan), since most text has no amount in words at all.
_WORD_AFTER = re.compile(r"(?i)\b(?:(?:us\s+)?dollars?|euros?|pounds(?:\s+sterling)?|(?:swiss\s+)?francs?|rupees|yen|yuan)\b")
_WORD_BEFORE = re.compile(rf"(?:(?i:\brupees|\brs\.?)|\b(?:{'|'.join(sorted({c for c in CURRENCY_PREFIXES if c.isalpha()}))})\b"
                          r"|[$€£₹¥])[^\S\n]+(?=[A-Za-z])")
_LARGE_WORD = re.compile(r"(?i)\b(?:thousand|million|billion|lakhs?|crores?)\b")
_NUMBER_WORD_BEFORE = re.compile(r"(?i)[a-z]\b[\s,-]+(?:and\s+)?$")
_WORDS_ENDING = re.compile(rf"(?:{AMOUNT_WORDS})[^\S\n]+$")
_WORDS_STARTING = re.compile(AMOUNT_WORDS)
_WORD_CURRENCIES = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD",
                    "pounds": "GBP", "pounds sterling": "GBP", "franc": "CHF", "francs": "CHF", "swiss franc": "CHF",
                    "swiss francs": "CHF", "rupees": "INR", "rs": "INR", "rs.": "INR", "yen": "JPY", "yuan": "CNY"}


def _in_words(text: str, found: list[Match]) -> list[Match]:
    """Amounts written in words (a thousand or more), beside those in figures; never one overlapping a figure."""
    spans = []
    windows: list[tuple[int, int]] = []
    for big in _LARGE_WORD.finditer(text):  # "... thousand", "... crore" written after a number word
        if _NUMBER_WORD_BEFORE.search(text, max(0, big.start() - 25), big.start()):
            lo, hi = max(0, big.start() - 200), min(len(text), big.end() + 200)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], hi)
            else:
                windows.append((lo, hi))
    for lo, hi in windows:
        for m in _WORD_AFTER.finditer(text, lo, hi):
            words = _WORDS_ENDING.search(text, max(lo, m.start() - 200), m.start())
            if words:
                spans.append((words.start(), m.end(), text[words.start():m.start()], m.group(0)))
        for m in _WORD_BEFORE.finditer(text, lo, hi):
            words = _WORDS_STARTING.match(text, m.end())
            if words:
                spans.append((m.start(), words.end(), words.group(0), m.group(0).strip()))
    out = []
    for start, end, words, token in spans:
        amount = amount_words_value(words)
        currency = CURRENCY_PREFIXES.get(token) or _WORD_CURRENCIES.get(WHITESPACE.sub(" ", token.lower()))
        if amount < 1000 or not currency or any(f.start < end and start < f.end for f in found + out):
            continue
        out.append(Match(Money(round(amount, 2), currency), start, end, text[start:end], qualifiers(text, start)))
    return out


# ---------------------------------------------------------------- durations
