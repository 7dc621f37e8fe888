"""Vocabulary of project briefs: the shorthand program leads write, mapped to ProjectBrief values."""

from __future__ import annotations

import re

from rfp_assistant.core.values.numbers import WORD_NUMBER

_I = re.I

# Keys leads use in YAML/JSON briefs (and in "Key: value" lines), normalized to snake_case.
KEY_FIELDS = {
    "title": "title", "rfp_title": "title", "rfp": "title",
    "company": "company_name", "company_name": "company_name", "sponsor": "company_name",
    "organization": "company_name", "organisation": "company_name",
    "product": "product_name", "product_name": "product_name", "compound": "product_name",
    "molecule": "product_name", "program": "product_name", "programme": "product_name", "asset": "product_name",
    "candidate": "product_name", "drug": "product_name",
    "modality": "modality", "product_type": "modality", "type": "modality",
    "phase": "phase", "stage": "phase", "development_phase": "phase", "clinical_phase": "phase",
    "expression_system": "expression_system", "host": "expression_system", "host_cell": "expression_system",
    "cell_line": "expression_system", "platform": "expression_system", "expression": "expression_system",
    "services": "services", "scope": "services", "scope_of_work": "services", "activities": "services",
    "need": "services", "needs": "services", "work": "services",
    "scale": "scale_l", "scale_l": "scale_l", "bioreactor": "scale_l", "bioreactor_scale": "scale_l",
    "batches": "batches", "gmp_batches": "batches", "number_of_batches": "batches", "lots": "batches",
    "batch_size": "batch_size", "quantity": "batch_size",
    "dosage_form": "dosage_form", "presentation": "dosage_form", "drug_product": "dosage_form",
    "formulation": "dosage_form", "dp": "dosage_form",
    "special": "special_capabilities", "special_capabilities": "special_capabilities",
    "special_requirements": "special_capabilities", "capabilities": "special_capabilities",
    "containment": "special_capabilities",
    "markets": "markets", "target_markets": "markets", "mkts": "markets", "filings": "markets",
    "regions": "markets", "territories": "markets",
    "regulatory": "regulatory_frameworks", "regulatory_frameworks": "regulatory_frameworks",
    "agencies": "regulatory_frameworks",
    "timeline": "timeline", "milestones": "timeline", "timing": "timeline", "dates": "timeline",
    "budget": "budget", "budget_usd": "budget", "budget_eur": "budget", "budget_gbp": "budget",
    "budget_chf": "budget", "funding": "budget", "cost": "budget",
    "site_preference": "location_preference", "location": "location_preference",
    "location_preference": "location_preference", "site": "location_preference",
    "region_preference": "location_preference", "geography": "location_preference",
    "governance": "governance_style", "governance_style": "governance_style", "working_style": "governance_style",
    "eval_priorities": "evaluation_priorities", "evaluation_priorities": "evaluation_priorities",
    "prio": "evaluation_priorities", "prios": "evaluation_priorities", "eval": "evaluation_priorities",
    "evaluation": "evaluation_priorities", "selection": "evaluation_priorities", "must_haves": "evaluation_priorities",
    "musts": "evaluation_priorities", "key_criteria": "evaluation_priorities",
    "priorities": "evaluation_priorities", "selection_criteria": "evaluation_priorities",
    "criteria": "evaluation_priorities",
}

