"""How brief facts read in the RFP, and how a missing one reads: '[To be confirmed: ...]'."""

from __future__ import annotations

import re

from rfp_assistant.jobs.drafting import brief_terms as T
from rfp_assistant.schemas.brief import ProjectBrief

OPEN_POINT = re.compile(r"\[To be confirmed:[^\]]*\]")

# What the open point says for each field the RFP needs but the brief does not give.
OPEN_LABELS = {
    "company_name": "sponsor company name", "product_name": "product name or code",
    "modality": "product modality", "phase": "development phase",
    "expression_system": "expression system or host cell", "services": "services requested from the CDMO",
    "scale_l": "production scale (bioreactor volume in liters)", "batches": "number of GMP batches",
    "dosage_form": "drug product presentation (dosage form and container)", "markets": "target markets",
    "timeline": "target milestones and dates", "budget": "budget for this scope",
    "location_preference": "preferred manufacturing location",
    "rfp_schedule": "RFP dates (intent to respond, written questions, proposal due date)",
    "sponsor_contact": "sponsor contact for this RFP (name and e-mail)",
}


def open_point(field: str) -> str:
    """The marker a draft shows where the brief leaves `field` open."""
    return f"[To be confirmed: {OPEN_LABELS.get(field, field.replace('_', ' '))}]"


def expand(text: str) -> str:
    """The brief's words with its shorthand spelled out ('DS' -> 'drug substance', 'lyo' -> 'lyophilized')."""
    out = text
    for pattern, full in T.ABBREVIATIONS:
        out = pattern.sub(full, out)
    return out


def money(value: dict | None) -> str:
    """'USD 6 million', 'EUR 4.5 million', 'USD 750,000'."""
    if not value:
        return ""
    amount, currency = float(value["amount"]), value["currency"]
    if amount >= 1e6:
        return f"{currency} {amount / 1e6:.2f}".rstrip("0").rstrip(".") + " million"
    return f"{currency} {amount:,.0f}"


def liters(value: float) -> str:
    """'2,000 L'."""
    return f"{value:,.0f} L" if float(value).is_integer() else f"{value:,} L"


def modality(brief: ProjectBrief) -> str:
    """The modality in the brief's words, with the schema label when the words do not already say it."""
    if not brief.stated("modality"):
        return ""
    label = T.MODALITY_LABELS.get(brief.value("modality"), brief.value("modality"))
    words = expand(brief.modality.text[0]) if brief.modality.text else ""
    if not words or _norm(label) in _norm(words):
        return words or label
    return f"{words} ({label})"


def phase(brief: ProjectBrief) -> str:
    """'Phase 1', or 'Phase 1 (Phase 1/2)' when the brief names the phase more precisely."""
    if not brief.stated("phase"):
        return ""
    value = brief.value("phase")
    words = expand(brief.phase.text[0]) if brief.phase.text else ""
    return value if not words or _norm(words) == _norm(value) or len(words) > 40 else f"{value} ({words})"


def batches(brief: ProjectBrief) -> str:
    """'2 GMP batches', '30 patient lots', '3 API campaigns' — the brief's own noun."""
    if not brief.stated("batches"):
        return ""
    n = brief.value("batches")
    text = brief.batches.text[0] if brief.batches.text else ""
    m = re.search(r"((?:(?:GMP|DS|API|drug substance|conjugation|patient|clinical|commercial|PPQ)\s+){0,2}"
                  r"(?:batch(?:es)?|lots?|campaigns?))\b", text, re.I)
    noun = m.group(1) if m else ("GMP batches" if brief.source_format != "text" or "GMP" in text else "batches")
    if n == 1:
        noun = re.sub(r"es$|s$", "", noun)
    return expand(f"{n} {noun}")


def quantity(brief: ProjectBrief) -> str:
    """Batches with their scale: '2 GMP batches at 2,000 L scale (2 x 2,000 L)'."""
    parts = [batches(brief)] if brief.stated("batches") else []
    if brief.stated("scale_l"):
        scale = liters(brief.value("scale_l"))
        parts.append(f"at {scale} scale" + (f" ({brief.value('batches')} x {scale})" if brief.stated("batches") else ""))
    if brief.stated("batch_size"):
        parts.append(f"of {brief.value('batch_size')} each")
    return " ".join(parts)


def timeline_rows(brief: ProjectBrief) -> list[tuple[str, str]]:
    """(milestone, date) rows of the brief's timeline."""
    return [(item["milestone"], item["date"]) for item in brief.value("timeline", [])]


def markets(brief: ProjectBrief) -> str:
    """'US (United States), EU (European Union)'."""
    return ", ".join(f"{code} ({T.MARKET_NAMES.get(code, code)})" for code in brief.value("markets", []))


def location(brief: ProjectBrief) -> str:
    """'EU (Europe), preferred' or 'US, required'."""
    if not brief.stated("location_preference"):
        return ""
    value = brief.value("location_preference")
    if value == "EU":
        value = "EU (Europe)"
    return f"{value} ({brief.location_preference.note or 'preferred'})"


def services(brief: ProjectBrief) -> list[str]:
    """One line per requested service: its label, then the brief's words when they add something."""
    lines = []
    for service, words in brief.items("services"):
        label = T.SERVICE_LABELS.get(service, service)
        detail = expand(words)
        lines.append(label if _says_label(words, label) else f"{label} — {detail}")
    return lines


def service_names(brief: ProjectBrief) -> str:
    """'tech transfer, clinical manufacturing and QC release testing'."""
    return plural_join([_lower_first(T.SERVICE_LABELS.get(s, s)) for s in brief.value("services", [])])


def place(value: str) -> str:
    """A place as it reads after 'in': 'the US', 'the US or the EU', 'North America'."""
    def one(p: str) -> str:
        return f"the {p}" if p in ("US", "EU", "UK") else p
    parts = re.split(r"( or | and |, )", value)
    return "".join(p if i % 2 else one(p) for i, p in enumerate(parts))


def places(codes: list[str]) -> str:
    """'the US and the EU', 'the US, the UK and Japan'."""
    return plural_join([place(T.MARKET_NAMES.get(c, c) if c not in ("US", "EU", "UK") else c) for c in codes])


def _lower_first(label: str) -> str:
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def capabilities(brief: ProjectBrief) -> list[str]:
    """'High containment (highly potent, OEB 5, high containment)'."""
    out = []
    for tag, words in brief.items("special_capabilities"):
        label = T.CAPABILITY_LABELS.get(tag, tag.replace("_", " "))
        out.append(label if _says_label(words, label) else f"{label} ({expand(words)})")
    return out


def quoted(text: str) -> str:
    """The brief's words as a short quotation, first letter capitalized and trailing stop removed."""
    text = re.sub(r"^(?:and|but|so)\s+", "", text.strip()).rstrip(".")
    return f"“{text[:1].upper()}{text[1:]}”"


def a_an(text: str) -> str:
    """'an' before a vowel sound (an mRNA, an ADC), else 'a'."""
    return "an" if re.match(r"[aeio]|[AIO]|E(?!u)|u[^n]|[FHLMNRSX][A-Z0-9-]|mRNA|RNA", text) else "a"


def plural_join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _says_label(words: str, label: str) -> bool:
    """True when the brief's words add nothing to the label ('lyo' beside 'Lyophilization')."""
    w, lab = _norm(words), _norm(label)
    single = len(w.split()) == 1 and len(w) >= 3
    return not w or w in lab or single and any(word[:5] == w[:5] for word in lab.replace("(", " ").split())


def _norm(text: str) -> str:
    return re.sub(r"[\s/_-]+", " ", text.lower()).strip()
