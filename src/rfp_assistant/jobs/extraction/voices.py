"""Sentences that declare their own role: the sponsor's request reported, another client's program, the industry in
general, an option.

A heading can give a whole section a role (sections.py); these sentences carry theirs in their own words: "Your RFP
sets a target of 7 weeks", "For another client we completed the transfer in 7 weeks", "Across the industry,
transfers take 12 to 20 weeks", "As an option, an accelerated transfer of 6 weeks can be added for USD 60,000".
Their figures are not this offer's: a field the proposal does not answer stays "not stated" instead of taking them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rfp_assistant.jobs.extraction.roles import OPTIONAL, Author

# A sentence ends at a full stop before a capital or at a line break (the page's wrapped prose is joined before, so
# a line break ends a row, an item or a paragraph).
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Za-z]\.)[\"”')\]]*[^\S\n]+(?=[A-Z0-9\"“(])|[^\S\n]*\n\s*")
_FIRST_PERSON = re.compile(r"(?i)\b(?:we|our|ours|us|i)\b")

# The RFP named as the source of what the sentence says: "In its RFP, …", "Per the tender, …", "RFP requirement 3.2:",
# "Your RFP sets a target of 7 weeks" (the RFP as subject is roles' rule; these are the other ways to say it).
_DOCUMENT = r"(?:rfp|rfq|rfi|request\s+for\s+(?:proposal|quotation|information)|tender|invitation\s+to\s+tender|brief|specification)"
_FROM_THE_RFP = re.compile(
    rf"(?i)^\W*(?:[A-Z]?\d+(?:\.\d+)*\.?\s+)?(?:(?:in|per|under|according\s+to|as\s+(?:requested|specified|stated|required|"
    rf"set\s+out|asked|described)\s+in)\s+(?:the|your|its|their|this|[A-Z][\w&'’-]*['’]s?)\s+(?:\w+\s+)?{_DOCUMENT}\b"
    rf"|(?:the\s+|your\s+)?(?:{_DOCUMENT}|sponsor|client|customer)['’]?s?\s+(?:requirements?|targets?|specifications?|"
    rf"expectations?|request)\b|(?:the|your|its|this)\s+{_DOCUMENT}\s+(?:\S+\s+){{0,2}}?(?:sets?|targets?|seeks?|wants?|"
    rf"prefers?|foresees?|envisages?|anticipates?))"
    r"|^\W*(?:in|gem[äa](?:ß|ss)|laut|entsprechend|nach)\s+(?:ihrer|ihrem|ihren|der|dem)\s+(?:anfrage|ausschreibung|"
    r"lastenheft|rfp|angebotsanfrage)\b")  # "In Ihrer Anfrage wünschen Sie ...": the German way to report the RFP

# Another client's program: "For another client, …", "(not this program)", "Case example: …", "in a recent project for a
# Japanese customer". The vendor's record fields still read these (they count the record); no offer field does.
_OTHER_CLIENT = re.compile(
    r"(?i)\b(?:for|with|at)\s+(?:an?other|other|a\s+(?:previous|former|recent|past|different|separate)|one\s+of\s+our|"
    r"several|many)\s+(?:[\w-]+\s+){0,3}?(?:clients?|customers?|sponsors?)\b"
    r"|\bnot\s+(?:for\s+)?this\s+(?:program(?:me)?|project|proposal|offer|molecule|product)\b"
    r"|^\W*(?:case\s+(?:example|study)|reference\s+(?:project|case))\b"
    r"|\b(?:in|on|during)\s+a\s+(?:recent|previous|past|prior|similar|comparable)\s+(?:program(?:me)?|project|campaign)\s+"
    r"for\s+an?\s+"
    r"|\b(?:clients|customers|sponsors)\s+(?:typically|usually|generally|normally|often|tend\s+to)\b")  # what others spend

# The industry in general: market prices, benchmarks, what transfers "typically" take across CDMOs.
_INDUSTRY = re.compile(
    r"(?i)\b(?:across|in|throughout)\s+the\s+(?:industry|sector|market)\b|\bindustry[- ](?:wide|standards?|averages?|"
    r"norms?|benchmarks?|data|experience|practice|surveys?)\b|\bmarket\s+(?:prices?|rates?|data|benchmarks?|practice|"
    r"averages?|norms?)\b|\bbenchmark(?:s|ing)?\s+(?:data|studies|figures|surveys?)\b|\b(?:most|many|other)\s+(?:cdmos|"
    r"cmos|contract\s+manufacturers|manufacturers|vendors|suppliers|providers)\b")
_TYPICALLY = re.compile(r"(?i)\b(?:typically|usually|generally|normally|commonly|on\s+average|tend\s+to)\b")
_RANGE = re.compile(r"\d\s*(?:-|–|to)\s*\d")
_MENTIONS_RFP = re.compile(rf"(?i)\b(?:{_DOCUMENT}|sponsor|client|customer|anfrage|ausschreibung|lastenheft)")
_MENTIONS_OTHERS = re.compile(r"(?i)\b(?:clients?|customers?|sponsors?|this|case|reference)\b")
_OPTIONAL_WORD = re.compile(r"(?i)\boptional(?:ly)?\b")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")


@lru_cache(maxsize=64)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence or list item of `text`."""
    return tuple(_sentence_spans(text))


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for boundary in [*_SENTENCE_END.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        if text[start:end].strip():
            spans.append((start, end))
        start = boundary.end() if boundary else end
    return spans


def reported_request_spans(text: str, author: Author | None = None) -> list[tuple[int, int]]:
    """Sentences that report the RFP's requests or targets without answering them ("Your RFP sets a target of 7
    weeks"); "As requested in the RFP, we offer 120 days" is the vendor's answer."""
    if not _MENTIONS_RFP.search(text):
        return []  # most pages never name the RFP or the sponsor: no sentence to test
    own = author.words() if author else set()
    spans = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        lead = _FROM_THE_RFP.match(sentence)
        if lead and not _speaks_as_vendor(sentence[lead.end():], own):
            spans.append((start, end))
    return spans


def other_client_spans(text: str) -> list[tuple[int, int]]:
    """Sentences about another client's program or the industry in general: not this offer's figures."""
    if not (_MENTIONS_OTHERS.search(text) or _INDUSTRY.search(text) or _TYPICALLY.search(text)):
        return []
    spans = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if _OTHER_CLIENT.search(sentence) or _INDUSTRY.search(sentence) or \
                (_TYPICALLY.search(sentence) and _RANGE.search(sentence) and not _FIRST_PERSON.search(sentence)):
            spans.append((start, end))
    return spans


def optional_spans(text: str) -> list[tuple[int, int]]:
    """Sentences that offer something as an option ("As an option, … can be added for USD 120,000"): from the clause
    that says so to the sentence's end (the whole sentence when its opening says so)."""
    if not (OPTIONAL.search(text) or _OPTIONAL_WORD.search(text)):
        return []
    spans = []
    for start, end in sentence_spans(text):
        marker = OPTIONAL.search(text, start, end) or _OPTIONAL_WORD.search(text, start, end)
        if not marker:
            continue
        breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, start, marker.start())]
        clause = breaks[-1] if breaks else start
        spans.append((clause, end))
    return spans