MODALITY_LABELS = {
    "monoclonal_antibody": "monoclonal antibody", "recombinant_protein": "recombinant protein",
    "antibody_drug_conjugate": "antibody-drug conjugate", "vaccine": "vaccine", "mrna": "mRNA",
    "cell_therapy": "cell therapy", "gene_therapy": "gene therapy", "peptide": "peptide",
    "oligonucleotide": "oligonucleotide", "small_molecule": "small molecule",
}
# Most specific first: an ADC brief also mentions its antibody, an mRNA vaccine is filed under mRNA.
MODALITY_RULES = [
    ("cell_therapy", re.compile(r"\bCAR[- ]?(?:T|NK)\b|\bcell[- ]therap(?:y|ies)\b|\bTILs?\b|\biPSCs?\b"
                                r"|\biPS[- ]cells?\b|\bNK[- ]cells?\b|\bTCR[- ]T\b|\bMSCs?\b|\bstem[- ]cell therap", _I)),
    ("gene_therapy", re.compile(r"\b(?:AAV\d*\s+)?gene[- ]therap(?:y|ies)\b|\bAAV\d*\b|\brAAV\d*\b|\blentivir\w*|\bLVVs?\b"
                                r"|\bretrovir\w*|\badenovir\w*|\bviral vectors?\b", _I)),
    # 'Autologous' names whose cells are used; a named vector or gene therapy says what the CDMO makes
    # ('the vector transduces autologous CD34+ cells' is a gene therapy vector).
    ("cell_therapy", re.compile(r"\bautologous\b", _I)),
    ("antibody_drug_conjugate", re.compile(r"\bADCs?\b|\bantibody[- ]drug conjugates?\b")),
    ("mrna", re.compile(r"\bmRNA\b|\bsaRNA\b")),
    ("oligonucleotide", re.compile(r"\boligonucleotides?\b|\bantisense\b|\bASOs?\b|\bsiRNA\b|\bgapmer\b", _I)),
    ("peptide", re.compile(r"\bpeptides?\b", _I)),
    ("small_molecule", re.compile(r"\bsmall[- ]molecules?\b|\bNCEs?\b", _I)),
    ("vaccine", re.compile(r"\bvaccines?\b", _I)),
    ("recombinant_protein", re.compile(
        r"\bERT\b|\benzyme replacement\b|\benzymes?\b|\brecombinant (?:human )?(?:protein|enzyme)s?\b"
        r"|\bfusion proteins?\b|\bcytokines?\b|\bFc[- ]fusion\b|\bVHHs?\b|\bnanobod(?:y|ies)\b|\bscFvs?\b"
        r"|\bsingle[- ]domain antibod(?:y|ies)\b|\bantibody fragments?\b|\bFab fragments?\b|\binsulins?\b|\binterferons?\b"
        r"|\bgrowth hormone\b|\bhormones?\b|\buricase\b", _I)),
    ("monoclonal_antibody", re.compile(
        r"\bmAbs?\b|\bmonoclonal\b|\bbispecifics?\b|\bantibod(?:y|ies)\b|\bbiosimilar\b|\bIgG\d?\b", _I)),
    # Last: the chemistry of a small molecule when no biologic is named.
    ("small_molecule", re.compile(
        r"\bpolymorphs?\b|\bcrystalli[sz]ation\b|\b(?:tosylate|mesylate|besylate|hydrochloride|maleate|fumarate)\b"
        r"|\bsynthetic route\b|\blinear steps\b|\boral (?:\w+ )?inhibitor\b|\btablets?\b|\bcapsules?\b", _I)),
]
MODALITY_HEADS = re.compile(
    r"^(?:antibody|antibodies|therapy|vaccine|conjugate|peptide|protein|inhibitor|oligonucleotide|enzyme"
    r"|biosimilar|agonist|antagonist|degrader)$", _I)
MODIFIER_STOP = re.compile(
    r"^(?:a|an|the|our|their|is|are|for|of|in|into|and|with|to|as|by|on|at|new|current|commercial|clinical"
    r"|program|programme|need|needs|rfp|cdmo|scope|re|fw|subject|modality|compound|product|phase|ph\d?"
    r"|ph[i]+|\d+)$", _I)

# The match keeps the brief's own span ('Phase 1/2', 'Ph1b/2a'); the value is the first phase named.
# 'P2b' is a phase only with its a/b ('P1' alone may be a priority).
PHASE_PATTERN = re.compile(r"(?<![A-Za-z])(?:[Pp]hase|Ph|PH|P(?=[123][ab](?![A-Za-z0-9])))\.?[\s-]*(III|II|I|1|2|3)(?:[ab](?![A-Za-z0-9]))?"
                           r"(?:\s?[/-]\s?(?:III|II|I|1|2|3)[ab]?)?(?![A-Za-z0-9])")
# A phase the program has finished is its history, not the stage this RFP supplies: "Phase 1 done in Australia; we need
# material for a Phase 2b", "after a completed Ph1".
PHASE_DONE_AFTER = re.compile(r"[\s,:-]{0,3}(?:(?:is|was|has been|now|already|successfully)\s+){0,2}(?:done|complete[d]?"
                              r"|finished|concluded|closed|read ?out|wrapped up|behind us)\b", _I)
PHASE_DONE_BEFORE = re.compile(r"\b(?:after|post|following|completed|finished|concluded|since)[\s-]+(?:(?:a|the|our|its"
                               r"|successful|positive)\s+){0,2}$", _I)
