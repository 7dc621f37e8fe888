"""Figures the brief itself overrules: the later statement of the same quantity wins, the earlier never reaches the RFP.

A writer corrects a figure on the spot ('$2.2M... sorry, $2.7M', 'DAR 4 ... sorry, DAR 2', 'not 4 but 2 batches'),
further on in the same sentence ('2 lots at 300 L, scratch that, 3 batches'), or on a later line ('Correction: DAR 2';
in a chat, a later message giving another figure for the same quantity). A quantity is known by its unit (money by
currency, litres, batches and lots alike) or, for a bare number, by the word that names it ('DAR', 'pH'). The
brief's text is rewritten once, before its fields are read and its clauses cut, so the typed fields, the clauses
and the open questions all see only the current figure; the overruled figure is not shown struck through, since a
CDMO reading the RFP would still read it as a figure of the program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rfp_assistant.core.values.common import escaped_alternation
from rfp_assistant.core.values.numbers import CURRENCY_PREFIXES
from rfp_assistant.jobs.drafting.chat_messages import is_chat, message_start
from rfp_assistant.jobs.drafting.mail_chain import unquoted, written_order

_SCALE_WORD = r"(?:million|mn|billion|thousand|crores?|lakhs?)"
_NUMBER = (rf"(?:\d(?:[\d.,]*\d)?(?:\s?(?:[kKmMbB]n?|{_SCALE_WORD})\b)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
           r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)\b)")
_CURRENCY = rf"(?:(?:{escaped_alternation(CURRENCY_PREFIXES)})(?![A-Za-z])\s?)"
_UNIT = (r"(?:%|°\s?[CF]\b|[kmµun]?(?:g|L|l|M|mol|Da)(?:/[A-Za-z]+)?\b|(?:weeks?|wks?|months?|mo|days?|years?|yrs?"
         r"|hours?|h|batch(?:es)?|lots?|runs?|campaigns?|vials?|syringes?|doses?|cP|mPa|TU|vg|cells|patients|units)\b)")
# A figure: optional currency, the number, an optional unit right after it.
FIGURE = re.compile(rf"(?<![\w.:])({_CURRENCY})?(?!\d{{1,2}}:\d)({_NUMBER})(?:\s?({_UNIT}))?", re.I)  # not a clock time
CUE = re.compile(r"\b(?:sorry|sry|oops|scratch that|I mean|I meant|make that|make it|correction|correcting|corrected"
                 r"|no wait|wait|or rather|actually|typo|updated?|revised|change(?:d)? to|my bad|my mistake|edit"
                 r"|amended"
                 r"|to clarify|should read|should have said|meant|turns out|after all"
                 r"|(?:later |since |then |now )?(?:moved|pushed(?: back| out)?|pulled(?: in| forward)?|slipped|shifted|postponed"
                 r"|delayed|brought forward) to)\b"
                 r"|(?:(?<=[,;.…\u2013\u2014-] )|(?<=[,;.…\u2013\u2014-]))(?:no|nope|err|erm|uh|um)\b", re.I)
# An amount written with its currency after it ('2,4 Mio EUR', '500 kEUR', '2.0 M€'), as German and French notes do.
_CURRENCY_AFTER = re.compile(rf"\s?(?:(?:Mio|Mrd|Mn|Tsd|[kKmMT])\.?\s?)?(?:{escaped_alternation(CURRENCY_PREFIXES)})"
                             r"(?![A-Za-z])")
MAGNITUDE = re.compile(rf"\d\s?(?:[kKmMbB]n?|{_SCALE_WORD})$", re.I)
_CURRENCY_AT = re.compile(_CURRENCY, re.I)
_BETWEEN = re.compile(r"\s*(?:\.{2,}|…)?\s*[,;:()\u2013\u2014-]*\s*$")
_AFTER_CUE = re.compile(r"[\s,:;.!()\u2013\u2014-]*(?:(?:it'?s|it is|should be|is|to|that'?s|that is)\s+)?")
_TERM_BEFORE = re.compile(r"(?<![\w/+-])([A-Za-z][\w/+-]*)\s*(?:\.{2,}|…)?\s*[,;:()\u2013\u2014-]*\s*$")
# An earlier figure kept beside the current one: 'fill 2 mL (was 5 mL)', 'budget increased from $2M to $3M'.
_WAS = re.compile(r"\s*\((?:was|previously|formerly|originally|earlier|old|not)\s*:?\s+(?P<old>[^()]{1,30})\)", re.I)
_CHANGED_FROM = re.compile(r"\b(?P<verb>(?:changed|increased|decreased|reduced|raised|lowered|moved|updated|revised|"
                           r"bumped|cut|went up|went down))\s+from\s+(?P<old>[^,;()]{1,30}?)\s+(?=to\s)", re.I)
_NOT_BUT = re.compile(r"\bnot\s+(?P<old>[^,;]{1,25}?)\s*(?:,\s*)?\bbut\s+(?=\S)", re.I)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE = re.compile(rf"\b(?:Q[1-4]|H[12]|{_MONTH})\s*[-/ ]?\s*(?:20\d\d)\b|\b(?:end|mid|early|late)[- ](?:of )?20\d\d\b",
                  re.I)
_BATCH_NOUN = re.compile(r"^\s*(?:[A-Za-z-]+\s+){0,2}?(batch|batches|lots?|runs?|campaigns?)\b", re.I)
# A bare number after the batch noun that names it ('batch count is now 2', 'GMP lots: 3').
_BATCH_BEFORE = re.compile(r"\b(?:batch(?:es)?|lots?|runs?|campaigns?)(?:\s+(?:count|number))?(?:\s*[:=]|\s+(?:is|are|will be"
                           r"|now|to))*\s*~?\s*$", re.I)
_BATCH_KIND = re.compile(r"\b(?:engineering|eng|demo\w*|tox|non-GMP|pilot|PPQ|validation|registration|stability"
                         r"|commercial|exhibit|submission|DS|DP|drug substance|drug product|conjugation|patient)\b", re.I)
# 'it's 2 batches, not 3': the figure after 'not' is the one withdrawn.
# A judgement that rejects a figure before its correction ('10 g is too much for the tox lots, make it 5 g').
_REJECTED = re.compile(r"\b(?:(?:is|are|was|seems?|sounds?)\s+(?:way\s+|much\s+|far\s+)?too\s+(?:much|many|high|low|little|few"
                       r"|long|short|big|small|early|late|expensive)|(?:is|are)\s+not\s+enough|won'?t work|unrealistic)\b", re.I)
_NOT_AFTER = re.compile(rf"\s*,?\s*not\s+{_CURRENCY}?(?P<old>\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten)"
                        rf"(?:\s?(?:[kKmMbB]n?|{_SCALE_WORD}))?\b", re.I)
# Words that never name a quantity: grammar, hedges, verbs of need, and the words of a correction itself.
_NOT_LABEL = frozenset("""
    a an the at in of on to and or for by with from per is are be was were we our it its than about approx
    approximately around ca nearly some up only x that phase ph q step stage day week month year version v no not but
    now new then just still instead also each another need needs needed want wants require requires required expect
    expects have has had make makes get gets plan plans planned said say update updated correction corrected actually
    typo revised rather sorry oops wait mean meant meaning""".split())
_SENTENCE_END = re.compile(r"(?<![.\d])[.!?]\s+(?=[A-Z(\[])")
WORDS = {w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                          "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
WORDS.update(thirty="30", forty="40", fifty="50")


@dataclass(frozen=True)
class Figure:
    """One figure in a line: its span, the number as written, its quantity and the span of the word naming it."""

    start: int
    end: int
    number: str
    quantity: str
    label: str
    label_start: int


def corrected_text(text: str) -> str:
    """`text` with every figure the brief overrules replaced by the figure that overrules it (see module doc)."""
    lines = [_within_line(line) for line in text.split("\n")]
    order = written_order(lines)  # a reply-on-top mail chain is read oldest message first
    corrected = _across_lines([lines[n] for n in order])
    for position, n in enumerate(order):
        lines[n] = corrected[position]
    return unquoted("\n".join(lines))


def figures(line: str) -> list[Figure]:
    """The figures of `line` with their quantities; a bare number without a naming word has none."""
    found = []
    dates = [(m.start(), m.end()) for m in DATE.finditer(line)]
    for m in DATE.finditer(line):
        label, label_start = _label(line, m.start())
        found.append(Figure(m.start(), m.end(), m.group(0), "date", label, label_start))
    for m in FIGURE.finditer(line):
        if any(a <= m.start() < b for a, b in dates):
            continue
        currency, number, unit = m.group(1), m.group(2), m.group(3)
        end = m.end() if unit else m.start(2) + len(number)
        label, label_start = _label(line, m.start())
        if not currency and (after := _CURRENCY_AFTER.match(line, m.start(2) + len(number))) \
                and not re.match(r"\d", line[after.end():after.end() + 1]):
            end = after.end()
            code = re.search(escaped_alternation(CURRENCY_PREFIXES) + r"$", after.group(0)).group(0)
            found.append(Figure(m.start(), end, line[m.start(2):end], _quantity(code, None, ""), label, label_start))
            continue
        quantity = _quantity(currency, unit, line[end:])
        if not quantity and _BATCH_BEFORE.search(line, max(0, m.start() - 40), m.start()):
            quantity = "batch"
        quantity = quantity or (f"#{label}" if label else "")
        if quantity == "batch" and not unit and (noun := _BATCH_NOUN.match(line[end:])):
            end += noun.end()  # 'two GMP batches' is one figure
        found.append(Figure(m.start(), end, (currency or "") + number, quantity, label, label_start))
    return sorted(found, key=lambda f: f.start)


def _label(line: str, start: int) -> tuple[str, int]:
    """The word naming the figure at `start` (up to three words back, past 'is', 'of', 'at'...), and where the
    figure's name starts when the name stands right before it."""
    words = list(re.finditer(r"[A-Za-z][A-Za-z-]*", line[max(0, start - 40):start]))[-3:]
    offset = max(0, start - 40)
    for n, w in enumerate(reversed(words)):
        word = w.group(0).lower()
        if word not in _NOT_LABEL:
            adjacent = n == 0 and re.fullmatch(r"\s*[:=]?\s*~?\s*", line[offset + w.end():start])
            return word, (offset + w.start() if adjacent else start)
        if n == 0 and not re.fullmatch(r"\s*[:=]?\s*~?\s*", line[offset + w.end():start]):
            break
    return "", start


