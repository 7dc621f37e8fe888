"""Writers of the program sections: overview, scope, technical, quality and regulatory, timeline."""

from __future__ import annotations

from rfp_assistant.jobs.drafting import render as R
from rfp_assistant.jobs.drafting.gaps import CULTURED, is_open
from rfp_assistant.schemas.brief import ProjectBrief
from rfp_assistant.jobs.drafting.section_parts import Parts, add_fact, fact, program_name, table

PHASE_EXPECTATIONS = {
    "Preclinical": "At this stage the sponsor expects speed and flexibility: material for toxicology studies, a process "
                   "that can be run under GMP for the first clinical batches, and platform analytical methods.",
    "Phase 1": "For a first-in-human program the sponsor expects a GMP process run at a scale sufficient for the trial, "
               "qualified (not yet validated) analytical methods, preliminary specifications and stability data that "
               "support the clinical shelf life.",
    "Phase 2": "For Phase 2 the sponsor expects process improvement and scale-up, a comparability strategy for any "
               "process change, and tighter specifications.",
    "Phase 3": "For Phase 3 the sponsor expects process characterization, validated analytical methods, a path to "
               "process performance qualification (PPQ) and a commercial control strategy, with capacity secured "
               "beyond the pivotal study.",
    "Commercial": "For commercial supply the sponsor expects a validated process (PPQ), a commercial control strategy "
                  "with continued process verification, and guaranteed long-term capacity.",
}
MARKET_RULES = {
    "US": "United States: FDA current good manufacturing practice (21 CFR Parts 210 and 211, plus Parts 600-610 for "
          "biologics){p1}.",
    "EU": "European Union: EU GMP (EudraLex Volume 4) and its annexes, including the EU rules on GMP for "
          "investigational medicinal products for clinical supply and Annex 1 for sterile products; batch "
          "certification by a Qualified Person.",
    "UK": "United Kingdom: MHRA GMP and certification by a UK Qualified Person.",
    "JP": "Japan: PMDA/MHLW GMP expectations, including accreditation of foreign manufacturers.",
    "CN": "China: NMPA GMP expectations for products filed in China.",
    "AU": "Australia: TGA GMP expectations (PIC/S GMP guide).",
    "CA": "Canada: Health Canada GMP (PIC/S GMP guide).",
    "CH": "Switzerland: Swissmedic GMP (PIC/S GMP guide).",
    "KR": "South Korea: MFDS GMP expectations.",
    "ZA": "South Africa: SAHPRA GMP expectations (PIC/S GMP guide).",
    "BR": "Brazil: ANVISA GMP requirements, including ANVISA certification of foreign manufacturing sites.",
    "IN": "India: CDSCO expectations under the Schedule M GMP rules.",
    "SG": "Singapore: HSA GMP expectations (PIC/S GMP guide).",
    "MX": "Mexico: COFEPRIS GMP requirements for imported medicines.",
    "TW": "Taiwan: TFDA GMP expectations (PIC/S GMP guide).",
    "NZ": "New Zealand: Medsafe GMP expectations (PIC/S GMP guide).",
    "IL": "Israel: Ministry of Health GMP expectations (PIC/S GMP guide).",
}


def overview(brief: ProjectBrief) -> Parts:
    """Who is asking, for which product, and what kind of partner is wanted."""
    parts = Parts()
    what = R.modality(brief) or R.open_point("modality")
    phase = R.phase(brief) or R.open_point("phase")
    target = (f"{brief.value('product_name')}, {R.a_an(what)} {what} in {phase}" if brief.stated("product_name")
              else f"its {what} program in {phase}")
    who = f"{brief.value('company_name')} (“the sponsor”)" if brief.stated("company_name") else "The sponsor"
    parts.intro.append(f"{who} invites qualified contract development and manufacturing "
                       f"organizations (CDMOs) to submit a proposal for {target}.")
    scope = R.service_names(brief)
    parts.intro.append(f"The sponsor is looking for a partner for {scope}." if scope else
                       f"The services requested are {R.open_point('services')}.")
    if brief.stated("markets"):
        parts.intro.append(f"The product is intended for {R.markets(brief)}.")
    if brief.stated("governance_style"):
        style = brief.value("governance_style")
        parts.intro.append(f"The sponsor wants {R.a_an(style)} {style} working relationship: "
                           f"{R.quoted(R.expand(brief.governance_style.text[0]))}.")
    add_fact(parts, "Sponsor", fact(brief, "company_name"))
    add_fact(parts, "Product", brief.value("product_name"))
    add_fact(parts, "Modality", fact(brief, "modality", R.modality))
    add_fact(parts, "Development phase", fact(brief, "phase", R.phase))
    if brief.stated("dosage_form") and not brief.drug_substance_only:
        add_fact(parts, "Drug product presentation", str(brief.value("dosage_form")))  # what the CDMO will make
    add_fact(parts, "Target markets", fact(brief, "markets", R.markets))
    add_fact(parts, "Governance style", brief.value("governance_style"))
    return parts


