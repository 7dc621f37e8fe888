"""Bioreactors at the proposed site: the largest one in operation, and whether they are single-use or steel.

Each volume owns the words around it up to its neighbours (a table row, a list item, its clause). A vessel that is
pilot or seed scale, a total, under construction or being commissioned, not offered, at another site, or not a
bioreactor at all (conjugation vessels, chemical reactors, tanks) is not the site's largest bioreactor.
"""

from __future__ import annotations

import re

import rfp_assistant.core.values as p
from rfp_assistant.jobs.extraction.candidates import Candidate, Page, decide, quote_between
from rfp_assistant.jobs.extraction.columns import cell_at, row_text
from rfp_assistant.jobs.extraction.names import PLACE, city_pattern, normalize_place
from rfp_assistant.schemas.proposal import Evidence, FieldResult, FieldSpec

_VESSEL = re.compile(r"(?i)bioreactor|fermen|(?-i:\bSUBs?\b)|single[- ]use|stainless|(?-i:\bSS\b)|cell[- ]culture|"
                     r"upstream|\btrain\b")
_BIOREACTOR = re.compile(r"(?i)bioreactor|fermen|(?-i:\bSUBs?\b)|cell[- ]culture")
_NOT_NOW = re.compile(r"(?i)commission|not\s+(?:be\s+)?(?:offered|proposed|available|used|part\s+of)|under\s+(?:qualification|"
                      r"construction)|readiness|expected\s+(?:in|by)?\s*(?:Q[1-4]|H[12]|20\d\d)|\bfuture\b|completion\s+Q|"
                      r"being\s+(?:installed|built|qualified|validated|added)|(?:release|start-?up|qualification|go-live)\s+"
                      r"(?:is\s+)?(?:expected|planned|scheduled|due)|\bnot\s+yet\s+(?:in\s+(?:operation|use|service)|qualified|"
                      r"released|operational)|\bplanned\s+for\s+20\d\d|\bonce\s+(?:installed|qualified|completed)")
_RESTATED = re.compile(r"[^()\n.;]{0,25}\(\s*")
_SAME_VESSEL = re.compile(r"(?i)[^()\n]{0,20}?\b(?:nominal|working|gross|wv|vessel\s+volume)\b(?![^()\n]*\b(?:total|combined|"
                          r"aggregate|overall)\b)")
_ONE_VESSEL = re.compile(r"(?i)(?:\b(?:an?|one|single|1\s*[x×])|\(1\))[^\S\n]*$")
_COUNT_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
# "four 2,000 L bioreactors", "(3) 5,000 L", "3 2,000 L SUBs": a count written before the size
_COUNT_BEFORE = re.compile(rf"(?i)(?:\b({'|'.join(_COUNT_WORDS)})|\((\d{{1,2}})\)|(?<![\d.,])(\d)(?=[^\S\n]+\d))[^\S\n]*$")
# "our sister facility", "across our network": a vessel somewhere in the group, not at the proposed site
_ANOTHER_SITE = re.compile(r"(?i)\bsister\s+(?:sites?|facilit(?:y|ies)|plants?)|\bother\s+(?:sites|facilities|plants)\b|"
                           r"\banother\s+(?:site|facility|plant)\b|\bacross\s+(?:our|the)\s+(?:network|group|sites)|"
                           r"(?:network|group)[- ]wide")
# "4,000 L of cell culture in total", "12,000 L bioreactor capacity across 6 ...", "40,000 L per year": not one vessel
_NOT_ONE_VESSEL = re.compile(r"(?i)[^\S\n]*(?:(?:of\s+)?(?:[\w-]+\s+){0,3}?(?:in\s+total|in\s+aggregate|total|combined|"
                             r"overall)\b|(?:[\w-]+\s+){0,2}?across\b|(?:/|per\s+)(?:year|yr|annum|month|week|day)\b)")