# Work already done somewhere names where the program has been, not where it is going: "Phase 1 done in Australia".
PAST_WORK_IN = re.compile(r"\b(?:done|completed|conducted|ran|run|performed|finished|concluded)\s+in\b", _I)
PHASE_NAMES = {"1": "Phase 1", "I": "Phase 1", "2": "Phase 2", "II": "Phase 2", "3": "Phase 3", "III": "Phase 3"}
# Agencies named with a filing or an approval say where the product goes.
AGENCY_MARKETS = [("US", re.compile(r"\bFDA\b")), ("EU", re.compile(r"\bEMA\b")), ("UK", re.compile(r"\bMHRA\b")),
                  ("JP", re.compile(r"\bPMDA\b")), ("CN", re.compile(r"\bNMPA\b")), ("AU", re.compile(r"\bTGA\b")),
                  ("CA", re.compile(r"\bHealth Canada\b")), ("CH", re.compile(r"\bSwissmedic\b")),
                  ("KR", re.compile(r"\bMFDS\b")), ("ZA", re.compile(r"\bSAHPRA\b")), ("BR", re.compile(r"\bANVISA\b")),
                  ("IN", re.compile(r"\bCDSCO\b")), ("MX", re.compile(r"\bCOFEPRIS\b")),
                  ("NZ", re.compile(r"\bMedsafe\b"))]
COMMERCIAL_PHASE = re.compile(r"^\s*commercial\b|\bcommercial[- ]stage\b|\bmarketed product\b", _I)
# Work that only a product going to market needs: a commercial CDMO, commercial supply, process validation (PPQ).
COMMERCIAL_WORK = re.compile(r"\bcommercial (?:CDMO|manufactur\w*|supply|launch|production|volumes?)\b"
                             r"|\bPPQ\b|\bprocess performance qualification\b", _I)
PRECLINICAL = re.compile(r"\bpre-?clinical\b|\bIND[- ]enabling\b", _I)
FIH = re.compile(r"\bFIH\b|\bfirst[- ]in[- ]human\b", _I)

EXPRESSION_RULES = [
    ("CHO", re.compile(r"\bCHO(?:[- ](?:K1|S|DG44|GS|DXB11))?\b")),
    ("HEK293", re.compile(r"\bHEK[- ]?293\w*\b")),
    ("E. coli", re.compile(r"\bE\.?\s?coli\b")),
    ("Pichia pastoris", re.compile(r"\bPichia\b|\bK\.\s?phaffii\b")),
    ("Saccharomyces cerevisiae", re.compile(r"\bS\.\s?cerevisiae\b|\byeast\b", _I)),
    ("Sf9/baculovirus", re.compile(r"\bSf9\b|\bbaculovirus\b", _I)),
    ("NS0", re.compile(r"\bNS0\b")),
    ("Sp2/0", re.compile(r"\bSP2/0\b", _I)),
    ("PER.C6", re.compile(r"\bPER\.C6\b")),
]

# Per service: cue phrases, most telling first; the first one found names the service in the draft.
SERVICE_CUES = {
    "cell_line_development": [r"cell[- ]line development", r"\bCLD\b"],
    "process_development": [r"process development", r"(?-i:\bPD\b)", r"route scouting", r"process optimi[sz]ation",
                            r"process characteri[sz]ation"],
    "analytical_development": [r"analytical (?:method )?development", r"analytical method (?:validation|qualification|transfer)",
                               r"method (?:development|validation)", r"analytical development"],
    "tech_transfer": [r"tech(?:nology)?[- ]transfer", r"(?-i:\bTT\b)"],
    "clinical_manufacturing": [r"clinical GMP manufacturing", r"GMP manufacturing", r"clinical manufacturing",
                               r"GMP API", r"API manufactur\w*", r"drug substance (?:synthesis|manufactur\w*)",
                               r"conjugation", r"Ph(?:ase)?\s?(?:1|2|3|I{1,3}) supply", r"GMP batch(?:es)?",
                               r"clinical (?:batch(?:es)?|lots?|supply)", r"cell processing", r"(?-i:(?<=\+ )GMP\b)",
                               r"(?-i:\bGMP(?= at\b| production\b| lots?\b| runs?\b))", r"drug substance", r"(?-i:\bDS\b)"],
    "commercial_manufacturing": [r"commercial (?:DS |drug substance |API )?(?:supply|manufacturing|production)"],
    "fill_finish": [r"aseptic fill(?:ing)?", r"fill[/-]finish", r"fill and finish", r"drug product", r"(?-i:\bDP\b)"],
    "lyophilization": [r"lyophili[sz]\w*", r"\blyo\b", r"freeze-dr\w*"],
    "qc_release": [r"release testing", r"QC release", r"quality control release", r"QC testing", r"lot release"],
    "stability": [r"(?:ICH )?stability(?: studies| programs?| testing)?"],
    "regulatory_support": [r"regulatory support", r"CMC (?:section )?authoring", r"regulatory (?:filing|CMC) support"],
}
SERVICE_ORDER = list(SERVICE_CUES)
SERVICE_LABELS = {
    "cell_line_development": "Cell line development", "process_development": "Process development",
    "analytical_development": "Analytical development", "tech_transfer": "Tech transfer",
    "clinical_manufacturing": "Clinical manufacturing", "commercial_manufacturing": "Commercial manufacturing",
    "fill_finish": "Fill/finish", "lyophilization": "Lyophilization", "qc_release": "QC release testing",
    "stability": "Stability studies", "regulatory_support": "Regulatory support",
}
# A service named in a clause like these is outside the scope: it stays with the sponsor or another supplier.
SERVICE_NEGATION = re.compile(
    r"\bseparate (?:RFP|contract|tender)\b|\bstays? with\b|\bremains? with\b|\bnot (?:in|part of) (?:the )?scope\b"
    r"|\bout of scope\b|\bexclud\w*|\bnot (?:needed|required)\b|\bsupplied by us\b|\bcomes? from\b|\belsewhere\b"
    r"|\bwe (?:already )?have\b|\bat our current\b", _I)
