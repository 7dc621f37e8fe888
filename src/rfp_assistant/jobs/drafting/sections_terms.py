"""Writers of the working and commercial sections: deliverables to confidentiality."""

from __future__ import annotations

from rfp_assistant.jobs.drafting import render as R
from rfp_assistant.jobs.drafting.catalog import adjusted_weights, scorecard
from rfp_assistant.schemas.brief import ProjectBrief
from rfp_assistant.jobs.drafting.section_parts import Parts, add_fact, fact, program_name, sponsor, table

DELIVERABLES = {
    "cell_line_development": "Cell line development: clone selection report and research and master cell bank documentation.",
    "process_development": "Process development: development plan, development and scale-up reports, and a proposed control strategy with process parameter ranges.",
    "analytical_development": "Analytical development: method development, qualification or validation protocols and reports.",
    "tech_transfer": "Technology transfer: transfer protocol, gap assessment, method transfer reports and a transfer report.",
    "clinical_manufacturing": "GMP manufacturing: executed batch record, certificate of analysis and deviation summary for every batch.",
    "commercial_manufacturing": "Commercial manufacturing: executed batch records, certificates of analysis, deviation and change summaries, and annual product review input.",
    "fill_finish": "Fill/finish: executed drug product batch records, certificates of analysis and inspection summaries.",
    "lyophilization": "Freeze-drying: cycle development report and the cycle record of every batch.",
    "qc_release": "QC release testing: release results, certificates of analysis and any out-of-specification investigation reports.",
    "stability": "Stability: protocol, data at each time point and interim and final reports.",
    "regulatory_support": "Regulatory support: authored CMC sections and responses to agency questions.",
}
CADENCE_WORDS = {"weekly": "Weekly", "biweekly": "Every-two-weeks", "monthly": "Monthly"}


def deliverables(brief: ProjectBrief) -> Parts:
    """Deliverables per requested service and the reporting the sponsor expects."""
    parts = Parts(intro=[f"Respondents should list what they will hand over for {program_name(brief)} and how the "
                         "project will be run and reported."])
    services = brief.value("services", [])
    lines = [DELIVERABLES[s] for s in services if s in DELIVERABLES] or [
        f"Deliverables per work package follow the confirmed scope: {R.open_point('services')}."]
    parts.blocks.append("**Deliverables per work package**\n\n" + "\n".join(f"- {line}" for line in lines))
    governance = []
    if brief.stated("dedicated_project_manager"):
        governance.append(f"A named, dedicated project manager at the CDMO is required (the brief asks for a "
                          f"“{R.expand(brief.dedicated_project_manager.text[0])}”).")
    if brief.stated("reporting_cadence"):
        governance.append(f"{CADENCE_WORDS[brief.value('reporting_cadence')]} reporting is expected, as stated in the "
                          f"brief (“{R.expand(brief.reporting_cadence.text[0])}”).")
    else:
        governance.append("Proposed rhythm, to be confirmed with respondents: a project call between the two project "
                          "managers and technical leads every week, a written status report every two weeks or monthly, "
                          "a steering meeting at least quarterly, and notice of critical events such as a deviation on "
                          "a GMP batch within one working day.")
    if brief.stated("governance_style"):
        governance.append(f"Governance style: {brief.value('governance_style')}.")
    parts.requirements += governance
    return parts


def logistics(brief: ProjectBrief) -> Parts:
    """Site location, shipping into the markets and handling the presentation needs."""
    parts = Parts(intro=["Location, supply of materials and movement of product are covered here."])
    add_fact(parts, "Manufacturing site location", fact(brief, "location_preference", R.location))
    add_fact(parts, "Target markets", fact(brief, "markets", R.markets))
    if not brief.drug_substance_only:
        add_fact(parts, "Drug product presentation", fact(brief, "dosage_form"))
    if brief.stated("location_preference"):
        where = brief.value("location_preference")
        if brief.location_preference.note == "required":
            parts.requirements.append(f"The work must be performed at a site in {R.place(where)}; the brief says "
                                      f"{R.quoted(brief.location_preference.text[0])}.")
        else:
            parts.requirements.append(f"The sponsor prefers a site in {R.place(where)} "
                                      f"({R.quoted(brief.location_preference.text[0])}); respondents elsewhere may bid "
                                      "and should explain how they offset the distance.")
    if brief.stated("markets"):
        parts.requirements.append(f"Product must be shipped into {R.places(brief.value('markets'))} with the "
                                  "import and export documentation those markets require.")
    form = (brief.value("dosage_form") or "").lower()
    if "cryopreserved" in form or "frozen" in form:
        parts.requirements.append(f"The drug product is {R.a_an(form)} {form}; qualified frozen storage and shipping "
                                  "with continuous temperature monitoring are required.")
    if brief.value("modality") == "cell_therapy" and "autologous" in (brief.modality.text or [""])[0].lower():
        parts.requirements.append("For this autologous product, chain of identity and chain of custody must be "
                                  "maintained from collection of the patient's cells to return of the patient lot.")
    if brief.drug_substance_only:
        parts.requirements.append("Released drug substance must be packed and shipped for drug product manufacture "
                                  "by another supplier.")
    return parts


