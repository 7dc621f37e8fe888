"""Offline extractor: read a proposal the way an analyst does — cues, value parsers, distractor-aware ranking."""

from __future__ import annotations

import re

from rfp_assistant.core.documents import LoadedDocument
from rfp_assistant.core.documents.injection import without_ai_text
import rfp_assistant.core.values as p
from rfp_assistant.jobs.extraction.candidates import Candidate, Page, decide, near_cues, quote_between
from rfp_assistant.jobs.extraction.names import read_cdmo_name, read_sites
from rfp_assistant.jobs.extraction.value_check import derived
from rfp_assistant.schemas.proposal import FieldResult, Money, ProposalExtraction, field_specs
from rfp_assistant.jobs.extraction.terms import read_boolean, read_enum, read_list

_REPORTING = re.compile(r"report|meeting|call|update|teleconference|\bTCs?\b|status|review|touch[- ]?point|governance|steering", re.I)
_BIOREACTOR = re.compile(r"bioreactor|fermen|\bsubs?\b|upstream|cell culture|suite|train", re.I)
_M_PLUS = re.compile(r"\bM\s?\+\s?(\d{1,2})\b")
_WEEK_NUMBER = re.compile(r"\b[Ww](?:ee)?k\.?\s?(\d{1,3})\b(?!\s*(?:-|–|to)\s*\d)")
_VALIDITY = re.compile(r"(\d{1,3}|thirty|sixty|ninety)\s*(?:calendar\s+)?(days?|weeks?|months?)", re.I)


def extract_offline(document: LoadedDocument) -> ProposalExtraction:
    """Every schema field of one proposal, each stated with a quote and page, or not_stated."""
    # Text addressed to an AI reader is data about the vendor's conduct, never evidence for a field.
    pages = [Page(page.number, without_ai_text(page.text)) for page in document.pages if page.text.strip()]
    fields: dict[str, FieldResult] = {}
    for key, spec in field_specs().items():
        fields[key] = _checked(spec, _read(key, spec, pages), document)
    return ProposalExtraction(source=document.source, pages=document.page_count, fields=fields,
                              warnings=list(document.warnings))


def _checked(spec, result: FieldResult, document: LoadedDocument) -> FieldResult:
    """The result if its quotes give its value (a list keeps the members they name); otherwise not stated."""
    if result.status != "stated":
        return result
    checked = derived(spec, result.value, [e.quote for e in result.evidence],
                      [document.page_text(n) for n in sorted({e.page for e in result.evidence})])
    if checked.value is None:
        return FieldResult()
    return result if not checked.dropped else result.model_copy(update={"value": checked.value})


def _read(key: str, spec, pages: list[Page]) -> FieldResult:
    if spec.type == "bool":
        return read_boolean(key, pages)
    if spec.type == "list_enum":
        return read_list(key, pages)
    if key == "bioreactor_type":
        return read_enum(key, pages, _BIOREACTOR)
    if key == "reporting_cadence":
        return read_enum(key, pages, _REPORTING)
    if spec.type == "enum":
        return read_enum(key, pages)
    reader = _READERS.get(key)
    return reader(spec, pages) if reader else FieldResult()


def _money(spec, pages):
    def judge(match, context, cue):
        flags = match.flags
        bonus = 0.0
        if spec.key == "gmp_batch_price":
            bonus += 0.2 if "per_batch" in flags or "each" in flags else 0.0
        if spec.key == "total_price" and ("per_batch" in flags or "each" in flags):
            bonus -= 0.6
        return bonus

    found: list[Candidate] = []
    for page in pages:
        default = _table_currency(page.text)

        def finder(text, default=default):
            matches = p.find_money(text)
            if default:
                # "Price (USD)" column headers leave the cells as bare numbers.
                taken = [(m.start, m.end) for m in matches]
                matches += [p.Match(p.Money(p.to_number(m.group(0)), default), m.start(), m.end(), m.group(0))
                            for m in _BARE_AMOUNT.finditer(text)
                            if not any(s <= m.start() < e for s, e in taken)]
            return matches

        found += near_cues(spec, [page], finder, judge=judge)
    found.sort(key=lambda c: -c.score)
    for candidate in found:
        candidate.value = Money(amount=round(candidate.value.amount, 2), currency=candidate.value.currency)
    return decide(found, same=lambda a, b: a.currency == b.currency and abs(a.amount - b.amount) < 0.5)


_CURRENCY_HEADER = re.compile(r"\((USD|EUR|CHF|GBP|CAD|JPY|AUD)\)|\b(?:prices?|amounts?|figures?) (?:are )?in (USD|EUR|CHF|GBP|CAD|JPY|AUD)\b")
_BARE_AMOUNT = re.compile(r"(?<![\w.,'’$€£])\d{1,3}(?:[,'’ ]\d{3})+(?:\.\d{2})?(?![\w%])"
                          r"(?!\s*(?:L\b|l\b|kg|g\b|mL|liters?|litres?|%|weeks?|months?|days?|m³|m3))")


