"""Specific open questions a program of this kind needs answered, asked only when the brief does not answer them.

The questions live in knowledge/rfp_sections.yaml (`open_questions` per section): each names the kinds of program
it applies to (`when`, the conditions below) and the pattern that shows the brief already gives the input
(`stated`); `unless` marks a clause that is about something else (shipping the sponsor's drug substance in is
not shipping the product out). A pattern found next to 'TBD' or 'to be confirmed' does not count as stated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rfp_assistant.core.values import find_dates
from rfp_assistant.jobs.drafting.brief_values import UNIT_COST_NOTE
from rfp_assistant.jobs.drafting.catalog import OpenQuestion, section_catalog
from rfp_assistant.schemas.brief import Gap, ProjectBrief

_I = re.I
CULTURED = {"monoclonal_antibody", "recombinant_protein", "gene_therapy", "vaccine", "antibody_drug_conjugate"}
MAMMALIAN = {"CHO", "HEK293", "NS0", "Sp2/0", "PER.C6"}
SYNTHETIC = {"small_molecule", "peptide", "oligonucleotide"}
ADVANCED = {"cell_therapy", "gene_therapy", "vaccine", "mrna"}
MANUFACTURING = {"clinical_manufacturing", "commercial_manufacturing", "fill_finish", "lyophilization",
                 "process_development", "tech_transfer", "cell_line_development"}
# Words beside a date that say when manufacturing starts or delivers (the rest are filings, launches, volumes).
START_CUES = re.compile(r"\b(?:start|begin|kick|ready|GMP|batch|lots?|DS|DP|drug substance|drug product|API|releas"
                        r"|first[- ](?:patient|dose|dosing|in[- ]human|GMP)|FIH|supply|deliver|arrive|in hand|campaign|PPQ"
                        r"|manufactur)\w*", _I)
MAKING = re.compile(r"\bGMP\b|manufactur|\bbatch|\blots?\b|\bfill|production|campaign|patients?\b", _I)
OPEN = re.compile(r"\b(?:TBD|TBC|to be (?:confirmed|defined|determined|decided|agreed)|unknown|not (?:yet )?"
                  r"(?:known|defined|fixed|decided)|open)\b", _I)
DS_SUPPLIED = re.compile(
    r"\b(?:DS|drug substance|API|bulk)\b[^.;\n]{0,60}\b(?:made|manufactured|produced|supplied|provided)\b[^.;\n]{0,30}"
    r"\b(?:by us|in[- ]house|by the sponsor|at our)\b|\b(?:we|the sponsor) (?:make|makes|manufacture|manufactures"
    r"|supply|supplies|provide|provides) (?:the |our )?(?:[\w-]+ ){0,2}(?:DS|drug substance|API|bulk)\b", _I)
DEVICE = re.compile(r"\bsyringes?\b|\bPFS\b|auto-?injectors?|\bpen injectors?\b|nebuli[sz]\w*|inhaler|cartridges?"
                    r"|\bdevices?\b", _I)
EUROPE = re.compile(r"\bEU\b|\bEEA\b|\bUK\b|Europe|\bEMA\b|\bMAA\b|\bCTIS\b|centrali[sz]ed procedure|Germany|France"
                    r"|Spain|Italy|Netherlands|Belgium|Poland|Austria|Sweden|Denmark|Finland|Ireland|Portugal|Czech"
                    r"|Hungary|Greece|Romania|Norway|United Kingdom")
SCHEDULE = re.compile(r"\b(?:proposals?|responses?|bids?|quotes?|quotations?|submissions?)\b[^.;\n]{0,40}"
                      r"\b(?:due|back|by|deadline|before|until)\b", _I)
CONTACT = re.compile(r"^\s*(?:contact|point of contact|RFP contact|questions? to)\b|\bsingle point of contact\b", _I)
SOLID_ORAL = re.compile(r"\btablets?\b|\bcapsules?\b|\bsachets?\b|\boral (?:solid|dosage)\b", _I)
INBOUND = re.compile(r"\b(?:DS|drug substance|API|starting materials?|leukapheresis|apheresis|raw materials?|reagents?"
                     r"|intermediates?|cell banks?|feeders?)\b", _I)
PRODUCT_SHIPPING = re.compile(r"\bship|\bstorage\b|\bstored\b|\bstore at\b|\bkept\b|cold[- ]chain|distribut|dry shipper"
                              r"|\bLN2\b|frozen|refrigerat|transport|courier", _I)
# A temperature says how the product is stored unless the clause is about a test or a stability condition
# ('12 months at 25°C/60%RH', 'IVRT at 45 °C').
TEMPERATURE = re.compile(r"-?\d+\s*°\s*C|\d\s*°C|\b2\s*[-–]\s*8\s*°?\s*C\b", _I)
NOT_STORAGE = re.compile(r"stabilit|%\s*RH|\bRH\b|\bICH\b|IVRT|dissolution|assay|\btest|release|thaw|\bcycle\b"
                         r"|reconstitut|steril|autoclav|\bheat", _I)
# Words that say the CDMO makes the API or drug substance itself (a route, steps, a synthesis, a scale of API).
MAKES_API = re.compile(r"synthes|\broute\b|\bsteps?\b|SPPS|LPPS|starting materials?|building blocks?|crystalli[sz]"
                       r"|\b(?:API|DS|drug substance)\b[^.;\n]{0,30}\b(?:manufactur|campaign|batch|lots?\b|kg\b)", _I)
# A formulation whose performance rests on a functional excipient: a release-controlling polymer, lipids, a
# dispersion polymer.
COMPLEX_FORMULATION = re.compile(r"microspher|\bdepot\b|\bimplant|PLGA|\bPLA\b|spray[- ]dried|\bSDD\b|solid dispersion"
                                 r"|hot[- ]melt|\bHME\b|\bLNP\b|lipid nanoparticle|liposom|nanoparticle|nano-?emulsion"
                                 r"|in situ gel|long[- ]acting", _I)
# A viral vector the CDMO makes (not one the sponsor supplies for its own cell processing).
VIRAL_VECTOR = re.compile(r"lentivir|\bLVV?s?\b|\br?AAV|adenovir|retrovir|viral vector|\bHSV\b", _I)
VECTOR_SUPPLIED = re.compile(r"\b(?:LVV?|vector)s?\b[^.;\n]{0,40}\b(?:supplied|provided|ours|by us|in stock|from us)\b"
                             r"|\b(?:LVV?|vector)s?\b[^.;\n]{0,40}\bnot in (?:the )?(?:CDMO )?scope", _I)
RADIOPHARMACEUTICAL = re.compile(r"radioligand|radiopharm|radionuclide|radiolabel|\bisotope|\b(?:Lu|Ac|Ga|Y|I|Pb|Cu|F)-?\d{2,3}\b"
                                 r"|\b\d{2,3}(?:Lu|Ac|Ga|Y|Pb|Cu)\b", _I)
INHALED = re.compile(r"inhal|\bDPI\b|dry powder|nebuli[sz]|\bp?MDI\b|pulmonary", _I)
OPEN_POINT_START = "[To be confirmed:"
LATE_STAGE = {"Phase 3", "Phase 2/3", "Registration", "Pivotal", "Commercial"}
# Words that look ahead to registration or commercial supply ('at least 1/10 of commercial scale').
COMMERCIAL_INTENT = re.compile(r"\bregistration\b|\bpivotal\b|\bcommercial[- ](?:scale|launch|batch\w*|supply|manufactur\w*"
                               r"|volumes?|demand)", _I)
# The brief's own word for the drug substance: a brief that says only 'API' is asked about its API.
DS_WORDS = re.compile(r"\bdrug substance\b|\bDS\b|\bbulk\b")


def catalog_questions() -> tuple[OpenQuestion, ...]:
    """Every open question of the section catalog, in section order."""
    return tuple(q for spec in section_catalog() for q in spec.open_questions)


def program_gaps(brief: ProjectBrief) -> list[Gap]:
    """The catalog questions that apply to this program and that its brief leaves open."""
    gaps = []
    for question in catalog_questions():
        if all(CONDITIONS[name](brief) for name in question.when) and not answered(brief, question):
            gaps.append(Gap(field=question.id, question=_in_brief_words(brief, question.ask)))
    return gaps


def _in_brief_words(brief: ProjectBrief, ask: str) -> str:
    """`ask` naming the drug substance as the brief does: 'API' when the brief says API and never 'drug substance'
    (a question that names both, 'drug substance (API)', already does)."""
    text = _text(brief)
    if not re.search(r"\bAPIs?\b", text) or DS_WORDS.search(text):
        return ask
    return re.sub(r"\bdrug substance\b(?! \(API\))|\bDS\b", "API", ask)


def answered(brief: ProjectBrief, question: OpenQuestion) -> bool:
    """True when a clause of the brief gives what the question asks."""
    if not question.stated:
        return False
    if question.stated == "PRODUCT_SHIPPING":
        return any((PRODUCT_SHIPPING.search(c) or TEMPERATURE.search(c) and not NOT_STORAGE.search(c))
                   and not INBOUND.search(c) for c in brief.clauses)
    return any(_states(re.compile(question.stated, _I), clause) for clause in brief.clauses
               if not clause.startswith(OPEN_POINT_START))  # a point the brief leaves open states nothing


def schedule_stated(brief: ProjectBrief) -> bool:
    """True when the brief gives the date proposals are due."""
    return any(SCHEDULE.search(c) and find_dates(c) for c in brief.clauses)


def contact_stated(brief: ProjectBrief) -> bool:
    """True when the brief names the contact for the RFP."""
    return any(CONTACT.search(c) for c in brief.clauses)


def _states(pattern: re.Pattern, clause: str) -> bool:
    return any(not OPEN.search(clause[m.end(): m.end() + 25]) for m in pattern.finditer(clause))


def _text(brief: ProjectBrief) -> str:
    return "\n".join(brief.clauses)


def _services(brief: ProjectBrief) -> set[str]:
    return set(brief.value("services", []))


def _makes_product(brief: ProjectBrief) -> bool:
    """True unless the brief asks only for services that make nothing (testing, stability, regulatory)."""
    return not brief.stated("services") or bool(_services(brief) & MANUFACTURING) or bool(MAKING.search(_text(brief)))


def _existing_process(brief: ProjectBrief) -> bool:
    """False when the CDMO is to build the process from a new cell line."""
    return "cell_line_development" not in _services(brief)


def drug_substance_supplied(brief: ProjectBrief) -> bool:
    """True when the sponsor makes or supplies the drug substance (the CDMO fills and finishes it)."""
    text = _text(brief)
    if DS_SUPPLIED.search(text):
        return True
    name = (brief.value("company_name") or "").split()
    # The sponsor by its name: 'API supplied by <sponsor>'.
    return bool(name) and bool(re.search(r"\b(?:DS|drug substance|API|bulk)\b[^.;\n]{0,60}\b(?:made|manufactured|produced"
                                         rf"|supplied|provided)\s+by\s+{re.escape(name[0])}\b", text, _I))


def _timeline_without_start(brief: ProjectBrief) -> bool:
    """True when the brief has dates, but none says when manufacturing starts or delivers."""
    return brief.stated("timeline") and not any(START_CUES.search(c) and find_dates(c) for c in brief.clauses)


CONDITIONS: dict[str, Callable[[ProjectBrief], bool]] = {
    "makes_product": _makes_product,
    "makes_ds": lambda b: _makes_product(b) and not drug_substance_supplied(b),
    "existing_process": _existing_process,
    "new_cell_line": lambda b: not _existing_process(b),
    "mammalian": lambda b: b.value("expression_system") in MAMMALIAN or (
        not b.stated("expression_system") and b.value("modality") in {"monoclonal_antibody", "recombinant_protein"}),
    "ds_supplied": drug_substance_supplied,
    "drug_product": lambda b: not b.drug_substance_only,
    "filled_product": lambda b: not b.drug_substance_only and not SOLID_ORAL.search(_text(b)),
    "cultured": lambda b: b.value("modality") in CULTURED or b.stated("expression_system"),
    "cell_culture": lambda b: b.value("modality") in CULTURED | {"cell_therapy"} or b.stated("expression_system"),
    "synthetic": lambda b: b.value("modality") in SYNTHETIC,
    "potent_candidate": lambda b: b.value("modality") in SYNTHETIC | {"antibody_drug_conjugate"},
    "advanced": lambda b: b.value("modality") in ADVANCED,
    # Every biologic is released against a potency (bioassay) result; a synthetic molecule is not.
    "biologic": lambda b: b.value("modality") not in SYNTHETIC | {None} and not RADIOPHARMACEUTICAL.search(_text(b)),
    "cell_therapy": lambda b: b.value("modality") == "cell_therapy",
    "gene_therapy": lambda b: b.value("modality") == "gene_therapy",
    "biosimilar": lambda b: bool(re.search(r"\bbiosimilars?\b", _text(b), _I)),
    "autologous": lambda b: b.value("modality") == "cell_therapy" and bool(re.search(r"autologous", _text(b), _I)),
    "device": lambda b: bool(DEVICE.search(_text(b))),
    "eu_supply": lambda b: bool({"EU", "UK"} & set(b.value("markets", []))) or bool(EUROPE.search(_text(b))),
    "timeline_without_start": _timeline_without_start,
    "no_device": lambda b: not DEVICE.search(_text(b)),
    "api_from_elsewhere": lambda b: b.value("modality") in SYNTHETIC and not b.drug_substance_only
    and not MAKES_API.search(_text(b)),
    "complex_formulation": lambda b: bool(COMPLEX_FORMULATION.search(_text(b))),
    "mrna": lambda b: b.value("modality") == "mrna",
    "viral_vector": lambda b: (b.value("modality") == "gene_therapy" or bool(VIRAL_VECTOR.search(_text(b))))
    and not VECTOR_SUPPLIED.search(_text(b)),
    "oligonucleotide": lambda b: b.value("modality") == "oligonucleotide",
    "small_api": lambda b: b.value("modality") in {"small_molecule", "peptide"},
    "radiopharmaceutical": lambda b: bool(RADIOPHARMACEUTICAL.search(_text(b))),
    "inhaled": lambda b: bool(INHALED.search(_text(b))),
    "testing_only": lambda b: not _makes_product(b),
    "vaccine": lambda b: b.value("modality") == "vaccine",
    "adc": lambda b: b.value("modality") == "antibody_drug_conjugate" and not drug_substance_supplied(b),
    "plasmid_product": lambda b: bool(re.search(r"\bplasmids?\b|\bpDNA\b", _text(b), _I)),
    "late_stage": lambda b: b.value("phase") in LATE_STAGE or bool(COMMERCIAL_INTENT.search(_text(b))),
    "kit": lambda b: bool(re.search(r"\bdiluents?\b|co-?pack|(?<!test )(?<!assay )(?<!ELISA )\bkits?\b", _text(b), _I)),
    "no_priorities": lambda b: not b.stated("evaluation_priorities"),
    "unit_cost_only": lambda b: not b.stated("budget") and b.budget.note.startswith(UNIT_COST_NOTE),
}