_OUTPUT = re.compile(r"(?i)\b(?:annual|yearly|output|throughput)\b[^\n.;]{0,20}$")
_OWN_START = re.compile(r"\.\s|\n\s*\n|;\s|[\x7f•▪]")
_LIST_JOIN = re.compile(r"\s*(?:,|and|or|&|/|\+|–|-)\s*(?:and\s+)?")
_OWN_END = re.compile(r"\.\s|\n\s*\n|[\x7f•▪]|\n(?=[^\S\n]*[A-Z][a-z])")  # a new row ("\nUpstream (future) 1,000 L…")
# "our Ghent viral vector facility", "at our Austin, Texas site": a named site of the vendor's.
NAMED_SITE = re.compile(r"\b(?:[Oo]ur|[Tt]he|at|in)\s+([A-Z][\w'’-]+)(?:,\s+[A-Z][\w'’-]+)?(?:\s+[a-z][\w-]*){0,2}\s+"
                         r"(?i:site|facility|campus|plant|operations|laborator(?:y|ies)|centre|center)\b")


def read_largest_volume(spec: FieldSpec, pages: list[Page], sites: list[str]) -> FieldResult:
    """The largest single bioreactor or fermenter in operation at the proposed site, in liters."""
    if not any(_BIOREACTOR.search(page.text) for page in pages):
        return FieldResult()  # a chemistry house's "150 L train" or reactor is no bioreactor
    others = _other_sites(sites, pages)
    sums = _sums(pages)
    found: list[Candidate] = []
    for page in pages:
        volumes = [m for m in p.find_volumes(page.text) if not page.is_foreign(m.start) and not page.is_elsewhere(m.start)]
        for i, m in enumerate(volumes):
            if m.value in sums and "multiplied" not in m.flags and not _ONE_VESSEL.search(page.text, 0, m.start):
                continue  # "up to 4,000 L per batch (2 x 2,000 L SUBs)": the count times a vessel, not one vessel
            cell = cell_at(page.cells, m.start)
            if cell:  # a table row is one unit: "5,000 L single-use | (3) | Under construction" is not in use
                segment = f"{cell.header}: {row_text(page.text, cell)}"
            else:
                left, right = _owned(page.text, volumes, i)
                segment = " ".join(page.text[left:right].split())
            if not _VESSEL.search(segment) or _NOT_NOW.search(segment) or _elsewhere(segment, others, sites):
                continue
            if _ANOTHER_SITE.search(segment) or _NOT_ONE_VESSEL.match(page.text, m.end) or _OUTPUT.search(
                    page.text, max(0, m.start - 30), m.start):
                continue
            if any(d.search(segment) for d in spec.distractors):
                continue
            found.append(Candidate(float(m.value), page.number, quote_between(page, m.start, m.end), 0.8,
                                   (page.number, m.start)))
        found += _column_volumes(spec, page, others, sites)
    if not found:
        return FieldResult()
    best = max(found, key=lambda c: (c.value, -c.page))
    return decide([best] + [c for c in found if c is not best and c.value == best.value][:1], allow_conflict=False)


def _sums(pages: list[Page]) -> set[float]:
    """Every 'N x V' the proposal states, multiplied out: a figure equal to one is several vessels together."""
    sums = set()
    for page in pages:
        for m in p.find_volumes(page.text):
            count = next((int(f[6:]) for f in m.flags if f.startswith("count=")), 1)
            if count == 1 and (said := _COUNT_BEFORE.search(page.text, max(0, m.start - 12), m.start)):
                word = (said.group(1) or said.group(2) or said.group(3)).lower()
                count = int(word) if word.isdigit() else _COUNT_WORDS.index(word) + 2
            if count > 1:
                sums.add(round(m.value * count, 6))
    return sums


def _column_volumes(spec: FieldSpec, page: Page, others, sites: list[str]) -> list[Candidate]:
    """Bare figures in a column headed in litres ("Volume (L)"): each is read with its row and its column's heading
    (a "Bioreactors" heading or a "stainless steel" cell says what the vessel is; "commissioning 2028" that it
    is not in use), and quoted as its row."""
    found = []
    for cell in page.cells:
        if cell.unit != "L" or cell.value is None or page.is_foreign(cell.start) or page.is_elsewhere(cell.start):
            continue
        row = row_text(page.text, cell)
        words = f"{cell.header} {row}"
        if not _VESSEL.search(words) or _NOT_NOW.search(row) or _elsewhere(row, others, sites):
            continue
        if _TOTAL_HEADING.search(cell.header) or _row_product(page, cell):
            continue  # "Qty | Volume (L) | Total (L)": the row's vessels together, not one vessel
        if any(d.search(words) for d in spec.distractors):
            continue
        found.append(Candidate(float(cell.value), page.number, row, 0.8, (page.number, cell.start)))
    return found