def _table_currency(text: str) -> str | None:
    found = {m.group(1) or m.group(2) for m in _CURRENCY_HEADER.finditer(text)}
    return found.pop() if len(found) == 1 else None


def _weeks(spec, pages):
    def finder(text):
        matches = p.find_durations(text)
        if spec.key == "weeks_to_first_gmp_batch":
            # "starts in week 36", "Week 44 after PO": a week number on the plan is the elapsed time.
            for m in _WEEK_NUMBER.finditer(text):
                matches.append(p.Match(float(m.group(1)), m.start(), m.end(), m.group(0)))
            for m in _M_PLUS.finditer(text):
                weeks = round(int(m.group(1)) * p.WEEKS_PER_MONTH, 1)
                matches.append(p.Match(weeks, m.start(), m.end(), m.group(0)))
        return matches

    def judge(match, context, cue):
        return -0.3 if "lower=" not in "".join(match.flags) and "up_to" in match.flags else 0.0

    return decide(near_cues(spec, pages, finder, judge=judge), same=lambda a, b: abs(a - b) < 0.05)


def _date(spec, pages):
    def finder(text):
        # A bare year ("expected in 2025") is too vague for an inspection date or a slot.
        return [m for m in p.find_dates(text) if spec.key == "proposal_date" or "year_only" not in m.flags]

    found = near_cues(spec, pages, finder)
    if spec.key == "proposal_date" and not found and pages:
        # Letters open with a bare date line; take the first full date on page 1 that is not a deadline.
        first = pages[0]
        for m in p.find_dates(first.text):
            if not ({"quarter", "half", "year_only", "month"} & m.flags):
                found = [Candidate(m.value, first.number, quote_between(first, m.start, m.end), 0.5)]
                break
    if spec.key == "proposal_date":
        for c in found:
            c.score -= 0.05 * (c.page - 1)  # the proposal's own date is stated early
        found.sort(key=lambda c: -c.score)
    return decide(found, allow_conflict=spec.key != "proposal_date")


_VESSEL_CONTEXT = re.compile(r"bioreactor|fermen|\bSUBs?\b|single[- ]use|stainless|production|cell culture|\bscale\b", re.I)


def _volume(spec, pages):
    def judge(match, context, cue):
        return 0.0 if _VESSEL_CONTEXT.search(context) else -0.5

    found = [c for c in near_cues(spec, pages, p.find_volumes, judge=judge) if c.score >= 0.5]
    if not found:
        return FieldResult()
    # The largest vessel at the site is the maximum of the plausible volumes named, not the closest one.
    best = max(found, key=lambda c: (c.value, c.score))
    return decide([best] + [c for c in found if c is not best and c.value == best.value], allow_conflict=False)


def _percent(spec, pages):
    found = near_cues(spec, pages, p.find_percentages)
    for page in pages:
        for m in re.finditer(r"\bno (?:mark-?up|handling (?:fee|charge))", page.text, re.I):
            found.append(Candidate(0.0, page.number, quote_between(page, m.start(), m.end()), 0.95))
    found.sort(key=lambda c: -c.score)
    return decide(found, same=lambda a, b: abs(a - b) < 1e-6)


def _validity(spec, pages):
    def finder(text):
        out = []
        for m in _VALIDITY.finditer(text):
            number = {"thirty": 30, "sixty": 60, "ninety": 90}.get(m.group(1).lower()) or int(m.group(1))
            unit = m.group(2).lower()
            days = number * (7 if unit.startswith("week") else 30 if unit.startswith("month") else 1)
            out.append(p.Match(days, m.start(), m.end(), m.group(0)))
        return out

    return decide(near_cues(spec, pages, finder))


_COUNT_NOUNS = {
    "fda_483_observations": r"(?:(?:form\s+)?(?:fda\s+)?483\s+)?(?:inspectional\s+)?observations?|(?:form\s+)?(?:fda\s+)?483s?",
    "warning_letters_5y": r"(?:fda\s+)?warning\s+letters?",
    "commercial_products_count": r"(?:commercial(?:ly)?(?:\s+approved)?|marketed|approved)\s+(?:[\w-]+\s+)?(?:products?|molecules?|drugs?|biologics?|therapies|adcs?|apis?|vaccines?|antibodies)",
    "similar_programs_count": r"(?:[\w-]+\s+){0,3}(?:programs?|programmes?|projects?|molecules?)",
}
_NEVER = {
    "warning_letters_5y": re.compile(r"(?:never (?:received|been issued|had) (?:an?y? )?(?:fda )?warning letters?"
                                     r"|no (?:fda )?warning letters?|not received (?:any|an?) (?:fda )?warning letters?"
                                     r"|warning letters?[^.\n]{0,40}?(?::|\byears\b)\s*(?:none|0|nil)\b)", re.I),
    "fda_483_observations": re.compile(r"no (?:form )?(?:fda )?483|without (?:a )?(?:form )?483|zero (?:form )?483|"
                                       r"\b0\s*x\s*483|483[^.]{0,30}\bnot issued|no (?:inspectional )?observations", re.I),
}