def scope_of_work(brief: ProjectBrief) -> Parts:
    """The services to quote, the quantity, the presentation and the scope boundaries."""
    parts = Parts(intro=[f"This section defines the work respondents are asked to quote for {program_name(brief)}."])
    if brief.stated("services"):
        parts.blocks.append("**Requested services**\n\n" + "\n".join(f"- {line}" for line in R.services(brief)))
    else:
        parts.blocks.append(f"**Requested services**\n\n- {R.open_point('services')}")
    notes = [R.expand(t) for _, t in brief.items("scope_notes")]
    if notes:
        parts.blocks.append("**Scope notes from the program team**\n\n" + "\n".join(f"- {R.quoted(n)}" for n in notes))
    add_fact(parts, "Modality", fact(brief, "modality", R.modality))
    add_fact(parts, "Development phase", fact(brief, "phase", R.phase))
    add_fact(parts, "Quantity", R.quantity(brief) or fact(brief, "batches"))
    if brief.drug_substance_only:
        add_fact(parts, "Drug product", "outside this RFP (the scope is drug substance only)")
    else:
        add_fact(parts, "Drug product presentation", fact(brief, "dosage_form"))
    if brief.stated("batches"):
        parts.requirements.append(f"The base case is {R.quantity(brief)}; additional batches should be priced as "
                                  "options, with the price per batch stated.")
    else:
        parts.requirements.append(f"The base-case number of batches is {R.open_point('batches')}; respondents "
                                  "should state the price per batch so that the total can be scaled.")
    if brief.drug_substance_only:
        parts.requirements.append("Drug product manufacture is not part of this request and should not be quoted; "
                                  "drug substance must be released and shipped for drug product manufacture elsewhere.")
    return parts


def technical_requirements(brief: ProjectBrief) -> Parts:
    """Product and process facts, phase expectations, mandatory capabilities and the transfer package."""
    parts = Parts(intro=["The product and process are described below. Respondents should confirm technical fit and "
                         "name the equipment and expertise they would apply."])
    add_fact(parts, "Modality", fact(brief, "modality", R.modality))
    add_fact(parts, "Expression system / platform", fact(brief, "expression_system", _expression))
    add_fact(parts, "Development phase", fact(brief, "phase", R.phase))
    add_fact(parts, "Production scale", fact(brief, "scale_l", lambda b: R.liters(b.value("scale_l"))))
    add_fact(parts, "Number of batches", fact(brief, "batches", R.batches))
    add_fact(parts, "Batch size", brief.value("batch_size"))
    if not brief.drug_substance_only:
        add_fact(parts, "Drug product presentation", fact(brief, "dosage_form"))
    caps = R.capabilities(brief)
    add_fact(parts, "Special capabilities (mandatory)", "; ".join(caps) if caps else None)
    phase = brief.value("phase")
    parts.requirements.append(PHASE_EXPECTATIONS[phase] if phase else
                              f"Phase-appropriate expectations follow from the development phase, "
                              f"{R.open_point('phase')}.")
    if brief.value("modality") in ("monoclonal_antibody", "recombinant_protein") and phase in ("Phase 1", "Preclinical"):
        parts.requirements.append("Viral clearance studies are needed for this mammalian-cell product and should be "
                                  "included or quoted as an option.")
    for tag, words in brief.items("special_capabilities"):
        parts.requirements.append(_capability_requirement(tag, R.expand(words), brief))
    if brief.stated("scale_l"):
        parts.requirements.append(f"The proposed site must have a single production vessel of at least "
                                  f"{R.liters(brief.value('scale_l'))} available for this program.")
    services = set(brief.value("services", []))
    if "tech_transfer" in services:
        parts.blocks.append("**Technology transfer package the sponsor will provide**\n\n"
                            + "\n".join(f"- {item}" for item in _transfer_package(brief)))
    return parts


def _expression(brief: ProjectBrief) -> str:
    value, words = brief.value("expression_system"), R.expand(brief.expression_system.text[0])
    return words if value.lower() in words.lower() else f"{value} ({words})"


def _capability_requirement(tag: str, words: str, brief: ProjectBrief) -> str:
    evidence = "respondents must provide evidence (equipment list, batches run and inspection history for that operation)."
    if tag == "high_containment":
        return f"High containment is mandatory ({words}), with validated cleaning and operator protection; {evidence}"
    if tag == "biosafety_containment":
        return f"Biosafety containment is mandatory ({words}); {evidence}"
    if tag == "aseptic_processing":
        annex = " (EU GMP Annex 1)" if "EU" in brief.value("markets", []) else ""
        return f"Aseptic processing in classified cleanrooms or isolators, compliant with current sterile manufacturing rules{annex}, is mandatory; {evidence}"
    if tag == "lyophilization":
        return f"Freeze-drying capacity of suitable size and cycle development expertise are mandatory; {evidence}"
    label = R.T.CAPABILITY_LABELS.get(tag, tag.replace("_", " "))
    return f"{label} ({words}) is mandatory for this program; {evidence}"


