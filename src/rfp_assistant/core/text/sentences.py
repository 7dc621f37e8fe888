"""Evidence checks: a quote counts only if it is really on the cited page (whitespace-normalized)."""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")
_SENTENCE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(\[•-])")
_ABBREVIATION = re.compile(
    r"\b(Dr|Mr|Mrs|Ms|Prof|St|No|Nos|Inc|Ltd|Co|Corp|approx|e\.g|i\.e|vs|etc|Fig|Ref|Sec|Q\d|[A-Z])\.$"
)
# Notes and briefs abbreviate more ('max. USD 5M, excl. fees'); clauses are cut with this longer list.
_NOTE_ABBREVIATION = re.compile(_ABBREVIATION.pattern[:-4] + r"|incl|excl|max|min|ca|esp|resp|cf|viz)\.$")


def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return _WS.sub(" ", text or "").strip()


# Typographic quotes and dashes vary between PDF producers and model outputs.
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def canonical_text(text: str) -> str:
    """Whitespace-normalized text with typographic quotes and dashes made plain, for comparing quotes."""
    return normalize_whitespace(text).translate(_TYPOGRAPHIC)


def quote_in_text(quote: str, text: str) -> bool:
    """True when `quote` is a verbatim (whitespace-normalized) substring of `text` and not trivially short."""
    q = canonical_text(quote)
    return len(q) >= 3 and q in canonical_text(text)


def split_sentences(text: str) -> list[str]:
    """Sentences, list items and table rows of a passage, each verbatim (whitespace-normalized)."""
    units = [u for block, is_item in _blocks(text) for u in ([block] if is_item else _sentences(block))]
    return [normalize_whitespace(u) for u in units if len(normalize_whitespace(u)) > 2]


def _blocks(text: str) -> list[tuple[str, bool]]:
    """Paragraphs (lines joined) and list items or table rows, with whether each is an item."""
    blocks: list[tuple[str, bool]] = []
    paragraph: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        is_item = bool(re.match(r"^([-*•▪]|\d{1,2}[.)]|\|)\s*", stripped))
        if not stripped or is_item:
            if paragraph:
                blocks.append((" ".join(paragraph), False))
                paragraph = []
            if stripped:
                blocks.append((stripped, True))
        else:
            paragraph.append(stripped)
    if paragraph:
        blocks.append((" ".join(paragraph), False))
    return blocks


def _sentences(paragraph: str, abbreviation: re.Pattern = _ABBREVIATION) -> list[str]:
    merged: list[str] = []
    for piece in _SENTENCE.split(paragraph):
        if merged and abbreviation.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


# Words that open a new statement after a comma in a long sentence ("..., so the CDMO has to ...").
_CLAUSE_OPENER = re.compile(
    r"(?:(?:and|but|plus|then)\s+)?(?:we|I|you|they|it|he|she|this|these|those|there|our|their|its)\b"
    r"|(?:so|so\s+that|with|which|where|because|since|although|though|whereas|while|then|[a-z]+ing)\b"
    # '..., and the analytical methods (incl. the panel) are already validated': a subject and its verb.
    r"|(?:and|but)\s+[^,;()]{0,40}?(?:\([^)]*\)\s*)?\b(?:is|are|was|were|has|have|must|will|should|can|cannot"
    r"|needs?)\b"
    # '..., plus the conjugation step', '..., three PPQ batches of DS': the next item of a list of asks.
    r"|plus\b|(?:~\s?|about\s|around\s|approx\.?\s?)?(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s?x)?\s+[A-Za-z]")
# Without a comma, in a long sentence: 'Filling must be in an isolator and we expect ...' joins two statements.
_NEW_SUBJECT = re.compile(r"\s(?:and|but)\s+(?:we|I|they|you)\s+(?!all\b|both\b)[a-z']+\b")
_OPEN, _CLOSE = "([{", ")]}"
MIN_CLAUSE_WORDS = 4


# Notes and chats often start a sentence in lower case ('... ready by June. then we fill'); a full stop then ends one
# unless it ends a short form that runs on in lower case ('incl. sterility', 'approx. two', 'conc. of').
_LOWER_START = re.compile(r"(?<=[^\W\d_][.!?])\s+(?=[a-z])")
_LOWER_ABBREVIATION = re.compile(_NOTE_ABBREVIATION.pattern[:-4] + r"|al|wk|wks|mo|mos|yr|yrs|hr|hrs|pt|pts|est|avg"
                                 r"|temp|conc|vol|dept|req|reqd|spec|specs|qty|ea|pcs|nr|sq|cont|ml|mg|kg|ug)\.$", re.I)


