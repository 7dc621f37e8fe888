"""Document roles: whose words are these? The vendor writes the proposal; the sponsor is addressed and quoted.

A proposal answers an RFP, so it repeats the sponsor's requirements ("The Sponsor requires the first batch within
20 weeks"), questions ("Which modalities do you manufacture?") and requests ("State your price per batch"). Those
words are the sponsor's, never the vendor's answer; this module finds them, and tells the vendor's own name (the
author: letterhead, page headers and footers, signature, "we") from the addressee's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rfp_assistant.core.text.spans import merge_spans

# Legal forms of companies in the countries CDMOs bid from (a name ending in one is a company, not a product).
_SUFFIX = (r"(?:Inc\.?|LLC|L\.L\.C\.|LLP|Ltd\.?|Ltda\.?|Lda\.?|Limited|GmbH|AG|S\.A\.|SA|SE|B\.V\.|BV|N\.V\.|NV|plc|PLC|"
           r"Corp\.?|Corporation|K\.K\.|Co\.,? Ltd\.?|S\.p\.A\.|Pty\.? Ltd\.?|Pte\.? Ltd\.?|Pvt\.? Ltd\.?|KG|SAS|"
           r"S\.A\.S\.|S\.r\.l\.|S\.R\.L\.|SRL|S\.L\.|S\.A\. de C\.V\.|sp\. z o\.o\.|Sp\. z o\.o\.|s\.r\.o\.|a\.s\.|Kft\.?|Zrt\.?|"
           r"d\.o\.o\.|AB|A/S|AS|ApS|ASA|Oyj|Oy|Ltée|S\.à r\.l\.|SpA)")
COMPANY = re.compile(rf"\b((?:[A-Z][\w&'’.-]*|&)(?:[ \t]+(?:[A-Z][\w&'’.-]*|&|de|of|and)){{0,5}})[ \t,]+{_SUFFIX}(?![\w])")
# Words that put a company name in the addressee's role: on its line ("To:", "Prepared for:") or right before it.
_TO_LINE = re.compile(r"(?i)^\s*(?:to|for\s*:|attn\.?|attention|prepared\s+for|submitted\s+to|presented\s+to|client|sponsor|"
                      r"customer|dear|accepted\s+for|for\s+the\s+attention\s+of)\b")
_TO_NEAR = re.compile(
    r"(?i)(?:\b(?:proposal|offer|quotation|response|rfp|prepared|presented|submitted|summary|deck)\s+(?:\S+\s+){0,3}?"
    r"(?:for|to|from|of)|\b(?:support|serve|assist|inviting\s+us|dear)|\bfor(?=\s+(?:[A-Z][\w&'’.-]*\s+){1,4}only\b)"
    r"|(?<![\w/])(?-i:To|TO|Attn\.?|ATTN)(?=\s*:)"  # "… KvK 55419083 To: Acme Pharma, Inc." (a letterhead run into one line)
    r"|\brfp\b[^.\n]{0,40}\()\s*[:\-]?\s*(?:the\s+)?$"
)
# A title that runs into the addressee's name: the name regex takes capitalised words, so "PROPOSAL FOR" comes with it.
_ADDRESSED_LEAD = re.compile(r"(?i)^(?:(?:technical|commercial|revised|final|budgetary)\s+)?(?:proposal|quotation|quote|offer|"
                             r"response|bid|rfp\s+response)\s+(?:for|to)\s+(?:the\s+)?|^(?:prepared|submitted|presented)\s+"
                             r"(?:for|to)\s+|^(?:for|to|dear)\s+")
_BY_CUE = re.compile(r"(?i)(?:submitted\s+by|prepared\s+by|from\s*:|on\s+behalf\s+of|sincerely|respectfully|regards|"
                     r"yours\s+(?:truly|faithfully|sincerely)|gruessen|grüßen|\bfor\s+(?=\S+(?:\s+\S+){0,4}\s*:))[\s,]*"
                     r"(?:\n[^\n]*){0,3}?\n?\s*$")
# A letterhead without a legal form: "Acme Biologics", "NORTHWIND BIOPHARMA" alone on a line.
_BRAND = re.compile(r"^[ \t]*((?:[A-Z][A-Za-z&'’-]+[ \t]+){0,3}(?:Bio\w*|Pharma\w*|Therapeutics|CDMO|Labs?|Manufacturing|"
                    r"Sciences|Biologics|Biotech\w*|BIO\w*|PHARMA\w*)(?:[ \t]+[A-Z][A-Za-z&'’-]+){0,2})[ \t]*$", re.M)
_PLEASED = re.compile(r"^[\s,(\"“]*(?:\(\s*[\"“][^\"”]+[\"”]\s*\)\s*)?(?:is|are)\s+(?:pleased|delighted|happy|glad)\b"
                      r"|^\s*(?:proposes|offers|will\s+perform|has\s+(?:completed|specialised|specialized)|thanks)\b", re.I)


@dataclass
class Author:
    """The vendor's name as the document writes it, where it was found, and the addressees' names."""

    name: str | None
    page: int = 0
    start: int = 0
    end: int = 0
    addressees: tuple[str, ...] = ()

    def words(self) -> set[str]:
        """The vendor's own words (not legal forms), lower case: what "Acme requires" is checked against."""
        if not self.name:
            return set()
        return {w.casefold() for w in re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", self.name)
                if not re.fullmatch(_SUFFIX, w)}


