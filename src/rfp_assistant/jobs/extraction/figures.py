"""Numbers read near their cues: durations in weeks, the largest vessel, percentages, validity and counts."""

from __future__ import annotations

import re

import rfp_assistant.core.values as p
from rfp_assistant.core.values.tolerance import same_figure
from rfp_assistant.jobs.extraction.candidates import Candidate, any_of, decide, near_cues, quote_between
from rfp_assistant.jobs.extraction.terms import list_terms
from rfp_assistant.jobs.extraction.capabilities import done_by_other
from rfp_assistant.jobs.extraction.durations import (not_plan_events, one_plan, own_rows_first, plausible_only,
                                                  table_against_prose)
from rfp_assistant.jobs.extraction.spans import narrower
from rfp_assistant.jobs.extraction.aliases import declared_cues
from rfp_assistant.jobs.extraction.date_spans import date_range_weeks
from rfp_assistant.schemas.proposal import field_specs

_M_PLUS = re.compile(r"\bM\s?\+\s?(\d{1,2})\b")
_WEEK_NUMBER = re.compile(r"\b[Ww](?:ee)?k\.?\s?(\d{1,3})\b(?!\s*(?:-|–|to)\s*\d)")


# A plan table whose column counts weeks from the order: its cells are week numbers ("First GMP batch | 34").
_WEEK_COLUMN = re.compile(r"(?i)\bweeks?\s*\(?\s*(?:from|after|since)\s+(?:the\s+)?(?:po|purchase order|contract|signature|"
                          r"order|award|kick-?off|start)|\bweeks? after po\b|\bcalendar weeks?\b")
_ROW_END_NUMBER = re.compile(r"(?m)(?<![\w.,/#+-])(?<!no\.)(?<!No\.)(?:(\d{1,3})\s*[-–]\s*)?(\d{1,3})[^\S\n]*$")
_LATER = re.compile(r"(?i)\s*(?:later|afterwards|thereafter|after\s+that|after\s+(?:it|this|which))\b")
_EFFORT_BEFORE = re.compile(r"(?i)\b(?:ftes?|persons?|people|scientists?|analysts?|staff|man|heads?)\s*(?:x|×|\*)\s*$")
_TIMES_AFTER = re.compile(r"\s*(?:x|×|\*|@)\s*(?:[A-Z]{3}\s*|[$€£₹]\s*)?\d")
_NOT_A_WEEK = re.compile(r"(?i)(?:batch|lot|run|phase|suite|step|wp|stage|part|option|page|of)[^\S\n]*\Z")


