"""Free-text cells made readable: whole sentences, each once, without headings, numbering or another field's text.

The extractor keeps a quote window around each cue, so a value can start or stop mid-sentence ("…before i"),
repeat itself across overlapping windows and carry the heading or the next clause with it. This module only
changes how such a value is shown: the sentences come from the proposal's own page (the value is never reworded)
and the evidence is untouched.
"""

from __future__ import annotations

import re

from rfp_assistant.core.text.sentences import canonical_text, normalize_whitespace, split_sentences
from rfp_assistant.schemas.proposal import Evidence

# Words a heading of these fields is made of ("Key assumptions and exclusions", "Terms of payment and cancellation").
_HEADING_WORDS = {"key", "main", "general", "commercial", "other", "assumptions", "assumption", "exclusions",
                  "exclusion", "and", "&", "/", "#", "-", "–", "notes", "note", "terms", "term", "of", "payment",
                  "payments", "cancellation", "cancellations", "rescheduling", "conditions"}
_HEADING_NOUNS = {"assumptions", "assumption", "exclusions", "exclusion", "notes", "terms", "payment", "payments",
                  "cancellation", "cancellations", "rescheduling", "conditions"}
# '14.3 ', 'Q3.3 ', 'A1 ', '2. ', '(a) ', 'c) ' before a word; a bare '30 ' is a number, not numbering.
_BULLET_CHARS = "•▪●◦‣∙*\x7f\ue000-\uf8ff"  # PDF fonts map bullet glyphs to DEL or private-use characters
_NUMBERING = re.compile(r"^(?:[A-Z]{1,3}\d{1,2}(?:\.\d+)*|\d{1,2}(?:\.\d+)+|\d{1,2}[.)]|\(?[a-z]\)|\(\d{1,2}\)"
                        rf"|[#{_BULLET_CHARS}]+)\s+(?=[A-Za-z(\"'])")
_TRAILING_NUMBER = re.compile(r"(?<=[.!?;:])\s+\d{1,2}\.$")  # the next section's number: '…payable. 5.'
_BULLETS = re.compile(rf"\s*[{_BULLET_CHARS}]\s+")
_ROW_MARKER = re.compile(r"(?<!\S)([A-Z]{1,3})(\d{1,2})\s+(?=[A-Z])")  # 'A1 Client provides … A2 Prices exclude …'
_ITEM_MARKER = re.compile(r"^(?:[-*•▪]|\d{1,2}(?:\.\d+)+\.?|\d{1,2}[.)])\s+")  # a list item's number or bullet
# A table row read into a paragraph: 'net 45 days Cancellation GMP slot cancelled …' is two rows.
_ROW_HEADING = re.compile(r"(?<=[a-z0-9%)])\s+(?=(?:Cancellation|Payment terms|Payment|Price basis|Assumptions"
                          r"|Rescheduling|Exclusions)\b)")
_CONTENTS = re.compile(r"\b\d{1,3} \d{1,3} [A-Z]")  # a table of contents: '16 14 General terms 17 15 …'
_AMOUNT = re.compile(r"\d{1,3}(?:[,.' ]\d{3})+(?!\s*%)|\d{4,}(?!\s*%)")

PAYMENT = re.compile(r"\b(?:invoic\w*|payments?|payable|paid|net\s*\d+|\d+\s*days?\s+net|advance payment|deposit"
                     r"|instal+ments?|mobili[sz]ation fee|(?:upon|at|on) (?:order|signature|signing|PO|purchase order"
                     r"|contract signature)|milestones?)\b", re.I)
CANCELLATION = re.compile(r"\b(?:cancel\w*|postpon\w*|reschedul\w*|moved once|notice)\b", re.I)
ASSUMPTION = re.compile(r"\b(?:assum\w*|exclu\w*|includ\w*|provid\w*|suppl\w*|based on|subject to|requir\w*"
                        r"|responsib\w*|client|sponsor|customer|prices?|pricing|costs?|titer|yield|optional)\b", re.I)
TOPICS = {"payment_terms": "payment", "cancellation_terms": "cancellation", "assumptions": "assumptions"}
LONGEST_SENTENCE = 600  # a 'sentence' longer than this is a table read as one line: it is not completed


