"""Read numbers as proposals print them: digit groups in any locale, numbers in words, and the words around them."""

from __future__ import annotations

import re

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_WORD_VALUES = {**_ONES, **_TENS}


def _alternation(words) -> str:
    # Longest first, so "seventeen" is not read as "seven".
    return "|".join(sorted(words, key=len, reverse=True))


_DIGIT_WORDS = _alternation(w for w, v in _ONES.items() if 1 <= v <= 9)
_BELOW_100 = rf"(?:(?:{_alternation(_TENS)})(?:[-\s](?:{_DIGIT_WORDS}))?|{_alternation(_ONES)})"

WORD_INITIALS = "zotfsenaZOTFSENA"
# A spelled-out number: "three", "twenty-five", "two hundred and ten", "a dozen". The leading
# character-class lookahead lets the regex engine skip most positions cheaply.
WORD_NUMBER = (
    rf"(?=[{WORD_INITIALS}])\b(?i:(?:(?:a|{_DIGIT_WORDS})\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?"
    rf"|a\s+dozen|{_BELOW_100}))\b"
)

_GROUPED = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # 7,64,00,000 (Indian lakh/crore grouping)
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 4,850,000.00
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 3.200.000,00
    r"|\d{1,3}(?:['’]\d{3})+(?:\.\d+)?"  # 1'250'000 (Swiss)
)


def _digits(spaces: str) -> str:
    return (
        rf"(?=\d)(?<![\d.,'’])(?:{_GROUPED}"
        rf"|\d{{1,3}}(?:[{spaces}]\d{{3}})+(?:,\d{{1,2}})?(?![.,]\d)"
        # "4,850,\n000" is one number broken by pypdf; better no value than 4,850.
        r"|\d+(?:[.,]\d+)?)(?!\d|[.,'’]\d|,[^\S\n]*\n\s*\d{3}(?!\d))"
    )


# Thin and non-breaking spaces are unambiguous thousands separators; a plain space is only
# trusted where a currency anchors the number (table cells like "2 640,000" would merge otherwise).
NUMBER = _digits("\u00a0\u2009\u202f")
NUMBER_SPACED = _digits(" \u00a0\u2009\u202f")
INTEGER = r"(?=\d)(?<![\d.,'’])(?:\d{1,3}(?:,\d{3})+|\d+)(?!\d|[.,'’]\d)"
NUMBER_OR_WORD = rf"(?:{NUMBER}|{WORD_NUMBER})"
INTEGER_OR_WORD = rf"(?:{INTEGER}|{WORD_NUMBER})"
NUMBER_START = rf"(?=[\d{WORD_INITIALS}])"  # prefix for patterns that begin with a number

_SEPARATORS = re.compile(r"[\s'’]")
_WORD_SPLIT = re.compile(r"[\s-]+")


def parse_number(token: str, *, dot_thousands: bool = False) -> float:
    """Float value of a digit token written with any thousands/decimal convention."""
    s = _SEPARATORS.sub("", token)
    if "," in s and "." in s:
        # Whichever separator comes last is the decimal mark.
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        tail = s.rpartition(",")[2]
        s = s.replace(",", "") if s.count(",") > 1 or len(tail) == 3 else s.replace(",", ".")
    elif "." in s:
        tail = s.rpartition(".")[2]
        # "EUR 280.000" is German for 280,000; callers say when that reading applies.
        if s.count(".") > 1 or (dot_thousands and len(tail) == 3 and not s.startswith("0")):
            s = s.replace(".", "")
    return float(s)


def product_split(token: str, count: int) -> int | None:
    """Where a run of plain-space digit groups after "N x" splits into a unit price and its line total
    ("2 x 96 500 193 000" is 96 500 and 193 000, since 2 x 96,500 = 193,000): the unit's length, else None."""
    cuts = [i for i, ch in enumerate(token) if ch == " "]
    if count < 2 or len(cuts) < 2:
        return None
    for cut in cuts:
        unit, total = token[:cut], token[cut + 1:]
        if re.fullmatch(r"\d{1,3}(?: \d{3})*", unit) and re.fullmatch(r"\d{1,3}(?: \d{3})*(?:,\d{2})?", total) and \
                abs(count * parse_number(unit) - parse_number(total)) < 0.5:
            return cut
    return None


def words_to_int(words: str) -> int:
    """Integer value of a spelled-out number such as "twenty-five" or "a dozen"."""
    value = 0
    for word in _WORD_SPLIT.split(words.strip().lower()):
        if word == "hundred":
            value = (value or 1) * 100
        elif word == "dozen":
            value = (value or 1) * 12
        elif word == "a":
            value = 1
        elif word != "and":
            value += _WORD_VALUES[word]
    return value


