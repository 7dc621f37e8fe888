"""Brief fields that need context to read: markets versus site location, milestones, budget, priorities."""

from __future__ import annotations

import re
from datetime import date

from rfp_assistant.core.text.negation import is_negated
from rfp_assistant.core.text.sentences import normalize_whitespace
from rfp_assistant.core.values import find_dates, find_money
from rfp_assistant.jobs.drafting import brief_terms as T
from rfp_assistant.jobs.drafting.catalog import scorecard
from rfp_assistant.jobs.drafting.brief_units import listed
from rfp_assistant.schemas.brief import BriefField

# A comma between digits is a thousands separator ('~25,000 syringes'), not a clause break.
_PIECE = re.compile(r"[,;]\s|\s[-–—]\s|\bso\b")
_CLAUSE_SPLIT = re.compile(r"\s*(?:;|(?<!\d),|,(?!\d)|\s-\s|\.\s+(?=[A-Z])|\bso that\b|\bso\b)\s*")
# Among several amounts, the one for the whole work ('overall cap EUR 2M') is the budget, not a part of it ('USD 400k
# for transfer').
_WHOLE_BUDGET = re.compile(r"\b(?:overall|total|in total|all[- ]in|cap|ceiling|envelope|not to exceed|whole (?:program|project"
                           r"|scope))\b", re.I)
UNIT_COST_NOTE = "The brief gives a cost target per unit, not a budget for the work"
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]


def clauses(text: str) -> list[str]:
    """A sentence cut at commas, semicolons, dashes and 'so': the span one statement covers."""
    return [c for c in _CLAUSE_SPLIT.split(text) if c and c.strip()]


def denied_in_piece(text: str, m: re.Match) -> bool:
    """Whether the comma piece holding match `m` denies it ('Not the US yet, so don't mention FDA filing'); a
    'no' earlier in the sentence ('no preference on site, filing with FDA') is about something else."""
    start = max((b.end() for b in _PIECE.finditer(text, 0, m.start())), default=0)
    return is_negated(text[start:], m.start() - start, m.end() - start)


def _geography(text: str) -> list[tuple[str, re.Match]]:
    """Places the text names, in order; a place it rules out ("China not acceptable", "no Japan plans") is not one."""
    hits = [(code, m) for code, rule in T.GEOGRAPHY for m in rule.finditer(text) if not is_negated(text, m.start(), m.end())]
    return sorted(hits, key=lambda h: h[1].start())


def _is_location(unit, clause: str) -> bool:
    if unit.key == "location_preference":
        return True
    if unit.key == "markets" or T.MARKET_CONTEXT.search(clause):
        return False
    return bool(T.LOCATION_CONTEXT.search(clause))


def find_markets(units) -> BriefField:
    """Target markets: places named with filings, approvals, patients or markets, not a site preference."""
    pairs: dict[str, str] = {}
    for unit in units:
        for clause in clauses(unit.text):
            if _is_location(unit, clause) or (T.PAST_WORK_IN.search(clause) and not T.MARKET_CONTEXT.search(clause)):
                continue
            for code, m in _geography(clause):
                if code in T.MARKET_NAMES:
                    pairs.setdefault(code, m.group(0))
        if unit.key in ("markets", "regulatory_frameworks") or T.MARKET_CONTEXT.search(unit.text):
            for code, rule in T.AGENCY_MARKETS:
                if m := next((m for m in rule.finditer(unit.text) if not denied_in_piece(unit.text, m)), None):
                    pairs.setdefault(code, m.group(0))
    return listed(list(pairs.items()))


def find_location(units) -> BriefField:
    """Where the manufacturing site should be, with 'required' or 'preferred' in the text."""
    for unit in units:
        for clause in clauses(unit.text) if unit.key != "location_preference" else [unit.text]:
            if not _is_location(unit, clause):
                continue
            places = list(dict.fromkeys(code for code, _ in _geography(clause)))
            if not places:
                continue
            joiner = " or " if re.search(r"\bor\b|/", clause) else " and "
            value = joiner.join(places)
            strength = next((name for name, rule in T.LOCATION_STRENGTH if rule.search(clause)), "preferred")
            return BriefField(status="stated", value=value, text=[normalize_whitespace(clause)], note=strength)
    return BriefField()