_ONE_LETTER = re.compile(r"\b(?:a|one) (?:fda )?warning letter (?:was |had been )?(?:issued|received)", re.I)


def _count(spec, pages):
    noun = _COUNT_NOUNS[spec.key]

    label_first = re.compile(rf"(?i:{noun})(?:\s+completed)?\s*[:\-–]?\s*(\d{{1,3}})\b(?!\s*(?:%|[-–]|weeks?|months?|years?|L\b))")

    def finder(text):
        matches = [m for m in p.find_counts(text, noun) if m.value < 500]
        # Tables and slides put the label first: "Commercial products: 8", "Completed antibody programs 19".
        matches += [p.Match(int(m.group(1)), m.start(), m.end(), m.group(0)) for m in label_first.finditer(text)]
        return matches

    cues = spec.cues or (re.compile(noun, re.I),)
    found = near_cues(spec, pages, finder, cues=cues)
    if spec.key == "warning_letters_5y":
        for page in pages:
            for m in _ONE_LETTER.finditer(page.text):
                found.append(Candidate(1, page.number, quote_between(page, m.start(), m.end()), 0.95))
    if spec.key in _NEVER:
        for page in pages:
            for m in _NEVER[spec.key].finditer(page.text):
                found.append(Candidate(0, page.number, quote_between(page, m.start(), m.end()), 0.9))
    if spec.key == "similar_programs_count":
        found = [c for c in found if c.value > 1]
    found.sort(key=lambda c: -c.score)
    return decide(found, allow_conflict=False)


_PAYMENT_GOOD = re.compile(r"net \d+|payable|upon (?:order|signature|signing|contract)|at (?:order|signature|po)|"
                           r"milestone|instal+ments?|\d+ ?% (?:at|on|upon)", re.I)
_PAYMENT_BAD = re.compile(r"mark-?up|handling|cost plus|raw material|surcharge|inspect|procurement fee", re.I)


def _terms_text(spec, pages):
    found = []
    for page in pages:
        for cue in spec.cues:
            for m in cue.finditer(page.text):
                quote = quote_between(page, m.start(), _sentence_end(page, m.end()))
                if len(quote) > 15:
                    score = 0.7 - 0.02 * page.number
                    if spec.key == "payment_terms":
                        score += 0.3 * bool(_PAYMENT_GOOD.search(quote)) - 0.4 * bool(_PAYMENT_BAD.search(quote))
                    found.append(Candidate(quote, page.number, quote, score))
    found.sort(key=lambda c: -c.score)
    return decide(found[:1], allow_conflict=False)


def _assumptions(spec, pages):
    found: list[Candidate] = []
    for page in pages:
        for cue in spec.cues:
            for m in cue.finditer(page.text):
                quote = quote_between(page, m.start(), _sentence_end(page, m.end()))
                if len(quote) > 20 and all(quote != c.quote for c in found):
                    found.append(Candidate(quote, page.number, quote, 0.7))
    if not found:
        return FieldResult()
    found = found[:8]
    from rfp_assistant.schemas.proposal import Evidence

    return FieldResult(value=[c.quote for c in found], status="stated", confidence=0.6,
                       evidence=[Evidence(page=c.page, quote=c.quote) for c in found])


def _sentence_end(page: Page, position: int) -> int:
    stops = [i for i in (page.text.find(". ", position), page.text.find("\n\n", position)) if i >= 0]
    end = min(stops + [len(page.text), position + 200])
    return end + 1 if page.text[end:end + 1] == "." else end


_READERS = {
    "cdmo_name": lambda spec, pages: read_cdmo_name(pages),
    "sites": lambda spec, pages: read_sites(spec, pages),
    "proposal_date": _date,
    "proposal_validity_days": _validity,
    "assumptions": _assumptions,
    "max_bioreactor_volume_l": _volume,
    "first_available_gmp_slot": _date,
    "tech_transfer_weeks": _weeks,
    "process_development_weeks": _weeks,
    "weeks_to_first_gmp_batch": _weeks,
    "total_price": _money,
    "gmp_batch_price": _money,
    "tech_transfer_fee": _money,
    "raw_material_markup_pct": _percent,
    "payment_terms": _terms_text,
    "cancellation_terms": _terms_text,
    "last_fda_inspection_date": _date,
    "fda_483_observations": _count,
    "warning_letters_5y": _count,
    "commercial_products_count": _count,
    "similar_programs_count": _count,
}
