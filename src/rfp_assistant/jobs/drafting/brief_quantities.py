"""Brief quantities and working terms: scale, batches, presentation, capabilities, governance, scope notes."""

from __future__ import annotations

import re

from rfp_assistant.core.text.negation import is_negated
from rfp_assistant.core.values import find_volumes, to_number
from rfp_assistant.core.values.numbers import WORD_NUMBER
from rfp_assistant.jobs.drafting import brief_terms as T
from rfp_assistant.jobs.drafting.brief_units import KEY_LINE, Unit, listed, stated, value_part
from rfp_assistant.jobs.drafting.brief_values import clauses, denied_in_piece
from rfp_assistant.schemas.brief import BriefField


def read_scale(units: list[Unit]) -> BriefField:
    """Production scale in liters: the volume of the GMP batches, not a pilot or current process."""
    best, best_score = None, -99
    for unit in units:
        for m in find_volumes(unit.text):
            if m.value < 1:
                continue
            window = unit.text[max(0, m.start - 60): m.end + 40]
            before = unit.text[max(0, m.start - 40): m.start]
            score = 2 * ("multiplied" in m.flags) + bool(T.SCALE_GOOD.search(window)) + 3 * (unit.key == "scale_l")
            score += 2 * bool(T.SCALE_TARGET.search(before))
            score -= 4 * bool(T.SCALE_BAD.search(before) or T.SCALE_BAD.search(unit.text[m.end: m.end + 12])
                              or T.CONTAINER_AFTER.match(unit.text, m.end))
            if score > best_score:
                best, best_score = m, score
    if best is None or best_score < -1:
        return BriefField()
    return stated(best.value, best.text)


def read_batches(units: list[Unit]) -> BriefField:
    """Number of GMP batches, lots or campaigns (engineering and pilot runs excluded)."""
    for unit in units:
        if unit.key == "batches":
            counts = [m for m in re.finditer(rf"\d+|(?i:a\s+)?single|{WORD_NUMBER}", value_part(unit))
                      if not _PER_EACH.match(value_part(unit), m.end())]
            if counts:
                return stated(_to_int(counts[0].group(0)), value_part(unit))
    for unit in units:
        for m in T.BATCH_COUNT.finditer(unit.text):
            noun = m.group("noun")
            if T.BATCH_EXCLUDE.search(noun) or (re.search(r"\bruns?\b", noun, re.I) and "GMP" not in noun) or \
                    _PER_EACH.match(unit.text, m.end()):
                continue
            return stated(_to_int(m.group("n")), m.group(0))
    for unit in units:
        for m in find_volumes(unit.text):
            count = next((f for f in m.flags if f.startswith("count=")), None)
            if count:
                return stated(int(count.split("=")[1]), m.text)
    return BriefField()


# "1 lot per serotype = 4 lots": a count per item is a rate; the total follows.
_PER_EACH = re.compile(r"(?i)\s*(?:[A-Za-z]+\s+)?(?:per|for each|each)\b")


def _to_int(token: str) -> int:
    token = token.lower().strip()
    return 1 if token.endswith("single") else int(to_number(token))


def read_batch_size(units: list[Unit]) -> BriefField:
    """Batch size given as a mass or amount ('10 kg', '1 mol')."""
    for unit in units:
        if m := T.BATCH_SIZE_OF.search(unit.text):
            return stated(m.group("size"), m.group("size"))
    for unit in units:
        for m in T.BATCH_SIZE.finditer(unit.text):
            if m.group(0).lstrip().lower().startswith("x") or m.group("tail") or unit.key in ("batches", "batch_size"):
                approx = re.search(r"(?:roughly|about|approx\w*|~)\s*$", unit.text[: m.start("size")], re.I)
                size = m.group("size")
                return stated(("approximately " if approx else "") + size, size)
    return BriefField()


