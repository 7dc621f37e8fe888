"""The most recent FDA inspection of the proposed site, read as one record: its date, outcome and Form 483 count.

Proposals list several inspections (other agencies, other sites, earlier years). Each date owns the words around it
up to its neighbours (a sentence, or a table row); the record of the proposed site's latest FDA inspection, or the one
the proposal calls "most recent", gives all three fields, so an outcome is never read from another inspection's row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import rfp_assistant.core.values as p
from rfp_assistant.jobs.extraction.candidates import Page, quote_between
from rfp_assistant.jobs.extraction.dates import date_order, dates_in
from rfp_assistant.jobs.extraction.names import PLACE, city_pattern
from rfp_assistant.jobs.extraction.vessels import NAMED_SITE
from rfp_assistant.schemas.proposal import Evidence, FieldResult

_FDA = re.compile(r"\bFDA\b|\bUSFDA\b|U\.\s?S\.\s+Food and Drug|\bFood and Drug Administration\b")
_INSPECTION = re.compile(r"(?i)inspect\w*|\bPAI\b|pre-?approval|pre-?licen[sc]e|surveillance|\b483\b|\b[NVO]AI\b|"
                         r"classified|observations?")
_OTHER_AGENCY = re.compile(r"\b(?:EMA|MHRA|PMDA|ANVISA|TGA|NMPA|Health Canada|Swissmedic|AGES|FAMHP|BfArM|ANSM|AEMPS|"
                           r"competent authority|Regierungspr\w+|MFDS|CDSCO)\b")
# An FDA of a state or another country ("the state FDA", "Thai FDA") is not the US agency.
_NOT_US = re.compile(r"(?i)\b(?:state|local|provincial|thai|taiwan(?:ese)?|philippines?|korean?|china|chinese|saudi|indian|"
                     r"egyptian|nigerian|ghana(?:ian)?|jordan(?:ian)?)\s+$")
_NOT_DONE = re.compile(r"(?i)not\s+(?:yet\s+)?(?:been\s+)?inspected|expected|planned|scheduled|upcoming|will\s+be|"
                       # a rehearsal, or a site that is not the proposed one: not the site's FDA record
                       r"\b(?:mock|simulated|rehearsal)\b|\bsister\s+(?:site|plant|facility)|\bformer\b|\bsold\b|"
                       r"\bdivested\b|\b(?:client|customer|sponsor)['’]s\s+(?:own\s+)?(?:site|plant|facility|premises)")
# A later step of an inspection, not the inspection: "all observations were closed in January 2025".
_FOLLOW_UP = re.compile(r"(?i)\b(?:closed(?:[\s-]+out)?|resolved|responded(?:\s+to)?|lifted|answered)\s+(?:\w+\s+){0,2}?"
                        r"(?:in|on|by|as\s+of)\s+$")
_LATEST = re.compile(r"(?i)\b(?:most\s+recent|last|latest)\s+(?:\w+\s+){0,2}?(?:inspect\w*|audit|PAI|visit)|"
                     r"\blast\s+inspected\b")
_OUTCOME = {"NAI": re.compile(r"\bNAI\b|(?i:no action indicated)"), "VAI": re.compile(r"\bVAI\b|(?i:voluntary action indicated)"),
            "OAI": re.compile(r"\bOAI\b|(?i:official action indicated)")}
_NO_483 = re.compile(r"(?i)\bno\s+(?:form\s+)?(?:fda\s+)?483|\bzero\s+(?:form\s+)?483|\b0\s*x\s*483|\bwithout\s+(?:a\s+)?"
                     r"(?:form\s+)?483|483\s+(?:was\s+)?not\s+issued|\bno\s+(?:inspectional\s+)?observations|\bno\s+form\s+483")
_COUNT_483 = r"(?:(?:form\s+)?483\s+)?(?:inspectional\s+)?observations?|\(?form\s+483\)?|483s?"
_LABEL_483 = re.compile(r"(?i)(?:483|observations?)[^\n\d]{0,40}?[:\-–]\s*(\d{1,2})\b|(\d{1,2})\s*\(\s*(?:form\s+)?483\s*\)")
_EDGE = re.compile(r"(?<![.\s][A-Z])\.\s|\n\s*\n|[\x7f•▪]")  # "U.S. FDA" is no sentence end


@dataclass
class Inspection:
    """One FDA inspection record: its date, page, the words it owns and their quote."""

    date: object
    page: Page
    start: int
    end: int
    latest: bool

    @property
    def text(self) -> str:
        return self.page.text[self.start:self.end]


def latest_fda_inspection(pages: list[Page], sites: list[str]) -> Inspection | None:
    """The proposed site's most recent FDA inspection record, or None when the proposal dates none."""
    order = date_order(pages)
    own = {site.split(",")[0].strip().casefold() for site in sites}
    records: list[Inspection] = []
    for page in pages:
        found = [m for m in dates_in(page.text, order) if not page.is_foreign(m.start)]
        for i, m in enumerate(found):
            if page.is_elsewhere(m.start) or _FOLLOW_UP.search(page.text, max(0, m.start - 40), m.start):
                continue  # another unit of the network's inspection, or when its observations were closed
            start, end = _owned(page.text, found, i)
            for a, b in page.elsewhere:  # nor are its words part of the proposed unit's record
                start, end = (max(start, b), end) if b <= m.start else (start, min(end, a)) if a >= m.end else (start, end)
            while start < m.start and page.text[start].isspace():
                start += 1  # the record starts on its own row's line, not at the end of the row above
            # A table row reads site, agency, date, outcome, observations: the row's own cells run from its site
            # (the last place named before the date) to the next row's first cell.
            whole = page.text[start:m.start]
            place = _last_place(whole, own)
            before = whole[place[0]:] if place is not None else whole
            after = page.text[m.end:end]
            after = after[:_row_break(after, own)]
            text = before + m.text + after
            if not _INSPECTION.search(whole + m.text + after) or _NOT_DONE.search(text):
                continue
            # The agency is named in the record, or (a table's rows) in its heading above.
            tabular = text.count("\n") >= 2
            context = _without(page.text[:m.start], page.elsewhere) if tabular else whole
            if _agency(context + m.text + after, len(context)) != "FDA":
                continue  # an EMA or MHRA row, or no agency named at all
            name = place[1] if place else _first_place(after, own)
            if own and name and name.casefold() not in own and not page.elsewhere:
                continue  # another site's inspection
            follow = _GOES_ON.match(page.text, m.end + len(after))
            if follow and not tabular:  # "... in March 2026. It was classified NAI and no Form 483 was issued."
                after = page.text[m.end:follow.end()]
            records.append(Inspection(m.value, page, m.start - len(before), m.end + len(after),
                                      bool(_LATEST.search(whole + m.text + after))))
    if not records:
        return None
    return max(records, key=lambda r: (r.latest, r.date))


