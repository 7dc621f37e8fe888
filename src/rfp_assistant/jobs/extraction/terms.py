"""Fields read from term lists (knowledge/extraction_terms.yaml): capabilities, enums and lists."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from rfp_assistant.resources import KNOWLEDGE_DIR
from rfp_assistant.jobs.extraction.candidates import (Candidate, Page, any_of, decide, list_result, quote_between,
                                                      sentence_start)
from rfp_assistant.core.text.negation import is_negated
from rfp_assistant.jobs.extraction.columns import cells_under
from rfp_assistant.jobs.extraction.layout import wrapped
from rfp_assistant.jobs.extraction.options import option_spans
from rfp_assistant.jobs.extraction.roles import (AFFIRMS, NOT_YET, OPTIONAL, OTHER_PARTY, OUT_OF_SCOPE,
                                                 VERDICT_NEXT)
from rfp_assistant.jobs.extraction.answers import is_question, mark_answer, row_answer, row_quote, unanswered
from rfp_assistant.jobs.extraction.scope import read_services
from rfp_assistant.jobs.extraction.approvals import read_approvals
from rfp_assistant.jobs.extraction.capabilities import (PARTY_AFTER, asked, bare_mention, denies_capability,
                                                       done_by_other, names_a_form, says_cannot)

# Capabilities count whether or not this proposal's scope uses them; practices (a dedicated PM, electronic batch
# records, dual sourcing) count only as the proposal commits to them.
CAPABILITIES = ("aseptic_fill_finish", "lyophilization", "high_containment")
from rfp_assistant.schemas.proposal import Evidence, FieldResult


@lru_cache(maxsize=1)
def _terms() -> dict:
    data = yaml.safe_load((KNOWLEDGE_DIR / "extraction_terms.yaml").read_text())

    def compile_all(patterns):
        return [re.compile(wrapped(_capitalised(p)), re.I) for p in patterns or []]

    data["_negations"] = compile_all(data["negations"])
    data["_context"] = {k: compile_all(v) for k, v in data["context"].items()}
    for section in ("booleans",):
        for spec in data[section].values():
            spec["_terms"] = compile_all(spec.get("terms"))
            spec["_negative"] = compile_all(spec.get("negative_terms"))
            spec["_topic"] = compile_all(spec.get("topic"))
            spec["_subject"] = compile_all(spec.get("subject"))
    for section in ("enums", "lists"):
        for key, options in data[section].items():
            data[section][key] = {name: compile_all(patterns) for name, patterns in options.items()}
    return data


_ABBREVIATION = re.compile(r"\\b([a-z]{2,4})(s\??)?\\b")


def _capitalised(pattern: str) -> str:
    """A term of up to four letters is an abbreviation ('\\bmes\\b', '\\bnda\\b'): read only where written with a capital
    ('MES', 'mRNA'), never as the word 'mes' or 'nda' in lower case."""
    m = _ABBREVIATION.fullmatch(pattern)
    return rf"\b(?=(?-i:[a-z]*[A-Z])){m.group(1)}{m.group(2) or ''}\b" if m else pattern


def boolean_terms(key: str) -> dict[str, list[re.Pattern]]:
    """A yes/no field's patterns: "terms" (saying it), "negative" (denying it), "topic" (naming the subject)."""
    spec = _terms()["booleans"][key]
    return {"terms": spec["_terms"], "negative": spec["_negative"], "topic": spec["_topic"] or spec["_terms"]}


def enum_terms(key: str) -> dict[str, list[re.Pattern]]:
    """Patterns naming each option of an enum field."""
    return _terms()["enums"][key]


def list_terms(key: str) -> dict[str, list[re.Pattern]]:
    """Patterns naming each option of a list field."""
    return _terms()["lists"][key]


_BULLET = re.compile(r"\s*(?:[-•▪*\x7f]|\(?[a-z0-9]{1,2}[.)])\s")