def clean_text(key: str, items: list[str], evidence: list[Evidence], pages: dict[int, str] | None) -> list[str]:
    """The sentences of a free-text value, each once, whole where the page has it, on this field's topic."""
    units: list[str] = []
    for item in items:
        item = _TRAILING_NUMBER.sub("", normalize_whitespace(str(item)))
        whole = _complete(item, evidence, pages or {})
        # Only the rows and sentences the quote touches: a table around it is not part of the value.
        units.extend(u for u in _units(whole) if whole == item or _touches(u, item))
    cleaned = [u for u in (_clean(u) for u in units) if u and _is_statement(u)]
    topic = TOPICS.get(key)
    on_topic = [u for u in cleaned if _on_topic(u, topic)] if topic else cleaned
    return _unique(on_topic or cleaned)


def shorten(text: str, limit: int) -> str:
    """`text` cut at the last word boundary before `limit` characters, with '…'; unchanged when it fits."""
    text = normalize_whitespace(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-–") + "…"


# ------------------------------------------------------------------ whole sentences from the page

def _complete(item: str, evidence: list[Evidence], pages: dict[int, str]) -> str:
    """The item grown to the whole sentences of the page it is on; the item itself when it is not found."""
    if evidence and all(e.cell is not None for e in evidence):
        return item  # a bid-grid answer is the cell's whole text already
    numbers = [e.page for e in evidence if e.cell is None] + sorted(pages)
    for number in dict.fromkeys(numbers):
        text = pages.get(number)
        if not text:
            continue
        found = _span(item, text)
        if found is not None:
            return found
    return item


def _span(item: str, page: str) -> str | None:
    plain = normalize_whitespace(page)
    canon = canonical_text(page)  # same length as `plain`: only single characters are swapped
    quote = canonical_text(item)
    start = canon.find(quote)
    if start < 0 and " " in quote:  # the last word was cut mid-way: find the rest
        quote = quote[: quote.rfind(" ")]
        start = canon.find(quote)
    if start < 0 or len(quote) < 12:
        return None
    end = start + len(quote)
    # Grow only where the quote was cut: it starts mid-sentence (lower case) or stops without a full stop.
    # A quote that ends where a line ends, with a new row or sentence below, is a whole row ("Analytical
    # development No - excluded"): growing it to the "sentence" would run on through the table's other rows.
    lines = [canonical_text(normalize_whitespace(line)) for line in page.splitlines()]
    whole_row = any(line.rstrip(" -–;,:").endswith(quote[-24:]) and (following[:1].isupper() or following[:1] in ("-", "•", "*", ""))
                    for line, following in zip(lines, lines[1:] + [""]) if line)
    grow_back = quote[:1].islower()
    grow_on = quote[-1:] not in ".!?" and not whole_row
    begin, finish, cursor = start, end, 0
    for sentence in split_sentences(page):
        at = canon.find(canonical_text(sentence), cursor)
        if at < 0:
            continue
        cursor = at + 1
        stop = at + len(sentence)
        if at < end and stop > start and len(sentence) <= LONGEST_SENTENCE:
            begin = min(begin, at) if grow_back else begin
            finish = max(finish, stop) if grow_on else finish
    if finish == end and end < len(plain) and plain[end].isalnum() and plain[end - 1].isalnum():
        # Still cut mid-word (no sentence around it): end at the last whole word, and say so.
        return plain[begin: start + quote.rfind(" ")].rstrip(" ,;:") + "…" if " " in quote else None
    return plain[begin:finish]


# ------------------------------------------------------------------ units, cleaning, topics, repeats

def _units(text: str) -> list[str]:
    """Sentences, bullet items and numbered table rows ('A1 …', 'A2 …') of a passage."""
    units = []
    for part in _BULLETS.split(text):
        for sentence in _sentences(part):
            for row in _ROW_HEADING.split(sentence):
                units.extend(_rows(row))
    return units


def _sentences(text: str) -> list[str]:
    """split_sentences, also inside a list item ('1. Assumes … 2. Excludes …' is two statements)."""
    out = []
    for unit in split_sentences(text):
        marker = _ITEM_MARKER.match(unit)
        out.extend(split_sentences(unit[marker.end():]) if marker and marker.end() < len(unit) else [unit])
    return out


def _touches(unit: str, item: str) -> bool:
    """Whether a unit shares four words in a row with the quote it was grown from (or lies inside it)."""
    unit_words = re.findall(r"[a-z0-9]+", unit.lower())
    item_text = " " + " ".join(re.findall(r"[a-z0-9]+", item.lower())) + " "
    if len(unit_words) < 4:
        return f" {' '.join(unit_words)} " in item_text
    return any(f" {' '.join(unit_words[i:i + 4])} " in item_text for i in range(len(unit_words) - 3))


def _rows(text: str) -> list[str]:
    markers = list(_ROW_MARKER.finditer(text))
    by_letter: dict[str, set[int]] = {}
    for m in markers:
        by_letter.setdefault(m.group(1), set()).add(int(m.group(2)))
    # Only a running sequence (A1, A2, A3) is a list of rows; a lone 'Q3' or 'WP8' is part of the text.
    rows = [m for m in markers if len(by_letter[m.group(1)]) > 1]
    if not rows:
        return [text]
    cuts = [m.start() for m in rows]
    return [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]


def _clean(unit: str) -> str:
    unit = original = normalize_whitespace(unit)
    for _ in range(4):  # 'Q3.3 Key assumptions: (a) Sponsor …' has numbering, a heading and numbering again
        before = unit
        unit = _NUMBERING.sub("", unit)
        unit = _strip_heading(unit)
        if unit == before:
            break
    unit = _TRAILING_NUMBER.sub("", unit).strip(" ,;")
    if _CONTENTS.search(unit) and len(_CONTENTS.findall(unit)) > 1:
        return ""
    if unit[:1].islower():
        # After a heading or a number the statement starts here; otherwise the quote began mid-sentence.
        return unit[:1].upper() + unit[1:] if not original.startswith(unit) else "…" + unit
    return unit


def _strip_heading(unit: str) -> str:
    words = unit.split(" ")
    taken = 0
    for word in words:
        if word.lower().rstrip(":") not in _HEADING_WORDS:
            break
        taken += 1
        if word.endswith(":"):
            break
    if not taken or not any(w.lower().rstrip(":") in _HEADING_NOUNS for w in words[:taken]):
        return unit
    rest = words[taken:]
    if rest and not words[taken - 1].endswith(":") and not (rest[0][:1].isupper() or rest[0][:1] in "0123456789(#"):
        return unit  # 'Cancellation less than 3 months before …' is the sentence itself
    return " ".join(rest)


def _is_statement(unit: str) -> bool:
    words = unit.split()
    if len(words) < 3 or not any(c.islower() for c in unit):
        return False  # a fragment or a heading ('Should Ca', 'NOTES / ASSUMPTIONS')
    return len(words) > 4 or unit[-1:] in ".!?…"  # 'Facility and equipment' is a heading, not a statement


def _on_topic(unit: str, topic: str) -> bool:
    cancellation = bool(CANCELLATION.search(unit))
    payment = bool(PAYMENT.search(unit)) and not cancellation
    if topic == "payment":
        return payment
    if topic == "cancellation":
        return cancellation
    # Assumptions: what the offer rests on or leaves out, not the payment or cancellation terms, nor a price table.
    return (not payment and not cancellation and len(_AMOUNT.findall(unit)) < 3
            and bool(ASSUMPTION.search(unit)))


def _unique(units: list[str]) -> list[str]:
    """Each statement once: a unit whose words are all inside a longer one is dropped."""
    words = [re.findall(r"[a-z0-9]+", u.lower()) for u in units]
    keys = [" " + " ".join(w) + " " for w in words]
    kept = []
    for index, (unit, key) in enumerate(zip(units, keys)):
        if unit[-1:].isalnum() and len(words[index]) > 3:  # cut mid-word: its last word may be a stump
            key = " " + " ".join(words[index][:-1]) + " "
        inside = any(key.strip() and key in other and (len(other) > len(keys[index]) or j < index)
                     for j, other in enumerate(keys) if j != index)
        if not inside:
            kept.append(unit)
    return kept