def format_date(value: date, flags) -> str:
    """'Q1 2028', 'H2 2027', 'June 2027', '2027' or '15 March 2027' as the brief's precision allows."""
    if "quarter" in flags:
        return f"Q{(value.month - 1) // 3 + 1} {value.year}"
    if "half" in flags:
        return f"H{1 if value.month <= 6 else 2} {value.year}"
    if "month" in flags:
        return f"{_MONTH_NAMES[value.month - 1]} {value.year}"
    if "year_only" in flags or "approx" in flags:
        return str(value.year)
    return f"{value.day} {_MONTH_NAMES[value.month - 1]} {value.year}"


def find_timeline(units) -> BriefField:
    """Milestones {milestone, date}, the milestone named from the words before each date."""
    pairs: list[tuple[dict, str]] = []
    for unit in units:
        text = unit.text
        for m in find_dates(text):
            before = re.split(r"[;.,]\s", text[: m.start])[-1]
            after = re.split(r"[;,.]\s|\s[-–—]\s", text[m.end: m.end + 30])[0]  # the next statement names its own
            label = _milestone(before + " " + after)
            if label is None and _written_on(text, m):
                continue
            if label is None and "year_only" in m.flags and unit.key != "timeline" and not re.search(
                    r"\b(?:by|in|from|starting|start|target|due|until|before)\s*$", before, re.I):
                continue
            when = format_date(m.value, m.flags)
            if "approx" in m.flags and not {"quarter", "half", "month"} & m.flags:
                when = normalize_whitespace(m.text)  # "mid-2027" says more than a made-up first day
            item = {"milestone": label or _named_in(before) or "Target date", "date": when}
            if item not in [p for p, _ in pairs]:
                pairs.append((item, m.text))
    return listed(pairs)


# The date a message or meeting was written or held: a weekday before it ('Thu 6 Nov 2025') or a clock time after
# it ('29 Sep 2025, 14:00'): when the brief was written or the meeting held, not a milestone.
_WEEKDAY = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*$", re.I)
_CLOCK = re.compile(r"^[\s,]*(?:at\s+)?\d{1,2}[:.]\d{2}\b")


def _written_on(text: str, m) -> bool:
    return bool(_WEEKDAY.search(text[: m.start])) or bool(_CLOCK.match(text[m.end: m.end + 12]))


# What a sentence wants done by a date, in its own words: "We'd like the first 5 kg delivered by June 2027".
_WANT = re.compile(r"^.*?\b(?:we|I)(?:'d|’d| would| will| need| must)?\s+(?:like|want|need|aim|expect|plan|hope|require)"
                   r"\s+(?:to\s+(?:have|see|get)\s+)?", re.I)
_BY = re.compile(r"\s*\b(?:by|in|before|until|no later than|on|around|latest|(?:the\s+)?(?:end|start|middle) of|mid|early|late)"
                 r"(?:\s+(?:the\s+)?(?:end|start|middle) of)?\W*$", re.I)
_DONE_WORD = re.compile(r"\b\w+ed\b|\b(?:deliver\w*|release|start|completion|supply|shipment|readiness|approval|report|filing"
                        r"|submission|decision|batch|lot|material)\b", re.I)


def _named_in(before: str) -> str | None:
    """A milestone named in the sentence's own words ("First 5 kg delivered"), or None when they name nothing."""
    words = _BY.sub("", _WANT.sub("", before)).strip(" :-–—")
    words = re.sub(r"^(?:the|a|an|our)\s+", "", words, flags=re.I)
    if not (2 <= len(words.split()) <= 6) or not _DONE_WORD.search(words):
        return None
    return words[0].upper() + words[1:]