def _sentence(page: Page, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence (or table cell line) around [start, end); a bullet item is its own sentence."""
    line = page.line_of(start)
    line_left = page.line_starts[line]
    if _BULLET.match(page.text, line_left):
        return line_left, page.line_end(page.line_of(end))
    blank = page.text.rfind("\n\n", 0, start)  # none: the page's first paragraph starts at 0, not at 1
    left = max(sentence_start(page.text, start, max(start - 220, 0)), blank + 2 if blank >= 0 else 0, start - 220, 0)
    line_left = page.line_starts[page.line_of(start)]
    # A line starting in lower case continues the sentence above ("...a joint review call take place\nevery two
    # weeks"); any other line start (a cell, a bullet, a capital) begins its own sentence.
    continues = page.text[line_left:line_left + 1].islower()
    if (page.text[line_left:start].strip() == "" and not continues) or re.match(r"[-•▪*]|\d+[.)]|[A-Z]", page.text[line_left:line_left + 2]):
        left = max(left, line_left)
    stop = _SENTENCE_STOP.search(page.text, end)
    right = min(stop.start() if stop else len(page.text), end + 220)
    return left, right


_SENTENCE_STOP = re.compile(r"(?<!\b[A-Z])\.(?=\s|$)|\n\n|\n(?=Q\d|\d+\.\s|[-•\x7f])")


_DENIED_TERM = re.compile(r"(?i)\b(?:no|not|without|excluding)\s+(?:[\w/-]+\s+)?$")


def _negated(page: Page, start: int, end: int) -> bool:
    left, right = _sentence(page, start, end)
    sentence = page.text[left:right]
    if is_negated(sentence, start - left, end - left):
        return True
    before = page.text[max(left, start - 70):start]
    negation = any_of(tuple(_terms()["_negations"]))
    return bool(negation.search(before)) and not re.search(r"\b(?:and|also|but)\b", before[-25:])


def read_boolean(key: str, pages: list[Page]) -> FieldResult:
    """True when the proposal says it offers the capability, False only when it says it does not."""
    spec = _terms()["booleans"][key]
    positives, negatives, denials = [], [], []
    for page in pages:
        for pattern in spec["_negative"]:
            for m in pattern.finditer(page.text):
                if page.is_foreign(m.start()):
                    continue
                # A denial counts only where its sentence names the field's subject: "on paper" in "before I put
                # numbers on paper" says nothing about batch records.
                left, right = _sentence(page, m.start(), m.end())
                if not any(t.search(page.text, left, right) for t in spec["_topic"] or spec["_terms"]):
                    continue
                negatives.append(Candidate(False, page.number, quote_between(page, m.start(), m.end()), 0.9))
        for pattern in spec["_terms"]:
            for m in pattern.finditer(page.text):
                if page.is_foreign(m.start()):
                    # A requirement the vendor answers in its matrix ("Fill-finish of DP | Not compliant") is its word.
                    answer = row_answer(page, m.start(), m.end(), _negated) \
                        if VERDICT_NEXT.match(page.text, m.end()) or is_question(page, m.start()) else None
                    if answer is not None:
                        (positives if answer else negatives).append(Candidate(answer, page.number, row_quote(page, m),
                                                                              0.85))
                    continue
                # A term said with a negation ("…; no BSL-3 handling") is a comment cell, not the label of the tick
                # that follows it (the next row's, when the table's lines run together).
                denied = _DENIED_TERM.search(page.text, page.line_starts[page.line_of(m.start())], m.start())
                mark = mark_answer(page, m.end()) if not denied else None
                if mark is not None:  # a tick or a cross in the label's own row answers it
                    (positives if mark else negatives).append(Candidate(mark, page.number, row_quote(page, m), 0.9))
                    continue
                if any(n.search(page.text, max(0, m.start() - 40), m.end() + 40) for n in spec["_negative"]):
                    continue
                if unanswered(page, m.end()):
                    continue  # "Electronic batch records: to be confirmed" names the practice without answering
                quote = _sentence_quote(page, m.start(), m.end())
                clause = _clause(page, m.start(), m.end())
                if key in CAPABILITIES and OUT_OF_SCOPE.search(clause) and \
                        not AFFIRMS.search(page.text, *_sentence(page, m.start(), m.end())):
                    continue  # "fill-finish is not included" says what this offer leaves out, not what the CDMO can do
                answer = row_answer(page, m.start(), m.end(), _negated)
                if answer is not None:
                    (positives if answer else negatives).append(Candidate(answer, page.number, row_quote(page, m), 0.85))
                    continue
                question, said = asked(page.text, m.end()) if key in CAPABILITIES else (False, None)
                if question:  # a question states nothing: only the yes or no right after it answers
                    if said is not None:
                        (positives if said else negatives).append(Candidate(said, page.number, row_quote(page, m), 0.85))
                    continue
                if _negated(page, m.start(), m.end()):
                    if key not in CAPABILITIES or denies_capability(page.text[slice(*_sentence(page, m.start(), m.end()))]):
                        negatives.append(Candidate(False, page.number, quote, 0.8))
                        if says_cannot(page, m.start(), m.end()):
                            denials.append(negatives[-1])
                    continue
                # Another party's capability, a plan for later, or (for practices, not capabilities) an option is
                # not a yes: "shipped to the Sponsor's fill-finish partner", "an MES planned for next year",
                # "a dedicated project manager can be added as an option".
                if OTHER_PARTY.search(clause) or PARTY_AFTER.match(page.text, m.end()) or NOT_YET.search(clause) or \
                        done_by_other(clause) or \
                        (key in CAPABILITIES and names_a_form(page.text, m.start(), m.end(), clause)):
                    continue
                if spec["_subject"] and not any(t.search(page.text, *_sentence(page, m.start(), m.end()))
                                                for t in spec["_subject"]):
                    continue  # "two courier companies" says nothing about the materials the field asks about
                if key not in CAPABILITIES and (OPTIONAL.search(clause) or
                                                any(a <= m.start() < b for a, b in option_spans(page.text))):
                    continue
                bare = key in CAPABILITIES and bare_mention(clause, m.start() - page.text.find(clause), m.group(0))
                positives.append(Candidate(True, page.number, quote, 0.6 if bare else 0.8))
    if positives and key not in CAPABILITIES:
        # A practice the proposal commits to on one page and denies in so many words on another is a conflict.
        firm = [n for n in negatives if n.score >= 0.85 and all(n.page != c.page for c in positives)]
        if firm:
            return decide(sorted(positives, key=lambda c: -c.score)[:1] + firm[:1])
    if positives and (max(c.score for c in positives) >= 0.8 or not denials):
        # A capability stated anywhere beats a negation ("not in scope" is not "not offered"), a bare item no denial.
        return decide(positives, allow_conflict=False)
    return decide(negatives, allow_conflict=False)


_CLAUSE_BREAK = re.compile(r"(?i),\s+(?:since|and|but|which|while|whereas|as|because)\b|;\s|\s(?:since|because|whereas)\s")


def _clause(page: Page, start: int, end: int) -> str:
    """The clause of the sentence holding [start, end): "…offered at Raleigh, since … your fill partner" stops at since."""
    left, right = _sentence(page, start, end)
    for brk in _CLAUSE_BREAK.finditer(page.text, left, start):
        left = brk.end()
    brk = _CLAUSE_BREAK.search(page.text, end, right)
    return page.text[left:brk.start() if brk else right]


def _sentence_quote(page: Page, start: int, end: int) -> str:
    left, right = _sentence(page, start, end)
    right = min(right + 1, len(page.text)) if page.text[right:right + 1] == "." else right
    quote = page.text[left:right]
    if len(quote) > 260:
        return quote_between(page, start, min(end + 80, len(page.text)))
    return " ".join(quote.split()).strip(" ,;:")


def read_enum(key: str, pages: list[Page], context: re.Pattern | None = None) -> FieldResult:
    """The option named first in a relevant sentence; 'both'/'hybrid' when a proposal names two that combine."""
    options = _terms()["enums"][key]
    found: dict[str, Candidate] = {}
    declared: dict[str, Candidate] = {}
    for page in pages:
        for name, patterns in options.items():
            for pattern in patterns:
                for m in pattern.finditer(page.text):
                    if page.is_foreign(m.start()) or cells_under(page.cells, m.start()):
                        continue  # a column heading ("Unit price") names what its cells hold, not the model
                    left, right = _sentence(page, m.start(), m.end())
                    if context is not None and not context.search(page.text[left:right]):
                        continue
                    if _negated(page, m.start(), m.end()):
                        continue
                    score = 0.9 - 0.05 * min(len(found), 4)
                    if name not in found or found[name].page > page.number:
                        found[name] = Candidate(name, page.number, _sentence_quote(page, m.start(), m.end()), score)
                    if key == "pricing_model" and name not in declared and _DECLARES.search(
                            page.text, max(left, m.start() - 60), min(right, m.end() + 30)):
                        declared[name] = found[name]
    if not found:
        return FieldResult()
    if declared and (len(declared) == 1 or "hybrid" in declared):
        # "Pricing basis: fee-for-service", "All prices are fixed prices": the model the proposal declares, not
        # how one line item is priced ("Tech transfer | lump sum").
        return decide([declared.get("hybrid") or next(iter(declared.values()))], allow_conflict=False)
    if key == "bioreactor_type" and {"single_use", "stainless_steel"} <= found.keys():
        a, b = found["single_use"], found["stainless_steel"]
        evidence = [Evidence(page=a.page, quote=a.quote)] + ([] if b.quote == a.quote else [Evidence(page=b.page, quote=b.quote)])
        return FieldResult(value="both", status="stated", evidence=evidence, confidence=0.8)
    if key == "pricing_model" and "hybrid" in found:
        # A proposal that calls its model hybrid means it, even when it first spells out the fixed-price part.
        return decide([found["hybrid"]], allow_conflict=False)
    if key == "pricing_model" and len(found) >= 2 and "fixed_price" in found:
        parts = list(found.values())[:2]
        return FieldResult(value="hybrid", status="stated", confidence=0.6,
                           evidence=[Evidence(page=c.page, quote=c.quote) for c in parts])
    ordered = sorted(found.values(), key=lambda c: (c.page, -c.score))
    return decide(ordered[:1], allow_conflict=False)


# A sentence that declares how the whole offer is priced.
_DECLARES = re.compile(r"(?i)\bpricing\s+(?:basis|model|structure|approach)\b|\ball\s+(?:our\s+|the\s+)?prices\s+(?:are|in)\b|"
                       r"\bpriced\s+(?:on|as)\s+an?\s+(?:[\w-]+\s+){1,2}basis\b|\b(?:commercial\s+)?(?:model|basis)\s*:")
def read_list(key: str, pages: list[Page]) -> FieldResult:
    """Every option the proposal names in a qualifying context, each with one quote."""
    if key == "regulatory_approvals":
        return read_approvals(pages, _terms()["lists"][key], _sentence, _sentence_quote)
    if key == "services_included":
        return read_services(pages, _terms()["lists"][key], _negated)
    options = _terms()["lists"][key]
    ctx = _terms()["_context"]
    chosen: dict[str, Candidate] = {}
    for page in pages:
        for name, patterns in options.items():
            if name in chosen:
                continue
            for pattern in patterns:
                m = _first_qualifying(key, page, pattern, ctx)
                if m is not None:
                    chosen[name] = Candidate(name, page.number, _sentence_quote(page, m.start(), m.end()), 0.8)
                    break
    return list_result(options, chosen)


def _first_qualifying(key: str, page: Page, pattern: re.Pattern, ctx: dict) -> re.Match | None:
    for m in pattern.finditer(page.text):
        if page.is_foreign(m.start()):
            continue
        left, right = _sentence(page, m.start(), m.end())
        sentence = page.text[left:right]
        if _negated(page, m.start(), m.end()):
            continue
        if key == "regulatory_approvals":
            if not any(p.search(sentence) for p in ctx["approvals_positive"]):
                continue
            if any(p.search(sentence) for p in ctx["approvals_negative"]) and not re.search(r"approved by", sentence, re.I):
                continue
        elif key == "modalities" and any(p.search(sentence) for p in ctx["modality_negative"]):
            continue
        return m
    return None