def _quantity(currency: str | None, unit: str | None, rest: str) -> str:
    if currency:
        token = currency.strip()
        return "$" + CURRENCY_PREFIXES.get(token, CURRENCY_PREFIXES.get(token.upper(), token.upper()))
    if unit:
        u = unit.lower().replace(" ", "")
        if re.fullmatch(r"batch(?:es)?|lots?|runs?|campaigns?", u):
            return "batch"
        if u in ("l", "liter", "liters", "litre", "litres"):
            return "l"
        if u in ("k", "m", "b", "bn", "x") or u.startswith("x"):
            return ""
        for short, names in (("wk", "weeks week wks wk"), ("mo", "months month mo"), ("d", "days day"),
                             ("yr", "years year yrs yr"), ("h", "hours hour h")):
            if u in names.split():
                return short
        return u[:2] if len(u) > 2 and u.isalpha() else u
    if _BATCH_NOUN.match(rest):
        return "batch"
    return ""


def _within_line(line: str) -> str:
    """Corrections inside one line: 'X ... sorry, Y', 'not X but Y', 'Y (was X)', 'changed from X to Y', and
    'X ..., scratch that, Y' in one sentence."""
    line = _NOT_BUT.sub(lambda m: _not_but(m, line), line)
    line = _WAS.sub(lambda m: "" if _one_figure(m.group("old")) else m.group(0), line)
    line = _CHANGED_FROM.sub(lambda m: m.group("verb") + " " if _one_figure(m.group("old")) else m.group(0), line)
    for _ in range(4):  # each pass settles one correction; a line rarely holds more
        changed = _one_correction(line)
        if changed == line:
            break
        line = changed
    return line