SOLID_ORAL = re.compile(r"\btablets?\b|\bcapsules?\b|\boral\b", _I)

# Shorthand expanded wherever the draft quotes the brief's words.
ABBREVIATIONS = [
    (re.compile(r"\bDS\b"), "drug substance"), (re.compile(r"\bDP\b"), "drug product"),
    (re.compile(r"\bPD\b"), "process development"), (re.compile(r"\bTT\b"), "tech transfer"),
    (re.compile(r"\bPM\b"), "project manager"), (re.compile(r"\bPh\.?\s?(?:1|I)\b"), "Phase 1"),
    (re.compile(r"\bPh\.?\s?(?:2|II)\b"), "Phase 2"), (re.compile(r"\bPh\.?\s?(?:3|III)\b"), "Phase 3"),
    (re.compile(r"\blyo\b"), "lyophilized"), (re.compile(r"\beng run\b"), "engineering run"),
]

DOSAGE_RULES = [
    ("cryopreserved infusion bag", re.compile(r"\bcryo(?:preserved)?\b[^.;\n]{0,30}\bbags?\b", _I)),
    ("cryopreserved", re.compile(r"\bcryopreserved\b", _I)),
    ("frozen liquid vial", re.compile(r"\bfrozen liquid\b[^.;\n]{0,20}\bvials?\b", _I)),
    ("frozen liquid", re.compile(r"\bfrozen liquid\b", _I)),
    ("lyophilized vial", re.compile(r"\b(?:lyophili[sz]ed|lyo|freeze-dried)\b[^.;\n]{0,15}\bvials?\b", _I)),
    ("lyophilized powder", re.compile(r"\b(?:lyophili[sz]ed|freeze-dried) (?:powder|drug product|DP)\b", _I)),
    ("prefilled syringe", re.compile(r"\bpre-?filled syringes?\b|\bPFS\b", _I)),
    ("autoinjector", re.compile(r"\bauto-?injectors?\b", _I)),
    ("liquid vial", re.compile(r"\bliquid\b[^.;\n]{0,15}\bvials?\b", _I)),
    ("immediate-release tablet", re.compile(r"\btablets?\b[^;\n]{0,30}\bimmediate[- ]release\b"
                                            r"|\bimmediate[- ]release\b[^;\n]{0,30}\btablets?\b|\bIR tablets?\b", _I)),
    ("extended-release tablet", re.compile(r"\b(?:extended|modified)[- ]release\b[^;\n]{0,30}\btablets?\b", _I)),
    ("tablet", re.compile(r"\btablets?\b", _I)),
    ("capsule", re.compile(r"\bcapsules?\b", _I)),
    ("concentrate for infusion", re.compile(r"\bconcentrate for (?:IV |intravenous )?infusion\b", _I)),
    ("solution for injection", re.compile(r"\bsolution for (?:injection|infusion)\b", _I)),
    ("nebulizer solution", re.compile(r"\bnebuli[sz]er solution\b|\binhalation solution\b", _I)),
    ("ampoule", re.compile(r"\bampoules?\b|\bampules?\b", _I)),
    ("cartridge", re.compile(r"\bcartridges?\b", _I)),
    # Presentations that are no vial or syringe: a patch, a powder or liquid given as a suspension, a spray, a
    # semisolid, an inhaler.
    ("transdermal patch", re.compile(r"\btransdermal (?:patch|system|delivery system)s?\b|\bTDS\b|\bpatch(?:es)?\b", _I)),
    ("powder for suspension", re.compile(r"\bpowder for (?:oral |injectable )?suspension\b", _I)),
    ("oral suspension", re.compile(r"\boral suspension\b", _I)),
    ("oral solution", re.compile(r"\boral solution\b|\boral liquid\b|\bsyrup\b", _I)),
    ("nasal spray", re.compile(r"\bnasal spray\b", _I)),
    ("dry powder inhaler", re.compile(r"\bdry[- ]powder inhaler\b|\bDPI\b", _I)),
    ("metered-dose inhaler", re.compile(r"\bmetered[- ]dose inhaler\b|\bp?MDI\b", _I)),
    ("eye drops", re.compile(r"\beye ?drops?\b|\bophthalmic (?:solution|suspension|emulsion)\b", _I)),
    ("topical semisolid", re.compile(r"\b(?:cream|ointment|topical gel)s?\b", _I)),
    ("implant", re.compile(r"\bimplants?\b", _I)),
    ("sachet", re.compile(r"\bsachets?\b", _I)),
    ("vial", re.compile(r"\bvials\b", _I)),
]
DS_ONLY = re.compile(
    r"\b(?:API|DS|drug substance) only\b|\bonly (?:the )?(?:API|DS|drug substance)\b|\bDP stays\b"
    r"|\bdrug product (?:will be|is|stays)\b[^.\n]{0,40}\b(?:separate|elsewhere|with)\b", _I)