def _milestone(window: str) -> str | None:
    for rule, label in T.MILESTONE_RULES:
        if m := rule.search(window):
            groups = [T.PHASE_NAMES.get(g.upper(), g).replace("Phase ", "") if g else g for g in m.groups()]
            return label.format(*groups)
    return None


def find_budget(units) -> BriefField:
    """The budget as {amount, currency}; 'TBD' leaves it missing with a note."""
    for unit in units:
        if T.BUDGET_TBD.search(unit.text):
            return BriefField(note="The brief says the budget is still to be determined.")
    candidates, unit_costs = [], []
    for unit in units:
        for m in find_money(unit.text):
            if "per_batch" in m.flags or "each" in m.flags:
                continue
            if T.PER_UNIT_COST.match(unit.text, m.end):
                unit_costs.append(next((c for c in clauses(unit.text) if m.text in c), m.text))
                continue  # a cost per gram or per dose is a target, not the budget for the work
            context = unit.key == "budget" or bool(T.BUDGET_CONTEXT.search(unit.text))
            clause = next((c for c in clauses(unit.text) if m.text in c), m.text)
            candidates.append((not context, not _WHOLE_BUDGET.search(clause), unit, m))
        if unit.key == "budget" and not find_money(unit.text):
            # "Budget (USD): 6M": the currency is in the label; read the amount with the shared money parser.
            currency = re.search(r"\b(usd|eur|gbp|chf|jpy)\b", unit.text.split(":")[0], re.I)
            found = find_money(f"{currency.group(1).upper()} {_after_colon(unit.text)}") if currency else []
            if found:
                return _budget(found[0].value.amount, found[0].value.currency, _after_colon(unit.text), approx=False)
    if not candidates:
        return BriefField(note=f"{UNIT_COST_NOTE} ({'; '.join(c.rstrip('.') for c in unit_costs)})." if unit_costs else "")
    _, _, unit, m = sorted(candidates, key=lambda c: c[:2])[0]
    clause = next((c for c in clauses(unit.text) if m.text in c), m.text)
    field = _budget(m.value.amount, m.value.currency, clause, approx="approx" in m.flags)
    if "range" in m.flags:
        field.note = "upper end of a range"
    return field


def _after_colon(text: str) -> str:
    return text.split(":", 1)[1].strip() if ":" in text else text


def _budget(amount: float, currency: str, text: str, approx: bool) -> BriefField:
    return BriefField(status="stated", value={"amount": amount, "currency": currency},
                      text=[normalize_whitespace(re.sub(r"^\s*budget\s*(?:is|:)?\s*", "", text, flags=re.I)).rstrip(".")],
                      note="approximate" if approx else "")


def find_evaluation_priorities(units) -> BriefField:
    """Scorecard criteria the brief ranks, in the brief's order ('speed' -> timeline)."""
    aliases = sorted(((a, c.id) for c in scorecard() for a in (*c.aliases, c.id.replace("_", " "))),
                     key=lambda ac: -len(ac[0]))
    keyed = [u for u in units if u.key == "evaluation_priorities"]
    pools = [keyed] if keyed else [[u] for u in units if T.PRIORITY_CONTEXT.search(u.text)]
    for pool in pools:
        text = "\n".join(u.text for u in pool)
        found: list[tuple[int, str, str]] = []
        taken: list[tuple[int, int]] = []
        for alias, cid in aliases:
            for m in re.finditer(rf"\b{re.escape(alias)}\b", text, re.I):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append(m.span())
                tail = T.PRIORITY_TAIL.match(text, m.end())
                found.append((m.start(), cid, text[m.start(): tail.end() if tail else m.end()]))
        pairs: dict[str, str] = {}
        for _, cid, text in sorted(found):
            pairs.setdefault(cid, text)
        if pairs:
            return listed(list(pairs.items()))
    return BriefField()