# The next sentence carries on about the same inspection: "It was classified NAI", "The inspection closed with ...".
_GOES_ON = re.compile(r"\.?[^\S\n]+(?:It|This\s+inspection|The\s+inspection|That\s+inspection)\s+(?:was|had|resulted|"
                      r"closed|ended|led|concluded)\b[^.\n]*\.")


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans blanked out (same length): other units' rows name no agency for this one."""
    for a, b in spans:
        if a < len(text):
            text = text[:a] + " " * (min(b, len(text)) - a) + text[min(b, len(text)):]
    return text


def _places(text: str, own: set[str]) -> list[tuple[int, str]]:
    """Sites named in a text: the proposed ones, known cities, "City, Country" / "City, ST" cells, "our X site"."""
    found = [(m.start(), m.group(1)) for m in city_pattern().finditer(text)]
    found += [(m.start(), m.group(0)) for city in own if city
              for m in re.finditer(rf"(?i)\b{re.escape(city)}\b", text)]
    found += [(m.start(), m.group(1).split()[-1] if len(m.group(1).split()) > 2 else m.group(1))
              for m in PLACE.finditer(text)]
    return sorted(found + [(m.start(), m.group(1)) for m in NAMED_SITE.finditer(text)])


def _last_place(text: str, own: set[str]) -> tuple[int, str] | None:
    found = _places(text, own)
    return found[-1] if found else None