# A container the product is held or shipped in: a volume or material before it is the container's, not the process's
# ('12 L single-use bags' is neither a 12 L scale nor single-use manufacturing).
CONTAINER_NOUN = (r"(?:bags?|bottles?|vials?|syringes?|carboys?|totes?|drums?|flasks?|cryo-?(?:vials?|bags?)|containers?"
                  r"|cartridges?|canisters?|pouch(?:es)?|ampoules?|tubing|tubes?)\b")
CONTAINER_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,2}?" + CONTAINER_NOUN, _I)
CAPABILITY_RULES = [
    ("high_containment", re.compile(r"\bOEB\s?[3-5]\b|\bHPAPIs?\b|\bhighly potent\b|\bhigh[- ]containment\b|\bcytotoxic\b", _I)),
    ("biosafety_containment", re.compile(r"\bBSL-?[23]\b", _I)),
    ("aseptic_processing", re.compile(r"\baseptic\b", _I)),
    ("lyophilization", re.compile(r"\blyophili[sz]\w*|\blyo\b|\bfreeze-dr\w*", _I)),
    ("perfusion", re.compile(r"\bperfusion\b", _I)),
    ("stainless_steel", re.compile(r"\bstainless(?:[- ]steel)?\b", _I)),
    ("single_use", re.compile(r"\bsingle[- ]use\b(?!\s+(?:[\w-]+\s+)?" + CONTAINER_NOUN + ")", _I)),
]
CAPABILITY_LABELS = {
    "high_containment": "High containment", "biosafety_containment": "Biosafety containment",
    "aseptic_processing": "Aseptic processing", "lyophilization": "Freeze-drying (lyophilization)",
    "perfusion": "Perfusion", "stainless_steel": "Stainless steel", "single_use": "Single-use",
}

GEOGRAPHY = [
    ("US", re.compile(r"\bUS(?![$\w])|\bU\.S\.(?:A\.)?|\bUSA\b|\bUnited States\b")),
    ("EU", re.compile(r"\bEU\b|\bEurope(?:an)?\b(?! Pharmacopoeia)|\b(?:Germany|France|Spain|Italy|the Netherlands|Netherlands"
                      r"|Belgium|Poland|Austria|Sweden|Denmark|Finland|Ireland|Portugal|Czechia|Czech Republic|Greece|Hungary"
                      r"|Romania|Bulgaria|Croatia|Slovakia|Slovenia|Lithuania|Latvia|Estonia|Luxembourg|Malta|Cyprus)\b")),
    ("UK", re.compile(r"\bUK\b|\bUnited Kingdom\b|\bBritain\b")),
    ("JP", re.compile(r"\bJP\b|\bJapan(?:ese)?\b")),
    ("CN", re.compile(r"\bCN\b|\bChina\b|\bChinese\b")),
    ("AU", re.compile(r"\bAU\b|\bAustralia(?:n)?\b")),
    ("CA", re.compile(r"\bCanada\b|\bCanadian\b")),
    ("CH", re.compile(r"\bSwitzerland\b|\bSwiss\b")),
    ("KR", re.compile(r"\bKorea\b|\bKR\b")),
    ("ZA", re.compile(r"\bSouth Africa(?:n)?\b")),
    ("BR", re.compile(r"\bBrazil(?:ian)?\b")),
    ("IN", re.compile(r"\bIndia\b|\bIndian\b")),
    ("SG", re.compile(r"\bSingapore\b")),
    ("MX", re.compile(r"\bMexico\b|\bMexican\b")),
    ("TW", re.compile(r"\bTaiwan(?:ese)?\b")),
    ("NZ", re.compile(r"\bNew Zealand\b")),
    ("IL", re.compile(r"\bIsrael(?:i)?\b")),
    ("North America", re.compile(r"\bNorth America(?:n)?\b")),
    ("Asia-Pacific", re.compile(r"\bAPAC\b|\bAsia-Pacific\b")),
    ("Asia", re.compile(r"\bAsia\b(?!-)")),
]
MARKET_NAMES = {"US": "United States", "EU": "European Union", "UK": "United Kingdom", "JP": "Japan", "CN": "China",
                "AU": "Australia", "CA": "Canada", "CH": "Switzerland", "KR": "South Korea", "ZA": "South Africa",
                "BR": "Brazil", "IN": "India", "SG": "Singapore", "MX": "Mexico", "TW": "Taiwan", "NZ": "New Zealand",
                "IL": "Israel"}