def read_weeks(spec, pages):
    """A duration in weeks; for the first GMP batch also a week number on the plan ("week 36", "M+9")."""
    def judge(match, context, cue):
        score = -0.3 if "lower=" not in "".join(match.flags) and "up_to" in match.flags else 0.0
        at = context.find(match.text)
        # "released about six weeks later": a duration counted from another event is that event's gap.
        if at >= 0 and _LATER.match(context, at + len(match.text)):
            score -= 0.5
        if at >= 0 and (_EFFORT_BEFORE.search(context, 0, at) or _TIMES_AFTER.match(context, at + len(match.text))):
            score -= 0.6  # "4 FTE x 5 months x 7,25,000": effort on a rate card, not how long the work takes
        # "…, QC release and 24-month stability": a duration written as an adjective is the length of the noun after it.
        noun = _NOUN_AFTER.match(context, at + len(match.text)) if at >= 0 and _ADJECTIVE.search(match.text) else None
        if noun and not cue.lower().startswith(noun.group(1).lower()[:5]):
            score -= 0.5
        # "Process development | 410,000 / Stability study (24 months) | 95,000": a duration in brackets after another
        # row's label is that label's length.
        label_at = context.find(cue)
        if at > 0 and label_at >= 0 and _BRACKETED.search(context, 0, at) and "\n" in context[label_at + len(cue):at]:
            score -= 0.6  # as sure as a distractor word: another row's
        after = context[at + len(match.text):] if at >= 0 else ""
        if _LEAD_TIME.match(after) or (at >= 0 and _RESPONSE.search(context, 0, at)):
            score -= 0.7  # "4 weeks before kick-off", "we respond within 2 weeks": a lead or answer time, not the work
        if at >= 0:
            score -= narrower(spec.key, context, cue, at)  # one batch, one side, one phase: not the whole span
        if done_by_other(context):
            score -= 0.7  # "process development was completed by the Sponsor over 16 weeks": not this offer's plan
        if spec.key == "weeks_to_first_gmp_batch" and _FROM_PRODUCTION.match(after):
            score -= 0.7  # "4 weeks after manufacture": counted from the batch itself, not from the order (even when
            # the cue reaches the figure, "GMP batch takes 4 weeks after")
        return score

    found = []
    cues = spec.cues + declared_cues(spec.key, [page.text for page in pages], spec.cues)
    for page in pages:
        in_weeks = spec.key == "weeks_to_first_gmp_batch" and bool(_WEEK_COLUMN.search(page.text))

        def finder(text, in_weeks=in_weeks):
            matches = p.find_durations(text)
            if spec.key != "weeks_to_first_gmp_batch":
                matches += date_range_weeks(text)  # "PD: Feb 2027 - Jun 2027"
            if spec.key == "weeks_to_first_gmp_batch":
                # "starts in week 36", "Week 44 after PO": a week number on the plan is the elapsed time.
                for m in _WEEK_NUMBER.finditer(text):
                    matches.append(p.Match(float(m.group(1)), m.start(), m.end(), m.group(0)))
                for m in _M_PLUS.finditer(text):
                    weeks = round(int(m.group(1)) * p.WEEKS_PER_MONTH, 1)
                    matches.append(p.Match(weeks, m.start(), m.end(), m.group(0)))
            if in_weeks:
                taken = [(m.start, m.end) for m in matches]
                for m in _ROW_END_NUMBER.finditer(text):
                    if any(a <= m.start(2) < b for a, b in taken) or _NOT_A_WEEK.search(text, 0, m.start()):
                        continue
                    if 0 < int(m.group(2)) <= 260:
                        matches.append(p.Match(float(m.group(2)), m.start(2), m.end(2), m.group(2)))
            if spec.key == "weeks_to_first_gmp_batch":
                # "GMP batch 1 | Week 28 | 3 weeks": after a week number, a duration is how long the step takes.
                weeks = [m for m in matches if m.text[:1] in "WwM" or m.text.isdigit()]
                # "GMP batch 1 | 3 weeks | starts week 30": so is a duration right before the week the step starts.
                matches = [m for m in matches if m in weeks or not any(
                    w.end <= m.start and not re.search(r"[A-Za-z]", text[w.end:m.start]) or
                    m.end <= w.start and _STARTS.fullmatch(text, m.end, w.start) for w in weeks)]
            return matches

        # The first batch is a point on the plan: a table gives it as its row's week number ("GMP batch 1 | 6
        # weeks | 38" under "Duration | Start (week)"), and a duration column holds how long a step takes.
        found += near_cues(spec, [page], finder, judge=judge, rivals=_rival_cues(spec.key), cues=cues,
                           columns="week" if spec.key == "weeks_to_first_gmp_batch" else None)
    found = not_plan_events(spec, pages, plausible_only(spec, found))
    found = one_plan(own_rows_first(spec, pages, sorted(found, key=lambda c: -c.score)))
    # 152 days read as 21.7 weeks and "22 weeks" elsewhere are one plan, not a conflict (the comparison's rule too).
    def same(a, b):
        return same_figure(spec.unit, a, b)

    return table_against_prose(spec, pages, found, decide(found, same=same), same)


_STARTS = re.compile(r"(?i)[^\S\n]*(?:\||[,;(])?\s*(?:(?:starts?|starting|begins?|beginning|from)(?:\s+(?:in|at|on))?)?\s*")
_LEAD_TIME = re.compile(r"(?i)(?:['’]s?)?[^\S\n]*(?:before|prior\s+to|ahead\s+of|in\s+advance|(?:(?:written|prior|advance)"
                        r"[^\S\n]+)?notice)\b")  # "12 weeks' written notice"
_RESPONSE = re.compile(r"(?i)\b(?:respond(?:s|ed|ing)?|reply|replies|acknowledg\w*|notif(?:y|ies|ied))\b")  # not "Answer:"
_FROM_PRODUCTION = re.compile(r"(?i)[^\S\n]*(?:after|from|following)\s+(?:the\s+)?(?:end\s+of\s+|completion\s+of\s+)?(?:"
                              r"manufactur\w*|production|harvest|fill\w*|engineering|batch|lot|run|release|sampling|testing)\b")
_DURATIONS = ("tech_transfer_weeks", "process_development_weeks", "weeks_to_first_gmp_batch")
_ADJECTIVE = re.compile(r"(?i)(?:\d|\b[a-z]+)-(?:weeks?|months?|days?|years?)$")  # "24-month", "two-day"
_BRACKETED = re.compile(r"[A-Za-z][^\S\n]*\([^\S\n]*(?:approx\.?[^\S\n]*|ca\.?[^\S\n]*)?$")
_NOUN_AFTER = re.compile(r"[^\S\n]+(?!(?:programmes?|programs?|plans?|phases?|periods?|campaigns?|projects?|timelines?|"
                         r"schedules?|efforts?|packages?|activit\w+|lead\s+time|duration|window)\b)([a-z][a-z-]{2,})")