def find_author(pages) -> Author:
    """The vendor: the company in running headers/footers, letterhead and signature, and never the addressee."""
    running = _running_lines(pages)
    found: dict[str, list] = {}
    addressed: set[str] = set()
    for page in pages:
        names = list(COMPANY.finditer(page.text))
        if page is pages[0] and all(_TO_LINE.match(_line_at(page.text, m.start())) for m in names):
            names += list(_BRAND.finditer(page.text))  # a letterhead without a legal form, the legal names all addressees
        # A house without a legal form in its running header or footer ("Acme Biologics | Confidential | 2").
        names += [m for m in _RUNNING_BRAND.finditer(page.text) if _shape(_line_at(page.text, m.start())) in running
                  and not any(n.start() <= m.start() < n.end() for n in names)]
        for m in names:
            line_start = page.text.rfind("\n", 0, m.start()) + 1
            line_end = page.text.find("\n", m.end())
            line = page.text[line_start:line_end if line_end >= 0 else len(page.text)]
            key = _key(_ADDRESSED_LEAD.sub("", m.group(0)))
            if _TO_LINE.match(line) or _TO_NEAR.search(page.text[max(line_start, m.start() - 60):m.start()]) or \
                    _ADDRESSED_LEAD.match(m.group(0)):  # "PROPOSAL FOR ACME PHARMA LTD" names the addressee
                addressed.add(key)
                continue
            score = 1.0
            score += 1.0 if _shape(line) in running else 0.0  # a running header or footer is the author's
            score += 1.0 if _BY_CUE.search(page.text[max(0, m.start() - 120):m.start()]) else 0.0  # signature
            score += 0.5 if _PLEASED.search(page.text, m.end(), m.end() + 60) else 0.0
            score += 0.5 if page is pages[0] and page.text.count("\n", 0, m.start()) < 3 else 0.0  # letterhead
            found.setdefault(key, []).append((score, page.number, m))
    ranked = []
    for key, hits in found.items():
        total = sum(score for score, _, _ in hits) + 0.3 * len({number for _, number, _ in hits})
        if key in addressed:
            total -= 2.5  # named as the addressee somewhere: only its own signature or footer can outweigh that
        ranked.append((total, key, hits))
    if not ranked:
        return Author(None, addressees=tuple(sorted(addressed)))
    ranked.sort(key=lambda r: (-r[0], r[2][0][1], r[2][0][2].start()))
    _, key, hits = ranked[0]
    # Quote the best-placed mention, written in mixed case where the document has one.
    _, number, m = max(hits, key=lambda h: (not h[2].group(0).isupper(), h[0], -h[1]))
    owners = {_key(o.group(1)) for page in pages for o in _RFP_OWNER.finditer(page.text)} - set(key.split())
    return Author(m.group(0).strip(), number, m.start(), m.end(), tuple(sorted((addressed | owners) - {key})))