def _speaks_as_vendor(clause: str, own: set[str]) -> bool:
    """Whether the rest of a sentence is the vendor's own statement ("…, we propose 12 weeks")."""
    words = {w.casefold() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", clause)}
    return bool(_FIRST_PERSON.search(clause)) or bool(own & words)


# -- an e-mail thread's earlier messages ---------------------------------------------------------------------

_MESSAGE_HEAD = re.compile(r"(?im)^[^\S\n]*(?:-{2,}[^\S\n]*(?:original|forwarded)[^\S\n]+message[^\S\n]*-{2,}[^\S\n]*$|"
                           r"from[^\S\n]*:[^\S\n]*(?P<sender>[^\n]+)$|on\b[^\n]{5,120}\bwrote[^\S\n]*:[^\S\n]*$)")
_HEADER_FIELDS = re.compile(r"(?im)(?:[^\n]*\n){1,4}?[^\S\n]*(?:sent|date|to|subject|cc)[^\S\n]*:")
_QUOTED_LINE = re.compile(r"(?m)^[^\S\n]*>[^\n]*$")
TOP_LINES = 6  # a "From:" in a document's first lines heads the document itself


def message_spans(texts: list[str], author: Author | None = None) -> list[list[tuple[int, int]]]:
    """Per page: the earlier messages of an e-mail thread written by someone other than the vendor (from their
    "From:", "-----Original Message-----" or "On …, X wrote:" header to the next header), and '>'-quoted lines."""
    own = author.words() if author else set()
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    foreign_from: int | None = None  # where the open foreign message started on the current page
    for index, text in enumerate(texts):
        foreign_from = 0 if foreign_from is not None else None
        for head in _MESSAGE_HEAD.finditer(text):
            if foreign_from is not None:
                spans[index].append((foreign_from, head.start()))
                foreign_from = None
            if head.group(0).lstrip().startswith("-") and _next_sender_is_vendor(text, head.end(), own):
                continue
            if head.group("sender") and not _HEADER_FIELDS.match(text, head.end()):
                continue  # "From: …" alone is a memo's line, not a message's header (Sent/To/Subject follow one)
            who = head.group("sender") or head.group(0)
            top = index == 0 and text.count("\n", 0, head.start()) < TOP_LINES
            if _names_vendor(who, own) or (top and head.group("sender")):
                continue  # the vendor's own message (or the document's own header)
            foreign_from = head.start()
        if foreign_from is not None:
            spans[index].append((foreign_from, len(text)))
        spans[index] += [m.span() for m in _QUOTED_LINE.finditer(text)]
    return spans


def _names_vendor(who: str, own: set[str]) -> bool:
    words = {w.casefold() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", who)}
    return bool(own & words) or any(word in part for part in words for word in own if len(word) > 3)


def _next_sender_is_vendor(text: str, position: int, own: set[str]) -> bool:
    sender = re.compile(r"(?im)^[^\S\n]*from[^\S\n]*:[^\S\n]*([^\n]+)$").search(text, position, position + 200)
    return bool(sender) and _names_vendor(sender.group(1), own)


# -- a block of the sponsor's requirements under a heading that says so -------------------------------------

_BLOCK_HEAD = re.compile(
    rf"(?i)^\W*(?:(?:extract|excerpt|summary|copy)\s+(?:from|of)\s+(?:the\s+|your\s+)?{_DOCUMENT}|(?:the\s+|your\s+)?"
    rf"(?:{_DOCUMENT}|sponsor['’]?s?|client['’]?s?|customer['’]?s?)\s+requirements?\b|your\s+(?:key\s+)?requirements?\b|"
    rf"requirements?\s+(?:of|from)\s+(?:the\s+|your\s+)?{_DOCUMENT}\b)")
_NOT_THEIRS = re.compile(r"(?i)\b(?:response|answer|reply|compliance|our\s+(?:position|proposal|offer)|vs\.?|versus|"
                         r"against)\b")
_BLOCK_END = re.compile(r"(?i)^\W*end\s+of\b")
_BULLET_LINE = re.compile(r"^\s*(?:[-•▪*\x7f–]|\(?[a-z0-9]{1,2}[.)])\s")
MAX_BLOCK_LINES = 15


def requirement_block_spans(text: str) -> list[tuple[int, int]]:
    """The lines under a heading that gives them as the sponsor's requirements ("RFP requirements", "Extract from
    the RFP", "Your requirements, as we understand them:") up to the next heading, a blank line or the vendor's
    own voice; a heading that answers them ("Requirements and our response") gives none."""
    spans = []
    lines = list(re.finditer(r"(?m)^[^\n]*$", text))
    for index, line in enumerate(lines):
        head = line.group(0)
        if not head.strip() or len(head) > 90 or not _BLOCK_HEAD.match(head) or _NOT_THEIRS.search(head):
            continue
        end = line.end()
        for following in lines[index + 1:index + 1 + 2 * MAX_BLOCK_LINES]:
            body = following.group(0)
            if not body.strip() or _FIRST_PERSON.search(body) or _is_heading(body):
                break
            end = following.end()
            if _BLOCK_END.match(body):
                break
        if end > line.end():
            spans.append((line.start(), end))
    return spans


def _is_heading(line: str) -> bool:
    """A short line that names a section rather than stating something: no colon, no bullet, no full stop."""
    stripped = line.strip()
    return len(stripped) <= 60 and ":" not in stripped and not _BULLET_LINE.match(line) and \
        not stripped.endswith((".", ";", ",")) and not re.search(r"\d", stripped)
