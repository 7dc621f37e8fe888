"""Kinds of fact a clause of the brief states, each with the RFP sections a fact of that kind belongs in.

The embedding model places a clause by what it is mostly about; a clause often also states a fact of another kind
('the commercial forecast is 180-250 kg DS per year' is a quantity to quote and a volume the supply terms rest on;
'sites in Germany + Poland' is where the product ships). A clause stating a fact of one of these kinds is shown in
that kind's sections as well, so the CDMO reads each fact where it looks for it. Only the sponsor's words are shown.
"""

from __future__ import annotations

import re

from rfp_assistant.jobs.drafting import brief_terms as T
from rfp_assistant.jobs.drafting import program_questions as Q

_I = re.I
# How proposals will be chosen: a preference, a weight, a ranking, a must-have record.
SELECTION = re.compile(r"nice[- ]to[- ]have|would be (?:a )?(?:plus|bonus|advantage)|\bis a plus\b|weighs?\b|\bweigh(?:ed|ing)\b"
                       r"|\bscor(?:e|ed|ing)\b|\brank\w*|must have (?:existing|proven|prior|demonstrated)|track record"
                       r"|(?:above|over|more than|before) (?:the )?(?:price|cost)\b", _I)
# A preference among otherwise acceptable offers ('strong preference for DS and DP at one site').
PREFERENCE = re.compile(r"\bpreference\b|\bpreferred\b|\bprefer(?:ably|s)?\b|\bideally\b|\bplus\b(?= if| for)"
                        r"|\bbonus\b|\bdifferentiator\b", _I)
STABILITY_STUDY = re.compile(r"\bstabilit\w*\b[^.;\n]{0,60}(?:months?|\bmo\b|%\s*RH|°C|\bICH\b)|%\s*RH", _I)
# A quantity over a period: an annual volume or forecast the supply terms rest on and the scope must quote.
ANNUAL_VOLUME = re.compile(r"\d[^.;\n]{0,40}(?:per|a|/)\s*(?:year|yr|annum)\b|\bannual(?:ly)?\b[^.;\n]{0,30}\d"
                           r"|\b(?:forecast|peak demand|annual demand|launch volumes?)\b", _I)
# A named standard or guideline the work must meet (ICH Q3C, Annex 1, a pharmacopoeia, 21 CFR).
STANDARD = re.compile(r"\bICH\s*[QME]\d|\bAnnex\s*\d|\bPh\.?\s*Eur\b|\bUSP\s*<|\b21\s*CFR\b|\bEU GMP\b|\bcontamination "
                      r"control strategy\b|\bCCS\b|\bpharmacopoei", _I)
# Tests run at release beyond the routine: a clearance or safety assay the quality system must cover.
RELEASE_TEST = re.compile(r"\b(?:clearance|residual|safety|sterility|endotoxin|mycoplasma|adventitious|RCL|RCA|VCN)\b"
                          r"[^.;\n]{0,40}\b(?:assay|test\w*|release|limit|spec\w*)\b|\b(?:assay|test\w*)\b[^.;\n]{0,20}"
                          r"\b(?:at|for|@)\s*(?:release|rel\b)|\brelease test\w*\b[^;\n]{0,40}\b(?:sterility|endotoxin"
                          r"|mycoplasma|adventitious|bioburden)\b", _I)
# Work the CDMO is asked to take on: develop, transfer, confirm, validate, source, make something.
WORK = re.compile(r"\b(?:to be|must be|needs? to be|needs|has to be|will be)\s+(?:\w+\s+)?(?:developed|transferred|"
                  r"validated|qualified|confirmed|confirming|optimi[sz]ed|shortened|scaled|made|sourced|established)\b"
                  r"|\bCDMO (?:to |must |should |will |has to |makes? |sources? |develops? |does )\w+"
                  r"|\b(?:to be|needs?|ideally) (?:confirm|shorten|develop|transfer|validat|optimi)\w*", _I)
# Where the product goes and how fast: clinical sites, depots, turnaround from collection to patient.
DISTRIBUTION = re.compile(r"(?i:\b(?:clinical|trial|treatment|apheresis|infusion) (?:sites?|centers?|centres?)\b)"
                          r"|\b(?i:sites?) in [A-Z]|(?i:\bdepots?\b|vein[- ]to[- ]vein|needle[- ]to[- ]needle|turn-?around"
                          r"|chain of (?:identity|custody)|\bCO[IC]\s*/\s*CO[IC]\b|\bcouriers?\b)"
                          r"|\b\d+(?:\s*[-–]\s*\d+)?\s+(?:[A-Z]{2,3}\s+)?(?i:(?:clinical\s+|trial\s+)?sites)\b")