# An amount written out, with its large units: "two hundred and fifty-five thousand", "Five Crore Eighty Seven Lakh".
_LARGE = {"thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "million": 1e6, "billion": 1e9}
_AMOUNT_WORD = _alternation([*_WORD_VALUES, "hundred", *_LARGE])
AMOUNT_WORDS = rf"(?i:\b(?:{_AMOUNT_WORD})(?:(?:[\s,-]+(?:and\s+)?)(?:{_AMOUNT_WORD}))*\b)"


def amount_words_value(words: str) -> float:
    """Value of an amount in words, with hundreds, thousands, lakhs, crores, millions and billions."""
    total = current = 0.0
    for word in re.split(r"[\s,-]+", words.strip().lower()):
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _LARGE:
            total += (current or 1) * _LARGE[word]
            current = 0.0
    return total + current


def to_number(token: str, *, dot_thousands: bool = False) -> float:
    """Value of a token matched by NUMBER_OR_WORD."""
    token = token.strip()
    if token[:1].isdigit():
        return parse_number(token, dot_thousands=dot_thousands)
    return float(words_to_int(token))


# ---------------------------------------------------------------- vocabulary
# ISO 4217 codes and symbols written before (or, without "$", after) an amount.
CURRENCY_PREFIXES = {
    "US$": "USD", "USD": "USD", "$": "USD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD",
    "A$": "AUD", "AU$": "AUD", "AUD": "AUD", "S$": "SGD", "SGD": "SGD", "HK$": "HKD", "HKD": "HKD",
    "NZ$": "NZD", "NZD": "NZD", "R$": "BRL", "BRL": "BRL", "€": "EUR", "EUR": "EUR", "£": "GBP",
    "GBP": "GBP", "¥": "JPY", "JPY": "JPY", "CHF": "CHF", "CNY": "CNY", "RMB": "CNY", "INR": "INR",
    "₹": "INR", "Rs.": "INR", "Rs": "INR", "KRW": "KRW", "₩": "KRW", "SEK": "SEK", "DKK": "DKK", "NOK": "NOK",
}
# Currency words written after an amount ("4.2 million euros").
CURRENCY_WORDS = {
    "us dollars": "USD", "us dollar": "USD", "dollars": "USD", "euros": "EUR", "euro": "EUR",
    "swiss francs": "CHF", "swiss franc": "CHF", "pounds sterling": "GBP", "sterling": "GBP",
    "yen": "JPY", "rupees": "INR", "yuan": "CNY",
}
# Multipliers after an amount: "$4.85M", "3,2 Mio. EUR", "1.2 bn", "950 kEUR".
SCALES = {
    "thousand": 1e3, "k": 1e3, "tsd": 1e3, "t": 1e3, "million": 1e6, "millions": 1e6, "mio": 1e6,
    "mill": 1e6, "mln": 1e6, "mn": 1e6, "mm": 1e6, "m": 1e6, "billion": 1e9, "billions": 1e9,
    "bn": 1e9, "b": 1e9, "mrd": 1e9, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7,
    # East Asian units of ten thousand and a hundred million ("JPY 1.2億", "KRW 12.5억", "RMB 300万").
    "万": 1e4, "萬": 1e4, "만": 1e4, "億": 1e8, "亿": 1e8, "억": 1e8,
}

# English and German month names; title and upper case only, since "may" is also a verb.
_MONTH_NAMES = [
    "January Jan Januar", "February Feb Februar", "March Mar März Maerz Mrz", "April Apr",
    "May Mai", "June Jun Juni", "July Jul Juli", "August Aug", "September Sept Sep",
    "October Oct Oktober Okt", "November Nov", "December Dec Dezember Dez",
]
# Proposals from Latin American and European houses date their letters in their own language ("28 de outubro de
# 2026", "9 marca 2026"); written in lower case there, so those names are read in any case.
_OTHER_MONTH_NAMES = [
    "janeiro enero janvier gennaio januari stycznia", "fevereiro febrero février fevrier febbraio februari lutego",
    "março marco marzo mars maart marca", "abril avril aprile kwietnia", "maio mayo mai maggio mei maja",
    "junho junio juin giugno juni czerwca", "julho julio juillet luglio juli lipca", "agosto août aout augustus sierpnia",
    "setembro septiembre setiembre septembre settembre września wrzesnia",
    "outubro octubre octobre ottobre oktober października pazdziernika", "novembro noviembre novembre listopada",
    "dezembro diciembre décembre decembre dicembre grudnia",
]
HEADING_MONTHS = {
    form: number
    for number, names in enumerate(_MONTH_NAMES, start=1)
    for name in names.split()
    for form in (name, name.upper())
}
"""Month names that may start a date ("March 2026", "Oktober 2026"); the others are read after a day number."""
MONTHS = HEADING_MONTHS | {
    form: number
    for number, names in enumerate(_OTHER_MONTH_NAMES, start=1)
    for name in names.split()
    for form in (name, name.capitalize())
}