def _rival_cues(key: str) -> tuple[re.Pattern, ...]:
    """The labels of the other duration fields (a value after one of them is that field's)."""
    specs = field_specs()
    return tuple(cue for other in _DURATIONS if other != key for cue in specs[other].cues if len(cue.pattern) > 6)


# What a markup is charged on: the materials the field asks about, or services passed through at a fee.
_MATERIALS = re.compile(r"(?i)materials?|consumables?|resins?|media\b|components?|reagents?|supplies|purchas|procure|"
                        r"pass-?through|disposables?|single-use|excipients?|\bapi\b|raw\b")
_SERVICES = re.compile(r"(?i)\btest(?:s|ing)\b|\bservices?\b|shipping|freight|courier|travel|storage|subcontract|"
                       r"laborator(?:y|ies)\b|analys[ie]s")


def read_percent(spec, pages):
    def judge(match, context, cue):
        # "A handling fee of 10% applies to third-party testing": a fee on services passed through, not on materials.
        return -0.6 if _SERVICES.search(context) and not _MATERIALS.search(context) else 0.0

    found = near_cues(spec, pages, p.find_percentages, judge=judge)
    for page in pages:
        for m in re.finditer(r"\bno (?:mark-?up|handling (?:fee|charge))", page.text, re.I):
            found.append(Candidate(0.0, page.number, quote_between(page, m.start(), m.end()), 0.95))
    found.sort(key=lambda c: -c.score)
    return decide(found, same=lambda a, b: abs(a - b) < 1e-6)


def read_validity(spec, pages):
    """How many days the offer stands ("ninety (90) days", "8 weeks" = 56, "3 months" = 90)."""
    def finder(text):
        out = []
        for m in p.find_durations(text):
            words = m.text.lower()
            weeks = float(m.value)
            if "day" in words:
                days = round(weeks * 7)
            elif re.search(r"mo|mth", words):
                days = round(weeks / p.WEEKS_PER_MONTH) * 30
            elif re.search(r"y(?:ea)?r", words):
                days = round(weeks / p.WEEKS_PER_YEAR) * 365
            else:
                days = round(weeks * 7)
            out.append(p.Match(days, m.start, m.end, m.text, m.flags))
        return out

    result = decide(near_cues(spec, pages, finder))
    return result if result.status != "not_stated" else _valid_until(pages)


_VALID_UNTIL = re.compile(r"(?i)\bvalid(?:ity)?\b[^.\n]{0,30}?\b(?:until|till|up\s*to|through|thru|to)\b\s*(?:the\s+)?$")


def _valid_until(pages):
    """'This offer is valid till 30.11.2026': the days from the proposal's own date to that date."""
    from rfp_assistant.jobs.extraction.dates import date_order, dates_in, read_date
    from rfp_assistant.schemas.proposal import Evidence, FieldResult

    own = read_date(field_specs()["proposal_date"], pages)
    if own.status != "stated":
        return FieldResult()
    order = date_order(pages)
    for page in pages:
        for m in dates_in(page.text, order):
            if {"year_only", "quarter", "half", "month"} & m.flags or page.is_foreign(m.start):
                continue
            if _VALID_UNTIL.search(page.text, max(0, m.start - 60), m.start):
                days = (m.value - own.value).days
                if 1 <= days <= 400:
                    quote = quote_between(page, m.start, m.end)
                    return FieldResult(value=days, status="stated", confidence=0.6,
                                       evidence=[own.evidence[0], Evidence(page=page.number, quote=quote)])
    return FieldResult()


_COUNT_NOUNS = {
    "fda_483_observations": r"(?:(?:form\s+)?(?:fda\s+)?483\s+)?(?:inspectional\s+)?observations?|(?:form\s+)?(?:fda\s+)?483s?",
    "warning_letters_5y": r"(?:fda\s+)?warning\s+letters?",
    "commercial_products_count": r"(?:commercial(?:ly)?(?:\s+approved)?|marketed|approved)\s+(?:[\w-]+\s+)?(?:products?|molecules?|drugs?|biologics?|therap(?:y|ies)|adcs?|apis?|vaccines?|antibod(?:y|ies))",
    "similar_programs_count": r"(?:programs?|programmes?|projects?|molecules?)",
}
def _wrapped(pattern: str) -> re.Pattern:
    """A phrase pattern whose spaces also match the line breaks PDF text wraps at."""
    return re.compile(pattern.replace(" ", r"\s+"), re.I)