_TOTAL_HEADING = re.compile(r"(?i)\b(?:total|combined|aggregate|overall|sum|installed)\b")


def _row_product(page: Page, cell) -> bool:
    """Whether a cell's litres are its row's count times another litre cell of the row ("4 | 2,000 | 8,000")."""
    row = [other for other in page.cells if other.row == cell.row and other is not cell and other.value]
    counts = [other.value for other in row if other.unit != "L" and float(other.value).is_integer() and
              1 < other.value <= 50]
    sizes = [other.value for other in row if other.unit == "L"]
    return any(abs(n * v - cell.value) < 0.5 for n in counts for v in sizes)


def _owned(text: str, volumes: list[p.Match], i: int) -> tuple[int, int]:
    """The words a volume owns: back to the previous volume or clause, on to the next volume or sentence end."""
    start, end = volumes[i].start, volumes[i].end
    floor = volumes[i - 1].end if i else 0
    ceiling = volumes[i + 1].start if i + 1 < len(volumes) else len(text)
    if i and _LIST_JOIN.fullmatch(text, floor, start):
        # "Conjugation vessels: 20 L, 100 L and 250 L": the list's label belongs to every item.
        return _owned(text, volumes, i - 1)[0], _owned_right(text, end, ceiling)
    if i and _RESTATED.fullmatch(text, floor, start) and _SAME_VESSEL.match(text, end, ceiling):
        # "1,600 L working volume (2,000 L nominal)": the bracketed figure restates the same vessel's size.
        return _owned(text, volumes, i - 1)[0], _owned_right(text, end, ceiling)
    left = max(floor, start - 140)
    for m in _OWN_START.finditer(text, left, start):
        left = m.end()
    return left, _owned_right(text, end, ceiling)


def _owned_right(text: str, end: int, ceiling: int) -> int:
    right = min(ceiling, end + 180)
    stop = _OWN_END.search(text, end, right)
    if stop:
        return stop.start()
    if right == ceiling < len(text):
        # "…5,000 L stainless-steel bioreactor (the largest), for a total installed capacity of 10,000 L": the clause
        # that leads to the next volume is that volume's.
        clause = text.rfind(", ", end, right)
        return clause if clause > end else right
    return right


def other_site_named(text: str, sites: list[str]) -> bool:
    """True when the text names a site other than the proposed ones (a known city or "our X facility")."""
    return _elsewhere(" ".join(text.split()), _other_sites(sites), sites)


def _elsewhere(segment: str, others: re.Pattern | None, sites: list[str]) -> bool:
    """True when the words name a site other than the proposed ones."""
    if not sites:
        return False
    if others and others.search(segment):
        return True
    own = {site.split(",")[0].strip().casefold() for site in sites}
    return any(m.group(1).casefold() not in own for m in NAMED_SITE.finditer(segment))


def _other_sites(sites: list[str], pages: list[Page] = ()) -> re.Pattern | None:
    """Known cities other than the proposed sites', and the towns the proposal itself names with their country
    ("Vårnäs, Sweden"): a group's other plants are named so, and a vessel there is not at the proposed site."""
    if not sites:
        return None
    own = {site.split(",")[0].strip().casefold() for site in sites}
    named = {town for page in pages for place in PLACE.finditer(page.text)
             if (town := (normalize_place(place) or ",").split(",")[0].strip()) and town.casefold() not in own and
             re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}", town) and not _NOT_A_TOWN.search(town)}
    # Towns named in this proposal are proper names: matched as written ("Main" is not "main bioreactor").
    pattern = city_pattern().pattern + "".join(rf"|(?-i:\b{re.escape(town)}\b)" for town in sorted(named))
    return re.compile(rf"(?!(?:{'|'.join(re.escape(c) for c in own)})\b)(?:{pattern})", re.I) if own else None


# Words of an address or a signature that the place pattern can take for a town ("Suite 410, Denver, CO").
_NOT_A_TOWN = re.compile(r"\b(?:Suite|Floor|Unit|Building|Room|Main|Street|Road|Avenue|Park|Inc|Ltd|LLC|GmbH|AG|"
                         r"Manager|Director|Head|Office|Our|The|Project|Dr|Mr|Ms)\b")