def _first_place(text: str, own: set[str]) -> str | None:
    found = _places(text, own)
    return found[0][1] if found else None


def _row_break(after: str, own: set[str]) -> int:
    """Where the next table row (a line opening with a site or an agency) or the next sentence starts."""
    for line in re.finditer(r"\n[^\S\n]*([^\n]*)", after):
        head = line.group(1)
        if _OTHER_AGENCY.match(head) or _FDA.match(head) or city_pattern().match(head) or \
                any(head.casefold().startswith(city) for city in own if city):
            return line.start()
    return len(after)


def _agency(text: str, at: int) -> str:
    """The agency a dated record is about: the last one named before the date (a table's heading counts), else the
    first one after it."""
    named = sorted([(m.start(), "other" if _NOT_US.search(text, max(0, m.start() - 30), m.start()) else "FDA")
                    for m in _FDA.finditer(text)] + [(m.start(), "other") for m in _OTHER_AGENCY.finditer(text)])
    before = [agency for position, agency in named if position < at]
    line_end = text.find("\n", at)
    row = [agency for position, agency in named if at <= position < (line_end if line_end >= 0 else len(text))]
    if row and not text[text.rfind("\n", 0, at) + 1:at].strip():
        return row[0]  # a row that opens with its date names its agency after it ("June 2025 | EMA | ...")
    return before[-1] if before else (named[0][1] if named else "")


def _owned(text: str, dates: list[p.Match], i: int) -> tuple[int, int]:
    floor = dates[i - 1].end if i else 0
    ceiling = dates[i + 1].start if i + 1 < len(dates) else len(text)
    left = max(floor, dates[i].start - 220)
    for m in _EDGE.finditer(text, left, dates[i].start):
        left = m.end()
    stop = _EDGE.search(text, dates[i].end, min(ceiling, dates[i].end + 220))
    return left, stop.start() if stop else min(ceiling, dates[i].end + 220)


def inspection_fields(record: Inspection | None) -> dict[str, FieldResult]:
    """last_fda_inspection_date, _outcome and fda_483_observations from one record (absent keys: not in it)."""
    if record is None:
        return {}
    quote = quote_between(record.page, record.start, record.end)
    evidence = [Evidence(page=record.page.number, quote=quote)]
    out = {"last_fda_inspection_date": FieldResult(value=record.date, status="stated", evidence=evidence, confidence=0.8)}
    text = record.text
    outcomes = [name for name, pattern in _OUTCOME.items() if pattern.search(text)]
    if len(outcomes) == 1:
        out["last_fda_inspection_outcome"] = FieldResult(value=outcomes[0], status="stated", evidence=evidence,
                                                         confidence=0.8)
    count = _observations(text)
    if count is not None:
        out["fda_483_observations"] = FieldResult(value=count, status="stated", evidence=evidence, confidence=0.8)
    return out


def _observations(text: str) -> int | None:
    if _NO_483.search(text):
        return 0
    label = _LABEL_483.search(text)
    if label:
        return int(label.group(1) or label.group(2))
    counts = [m.value for m in p.find_counts(text, _COUNT_483) if m.value < 100]
    return counts[0] if len(set(counts)) == 1 else None


def outside_record(result: FieldResult) -> FieldResult:
    """A value read near an inspection cue, unless its quote is a rehearsal, a planned inspection or another site's."""
    if any(_NOT_DONE.search(e.quote) for e in result.evidence):
        return FieldResult()
    return result