def read_dosage(keyed: list[Unit], units: list[Unit]) -> BriefField:
    """Drug product presentation ('lyophilized vial', 'cryopreserved infusion bag')."""
    for pool in (keyed, units):
        for value, rule in T.DOSAGE_RULES:
            for unit in pool:
                if m := rule.search(unit.text):
                    return stated(value, value_part(unit) if pool is keyed else m.group(0))
    return BriefField()


def read_capabilities(units: list[Unit]) -> BriefField:
    """Special capabilities as tags, with the brief's words for each."""
    pairs = []
    for tag, rule in T.CAPABILITY_RULES:
        hits = [m.group(0) for u in units for m in rule.finditer(u.text) if not is_negated(u.text, m.start(), m.end())]
        if hits:
            unique = list(dict.fromkeys(h if h.isupper() or h[:3] in ("OEB", "BSL") else h.lower() for h in hits))
            pairs.append((tag, ", ".join(unique)))
    return listed(pairs)


# 'no open FDA Warning Letter or OAI' denies the record the agency issued, not the agency.
_RECORD = re.compile(r"\s*(?:warning letters?|483s?|form 483|OAI|inspections?|observations?|citations?|findings?)\b", re.I)


def read_all_matches(pattern: re.Pattern, units: list[Unit], whole: bool = True, affirmed: bool = False) -> BriefField:
    """Every distinct match of `pattern`, with its unit (or the match itself) as the words; with `affirmed`, not one
    the unit denies ('Not the US yet, no FDA filing')."""
    found: dict[str, str] = {}
    for unit in units:
        for m in pattern.finditer(unit.text):
            if affirmed and denied_in_piece(unit.text, m) and not _RECORD.match(unit.text, m.end()):
                continue
            found.setdefault(m.group(1), value_part(unit) if whole else m.group(1))
    return listed(list(found.items()))


def read_governance(units: list[Unit]) -> BriefField:
    """Governance style, with the brief's sentence from the cue on."""
    for value, rule in T.GOVERNANCE_RULES:
        for unit in units:
            if m := rule.search(unit.text):
                text = value_part(unit)
                start = max((text.rfind(sep, 0, max(0, m.start() - len(unit.text) + len(text))) for sep in (", ", "; ")),
                            default=-1)
                return stated(value, text[start + 2:] if start >= 0 else text)
    return BriefField()


def read_cadence(text: str) -> BriefField:
    """Reporting cadence: weekly, biweekly or monthly."""
    m = T.CADENCE.search(text)
    if not m:
        return BriefField()
    word = m.group(1).lower().replace("-", "")
    return stated({"fortnightly": "biweekly"}.get(word, word), m.group(0))


def read_scope_notes(units: list[Unit]) -> BriefField:
    """Scope boundaries: sponsor-supplied materials, work that stays elsewhere, extra runs."""
    notes: list[str] = []
    for unit in units:
        for clause in clauses(unit.text):
            if m := T.EXTRA_RUNS.search(clause):
                count = {"a": "one", "an": "one"}.get(m.group(1).lower(), m.group(1).lower())
                notes.append(f"{count} engineering run{'s' if count not in ('one', '1') else ''} "
                             "in addition to the GMP batches")
            elif any(rule.search(clause) for rule in T.SCOPE_NOTE_RULES):
                pieces = [p for p in re.split(r"\s+and\s+", clause) if any(r.search(p) for r in T.SCOPE_NOTE_RULES)]
                note = _bracket_closed(pieces[0] if len(pieces) == 1 else clause, unit.text)
                notes.append(KEY_LINE.sub(r"\2", note).strip(" -:"))
    return listed([(note, note) for note in dict.fromkeys(notes)])


def _bracket_closed(note: str, text: str) -> str:
    """`note`, continued in `text` to the bracket it leaves open ('... (100 mg/4 mL' -> '... (100 mg/4 mL, ...)')."""
    start = text.find(note)
    if start < 0 or note.count("(") <= note.count(")"):
        return note
    depth, end = 0, start
    for end in range(start, len(text)):
        depth += (text[end] == "(") - (text[end] == ")")
        if depth == 0 and end >= start + len(note) - 1 and text[end] == ")":
            break
    return text[start:end + 1]
