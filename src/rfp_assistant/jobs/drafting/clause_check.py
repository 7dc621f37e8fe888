"""Is a clause of the brief still in a text? Quoted, or reworded with every number, name and qualifier kept."""

from __future__ import annotations

import re

from rfp_assistant.core.text.sentences import canonical_text, split_sentences

_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[^\s,;:()\[\]\"“”]+")
# Qualifiers change what a statement commits to; a rewording may use any spelling of the same one.
QUALIFIERS = [
    ("not", r"\bnot\b|\bno\b|\bnever\b|\bwithout\b|n't\b"),
    ("only", r"\bonly\b|\bexclusively\b|\bsolely\b"),
    ("must", r"\bmust\b|\bhas to\b|\bhave to\b|\brequired\b|\bmandatory\b|\bnon-negotiable\b|\bneeds? to\b"),
    ("at most", r"≤|<=|\bat most\b|\bmax(?:imum|\.)?\b|\bup to\b|\bno more than\b|\bcap(?:ped)?\b"),
    ("at least", r"≥|>=|\bat least\b|\bmin(?:imum|\.)?\b|\bno less than\b|\bor more\b"),
    ("below", r"(?<![<-])<(?![=-])|\bbelow\b|\bless than\b|\bunder\b"),
    ("above", r"(?<![-=])>(?!=)|\babove\b|\bmore than\b|\bgreater than\b|\bover\b"),
    ("about", r"~|\bapprox(?:imately|\.)?\b|\babout\b|\baround\b|\broughly\b|\bcirca\b|\bca\.|\bballpark\b"),
    ("excluding", r"\bexcl(?:uding|\.)?\b|\bexclusive of\b|\bnot including\b"),
    ("including", r"\bincl(?:uding|\.)?\b|\binclusive of\b"),
    ("preferably", r"\bprefer\w*\b|\bideally\b|\bnice to have\b|\bwould be a plus\b"),
]
# Words written in capitals for emphasis ('NO serum', 'ONLY Form III') are qualifiers, not names.
_SHOUTED = {"no", "not", "only", "never", "must", "none", "all", "and", "or", "one", "any", "each", "every"}
_COMMON = {"The", "We", "Our", "This", "These", "It", "A", "An", "In", "For", "And", "But", "So", "If", "Please", "All",
           "Any", "No", "Not", "One", "Two", "Three", "Need", "Needs", "Must", "Then", "With", "By", "At", "On", "To"}


def kept(clause: str, text: str) -> bool:
    """True when `text` quotes `clause`, or rewords it keeping every number, name, code and qualifier."""
    plain_clause, plain_text = canonical_text(clause).lower(), canonical_text(text).lower()
    if plain_clause.rstrip(".") in plain_text:
        return True
    numbers = {_plain_number(n) for n in _NUMBER.findall(text)}
    if any(_plain_number(n) not in numbers for n in _NUMBER.findall(clause)):
        return False
    squashed = canonical_text(text)
    anchors = names(clause)
    if any(name not in squashed for name in anchors):
        return False
    # The qualifiers must stand where the clause's numbers and names now are, not anywhere in the section.
    anchors += [n for n in _NUMBER.findall(clause)]
    near = " ".join(s for s in split_sentences(text) if not anchors or any(a in canonical_text(s) for a in anchors))
    return all(re.search(pattern, near, re.I) for _, pattern in QUALIFIERS if re.search(pattern, clause, re.I))


def missing_clauses(clauses: list[str], text: str) -> list[str]:
    """The clauses `text` no longer carries."""
    return [c for c in clauses if not kept(c, text)]


def names(clause: str) -> list[str]:
    """Names and codes in a clause: words with a capital or a digit inside, or capitalized after the first word."""
    tokens = [t.strip(".'’") for t in _TOKEN.findall(canonical_text(clause))]
    out = []
    for i, token in enumerate(tokens):
        if not re.search(r"[A-Za-z]", token) or token in _COMMON or token.lower() in _SHOUTED:
            continue
        inner_capital = re.search(r".[A-Z]", token) is not None
        mixed = re.search(r"\d", token) is not None
        if inner_capital or mixed or (i > 0 and token[:1].isupper() and not tokens[i - 1].endswith(":")):
            out.append(token)
    return out


def _plain_number(number: str) -> str:
    """'2,000' and '2000' are the same number; '1.5' stays '1.5'."""
    return re.sub(r",(?=\d{3}\b)", "", number)