def commercial_terms(brief: ProjectBrief) -> Parts:
    """Budget, the pricing structure asked for, and the hidden costs to show."""
    parts = Parts(intro=["Pricing must follow one comparable structure so that total cost, including the usual hidden "
                         "costs, can be compared across proposals."])
    add_fact(parts, "Budget", fact(brief, "budget", _budget))
    add_fact(parts, "Services to price", fact(brief, "services", R.service_names))
    add_fact(parts, "Batches to price", fact(brief, "batches", R.quantity))
    if brief.stated("budget"):
        currency = brief.value("budget")["currency"]
        parts.requirements.append(f"The sponsor's budget for this scope is {_budget(brief)}; proposals well above it "
                                  "should explain the cost drivers.")
        parts.requirements.append(f"Prices should be given in {currency}, the currency of the sponsor's budget.")
    if brief.stated("services"):
        parts.requirements.append(f"Price each requested service as its own line: {R.service_names(brief)}.")
    if brief.stated("batches"):
        parts.requirements.append(f"Give the price per GMP batch and the total for {R.batches(brief)}.")
    if "tech_transfer" in brief.value("services", []):
        parts.requirements.append("State the technology transfer fee separately from batch prices.")
    parts.requirements.append("Show the costs sponsors most often leave out: person-in-plant visits, audits, "
                              "additional testing, raw material markups, storage, shipping, change orders and the "
                              "handling of failed batches.")
    return parts


def _budget(brief: ProjectBrief) -> str:
    text = R.money(brief.value("budget"))
    if brief.budget.note == "approximate":
        text = "approximately " + text
    elif brief.budget.note:
        text = f"{text}, the {brief.budget.note}"
    words = brief.budget.text[0] if brief.budget.text else ""
    return f"{text} (brief: “{words}”)" if words and len(words.split()) > 1 else text


def risk_management(brief: ProjectBrief) -> Parts:
    """The program's own risks, derived from what the brief states."""
    parts = Parts(intro=[f"The sponsor has identified the risks below for {program_name(brief)}; respondents should "
                         "say how they would control each one."], requirements_title="Requirements")
    risks = []
    services = set(brief.value("services", []))
    if "tech_transfer" in services:
        risks.append(("Technology transfer", "Delay or failure to reproduce the process and methods at the receiving site."))
    if brief.stated("timeline"):
        label, date = R.timeline_rows(brief)[0]
        risks.append(("Capacity and schedule", f"No GMP slot in time for “{label}” ({date}), or a slot lost to another client."))
    if "high_containment" in brief.value("special_capabilities", []):
        risks.append(("Containment", "Operator exposure or cross-contamination with highly potent material."))
    if {"fill_finish", "lyophilization"} & services or "aseptic_processing" in brief.value("special_capabilities", []):
        risks.append(("Sterility assurance", "Failure of aseptic processing or media fills delaying batch release."))
    if brief.value("modality") == "cell_therapy":
        risks.append(("Patient lots", "Loss of an individual patient lot or a chain-of-identity error."))
    if brief.value("phase") in ("Phase 3", "Commercial"):
        risks.append(("Continuity of supply", "Interruption at a single site or of a single-source critical material."))
    if len(brief.value("markets", [])) > 1:
        risks.append(("Regulatory", f"Diverging expectations across {R.places(brief.value('markets'))}."))
    risks.append(("Quality", "A failed or rejected batch, and how its cost and replacement are handled."))
    parts.blocks.append(table(["Risk area", "Risk for this program"], [list(r) for r in risks]))
    return parts


def evaluation_criteria(brief: ProjectBrief) -> Parts:
    """The scorecard with weights adjusted to the brief's priorities, and knock-out criteria."""
    priorities = brief.value("evaluation_priorities", [])
    weights = adjusted_weights(priorities)
    words = [t for _, t in brief.items("evaluation_priorities")]
    parts = Parts(intro=[
        f"Weights are the sponsor's default scorecard, raised for the priorities stated in the brief, in order: "
        f"{', '.join(words)}." if words else
        "Weights are the sponsor's default scorecard; the brief states no ranking of priorities, so none has been "
        "re-weighted."])
    rows = [[c.title, str(weights[c.id]), c.rule] for c in scorecard()]
    parts.blocks.append(table(["Criterion", "Weight (%)", "How it is scored (0-5)"], rows))
    knockouts = [f"{label} at the proposed site" for label in R.capabilities(brief)]
    if brief.location_preference.note == "required":
        knockouts.append(f"a site in {R.place(brief.value('location_preference'))}")
    if knockouts:
        parts.requirements.append("Proposals that cannot offer the following are not scored: "
                                  + "; ".join(knockouts) + ".")
    return parts


def submission_instructions(brief: ProjectBrief) -> Parts:
    """Who to submit to and when (open until the sponsor sets them)."""
    parts = Parts(intro=[f"Proposals are submitted to {sponsor(brief) if brief.stated('company_name') else 'the sponsor'} "
                         "through the single contact named below."])
    add_fact(parts, "Issued by", fact(brief, "company_name"))
    add_fact(parts, "RFP contact", R.open_point("sponsor_contact"))
    add_fact(parts, "Schedule", R.open_point("rfp_schedule"))
    parts.requirements.append("Proposals must include the completed Vendor Response Form (the last section of this "
                              "RFP) as well as the narrative proposal.")
    return parts


def confidentiality(brief: ProjectBrief) -> Parts:
    """What is confidential in this program."""
    about = f"{brief.value('product_name')} and " if brief.stated("product_name") else ""
    return Parts(intro=[f"Information about {about}the sponsor's program is confidential."])


TERMS_WRITERS = {
    "deliverables": deliverables, "logistics": logistics, "commercial_terms": commercial_terms,
    "risk_management": risk_management, "evaluation_criteria": evaluation_criteria,
    "submission_instructions": submission_instructions, "confidentiality": confidentiality,
}