# -- single-use or stainless ---------------------------------------------------------------------------------

_SINGLE_USE = re.compile(r"(?i)single[- ]use|(?-i:\bSUBs?\b)|disposable bioreactor")
_STEEL = re.compile(r"(?i)stainless[- ]steel|(?-i:\bSS\b)|stainless bioreactors?|fixed[- ]tank|steel fermenters?")
_ONLY = re.compile(r"(?i)\bonly\b|\bexclusively\b|\bentirely\b|\bsolely\b")
_REACTOR_TALK = re.compile(r"(?i)bioreactor|fermen|(?-i:\bSUBs?\b)|upstream|cell[- ]culture|\btrain\b|\btechnology\b|\bsuites?\b")
_NOT_BIOREACTOR = re.compile(r"(?i)conjugat|vessels?\b(?!.{0,20}bioreactor)|(?<!bio)reactors?\b|\btanks?\b|\bbags?\b")


def read_bioreactor_type(pages: list[Page], sites: list[str]) -> FieldResult:
    """single_use, stainless_steel or both, from the proposed site's bioreactors ("single-use only" settles it)."""
    others = _other_sites(sites, pages)
    seen: dict[str, Candidate] = {}
    only: Candidate | None = None
    for page in pages:
        for kind, pattern in (("single_use", _SINGLE_USE), ("stainless_steel", _STEEL)):
            for m in pattern.finditer(page.text):
                if page.is_foreign(m.start()) or page.is_elsewhere(m.start()):
                    continue
                cell = cell_at(page.cells, m.start())
                # A table cell is read with its row and its column's heading, not with the rows around it.
                clause = f"{cell.header}: {row_text(page.text, cell)}" if cell else _clause(page.text, m.start(), m.end())
                if not _REACTOR_TALK.search(clause) or _NOT_NOW.search(clause) or \
                        (_NOT_BIOREACTOR.search(clause) and not re.search(r"(?i)bioreactor|fermen|(?-i:\bSUB)", clause)):
                    continue
                if _elsewhere(" ".join(clause.split()), others, sites) or \
                        (not cell and _negated(clause, m.start() - page.text.find(clause))):
                    continue
                quote = row_text(page.text, cell) if cell else quote_between(page, m.start(), m.end())
                candidate = Candidate(kind, page.number, quote, 0.8)
                seen.setdefault(kind, candidate)
                line_start = page.text.rfind("\n", 0, m.start()) + 1
                line_end = page.text.find("\n", m.end())
                if only is None and _ONLY.search(page.text, line_start, line_end if line_end >= 0 else len(page.text)):
                    only = candidate
    if only is not None:
        return FieldResult(value=only.value, status="stated", confidence=0.8,
                           evidence=[Evidence(page=only.page, quote=only.quote)])
    if len(seen) == 2:
        a, b = seen["single_use"], seen["stainless_steel"]
        evidence = [Evidence(page=a.page, quote=a.quote)] + ([] if b.quote == a.quote else [Evidence(page=b.page, quote=b.quote)])
        return FieldResult(value="both", status="stated", evidence=evidence, confidence=0.8)
    if seen:
        c = next(iter(seen.values()))
        return FieldResult(value=c.value, status="stated", confidence=0.7, evidence=[Evidence(page=c.page, quote=c.quote)])
    return FieldResult()


_ROW_START = re.compile(r"\n(?=[^\S\n]*[A-Z][a-z])")  # a table row or list line of its own (prose is unwrapped)


def _clause(text: str, start: int, end: int) -> str:
    left = max(start - 160, 0)
    for m in [*_OWN_START.finditer(text, left, start), *_ROW_START.finditer(text, left, start)]:
        left = max(left, m.end())
    stops = [m for m in (_OWN_START.search(text, end, min(len(text), end + 160)),
                         _ROW_START.search(text, end, min(len(text), end + 160))) if m]
    stop = min(stops, key=lambda m: m.start()) if stops else None
    return text[left:stop.start() if stop else min(len(text), end + 160)]


def _negated(clause: str, position: int) -> bool:
    return bool(re.search(r"(?i)\b(?:no|not|never|without|does\s+not|do\s+not)\b[^.;]{0,40}$", clause[:max(position, 0)]))