# Sites counted ('from 5-7 US sites', 'twelve EU sites') are where patients are treated or material is collected;
# a manufacturing site is wanted somewhere, not counted.
MARKET_CONTEXT = re.compile(
    r"\b(?:\d+(?:\s*[-–]\s*\d+)?|two|three|four|five|six|seven|eight|nine|ten|twelve|several|multiple)\s+(?:[A-Z]{2,3}\s+)?"
    r"(?:clinical\s+|trial\s+|hospital\s+)?sites\b|\bclinical (?:trial )?sites?\b|\bpatients?\b|\bfil(?:e|es|ing|ings)\b|\bIND\b|\bBLA\b|\bMAA\b|\bCTA\b|\bCTN\b"
    r"|\bNDA\b|\bIMPD\b|\bmarkets?\b|\bmkts\b|\bapprov\w*|\blaunch\w*|\bsubmissions?\b|\bregistration\b|\bsupply\b", _I)
LOCATION_CONTEXT = re.compile(
    r"\bprefer\w*|\blocat\w*|\bbased\b|\bonshore\b|\bsites?\b|\bsupplier\b|\bpartner\b|\bCDMO\b|\bvendor\b"
    r"|\bmanufacturer\b|\bplant\b", _I)
LOCATION_STRENGTH = [("required", re.compile(r"\bmust\b|\bhas to\b|\bhave to\b|\brequired\b|\bonly\b", _I)),
                     ("preferred", re.compile(r"\bprefer\w*|\bideally\b|\bopen\b", _I))]

FRAMEWORKS = re.compile(r"\b(FDA|EMA|MHRA|PMDA|NMPA|TGA|Health Canada|Swissmedic|MFDS|SAHPRA|ANVISA|CDSCO|COFEPRIS|ICH|cGMP"
                        r"|EU GMP|Annex 1)\b")
SUBMISSIONS = re.compile(r"\b(IND|CTA|CTN|BLA|NDA|MAA|IMPD|ANDA)s?\b")

MILESTONE_RULES = [
    (re.compile(r"\bFIH\b|first[- ]in[- ]human", _I), "First-in-human"),
    (re.compile(r"first[ _-]patient[ _-](?:dosed|in|dosing)|\bFPI\b|\bFPD\b|\bfirst dos\w*", _I), "First patient dosed"),
    (re.compile(r"first (?:GMP )?batch(?:es)? releas\w*", _I), "First GMP batch released"),
    (re.compile(r"\bfirst release\b", _I), "First GMP release"),
    (re.compile(r"released (?:drug substance|DS|API)|(?:drug substance|DS|API) releas\w*", _I), "Drug substance released"),
    (re.compile(r"(?:start|begin)\w*\s+(?:the\s+)?(?:TT|tech(?:nology)? transfer)|(?:TT|tech(?:nology)? transfer)\s+(?:start|kick)", _I),
     "Tech transfer start"),
    (re.compile(r"\bPPQ\b.{0,25}\b(?:complete|completed|completion|done|finished)", _I), "PPQ complete"),
    (re.compile(r"Ph(?:ase)?\s?(1|2|3|I{1,3}) supply", _I), "Phase {0} supply start"),
    (re.compile(r"(?:goes|going|go|moves?|moving|enters?|entering|start\w*)\s+(?:into\s+)?Ph(?:ase)?\s?(1|2|3|I{1,3})\b", _I),
     "Phase {0} start"),
    (re.compile(r"\b(IND|BLA|MAA|CTA|NDA)\b", 0), "{0} filing"),
    (re.compile(r"\bsign(?:ed|ing|ature)?\b(?![- ]off)|\bcontract (?:award|execution)|\bpurchase order\b|(?-i:\bPO\b)", _I),
     "Contract signed"),
    (re.compile(r"\blaunch", _I), "Launch"),
    (re.compile(r"first GMP batch", _I), "First GMP batch"),
    (re.compile(r"\bGMP batch(?:es)?\b", _I), "GMP batches complete"),
]