def _transfer_package(brief: ProjectBrief) -> list[str]:
    items = ["Process description and flow diagram with operating parameters and ranges",
             "Critical process parameters and critical quality attributes, with their justification",
             "Batch records and summaries from previous runs, with deviation and change history",
             "Analytical methods with their qualification or validation status, and specifications",
             "Bill of materials with raw material specifications and suppliers (single-source items flagged)",
             "Stability data and protocols; known issues and lessons learned"]
    modality = brief.value("modality")
    if modality in CULTURED:
        items.insert(4, "Cell bank documentation and testing (history, characterization, storage)")
    elif modality in ("peptide", "oligonucleotide", "small_molecule"):
        items.insert(4, "Synthetic route description with starting material and reagent specifications")
    elif modality == "cell_therapy":
        items.insert(4, "Documentation of sponsor-supplied starting materials and critical reagents")
    items.append("Reference standard and critical reagent details")
    return items


def quality_regulatory(brief: ProjectBrief) -> Parts:
    """Markets, the GMP frameworks each one brings, and the filings the site must support."""
    parts = Parts(intro=["The work must meet the quality standards and regulatory frameworks of the program's "
                         "target markets, and the site's compliance record must support the filings below."])
    add_fact(parts, "Target markets", fact(brief, "markets", R.markets))
    add_fact(parts, "Development phase", fact(brief, "phase", R.phase))
    add_fact(parts, "Regulatory frameworks named in the brief", ", ".join(brief.value("regulatory_frameworks", [])) or None)
    add_fact(parts, "Planned submissions", ", ".join(brief.value("submissions", [])) or None)
    p1 = "; the FDA guidance on CGMP for Phase 1 investigational drugs applies" if brief.value("phase") == "Phase 1" else ""
    rules = [MARKET_RULES[c].format(p1=p1) for c in brief.value("markets", []) if c in MARKET_RULES]
    if rules:
        parts.blocks.append("**Standards that apply per target market**\n\n" + "\n".join(f"- {r}" for r in rules))
    elif is_open(brief, "markets"):
        parts.blocks.append(f"**Standards that apply per target market**\n\n- Set once the target markets are "
                            f"confirmed: {R.open_point('markets')}")
    agencies = [a for a in brief.value("regulatory_frameworks", []) if a not in ("ICH", "cGMP", "EU GMP", "Annex 1")]
    if agencies:
        words = next((t for t in brief.regulatory_frameworks.text if any(a in t for a in agencies)), "")
        parts.requirements.append(f"The proposed site must meet the expectations of {R.plural_join(agencies)} set in "
                                  f"the brief: {R.quoted(R.expand(words))}.")
    if brief.stated("submissions"):
        parts.requirements.append(f"The CDMO must supply data and authored CMC sections to support the planned "
                                  f"{R.plural_join(brief.value('submissions'))} submissions.")
    if brief.value("phase") in ("Phase 3", "Commercial"):
        parts.requirements.append("The site must be ready for pre-approval inspections in each target market and "
                                  "support post-approval changes.")
    return parts


def timeline(brief: ProjectBrief) -> Parts:
    """The brief's milestones as a table, and how the schedule will be managed."""
    parts = Parts(intro=[f"Target milestones for {program_name(brief)} are listed below; respondents should say "
                         "plainly where they cannot meet them."])
    rows = R.timeline_rows(brief)
    if rows:
        parts.blocks.append(table(["Milestone", "Target date"], [list(r) for r in rows]))
        first_label, first_date = rows[0]
        parts.requirements.append(f"The schedule must support the milestone “{first_label}” by {first_date}; state "
                                  "the latest purchase-order date that still meets it.")
    else:
        parts.blocks.append(f"**Target milestones:** {R.open_point('timeline')}")
    add_fact(parts, "Development phase", fact(brief, "phase", R.phase))
    add_fact(parts, "Batches to schedule", fact(brief, "batches", R.quantity))
    style = brief.value("governance_style")
    if style in ("milestone-driven", "structured"):
        parts.requirements.append("Progress will be managed against these milestones with formal milestone reviews, "
                                  "as the sponsor wants a " + style + " partner.")
    elif style == "adaptive":
        parts.requirements.append("The plan will be adjusted jointly as results come in; the sponsor prefers solving "
                                  "schedule issues in working sessions over formal change requests.")
    return parts


PROGRAM_WRITERS = {
    "overview": overview, "scope_of_work": scope_of_work, "technical_requirements": technical_requirements,
    "quality_regulatory": quality_regulatory, "timeline": timeline,
}