_NEVER = {
    "warning_letters_5y": _wrapped(r"(?:never (?:received|been issued|had) (?:an?y? )?(?:(?:u\.?s\.? ?)?fda )?warning letters?"
                                     r"|no (?:(?:u\.?s\.? ?)?fda )?warning letters?|not received (?:any|an?) (?:(?:u\.?s\.? ?)?fda )?warning letters?"
                                     r"|warning letters?[^.\n]{0,40}?(?::|\byears\b\??\.?)\s*(?:none|0|nil)\b"
                                     # "No Acme site has received an FDA warning letter": the subject is denied
                                     r"|\bno (?:[\w-]+ ){0,3}?(?:has|have) (?:ever )?(?:received|been issued|had) (?:an?y? )?"
                                     r"(?:(?:u\.?s\.? ?)?fda )?warning letters?)"),
    "commercial_products_count": _wrapped(
        r"(?:\bno|not\s+(?:yet\s+|currently\s+)*(?:manufacture|make|produce|supply)\s+any|none\s+of\s+(?:our|the))\s+"
        r"(?:[\w-]+\s+){0,2}?commercial(?:ly)?\s+(?:approved\s+)?(?:products?|molecules?|drugs?|therap(?:y|ies)|apis?)"),
    "fda_483_observations": _wrapped(r"no (?:form )?(?:(?:u\.?s\.? ?)?fda )?483|without (?:a )?(?:form )?483|zero (?:form )?483|"
                                       r"\b0\s*x\s*483|483[^.]{0,30}\bnot issued|no (?:inspectional )?observations"),
}


_SMALL_WORDS_PATTERN = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_MARKETED_AFTER = re.compile(
    rf"(?i)\b(\d{{1,3}}|{_SMALL_WORDS_PATTERN})\s+(?:[\w-]+\s+)?products?\b[^.;\n]{{0,60}}?\b(?:are|is|being)\s+"
    r"(?:now\s+|currently\s+)?(?:marketed|commercially\s+(?:available|marketed|supplied|approved)|on\s+the\s+market|"
    r"approved\s+(?:for\s+sale|and\s+marketed))"
)
_SIMILAR = re.compile(r"(?i)\b(?:similar|comparable|same|such|this (?:type|kind|modality|class))\b")


def _of_a_kind(match, context: str, cue: str) -> float:
    """Programs "of the same modality" name their kind ("nine bispecific antibody programs"); a count of all the
    vendor's "client projects" is its size, not its experience with this kind of molecule."""
    at = context.find(match.text)
    phrase = context[max(at, 0):max(at, 0) + len(match.text) + 40] if at >= 0 else match.text
    kinds = any_of(tuple(p for patterns in list_terms("modalities").values() for p in patterns))
    if _SIMILAR.search(phrase) or kinds.search(phrase):
        return 0.0
    return -0.3


_SMALL_WORDS = "none|zero|one|two|three|four|five|six|seven|eight|nine|ten"
_ONE_LETTER = _wrapped(r"\b(?:a|one) (?:(?:u\.?s\.? ?)?fda )?warning letter (?:was |had been )?(?:issued|received)")


def read_count(spec, pages):
    noun = _COUNT_NOUNS[spec.key]

    label_first = re.compile(rf"(?i:{noun})(?:\s+completed)?(?:\s+in\s+the\s+(?:last|past)\s+\w+\s+years)?\s*[:\-–]?\s*"
                             rf"(\d{{1,3}}|(?i:{_SMALL_WORDS}))\b(?!\s*(?:%|[-–]|weeks?|months?|years?|L\b))")

    def finder(text):
        matches = [m for m in p.find_counts(text, noun) if m.value < 500]
        # Tables and slides put the label first: "Commercial products: 8", "Completed antibody programs 19".
        matches += [p.Match(0 if m.group(1).lower() == "none" else int(p.to_number(m.group(1))), m.start(), m.end(), m.group(0))
                    for m in label_first.finditer(text)]
        if spec.key == "commercial_products_count":
            # The kind after the noun: "Two products manufactured at our site are marketed commercially".
            for m in _MARKETED_AFTER.finditer(text):
                if not any(o.start <= m.start() < o.end for o in matches):
                    matches.append(p.Match(int(p.to_number(m.group(1))), m.start(), m.end(), m.group(0)))
        return matches

    cues = spec.cues or (re.compile(noun, re.I),)
    record = spec.key in ("similar_programs_count", "commercial_products_count")  # the vendor's record, not this program
    found = near_cues(spec, pages, finder, cues=cues, record=record,
                      judge=_of_a_kind if spec.key == "similar_programs_count" else None)
    if spec.key == "warning_letters_5y":
        for page in pages:
            for m in _ONE_LETTER.finditer(page.text):
                if page.is_foreign(m.start(), record=record):
                    continue
                found.append(Candidate(1, page.number, quote_between(page, m.start(), m.end()), 0.95))
    if spec.key in _NEVER:
        for page in pages:
            for m in _NEVER[spec.key].finditer(page.text):
                if page.is_foreign(m.start(), record=record):
                    continue
                found.append(Candidate(0, page.number, quote_between(page, m.start(), m.end()), 0.9))
    if spec.key == "similar_programs_count":
        found = [c for c in found if c.value > 1]
    found.sort(key=lambda c: -c.score)
    return decide(found)
