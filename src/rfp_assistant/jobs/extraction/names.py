"""The responding company's name and its manufacturing sites ("City, Country")."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from rfp_assistant.resources import KNOWLEDGE_DIR
from rfp_assistant.jobs.extraction.candidates import Candidate, Page, quote_between
from rfp_assistant.schemas.proposal import Evidence, FieldResult

_NOT_US = re.compile(r"prepared for|submitted to|\bto:|attention|attn|client:|sponsor:|customer:|dear\b", re.I)

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}
COUNTRIES = {
    "United States": ["united states", "usa", "u.s.a.", "u.s.", "us", "united states of america"],
    "United Kingdom": ["united kingdom", "uk", "u.k.", "england", "scotland", "wales", "great britain"],
    "Germany": ["germany", "deutschland"], "Switzerland": ["switzerland", "schweiz", "suisse"],
    "France": ["france"], "Italy": ["italy"], "Spain": ["spain"], "Netherlands": ["netherlands", "the netherlands"],
    "Belgium": ["belgium"], "Ireland": ["ireland"], "Denmark": ["denmark"], "Sweden": ["sweden"], "Austria": ["austria"],
    "Norway": ["norway"], "Finland": ["finland"], "Poland": ["poland"], "Czech Republic": ["czech republic", "czechia"],
    "Hungary": ["hungary"], "Portugal": ["portugal"], "Canada": ["canada"], "Mexico": ["mexico"], "Brazil": ["brazil"],
    "Japan": ["japan"], "South Korea": ["south korea", "korea", "republic of korea"], "China": ["china", "prc"],
    "Singapore": ["singapore"], "India": ["india"], "Australia": ["australia"], "Israel": ["israel"],
    "Taiwan": ["taiwan"], "Argentina": ["argentina"], "Chile": ["chile"], "Colombia": ["colombia"], "Peru": ["peru", "perú"],
    "Uruguay": ["uruguay"], "Costa Rica": ["costa rica"], "Romania": ["romania", "românia"], "Bulgaria": ["bulgaria"],
    "Croatia": ["croatia", "hrvatska"], "Serbia": ["serbia", "srbija"], "Slovenia": ["slovenia", "slovenija"],
    "Slovakia": ["slovakia", "slovak republic", "slovensko"], "Lithuania": ["lithuania", "lietuva"],
    "Latvia": ["latvia", "latvija"], "Estonia": ["estonia", "eesti"], "Greece": ["greece"], "Turkey": ["turkey", "türkiye"],
    "Ukraine": ["ukraine"], "Luxembourg": ["luxembourg"], "Iceland": ["iceland"], "Malta": ["malta"], "Cyprus": ["cyprus"],
    "South Africa": ["south africa"], "Egypt": ["egypt"], "United Arab Emirates": ["united arab emirates", "uae"],
    "Saudi Arabia": ["saudi arabia"], "Thailand": ["thailand"], "Vietnam": ["vietnam", "viet nam"],
    "Malaysia": ["malaysia"], "Indonesia": ["indonesia"], "Philippines": ["philippines"], "New Zealand": ["new zealand"],
}
# Names of EU member states in their own languages, and the usual short forms, for comparing place names.
_LOCAL_NAMES = {
    "United States": ["united states of america", "u.s.a.", "usa", "u.s.", "america"],
    "United Kingdom": ["united kingdom", "u.k.", "uk", "great britain", "britain"],
    "Germany": ["deutschland"], "France": ["république française"], "Italy": ["italia"], "Spain": ["españa", "espana"],
    "Netherlands": ["nederland", "holland", "the netherlands"], "Belgium": ["belgië", "belgie", "belgique", "belgien"],
    "Austria": ["österreich", "osterreich"], "Denmark": ["danmark"], "Sweden": ["sverige"], "Finland": ["suomi"],
    "Poland": ["polska"], "Czech Republic": ["czechia", "česko", "cesko", "česká republika"], "Hungary": ["magyarország"],
    "Portugal": [], "Ireland": ["éire", "eire", "republic of ireland"], "Greece": ["hellas", "ελλάδα"],
    "Croatia": ["hrvatska"], "Slovenia": ["slovenija"], "Slovakia": ["slovensko"], "Romania": ["românia"],
    "Bulgaria": ["българия"], "Lithuania": ["lietuva"], "Latvia": ["latvija"], "Estonia": ["eesti"],
    "Luxembourg": ["lëtzebuerg", "luxemburg"], "Malta": [], "Cyprus": ["κύπρος"],
    "Switzerland": ["schweiz", "suisse", "svizzera", "confoederatio helvetica"],
}
_COUNTRY_OF = {alias: name for name, aliases in COUNTRIES.items() for alias in aliases}
# A proposal from a Latin American or European house may name its own country in its own language.
_COUNTRY_OF |= {alias: name for name, aliases in _LOCAL_NAMES.items() for alias in aliases if alias not in _COUNTRY_OF}
_COUNTRY_OF |= {"brasil": "Brazil", "méxico": "Mexico", "españa": "Spain", "polska": "Poland", "česko": "Czech Republic",
                "magyarország": "Hungary", "deutschland": "Germany", "italia": "Italy", "nederland": "Netherlands"}


def country_words() -> dict[str, list[str]]:
    """Every country this module knows, with the other ways proposals write it (lower case)."""
    merged = {name: list(aliases) for name, aliases in COUNTRIES.items()}
    for name, aliases in _LOCAL_NAMES.items():
        merged.setdefault(name, [name.casefold()])
        merged[name] = list(dict.fromkeys(merged[name] + aliases))
    return merged
_STATE_NAMES = {name.lower() for name in US_STATES.values()} | {abbr.lower() for abbr in US_STATES}
_WORDS = r"[A-Z][A-Za-z.]*(?:\s(?:[A-Z][A-Za-z.]*|of))*"
_POSTCODE = r"(?:\s+(?:[A-Z]{1,2}-?)?\d[\dA-Z]{2,5}(?:\s\d[A-Z]{2})?)?"
# "Leiden (Bio Science Park, Unit 4), the Netherlands": a bracketed note may sit between city and country.
_NOTE = r"(?:\s*\([^()]{1,60}\))?"
# "Campinas, Sao Paulo state, Brazil": a region named with its kind may stand between city and country.
_REGION_KIND = r"(?:\s+(?:state|province|region|county|district|prefecture|voivodeship|canton))?"
PLACE = re.compile(rf"\b([A-Z][a-zà-ÿ'’.-]+(?:[ -][A-Z][a-zà-ÿ'’.-]+){{0,2}}){_POSTCODE}{_NOTE},\s*(?:the\s+)?({_WORDS})"
                    rf"{_REGION_KIND}(?:,\s*({_WORDS}))?")


def city_pattern() -> re.Pattern:
    """Known manufacturing cities (knowledge/manufacturing_cities.yaml), as one pattern."""
    return _known_cities()[1]


@lru_cache(maxsize=1)
def _known_cities() -> tuple[dict[str, str], re.Pattern]:
    data = yaml.safe_load((KNOWLEDGE_DIR / "manufacturing_cities.yaml").read_text())
    country_of = {city.lower(): country for country, cities in data.items() for city in cities}
    names = sorted({city for cities in data.values() for city in cities}, key=len, reverse=True)
    return country_of, re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def read_sites(spec, pages: list[Page]) -> FieldResult:
    """Places named in site sentences, normalized to 'City, Country'; headquarters and offices are skipped."""
    sites: dict[str, Candidate] = {}
    for page in pages:
        for cue in spec.cues:
            for m in cue.finditer(page.text):
                if page.is_foreign(m.start()):
                    continue
                left = page.line_starts[page.line_of(m.start())]
                right = min(len(page.text), m.end() + 160)
                stop = _sentence_stop(page.text, m.end(), right)
                segment_end = stop if stop >= 0 else right
                places = [(pl.start(), pl.end(), _normalize_place(pl)) for pl in PLACE.finditer(page.text, left, segment_end)]
                country_of, known = _known_cities()
                for city in known.finditer(page.text, left, segment_end):
                    if not any(s <= city.start() < e for s, e, _ in places):
                        places.append((city.start(), city.end(), f"{city.group(1)}, {country_of[city.group(1).lower()]}"))
                for start, end, site in sorted(places):
                    stop = page.text.find(". ", end)
                    context = page.text[max(left, start - 60):min(end + 20, stop if stop >= 0 else end + 20)]
                    if not site or any(d.search(context) for d in spec.distractors) or _NOT_US.search(context):
                        continue
                    if page.is_foreign(start):
                        continue  # a place in the sponsor's quoted RFP text is the sponsor's, not a site of the offer
                    designated = bool(_DESIGNATED.search(page.text, max(left, start - 60), start))
                    if site not in sites or designated and sites[site].score < 0.8:
                        sites[site] = Candidate(site, page.number, quote_between(page, min(m.start(), start), end),
                                                0.8 if designated else 0.7)
    for page in pages:
        for site, quote in _table_sites(page):
            sites.setdefault(site, Candidate(site, page.number, quote, 0.7))
    if len(sites) > 1 and any(c.score >= 0.8 for c in sites.values()):
        # A group with several sites names the one it proposes ("Recommended site: …"): the others are its network.
        sites = {site: c for site, c in sites.items() if c.score >= 0.8}
    if not sites and pages:
        sites = _letterhead_site(spec, pages[0])
    if not sites:
        return FieldResult()
    values = list(sites)
    evidence = []
    for c in sites.values():
        if all(e.quote != c.quote for e in evidence):
            evidence.append(Evidence(page=c.page, quote=c.quote))
    return FieldResult(value=values, status="stated", evidence=evidence, confidence=0.6)


# An address's abbreviations end no sentence: "(ul. Dokerska 14, 93-231 Lodz, Poland)", "St. Louis, MO".
_ABBREVIATION = re.compile(r"(?i)(?:^|[\s(,])(?:ul|al|st|str|nr|no|ave|rd|bldg|blvd|pl|sq|mt|ft)$")


def _sentence_stop(text: str, start: int, end: int) -> int:
    """Where the sentence from `start` ends before `end` (a period and a space after no abbreviation), or -1."""
    stop = text.find(". ", start, end)
    while stop >= 0 and _ABBREVIATION.search(text, max(start, stop - 5), stop):
        stop = text.find(". ", stop + 2, end)
    return stop


LETTERHEAD_LINES = 4
# A place named as the one chosen for this program: "Recommended site: …", "the proposed manufacturing site is …".
_DESIGNATED = re.compile(r"(?i)\b(?:recommended|proposed|selected|designated|preferred|chosen|nominated)\s+(?:manufacturing\s+|"
                         r"production\s+|GMP\s+)?(?:site|facility|location|plant)\b(?:\s+for\s+[\w-]+)?(?:\s+(?:is|will\s+be))?"
                         r"[^\S\n]*[:\-–]?[^\S\n]*(?:the\s+|our\s+)?(?:[A-Z][\w-]*\s+){0,2}$")


_WE_ARE_THERE = r"(?i)\b(?:we|we['’]re|our|us)\b[^.\n]{{0,80}}\b(?:in|at)\s+{city}\b"


def _letterhead_site(spec, page: Page) -> dict[str, Candidate]:
    """A house that names no site but says it works in the town of its letterhead address ("we're a fill/finish
    company in Galway") works there; a letterhead alone may be an office's, and an addressee's never counts."""
    head = page.line_starts[min(LETTERHEAD_LINES, len(page.line_starts) - 1)] if len(page.line_starts) > 1 else len(page.text)
    for place in PLACE.finditer(page.text, 0, head):
        line = page.text[page.line_starts[page.line_of(place.start())]:page.line_end(page.line_of(place.start()))]
        site = _normalize_place(place)
        if not site or page.is_foreign(place.start()) or any(d.search(line) for d in spec.distractors) or \
                _NOT_US.search(line):
            continue
        after = page.line_end(page.line_of(place.end()))
        said = re.compile(_WE_ARE_THERE.format(city=re.escape(site.split(",")[0]))).search(page.text, after)
        if said and not page.is_foreign(said.start()):
            return {site: Candidate(site, page.number, quote_between(page, place.start(), place.end()), 0.5)}
    return {}


# An address line's street or building, not its town: "14 Cambridge Street, Boston", "Harbour Works, Galway".
_STREET = re.compile(r"(?i)\b(?:street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|way|parkway|pkwy|highway|hwy|"
                     r"place|pl|square|sq|quay|court|ct|crescent|terrace|row|close|works|estate|building|house|tower|"
                     r"centre|center|strasse|straße|str|weg|allee|platz|gasse|laan|straat|plein|vej|gatan|gata|"
                     r"väg|ulica)\.?$|^(?:via|viale|piazza|rue|avenue|boulevard|calle|avenida|rua|carrer|ul)\b")


def normalize_place(place: re.Match) -> str | None:
    """A PLACE match as 'City, Country', or None when it names no country or state known here."""
    return _normalize_place(place)


def _normalize_place(place: re.Match) -> str | None:
    city = place.group(1).strip()
    if _STREET.search(city):
        return _town_after_street(place.string, place.end(1))
    return _normalize_parts(city, (place.group(3), place.group(2)))


def _town_after_street(text: str, position: int) -> str | None:
    """The town of an address whose first part is its street: "Cambridge Street, Boston, MA" is in Boston,
    "Unit 4, Harbour Works, Galway H91 AB12, Ireland" in Galway (postcodes left out)."""
    end = text.find("\n", position)
    parts = [" ".join(w for w in part.split() if not re.search(r"\d", w)).strip(" .")
             for part in re.split(r"[,|·]", text[position:end if end >= 0 else len(text)])[1:5]]
    parts = [part for part in parts if part]
    if len(parts) < 2 or not re.fullmatch(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}", parts[0]) or \
            parts[0].lower() in _COUNTRY_OF or parts[0].lower() in _STATE_NAMES:
        return None
    return _normalize_parts(parts[0], parts[1:3])


def _normalize_parts(city: str, parts) -> str | None:
    for part in parts:
        words = (part or "").strip(" .").split()
        # "North Carolina Our site…" → try the longest leading run of words that names a place.
        for n in range(min(len(words), 4), 0, -1):
            name = " ".join(words[:n]).strip(" .")
            if name.lower() in _COUNTRY_OF:
                return f"{city}, {_COUNTRY_OF[name.lower()]}"
            if name.lower() in _STATE_NAMES or (n == 1 and name in US_STATES):
                return f"{city}, United States"
    if city.lower() in _COUNTRY_OF and city.lower() == "singapore":
        return "Singapore, Singapore"
    return None


# A table of the vendor's sites with a column saying which take part ("Offered for this project | Yes - GMP batches").
_PROPOSED_COLUMN = re.compile(r"(?i)\b(?:offered|proposed|used|involved|role)\s+(?:for|in)\b|\bsites?\s+marked\b")
_YES_CELL = re.compile(r"(?im)^[^\S\n]*yes\b[^\n]*$")
_NO_CELL = re.compile(r"(?im)^[^\S\n]*(?:no|not\s+proposed|office\s+only)\b[^\n]*$")


def _table_sites(page: Page) -> list[tuple[str, str]]:
    """Known cities in the rows a sites table marks 'Yes' (the row runs back to the previous row's answer cell)."""
    if not _PROPOSED_COLUMN.search(page.text):
        return []
    country_of, known = _known_cities()
    answers = sorted([(m.start(), m.end(), True) for m in _YES_CELL.finditer(page.text)] +
                     [(m.start(), m.end(), False) for m in _NO_CELL.finditer(page.text)])
    found, row_start = [], None
    for start, end, yes in answers:
        if row_start is not None and yes and not page.is_foreign(start):
            for city in known.finditer(page.text, row_start, start):
                site = f"{city.group(1)}, {country_of[city.group(1).lower()]}"
                found.append((site, quote_between(page, city.start(), end)))  # the city and its 'Yes' cell
        row_start = end
    return found
