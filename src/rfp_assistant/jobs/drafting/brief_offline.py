"""Offline brief parser: shorthand-aware rules over the brief's lines, sentences and "key: value" pairs."""

from __future__ import annotations

import re
from collections import Counter

from rfp_assistant.core.text.negation import is_negated
from rfp_assistant.jobs.drafting import brief_terms as T
from rfp_assistant.jobs.drafting.brief_quantities import (
    read_all_matches,
    read_batch_size,
    read_batches,
    read_cadence,
    read_capabilities,
    read_dosage,
    read_governance,
    read_scale,
    read_scope_notes,
)
from rfp_assistant.jobs.drafting.brief_units import (
    Unit,
    listed,
    stated,
    units_from_mapping,
    units_from_text,
    value_part,
)
from rfp_assistant.jobs.drafting.brief_values import (
    clauses,
    find_budget,
    find_evaluation_priorities,
    find_location,
    find_markets,
    find_timeline,
)
from rfp_assistant.schemas.brief import BriefField, ProjectBrief

__all__ = ["parse_units", "units_from_mapping", "units_from_text"]


def parse_units(units: list[Unit], source_format: str = "text") -> ProjectBrief:
    """Read every ProjectBrief field from the brief's units; a field with no evidence stays missing."""
    brief = ProjectBrief(source_format=source_format)
    text = "\n".join(u.text for u in units)
    keyed = lambda name: [u for u in units if u.key == name]  # noqa: E731
    brief.title = _title(keyed("title"))
    brief.company_name = _company(keyed("company_name"), units)
    brief.product_name = _product(keyed("product_name"), units)
    brief.modality = _modality(keyed("modality") + keyed("product_name") + units, brief.value("company_name"))
    brief.phase = _phase(keyed("phase"), units)
    brief.expression_system = _expression(keyed("expression_system"), units)
    brief.services = _services(units, brief.value("phase"))
    brief.scale_l = read_scale(units)
    brief.batches = read_batches(units)
    brief.batch_size = read_batch_size(units)
    brief.dosage_form = read_dosage(keyed("dosage_form"), units)
    brief.special_capabilities = read_capabilities(units)
    brief.markets = find_markets(units)
    brief.location_preference = find_location(units)
    brief.regulatory_frameworks = read_all_matches(T.FRAMEWORKS, units, affirmed=True)
    brief.submissions = read_all_matches(T.SUBMISSIONS, units, whole=False)
    brief.timeline = find_timeline(units)
    brief.budget = find_budget(units)
    brief.governance_style = read_governance(units)
    brief.reporting_cadence = read_cadence(text)
    brief.dedicated_project_manager = stated(True, m.group(0)) if (m := T.DEDICATED_PM.search(text)) else BriefField()
    brief.evaluation_priorities = find_evaluation_priorities(units)
    brief.scope_notes = read_scope_notes(units)
    services = set(brief.value("services", []))
    brief.drug_substance_only = bool(T.DS_ONLY.search(text)) or (
        bool(services & {"clinical_manufacturing", "commercial_manufacturing"}) and "fill_finish" not in services
        and not brief.stated("dosage_form") and re.search(r"\bDS\b|drug substance|\bAPI\b", text, re.I) is not None
    )
    return brief


def _title(keyed: list[Unit]) -> BriefField:
    return stated(value_part(keyed[0]), value_part(keyed[0])) if keyed else BriefField()


def _company(keyed: list[Unit], units: list[Unit]) -> BriefField:
    if keyed:
        return stated(value_part(keyed[0]), value_part(keyed[0]))
    for unit in units:
        for m in T.COMPANY.finditer(unit.text):
            if T.THIRD_PARTY_BEFORE.search(unit.text[max(0, m.start() - 40):m.start()]):
                continue
            words = m.group(1).split()
            while words and words[0] in T.COMPANY_STOP:
                words.pop(0)
            if len(words) >= 2:
                name = " ".join(words)
                return stated(name, name)
    return BriefField()


def _product(keyed: list[Unit], units: list[Unit]) -> BriefField:
    for pool in (keyed, units):
        codes = [m.group(1) for u in pool for m in T.PRODUCT_CODE.finditer(u.text) if not T.NOT_PRODUCT.match(m.group(1))]
        if codes:
            counts = Counter(codes)
            best = max(codes, key=lambda c: (counts[c], -codes.index(c)))
            return stated(best, best)
    if keyed:
        value = re.split(r"[,(]", value_part(keyed[0]))[0].strip()
        if value and len(value) <= 40:
            return stated(value, value)
    return BriefField()


def _modality(units: list[Unit], company: str | None) -> BriefField:
    for name, rule in T.MODALITY_RULES:
        phrases = [_modality_phrase(u.text, m) for u in units for m in rule.finditer(u.text)
                   if not _in_code(u.text, m) and not _in_name(u.text, m, company)]
        if phrases:
            return stated(name, max(phrases, key=lambda p: (len(p.split()), -phrases.index(p))))
    return BriefField()