def _note_sentences(paragraph: str) -> list[str]:
    """Sentences of a note: as `_sentences`, and also where a sentence after a full stop starts in lower case."""
    out: list[str] = []
    for sentence in _sentences(paragraph, _NOTE_ABBREVIATION):
        for piece in _LOWER_START.split(sentence):
            if out and _LOWER_ABBREVIATION.search(out[-1]) and piece[:1].islower():
                out[-1] = f"{out[-1]} {piece}"
            else:
                out.append(piece)
    return out


def split_clauses(text: str, *, long_words: int = 18) -> list[str]:
    """Clauses of a passage, each verbatim (whitespace-normalized), in order.

    A clause ends where a sentence ends (inside list items and table rows too), at a semicolon or a spaced dash
    outside brackets, and, in a sentence longer than `long_words` words, at a comma that opens a new statement
    or the next item of a list ('..., so the CDMO has to ...', '..., three PPQ batches ...', '..., plus the ...')
    and at 'and we ...' opening a new subject. A thousands separator ('2,000 L') is never a cut. Pieces shorter
    than four words stay with their neighbour, so a clause always says something on its own.
    """
    return [c for sentence in clause_sentences(text) for c in sentence]


def clause_sentences(text: str, *, long_words: int = 18) -> list[list[str]]:
    """The clauses of `split_clauses`, grouped by the sentence they come from."""
    out: list[list[str]] = []
    for block, is_item in _blocks(text):
        block = normalize_whitespace(re.sub(r"^([-*•▪]|\d{1,2}[.)])\s+", "", block))
        first = len(out)
        pending = ""  # a sentence too short to stand alone ('API only.') joins its neighbour in the block
        for sentence in _note_sentences(block):
            pieces: list[str] = []
            for piece in _cut(sentence, _hard_cuts(sentence)):
                pieces.extend(_cut(piece, _soft_cuts(piece)) if len(piece.split()) > long_words else [piece])
            if not pieces:
                continue
            whole = " ".join(pieces)
            if len(whole.split()) < MIN_CLAUSE_WORDS or whole.startswith("(") and whole.rstrip(".").endswith(")"):
                # A lead-in ('Key points:') joins what follows; anything else the sentence before it.
                if len(out) > first and not pending and not whole.endswith(":"):
                    out[-1][-1] = f"{out[-1][-1]} {' '.join(pieces)}"
                else:
                    pending = f"{pending} {' '.join(pieces)}".strip()
                continue
            if pending:
                pieces[0], pending = f"{pending} {pieces[0]}", ""
            out.append(pieces)
        if pending:
            out.append([pending])
    return out


def _hard_cuts(text: str) -> list[tuple[int, int]]:
    """(start, end) of the separators outside brackets: '; ' and ' - ' / ' – ' / ' — '."""
    cuts, depth = [], 0
    for i, ch in enumerate(text):
        depth += (ch in _OPEN) - (ch in _CLOSE and depth > 0)
        if depth:
            continue
        if ch == ";":
            cuts.append((i, i + 1))
        elif ch in "-\u2013\u2014" and 0 < i < len(text) - 1 and text[i - 1] == " " and text[i + 1] == " ":
            cuts.append((i - 1, i + 1))
    return cuts


def _soft_cuts(text: str) -> list[tuple[int, int]]:
    """Outside brackets: a comma opening a new statement or list item, or 'and we ...' opening a new subject."""
    cuts, depth = [], 0
    for i, ch in enumerate(text):
        depth += (ch in _OPEN) - (ch in _CLOSE and depth > 0)
        if depth:
            continue
        if ch == "," and text[i + 1: i + 2] != "," and not text[i + 1: i + 2].isdigit() \
                and _CLAUSE_OPENER.match(text, i + 1 + (text[i + 1: i + 2] == " ")):
            cuts.append((i, i + 1))
        elif ch == " " and _NEW_SUBJECT.match(text, i) and (not cuts or cuts[-1][1] < i):
            cuts.append((i, i + 1))
    return cuts


def _cut(text: str, cuts: list[tuple[int, int]]) -> list[str]:
    pieces, start = [], 0
    for begin, end in cuts:
        pieces.append(text[start:begin])
        start = end
    pieces.append(text[start:])
    merged: list[str] = []
    for piece in (normalize_whitespace(p).strip(" ,;") for p in pieces):
        if not piece:
            continue
        if merged and (len(piece.split()) < MIN_CLAUSE_WORDS or len(merged[-1].split()) < MIN_CLAUSE_WORDS):
            # A fragment ('one eye only') belongs to the statement it qualifies.
            merged[-1] = _rejoin(text, merged[-1], piece)
        else:
            merged.append(piece)
    return merged


def _rejoin(text: str, first: str, second: str) -> str:
    """The two pieces as the text had them, separator included."""
    start = text.find(first)
    end = text.find(second, start + len(first))
    return normalize_whitespace(text[start:end + len(second)]) if start >= 0 and end >= 0 else f"{first} {second}"