# A fact about the process or product the technical section describes: a vessel volume, titer or yield, synthesis
# steps, a chromatography, a molecular weight, a material kept out of the process, cryopreservation, doses per lot.
PROCESS_FACT = re.compile(r"\d[\d,.]*\s*(?:k?L|litres?|liters?)\b|\btit(?:er|re)s?\b|\byields?\b|\d\s*(?:g|mg)/L\b"
                          r"|\b\d+\s+(?:synthetic |chemical |process )?steps?\b|chromatograph\w*|\bkDa\b|\b(?:serum|xeno"
                          r"|animal|methanol|solvent|antibiotic|lactose)[- ]free\b|cryopreserv\w*|\bTU/mL\b|\bvg/mL\b"
                          r"|\bdoses?\s*(?:/|per)\s*(?:lot|batch)\b|\b(?:SPPS|LPPS)\b"
                          # units per patient or lot, a process's own duration, and the steps of a cell culture
                          r"|\b\d+\s*(?:bags?|vials?|units?)\s*(?:/|per)\s*(?:patient|lot|batch|dose)\b"
                          r"|\bprocess\b[^.;\n]{0,20}\b\d+\s*(?:days?|weeks?|h|hours?)\b|\bstimulat\w*|\bexpan(?:d|ded|sion)\b"
                          r"|\bbeads?\b|\bfeeders?\b|\bmicrocarriers?\b|\bperfusion\b|\bfed[- ]batch\b"
                          # the cell bank the process starts from, the particle size of a material
                          r"|\b[MW]CBs?\b|\bcell banks?\b|\bd[159]0\b|\bmicroni[sz]\w*|\bparticle size\b", _I)
# A specification limit ('< 2%', 'NMT 0.5%', '≥ 70% viability').
SPEC_LIMIT = re.compile(r"(?:[<>≤≥]=?|\bNMT\b|\bNLT\b|not (?:more|less) than|\bbelow\b|\bunder\b)\s*\d[\d.,]*\s*"
                        r"(?:%|ppm|ppb|EU\b|CFU|ng\b|pg\b)", _I)
# The quality grade of a material ('HQ grade OK', 'GMP-grade plasmid').
GRADE = re.compile(r"\b(?:GMP|HQ|high[- ]quality|research|compendial|pharma(?:ceutical)?|clinical)[- ]grade\b|\bgrade\b"
                   r"[^.;\n]{0,20}\b(?:OK|acceptable|sufficient|required)\b", _I)
# A study or data set the sponsor needs, which the CDMO must quote ('in-use study needed', 'we need bag compatibility data').
STUDY = re.compile(r"\b(?:stud(?:y|ies)|data)\b[^.;\n]{0,30}\b(?:needed|required|must|to be (?:run|done|performed))\b"
                   r"|\bneed\w*\b[^.;\n]{0,50}\b(?:stud(?:y|ies)|data)\b", _I)
# What the product is for and how it acts: the indication and patients, the mechanism, the cells or target it acts on.
# The CDMO reads the overview to judge fit, so such a clause is shown there too, wherever else its other facts belong.
PRODUCT_USE = re.compile(r"\bindicat(?:ion|ed)\b|\bpatients? with\b|\b(?:for the )?treatment of\b|\bto treat\b"
                         r"|\btransduc\w*|\bmechanism of action\b|\bMoA\b|\bmode of action\b|\b(?:first|second)[- ]line\b"
                         r"|\b(?:targets?|targeting|binds?|binding) (?:to )?(?:the )?[A-Z][\w-]*\d|\bagonist\b|\bantagonist\b", _I)
# A time limit on the work ('results within 10 working days', 'TAT 2 weeks', '<= 30 days collection to infusion'): the schedule
# the CDMO commits to.
TIME_LIMIT = re.compile(r"\bwithin\s+\d+\s*(?:working |business |calendar )?(?:days?|weeks?|wks?|months?|h|hours?)\b"
                        r"|\bTAT\b|turn-?around|[≤<]=?\s*\d+\s*(?:working |business )?(?:days?|weeks?|h|hours?)\b", _I)
# Material moved between parties: samples or product sent to the CDMO or its lab ('we send 25 mL per lot').
MOVEMENT = re.compile(r"\b(?:we|they|sponsor|site|CDMO)\s+(?:will\s+)?(?:send|sends|ship|ships|deliver|delivers)\b"
                      r"|\b(?:sent|shipped|delivered)\s+(?:to|for)\b|\bgo(?:es)?\s+to\s+the\s+(?:lab|site|CDMO|depot)\b", _I)