GOVERNANCE_RULES = [
    ("milestone-driven", re.compile(r"\bmilestone[- ]driven\b", _I)),
    ("adaptive", re.compile(r"\badaptive\b", _I)),
    ("structured", re.compile(r"\b(?:highly |tightly )?structured\b|\b(?:tightly|closely|formally) (?:governed|managed)\b", _I)),
    ("collaborative", re.compile(r"\bcollaborative\b|\bhands-on partnership\b", _I)),
]
CADENCE = re.compile(r"\b(weekly|bi-?weekly|fortnightly|monthly)\s+(?:reporting|reports?|calls?|meetings?|updates?"
                     r"|status|teleconferences?|TCs?)\b", _I)
DEDICATED_PM = re.compile(r"\bdedicated (?:PM|project manager)\b", _I)
PRIORITY_CONTEXT = re.compile(r"priorit\w*|matters? most|most important|\bselection\b|\bevaluation (?:criteria|priorities)\b"
                              r"|\bweight\w*|\bcriteria\b|\bcare (?:most )?about\b|\bkey (?:factors|drivers)\b", _I)
PRIORITY_TAIL = re.compile(r"\s+(record|history|robustness|fit|capabilit(?:y|ies)|compliance)\b", _I)

# Money followed by this is a unit cost ('EUR 45 per gram', 'USD 95k COGS per patient dose').
PER_UNIT_COST = re.compile(r"\s*(?:COGS\s*)?(?:per|/|a)\s*(?:patient\s+)?(?:gram|g|kg|mg|dose|patient|vial|unit|syringe"
                           r"|treatment|lot|course)s?\b", _I)
BUDGET_CONTEXT = re.compile(r"budget|approved|envelope|all-in|funding|\bcost\b|spend|financ", _I)
BUDGET_TBD = re.compile(r"budget\W{0,3}(?:is\s+)?(?:TBD|TBC|to be (?:determined|confirmed)|unknown|not (?:yet )?(?:set|defined|approved))", _I)

SCALE_GOOD = re.compile(r"\bGMP\b|\bbatch|\bscale\b|\bbioreactor|\bcampaign|\bstainless|\bsingle-use", _I)
# The volume the work goes to ("scale-up to 2,000 L", "move to 500 L") rather than where it stands now.
SCALE_TARGET = re.compile(r"\b(?:scale[- ]?up|scaling up|scaled up|move|moving|transfer|go|going|increase|grow)\b"
                          r"[\w\s-]{0,20}?\bto\s*(?:~|about|approx\.?|around|c\.)?\s*$", _I)
SCALE_BAD = re.compile(r"\bpilot\b|\bour current\b|\bcurrently\b(?!\s+(?:plan|intend|expect|envisage|foresee|anticipate|think|want|need))|\bcurrent (?:process|scale|CDMO|site|supplier)\b|\bcurrently (?:runs?|made"
                       r"|produced|manufactured|at)\b|\bexisting\b|\btox\b|\bso far\b|\btoday\b|\bprevious\w*|\bhistoric", _I)

_NUM = rf"(?:\d{{1,4}}|{WORD_NUMBER})"
# "the 2024 campaign" names a campaign by its year; it does not count campaigns.
BATCH_COUNT = re.compile(
    rf"(?<![\w.,])(?!(?:19|20)\d\d\b)(?P<n>{_NUM})\s*(?:(?:x\s*|(?<=[a-z]\s))[\d.,]+\s*(?:kL|L|kg|g|mol)\s+)?"
    r"(?P<noun>(?:(?:GMP|DS|DP|API|drug substance|conjugation|patient|clinical|commercial|PPQ|engineering|eng|demo"
    r"|tox|non-GMP|registration|validation|exhibit|submission|stability)\s+){0,2}(?:batch(?:es)?|lots?|campaigns?|runs?))\b", _I)