def _one_figure(text: str) -> bool:
    """True when `text` is one figure, with at most the word naming it ('5 mL', 'DAR 4', 'Q3 2027')."""
    found = figures(text)
    return len(found) == 1 and len(re.sub(re.escape(found[0].number), "", text).split()) <= 2


def _not_but(m: re.Match, line: str) -> str:
    """'not 4 but 2 batches' keeps '2 batches' when the two are the same quantity (or the old one is a bare number)."""
    old = figures(m.group("old"))
    new = figures(line[m.end():m.end() + 40])
    if len(old) == 1 and new and old[0].start == 0 and (old[0].quantity in ("", new[0].quantity)):
        return ""
    return m.group(0)


def _one_correction(line: str) -> str:
    for cue in CUE.finditer(line):
        after = _AFTER_CUE.match(line, cue.end()).end()
        if (term := _TERM_BEFORE.search(line, 0, cue.start())) and _same_designation(term.group(1), line[after:]):
            return line[:term.start(1)] + line[after:]
        later = [f for f in figures(line[after:after + 60]) if f.quantity or MAGNITUDE.search(f.number)]
        if not later or later[0].label_start > 30:
            continue
        new = later[0]
        if not new.quantity:  # '3.5M' after 'EUR 3M — no,' is an amount in the same currency
            new = Figure(new.start, new.end, new.number, "$?", new.label, new.label_start)
        sentence_start = max([m.end() for m in _SENTENCE_END.finditer(line, 0, cue.start())], default=0)
        earlier = [f for f in figures(line[:cue.start()]) if f.start >= sentence_start and _same(f, new)]
        if not earlier:
            continue
        old = earlier[-1]
        if _REJECTED.search(line, old.end, cue.start()):  # what was said of the rejected figure goes with it
            return line[:old.start] + line[after:]
        if _BETWEEN.fullmatch(line[old.end:cue.start()]):
            # On the spot: the corrected figure takes the withdrawn one's place (its naming word said once).
            cut = old.label_start if new.label and new.label == old.label else old.start
            currency = _CURRENCY_AT.match(old.number) if new.quantity == "$?" else None
            return line[:cut] + (currency.group(0) if currency else "") + line[after:]
        # Further back in the sentence: the old figure gets the new number, the correction itself goes.
        tail_end = after + new.end
        tail = re.match(rf"\s*,?\s*not\s+{re.escape(old.number)}\b\s*,?", line[tail_end:])
        if tail:
            tail_end += tail.end()
        head = line[:cue.start()].rstrip(" ,;:\u2013\u2014-")
        number = new.number
        rest = line[tail_end:].lstrip()
        rest = (", " + rest) if rest and rest[0].isalnum() else rest
        return head[:old.start] + number + head[old.start + len(old.number):] + rest
    return line