def _in_name(text: str, m: re.Match, name: str | None) -> bool:
    """True when the match is part of the company's name ('Nordic Peptides AB' names no modality)."""
    if not name:
        return False
    return any(s <= m.start() and m.end() <= s + len(name) for s in (x.start() for x in re.finditer(re.escape(name), text)))


def _in_code(text: str, m: re.Match) -> bool:
    start = text.rfind(" ", 0, m.start()) + 1
    end = text.find(" ", m.end())
    return bool(T.PRODUCT_CODE.fullmatch(text[start: end if end >= 0 else len(text)].strip(",;:()")))


def _modality_phrase(text: str, m: re.Match) -> str:
    """The match widened to the brief's noun phrase: 'anti-TIGIT mAb', 'mRNA-LNP seasonal flu vaccine'."""
    end = m.end() + len(re.match(r"[\w/-]*", text[m.end():]).group(0))
    tokens = [t for t in re.finditer(r"\S+", text)]
    after = [t for t in tokens if t.start() >= end][:3]
    for i in range(len(after), 0, -1):
        words = [t.group(0) for t in after[:i]]
        if T.MODALITY_HEADS.match(words[-1].rstrip(",;:).")) and not any(re.search(r"[,;:()]", w) for w in words[:-1]):
            end = after[i - 1].start() + len(words[-1].rstrip(",;:).").rstrip())
            break
    start = m.start()
    for t in reversed([t for t in tokens if t.end() <= m.start()][-3:]):
        word = t.group(0)
        if re.search(r"[,;:)]$", word) or T.MODIFIER_STOP.match(word.lstrip("(")) or T.PRODUCT_CODE.fullmatch(word):
            break
        start = t.start() + (1 if word.startswith("(") else 0)
        if word.startswith("("):
            break
    return text[start:end].strip()


def _phase(keyed: list[Unit], units: list[Unit]) -> BriefField:
    hits = [m for pool in (keyed, units) for unit in pool for m in T.PHASE_PATTERN.finditer(unit.text)]
    ahead = [m for m in hits if not _phase_done(m.string, m)]
    for m in (ahead or hits)[:1]:
        return stated(T.PHASE_NAMES[m.group(1).upper()], m.group(0))
    for unit in keyed:
        if T.COMMERCIAL_PHASE.search(value_part(unit)):
            return stated("Commercial", value_part(unit))
    for unit in units:
        if re.search(r"\bcommercial[- ](?:stage|product|supply only)\b|\bapproved product\b", unit.text, re.I):
            return stated("Commercial", unit.text)
    for unit in units:
        if m := T.COMMERCIAL_WORK.search(unit.text):
            if not T.FIH.search(unit.text) and not T.PRECLINICAL.search(unit.text):
                return stated("Commercial", m.group(0))
    for unit in units:
        if m := T.FIH.search(unit.text):
            return stated("Phase 1", m.group(0))
        if m := T.PRECLINICAL.search(unit.text):
            return stated("Preclinical", m.group(0))
    return BriefField()


def _phase_done(text: str, m: re.Match) -> bool:
    """Whether the brief names this phase as finished ("Phase 1 done", "after a completed Ph1")."""
    return bool(T.PHASE_DONE_AFTER.match(text, m.end()) or T.PHASE_DONE_BEFORE.search(text[max(0, m.start() - 30):m.start()]))


def _expression(keyed: list[Unit], units: list[Unit]) -> BriefField:
    """The host named under its own key, else the first one the brief names ('Sf9', not the HEK293 it rules out)."""
    for value, rule in T.EXPRESSION_RULES:
        for unit in keyed:
            if rule.search(unit.text):
                return stated(value, value_part(unit))
    for unit in units:
        hits = [(m.start(), value, m) for value, rule in T.EXPRESSION_RULES for m in rule.finditer(unit.text)]
        if hits:
            _, value, m = min(hits, key=lambda h: h[0])
            return stated(value, m.group(0))
    return BriefField()


def _services(units: list[Unit], phase: str | None) -> BriefField:
    found: dict[str, str] = {}
    order = sorted(T.SERVICE_CUES, key=lambda s: s != "commercial_manufacturing")
    for service in order:
        cues = T.SERVICE_CUES[service]
        for cue in cues:
            pattern = re.compile(cue, re.I)
            for unit in units:
                hit = _service_hit(pattern, unit.text, service)
                if hit:
                    target = service
                    if service == "clinical_manufacturing" and phase == "Commercial" and "clinical" not in hit.lower():
                        target = "commercial_manufacturing"
                    found.setdefault(target, hit)
                    break
            if service in found:
                break
    return listed([(s, found[s]) for s in T.SERVICE_ORDER if s in found])


def _service_hit(pattern: re.Pattern, text: str, service: str) -> str | None:
    for clause in clauses(text):
        m = pattern.search(clause)
        if not m or T.SERVICE_NEGATION.search(clause) or is_negated(clause, m.start(), m.end()):
            continue
        if service == "fill_finish" and m.group(0) in ("DP", "drug product") and T.SOLID_ORAL.search(clause):
            continue
        if service == "clinical_manufacturing" and re.search(r"\bcommercial\b", clause[max(0, m.start() - 12):m.start()], re.I):
            continue
        return m.group(0)
    return None