BATCH_EXCLUDE = re.compile(r"\b(?:eng|engineering|demo|tox|non-GMP|pilot)\b", _I)
BATCH_SIZE_OF = re.compile(r"\b(?:batch(?:es)?|campaigns?|lots?|runs?) of\s+(?:about |approx\w* |~)?(?P<size>\d[\d.,]*\s?(?:kg|g|mol|mmol))\b", _I)
BATCH_SIZE = re.compile(r"(?:\bx\s*|(?<![\w.,]))(?P<size>\d[\d.,]*\s?(?:kg|g|mol|mmol))\b(?P<tail>\s+(?:scale|batch|API|campaign))?", _I)
EXTRA_RUNS = re.compile(r"(?:plus|\+|and|incl\.?|including)\s+(one|two|three|an?|\d)\s+(eng(?:ineering)?|demo\w*) (?:runs?|batch(?:es)?)", _I)
SCOPE_NOTE_RULES = [
    re.compile(r"\b(?:supplied|provided) by (?:us|the sponsor)\b|\bcomes? from our\b|\bwe (?:will )?(?:supply|provide)\b", _I),
    re.compile(r"\bstays? with\b|\bseparate RFP\b|\b(?:API|DS|drug substance) only\b|\bonly does\b", _I),
    re.compile(r"\btech(?:nology)? transfer (?:of (?:the |our |its )?\w+ )?from\b", _I),
    re.compile(r"\bPPQ\b(?![^.;]*\b(?:Q[1-4]|H[12]|20\d\d)\b)", 0),
    re.compile(r"\b(?:tablets?|capsules?)\s+DP\b", _I),
]

# A company name ends in a legal form or in the kind of word life-science companies name themselves with:
# '-ics' (Therapeutics, Biologics), '-ology' (Immunology), 'Bio...' (Biosimilars, Biopharma), '...pharma'.
COMPANY = re.compile(
    r"(?<![\w-])((?:[A-Z][A-Za-z0-9&'-]*|[A-Z]{2,})(?:[ \t]+(?:[A-Z][A-Za-z0-9&'-]*|[A-Z]{2,})){0,3}?[ \t]+"
    r"(?:[A-Z][a-z]+ics|[A-Z][a-z]*olog(?:y|ies)|Bio[a-z]*|[A-Z][a-z]*[Pp]harma[a-z]*|Genetics|Medicines|Vaccines"
    r"|Pharma[a-z]*|Inc\.?|Ltd\.?|LLC|GmbH|AG|AB|ApS|A/S|AS|Oy|SA|SpA|NV|BV|SAS|S\.A\.|KK|plc|Corp\.?|Corporation|Limited"
    r"|Laboratories|Labs|Sciences|Bioscience))(?![\w-])")
# A company named as the maker, source or vendor of something ('the cell bank was made by ...', 'licensed from ...',
# 'our current CDMO ...') is a third party; the sponsor is the one who writes the brief.
THIRD_PARTY_BEFORE = re.compile(
    r"(?:\b(?:by|from|via)|\b(?:made|manufactured|produced|generated|developed|banked|licensed|supplied|sourced|provided"
    r"|performed|tested|built|created|established|transferred|done)\s+(?:\w+\s+)?(?:at|with)|\b(?:CDMO|CMO|CRO|vendor"
    r"|supplier|partner|licensor|subcontractor|competitor)s?\s*[,:(]?|\b(?:current|previous|former|incumbent|existing"
    r"|other)\s+(?:\w+\s+)?(?:at|is|was)?)\s*(?:the\s+)?$", _I)
COMPANY_STOP = {"The", "Our", "At", "From", "For", "Hi", "Dear", "Subject", "RE", "Re", "FW", "To", "CMC", "Lead",
                "VP", "Head", "Director", "Team", "Thanks", "Best", "Regards", "Cc", "We", "This", "A", "An"}
# 'ACM-114', 'GX-ASO-7', 'QRB-P4', 'ZTA-3B07' (invented): capitals, a dash, then a code with at least one digit.
PRODUCT_CODE = re.compile(r"(?<![\w-])([A-Z]{1,5}(?:-[A-Z]{2,5})?-(?=[A-Z]{0,2}\d)[A-Z0-9]{1,6})(?![\w-])")
NOT_PRODUCT = re.compile(r"^(?:GLP|GIP|IL|PD|CD|HER|COVID|HIV|TNF|VEGF|EGFR|FGF|TGF|IFN|CTLA|LAG|TIM|OEB|ISO|ICH|BSL|CHO"
                         r"|HEK|AAV|BL|SF|CS|NS|SP|K|E|FORM|STEP|PHASE|PH|Q|H|FY)-", _I)