# Whose RFP it is names the sponsor even where its full company name is never printed on one line ("quoted from
# Acme RFP AC-12", "Acme's tender"): the words such a name owns are the sponsor's, as an addressee's are.
_RFP_OWNER = re.compile(r"(?<![\w&'’-])(?!(?:The|This|That|These|Your|Our|Their|Its|His|Her|Each|Any|Full|Same|Original|"
                        r"Revised|Latest|Final|Draft|Sponsor|Client|Customer)\b)([A-Z][A-Za-z&-]{2,})(?:['’]s)?[^\S\n]+"
                        r"(?:RFP|RFQ|RFI|[Tt]ender|[Rr]equest\s+for\s+(?:[Pp]roposal|[Qq]uotation))\b")


_RUNNING_BRAND = re.compile(r"(?m)^[ \t]*((?:[A-Z][A-Za-z&'’-]+[ \t]+){0,3}(?:Bio\w*|Pharma\w*|Therapeutics|CDMO|Labs?|"
                            r"Manufacturing|Sciences|Biologics|Biotech\w*))(?=[ \t]*[|·•–-])")  # the letterhead's words (_BRAND)


def _line_at(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start:end if end >= 0 else len(text)]


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _running_lines(pages) -> set[str]:
    """Header and footer lines that repeat on several pages (page numbers aside)."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    for page in pages:
        lines = [line for line in page.text.split("\n") if line.strip()]
        seen.update({_shape(line) for line in lines[:2] + lines[-2:]})
    return {shape for shape, count in seen.items() if count >= 2}


def _key(name: str) -> str:
    words = [w for w in re.findall(r"[\w&'’]+", name.casefold())]
    legal = {"inc", "llc", "llp", "ltd", "ltda", "lda", "limited", "gmbh", "ag", "sa", "se", "bv", "nv", "plc", "corp", "corporation", "kk",
             "co", "spa", "pty", "pte", "pvt", "kg", "sas", "srl", "ab", "oy", "l", "c", "s", "a", "p", "b", "v", "n"}
    return " ".join(w for w in words if w not in legal)


# -- the sponsor's words ------------------------------------------------------------------------------------

# A sentence ends at a full stop, never at an initial's ("the U.S. FDA", "e.g. the EMA").
_BOUNDARY = re.compile(r"(?<=[.?!])(?<!\b[A-Za-z]\.)[\"”')\]]*\s+(?=[A-Z0-9\"“(])|\n\s*\n|\n(?=\s*(?:[A-Z]\.?\d+(?:\.\d+)*\b|\d+(?:\.\d+)+\b|[a-z]\)|"
                       r"\(?[ivx]+\)|[-•▪*\x7f]))|\n(?=[A-Z][\w /&()-]{2,40}:\s)")  # a "Label: value" line is new
# A sentence's own numbering or bullet: "C.7", "2.1", "a)", "(iv)", "•" (a slide's or list's item).
_NUMBERING = r"(?:[-•▪*\x7f–]\s*)?(?:[A-Z]\.?\d+(?:\.\d+)*\.?|\d+(?:\.\d+)*\.?|[a-z]\)|\(?[ivx]+\))?\s*"
_REQUEST = re.compile(rf"^\s*{_NUMBERING}(?:please\s+)?(?:state|provide|describe|list|confirm|indicate|specify|give|"
                      r"explain|detail|outline|submit|identify|quote|summari[sz]e|propose)\b(?=[^\S\n]+\S)", re.I)  # a column header "Detail" asks nothing
_SPONSOR_SUBJECT = re.compile(
    rf"^\s*{_NUMBERING}(?:[^,.\n]{{0,40}},\s*)?(?:the\s+)?(?P<subject>(?:[A-Z][\w&'’-]*\s+){{0,3}}[\w&'’-]+?)(?:['’]s)?\s+"
    r"(?:\w+\s+){0,2}?(?P<verb>requires?|required|requests?|requested|expects?|expected|prefers?|preferred|seeks?|"
    r"sought|intends?|wants?|asks?|asked|needs?|shall|must|should)\b"
)
# The sponsor speaking ("The Sponsor requires", "Acme prefers") or the RFP's rules for bidders
# ("Proposals must remain valid for 120 days"); a vendor's own "the Client shall pay" is neither.
_SPONSOR = re.compile(r"(?i)^(?:sponsor|client|customer|rfp|request)$")
_BIDDERS = re.compile(r"(?i)^(?:responders?|respondents?|proposals?|offers?|bids?|bidders?|suppliers?|vendors?|cdmos?|"
                      r"applicants?|responses?)$")
_MODAL = {"shall", "must", "should"}
_SPONSORS_OWN = re.compile(rf"^\s*{_NUMBERING}(?:the\s+)?(?P<who>[\w&-]+)['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:terms|requirements?|"
                           r"standard|expectations?|preferences?|timeline|target|request|conditions)\b", re.I)
# A straight quote mark opens after a space or bracket and closes after a word, so a short "(\"KOM\")" earlier on the page
# does not pair its closing mark with the next passage's opening one.
_QUOTED = re.compile(r"(?:(?<![^\s(\[:])\"|“)(?=\S)([^\"“”]{60,1500})(?<=\S)(?:\"(?![^\s.,;:)\]!?])|”)")
_QUOTE_INTRO = re.compile(r"(?i)\brfp\b|request for proposal|quoted|verbatim|wording|as stated|restate|requirement")


def foreign_spans(text: str, author: Author | None = None) -> list[tuple[int, int]]:
    """Spans of `text` in the sponsor's words: RFP questions, requests, requirements and quoted RFP passages."""
    own = author.words() if author else set()
    addressed = {w for name in (author.addressees if author else ()) for w in name.split() if len(w) > 2}
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in [*_BOUNDARY.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        sentence = text[start:end]
        if sentence.strip() and _is_sponsors(sentence, own, addressed, text[end:end + 40]):
            spans.append((start, end))
        start = boundary.end() if boundary else end
    for m in _QUOTED.finditer(text):
        if _QUOTE_INTRO.search(text, max(0, m.start() - 250), m.start()):
            spans.append(m.span())
    spans += requirement_cells(text)
    return merge_spans(spans)


# A compliance matrix: the RFP's requirement, then the vendor's verdict on it ("Partially compliant"), then its own
# comment. The requirement cell ("First GMP batch within 20 weeks") is the sponsor's figure, not the offer's.
_VERDICT = r"(?:fully\s+|partially\s+|partly\s+|not\s+|non[- ]?)?compl(?:iant|ies|y)\b"
_VERDICT_LINE = re.compile(rf"(?im)^[^\S\n]*{_VERDICT}[^\S\n]*$")
_VERDICT_AFTER = re.compile(rf"(?im)^([^\n]{{3,80}}?)[ \t]*\|?[ \t]+{_VERDICT}")


def requirement_cells(text: str) -> list[tuple[int, int]]:
    """Requirement cells of a compliance matrix: the cell before a verdict, on its line or the line above."""
    if not re.search(r"(?i)\bcompl(?:iance|iant)\b", text):
        return []
    spans = []
    for verdict in _VERDICT_LINE.finditer(text):
        above_end = text.rfind("\n", 0, verdict.start())
        above_start = text.rfind("\n", 0, max(above_end, 0)) + 1
        if 0 < above_end - above_start <= 80 and not _VERDICT_LINE.fullmatch(text, above_start, above_end):
            spans.append((above_start, above_end))
    spans += [line.span(1) for line in _VERDICT_AFTER.finditer(text)]
    return spans


# The RFP reported as the subject: "Your RFP mentions a target of mid-2027", "The RFP requested Phase 1 supply by Q4".
_RFP_SAYS = re.compile(
    rf"(?i)^\s*{_NUMBERING}(?:for\s+reference,?\s+|as\s+a\s+reminder,?\s+|note\s+that\s+)?(?:the|your|this)\s+"
    r"(?:rfp|request\s+for\s+(?:proposal|quotation|information)|tender|brief|questionnaire|invitation|specification)\b"
    r"(?:\s+\S+){0,3}?\s+(?:mentions?|mentioned|states?|stated|specif(?:y|ies|ied)|asks?|asked|calls?\s+for|called\s+for|"
    r"requests?|requested|requires?|required|indicates?|indicated|sets?\s+out|lists?|listed|notes?|noted|expects?|"
    r"expected|describes?|described|targets?|gives?|gave|assumes?|assumed)\b"
)
_QUESTION_WORD = re.compile(r"(?i)\b(?:what|which|how|do|does|did|are|is|has|have|will|can|could|would|should|when|"
                            r"where|who|whether)\b")
_ANSWER = re.compile(r"(?i)\s*[-–:]?\s*(?:yes|no|none|n/?a|not\b|confirmed|correct)\b")


def _is_sponsors(sentence: str, own: set[str], addressed: set[str], after: str = "") -> bool:
    if sentence.rstrip().endswith("?") and len(sentence.split()) >= 5:
        # "Lyophilization available? No." is a label and its answer, not the sponsor's words.
        numbered = re.match(rf"\s*(?:[A-Z]\.?\d+(?:\.\d+)*|\d+(?:\.\d+)+)\b", sentence)
        return bool(numbered or _QUESTION_WORD.search(sentence)) and not _ANSWER.match(after)
    if _REQUEST.match(sentence) or _RFP_SAYS.match(sentence):
        return True
    owner = _SPONSORS_OWN.match(sentence)
    if owner and (_SPONSOR.match(owner.group("who")) or owner.group("who").casefold() in addressed):
        return True  # "The Sponsor's standard terms are payment 60 days from invoice…"
    m = _SPONSOR_SUBJECT.match(sentence)
    if not m:
        return False
    words = [w.casefold().strip("'’") for w in m.group("subject").split()]
    if own & set(words) or words[-1] in ("we", "i", "our"):
        return False
    if m.group("verb") in _MODAL:
        return bool(_BIDDERS.match(words[-1]))
    return bool(_SPONSOR.match(words[-1])) or bool(addressed & set(words))


# -- other clients' programs --------------------------------------------------------------------------------

_OTHERS_HEADING = re.compile(
    r"(?im)^[^\S\n]*(?:\d+(?:\.\d+)*\.?\s+|(?:appendix|annex|section|exhibit)\s+\w{1,3}\s*[-–:.]?\s*)?"
    r"(?:our\s+|selected\s+|recent\s+|relevant\s+)?(?:track\s+record|"
    r"reference\s+(?:projects?|programs?|programmes?|clients?|cases?|customers?)|references|case\s+stud(?:y|ies)|"
    r"past\s+(?:projects?|performance)|prior\s+(?:projects?|programs?)|client\s+references|"
    r"(?:projects?|programs?|programmes?)\s+for\s+other\s+clients)\b[^\n]{0,60}$"
)
_NEXT_SECTION = re.compile(r"(?m)^[^\S\n]*(?:\d+\.(?:\d+\.?)*[^\S\n]+[A-Z][^\n]{0,60}|(?:annex|appendix|section)\b[^\n]{0,60})$",
                           re.I)


def other_programs_spans(text: str) -> list[tuple[int, int]]:
    """Sections about other clients' programs (track record, reference projects): not this program's figures."""
    spans = []
    for m in _OTHERS_HEADING.finditer(text):
        end = _NEXT_SECTION.search(text, m.end())
        spans.append((m.start(), end.start() if end else len(text)))
    return spans


# -- someone else's capability ------------------------------------------------------------------------------

OTHER_PARTY = re.compile(
    r"(?i)(?:sponsor|client|customer)['’]?s?\s+(?:[\w/-]+\s+){0,3}(?:partner|provider|vendor|supplier|cdmo)|"
    r"(?:partner|provider|cdmo|vendor|supplier)\s+(?:nominated|designated|selected|chosen|of\s+(?:your|the\s+(?:sponsor|"
    r"client|customer))['’]?s?\s+choice)|your\s+(?:[\w/-]+\s+){0,2}(?:partner|provider|vendor|supplier|cdmo)s?\b|"
    r"third[- ]party|external\s+(?:partner|laborator\w*|provider)|their\s+own\b|(?:clients|customers)['’]\s|"
    r"by\s+the\s+(?:sponsor|client|customer)\b|"
    # the sponsor's product described ("the sponsor's product is a lyophilized powder"): its form, not our capability
    r"(?:(?:sponsor|client|customer)['’]s|your)\s+(?:[\w-]+\s+){0,2}(?:product|drug|molecule|formulation|presentation)\s+"
    r"(?:is|are)\b"
)
NOT_YET = re.compile(r"(?i)\bplanned\b|\bgo-?live\b|\bunder\s+(?:construction|qualification)\b|\bbeing\s+(?:qualified|"
                     r"commissioned|installed|validated)\b|\bwill\s+(?:be\s+)?(?:introduced|implemented|installed|added|"
                     r"available)\b|\bnot\s+(?:yet\s+)?(?:be\s+)?available\b|\bexpected\s+(?:in|by)\b|\bby\s+20\d\d\b|"
                     r"\btransition\s+to\b|\bcan\s+be\s+(?:qualified|implemented|introduced|installed|set\s+up|validated)\b|"
                     r"\b(?:can|could|would|plan(?:s|ning)?\s+to|intends?\s+to|aims?\s+to)\s+(?:implement|introduce|"
                     r"install|set\s+up|adopt|switch\s+to|move\s+to|migrate\s+to|roll\s+out)\b|\bnext\s+year\b")
OPTIONAL = re.compile(r"(?i)\bcan\s+be\s+(?:added|provided|arranged)|\bas\s+(?:an\s+)?option\b|\boption\s+[A-Z0-9]\b|"
                      r"\bon\s+request\b|\bif\s+(?:requested|required|ordered|desired|selected|chosen|exercised)\b|\bif\s+(?:[\w'’-]+\s+){1,3}(?:requests?|requires?|wants?)\b|"
                      r"\bat\s+(?:extra|additional)\s+cost\b")
# What an offer leaves out of its scope, and words that still say the vendor can do it ("available but excluded").
OUT_OF_SCOPE = re.compile(r"(?i)\bnot\s+(?:\w+\s+)?(?:included|in(?:\s+the)?\s+(?:base\s+)?scope|part\s+of\s+(?:th\w+|our)\s+"
                           r"(?:scope|proposal|offer|estimate|quotation))|\b(?:outside|out\s+of)\s+(?:the\s+|this\s+|our\s+)?"
                           r"(?:scope|statement\s+of\s+work|sow)\b|\bexclud(?:ed|es)\b|\bnot\s+(?:required|requested|"
                           r"needed|quoted|proposed)\b")
AFFIRMS = re.compile(r"(?i)\b(?:available|offered|offers?|operates?|provides?|capabilit\w*|in-house|we\s+have|yes)\b")
# A compliance matrix or questionnaire prints a requirement in one cell and the answer in the next few.
ANSWER_CELL = re.compile(r"(?i)^\s*(?:(?P<no>no\b|not\s+(?:compliant|offered|available|applicable)|non[- ]?compliant|"
                          r"n/?a\b)|(?P<yes>yes\b|(?:fully\s+)?compliant\b|available\b|offered\b))")
VERDICT_NEXT = re.compile(r"(?i)[^\n]{0,70}\n\s*(?:not\s+|non[- ]?)?compliant\b")
CELL = 70  # a line this short that does not end a sentence is a table cell