# The RFP process itself: issuing it, shortlisting, when proposals are due.
RFP_PROCESS = re.compile(r"\b(?:issue|send|release|publish)\w*\s+(?:the\s+|our\s+)?RFP\b|\bRFP\s+(?:to be\s+|is\s+|will be\s+)?"
                         r"(?:issued|sent|released|out)\b|\bshortlist\w*|\b(?:proposals?|responses?|bids?)\s+(?:are\s+)?due\b"
                         r"|\bintent to (?:respond|bid)\b", _I)
# What the work costs: an amount of money, a fee, a budget or a cost target (not price named as a criterion).
COST = re.compile(r"(?:\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD)|[$€£¥])\s?~?\d|\d[\d.,]*\s?(?:k|K|M|m|bn|Mio|million)?\s?"
                  r"(?:USD|EUR|GBP|CHF|JPY)\b|\bCOGS\b|\bcost of goods\b|\bcost (?:target|cap)\b|\bfees?\b|\bpric(?:ed|ing)\b"
                  r"|\bbudget(?:s|ed)?\b|\binvoic\w*", _I)
# Work left out of the CDMO's scope: out of scope, excluded, or run by the sponsor's other partners ('the study runs
# at our CRO').
EXCLUSION = re.compile(r"\bout of (?:the )?scope\b|\bnot (?:in|part of) (?:the |this |your |CDMO )?scope\b|\b(?:is|are|stays?|remains?) excluded\b|\bexcluded from\b"
                       r"|\b(?:runs?|done|performed|handled|conducted|made)\s+(?:at|by)\s+(?:our|the sponsor's|a separate"
                       r"|another|an? external)\s+(?:own\s+)?(?:CRO|CMO|CDMO|partner|lab\w*|vendor|supplier)s?\b", _I)
# A material the sponsor hands the CDMO ('API supplied by us', 'we provide the cell bank'): an input the scope rests on.
SUPPLIED = re.compile(r"\b(?:supplied|provided|sent|shipped|free[- ]issued?)\s+by\s+(?:us|the sponsor|[A-Z][\w-]+)\b"
                      r"|\b(?:we|the sponsor)\s+(?:will\s+)?(?:supply|supplies|provide|provides)\b"
                      # the sponsor sending its own material to the CDMO ('we make it ... and ship it to you')
                      r"|\b(?:we|the sponsor)\b[^.;\n]{0,60}\b(?:ship|send|deliver)s?\s+(?:it|them|(?:the|our)(?:\s+[\w-]+){1,3}?)\s+to\s+(?:you|the CDMO)\b"
                      r"|\b(?:shipped|sent|delivered)\s+to\s+(?:you|the CDMO)\s+by\s+(?:us|the sponsor)\b"
                      # 'the template we send them', 'we ship you the cell bank': the CDMO as the one receiving
                      r"|\b(?:we|the sponsor)\s+(?:will\s+)?(?:send|ship|deliver|give|hand)s?\s+(?:them|you|the CDMO)\b(?!\s+to\b)", _I)
# An option the CDMO is asked to quote beside the base case ('Option B: 3 batches'): work to scope and a price.
OPTION = re.compile(r"\boption [A-Z0-9]\b\s*[:=(]|^\s*(?:\w+:\s*)?option [A-Z0-9]\b", _I)
# What work is requested, named as a noun rather than a verb: an activity (a transfer, a scale-up, a development, a
# validation, fill/finish), a count of units, batches or runs, a batch of a named purpose, a deliverable. The scope
# quotes it.
ACTIVITY = re.compile(r"\btech(?:nology)?[- ]?transfer\b|\bscale[- ]?up\b|\b(?:process|method|analytical|formulation)"
                      r" development\b|\bmethod (?:transfer|validation|qualification)\b|\bprocess validation\b|\bPPQ\b"
                      r"|\bfill[- /&]*finish\b|\bmanufactur(?:e|ing) of\b|\bmanufactured\s*(?:and|&)\s*released\b"
                      r"|\bdeliverables?\b|\b\d[\d,.]*\s*(?:k|million|M)?\s+(?:vials|syringes|doses|cartridges|bottles|kits"
                      r"|tablets|capsules|sachets|units)\b(?!\s*(?:/|per|a|each)\b)"
                      r"|\b\d+\s*[x×]\s*\d[\d,.]*\s*k?L\b|\b(?:\d+|one|two|three|four|five|six)\s+(?:[\w-]+\s+){0,2}"
                      r"(?:batch(?:es)?|runs|lots|fermentations)\b|\b(?:engineering|GMP|registration|BE|tox|demo\w*|PPQ|pilot"
                      r"|consistency|validation)\s+(?:batch(?:es)?|runs?|lots?)\b", _I)