def _same_designation(old: str, rest: str) -> bool:
    """'AAV9' corrected to 'AAVrh74', 'IgG1' to 'IgG4', 'CHO-K1' to 'CHO-S': codes of one family (same stem)."""
    new = re.match(r"[\w/+-]+", rest)
    if not new or new.group(0) == old:
        return False
    def code(t: str) -> bool:
        return bool(re.search(r"\d", t) and re.match(r"[A-Za-z]", t) or re.fullmatch(r"[A-Z]{2,}[A-Z0-9-]*", t))
    stem = re.match(r"[A-Za-z]+", old)
    return code(old) and code(new.group(0)) and bool(stem) and len(stem.group(0)) >= 2 \
        and new.group(0).lower().startswith(stem.group(0).lower())


def _same(old: Figure, new: Figure) -> bool:
    if new.quantity == "$?":
        return old.quantity.startswith("$") and old.number != new.number
    if old.quantity != new.quantity or old.number == new.number:
        return False
    return not (old.label and new.label and old.label != new.label and not old.quantity.startswith("#"))


def _across_lines(lines: list[str]) -> list[str]:
    """A later line overrules an earlier figure of the same named quantity when it says it corrects (or, in a chat,
    simply when it comes later); the earlier line then carries the later figure. A correction that names no quantity
    ('Correction: it's $2.7M') overrules the one earlier figure of its unit, when there is only one."""
    chat = is_chat(lines)
    for n, line in enumerate(lines):
        cue = CUE.search(line)
        first = next((f.start for f in figures(line) if f.start >= message_start(line)), len(line))
        # 'Correction: ...', 'One correction to the above: ...', 'PS - turns out we need ...': said before any figure.
        corrects = bool(cue) and (cue.start() <= message_start(line) + 3 or cue.start() < min(first, message_start(line) + 40))
        if not (corrects or chat or cue or _NOT_AFTER.search(line)):
            continue  # a cue further in ('..., DAR is 2, sorry') overrules only a quantity named alike
        said = [f for f in figures(line) if f.quantity and f.start >= message_start(line)]
        for new in said:
            earlier = [k for k in range(n) if not (chat and not corrects and message_start(lines[k]) == 0)]
            named = [(k, old) for k in earlier for old in figures(lines[k])
                     if old.start >= message_start(lines[k]) and _overruled(old, new)]
            if (withdrawn := _NOT_AFTER.match(line, new.end)) and not new.quantity.startswith("#"):
                named += [(k, old) for k in range(n) for old in figures(lines[k]) if old.quantity == new.quantity
                          and old.start >= message_start(lines[k]) and _bare(old.number) == _plain(withdrawn.group("old"))]
            if not named and chat and new.quantity == "batch" and sum(f.quantity == "batch" for f in said) == 1:
                # In a chat a later count of the same kind of batch is the plan now ('2 GMP batches is the plan').
                named = [(k, old) for k in earlier for old in figures(lines[k]) if old.quantity == "batch"
                         and old.start >= message_start(lines[k]) and old.number != new.number
                         and _batch_kind(lines[k], old) == _batch_kind(line, new)]
            if not named and corrects and not new.quantity.startswith("#") \
                    and sum(f.quantity == new.quantity for f in said) == 1:
                same = [(k, old) for k in earlier for old in figures(lines[k])
                        if old.quantity == new.quantity and old.start >= message_start(lines[k])]
                named = same if len(same) == 1 and same[0][1].number != new.number else []
            for k, old in sorted(set(named), key=lambda pair: -pair[1].start):
                lines[k] = lines[k][:old.start] + new.number + lines[k][old.start + len(old.number):]
    return lines


def _batch_kind(line: str, figure: Figure) -> frozenset[str]:
    """What a batch count counts: engineering, tox, DS or DP batches...; none named is the GMP batches."""
    return frozenset(w.lower() for w in _BATCH_KIND.findall(line[figure.start:figure.end]))


def _bare(number: str) -> str:
    """The number of a figure without its currency or scale ('EUR 4M' -> '4')."""
    return _plain(re.sub(rf"\s?(?:[kKmMbB]n?|{_SCALE_WORD})$", "", _CURRENCY_AT.sub("", number)))


def _plain(number: str) -> str:
    return WORDS.get(number.lower(), number.replace(",", ""))


def _overruled(old: Figure, new: Figure) -> bool:
    return bool(new.label) and old.label == new.label and old.quantity == new.quantity and old.number != new.number