# How the product or process is or must be: a dimension or strength, the equipment, an analytical method, containment,
# the molecule's format. The technical section describes it.
HOW = re.compile(r"\d[\d.,]*\s*(?:mm|µm|μm|nm|cm|kb|bp|mg/mL|mL)\b|\d\s*mg\b(?!\s*/\s*(?:kg|day|dose))|\bweb\b|\b(?:coaters?"
                 r"|isolators?|RABS|lyophili[sz]\w*|freeze[- ]dr\w*|bioreactors?|fermenters?|single[- ]use|stainless|filling line"
                 r"|extru\w+|granulat\w*|spray[- ]dr\w*|laminat\w*)\b|\b(?:OEB|OEL|HPAPI|BSL)\b|\bcontainment\b|\bhigh(?:ly)?"
                 r"[- ]potent\b|\b(?:HPLC|UPLC|CCIT?|AVI|CE-SDS|qPCR|ddPCR|ELISA)\b|\b(?:homo|hetero)dimer\w*|\bIgG\d|\bFc\b"
                 r"|\bexpression (?:system|host)\b|\bpH\s*\d", _I)
# The program's clinical stage ('Ph1b/2a', 'P2b', 'first-in-human', 'IND-enabling'): what the program is, which the
# CDMO reads in the overview wherever else the clause's other facts belong.
STAGE = re.compile(rf"{T.PHASE_PATTERN.pattern}|(?i:{T.FIH.pattern}|{T.PRECLINICAL.pattern})")
# Where a kind of fact belongs; the first section of a kind is also where a clause of that kind leans.
KINDS = {
    "storage_or_shipping": ("logistics",),
    "stability_study": ("scope_of_work", "technical_requirements"),
    "selection": ("evaluation_criteria",),
    "preference": ("evaluation_criteria",),
    "annual_volume": ("scope_of_work", "commercial_terms"),
    "standard": ("quality_regulatory",),
    "release_test": ("quality_regulatory",),
    "work": ("scope_of_work",),
    "distribution": ("logistics",),
    "process_fact": ("technical_requirements",),
    "spec_limit": ("technical_requirements",),
    "grade": ("quality_regulatory",),
    "study": ("scope_of_work",),
    "product_use": ("overview",),
    "time_limit": ("timeline",),
    "rfp_process": ("submission_instructions",),
    "cost": ("commercial_terms",),
    "exclusion": ("scope_of_work",),
    "option": ("scope_of_work", "commercial_terms"),
    "supplied": ("scope_of_work",),
    "movement": ("logistics",),
    "activity": ("scope_of_work",),
    "how": ("technical_requirements",),
}
# The kinds that pull a clause toward their section when it is placed (the others only add a section).
LEANING = ("storage_or_shipping", "stability_study", "selection", "exclusion")
_NOTE = re.compile(r"\s*\([A-Z][\w ]*: [^()]*\)$")  # a table row's other column ('(Priority: must)')


def clause_kinds(clause: str, *, with_note: bool = True) -> set[str]:
    """The kinds of fact `clause` states (a table row's trailing column note is read only `with_note`)."""
    text = clause if with_note else _NOTE.sub("", clause)
    found = set()
    if Q.PRODUCT_SHIPPING.search(text) or Q.TEMPERATURE.search(text) and not Q.NOT_STORAGE.search(text):
        found.add("storage_or_shipping")
    if STABILITY_STUDY.search(text):
        found.add("stability_study")
    if SELECTION.search(text) or T.PRIORITY_CONTEXT.search(text):
        found.add("selection")
    for name, pattern in (("preference", PREFERENCE), ("annual_volume", ANNUAL_VOLUME), ("standard", STANDARD), ("release_test", RELEASE_TEST),
                          ("work", WORK), ("distribution", DISTRIBUTION), ("process_fact", PROCESS_FACT),
                          ("spec_limit", SPEC_LIMIT), ("grade", GRADE), ("study", STUDY),
                          ("product_use", PRODUCT_USE), ("time_limit", TIME_LIMIT), ("movement", MOVEMENT),
                          ("rfp_process", RFP_PROCESS), ("cost", COST), ("exclusion", EXCLUSION), ("option", OPTION),
                          ("supplied", SUPPLIED), ("activity", ACTIVITY), ("how", HOW)):
        if pattern.search(text):
            found.add(name)
    return found


def kind_sections(clause: str) -> list[str]:
    """The sections the facts of `clause` belong in by their kind, in a stable order."""
    kinds = clause_kinds(clause, with_note=False)
    return list(dict.fromkeys(section for name in KINDS if name in kinds for section in KINDS[name]))
