"""Services in scope are read mention by mention: scope-table cells, Included/Excluded labels, the sentence."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline


def _services(*pages: str) -> list[str] | None:
    document = load_bytes("\f".join(pages).encode(), "acme.txt", max_bytes=10**6)
    return extract_offline(document).fields["services_included"].value


def test_a_scope_table_is_read_cell_by_cell_and_a_capability_table_is_not_scope():
    capabilities = "Capabilities\nAseptic fill/finish: Yes (vials)\nLyophilization: Yes, two freeze dryers\n"
    scope = ("Scope\nActivity\nIncluded?\nCell line development\nExcluded (client's own clone)\nTechnology transfer\nYes\n"
             "Process development\nYes\nGMP DS manufacturing, 3 batches\nYes\nQC release testing\nYes\n"
             "Stability 24M (DS)\nYes\nDP fill (PFS)\nOptional\nCTD 3.2.S authoring\nNot included (optional)\n")
    assert _services(capabilities, scope) == ["process_development", "tech_transfer", "clinical_manufacturing",
                                              "qc_release", "stability"]


def test_included_and_excluded_labels_and_other_parties_work():
    text = ("Confirmed and included: technology transfer; process optimisation (process development); analytical "
            "method transfer and development; two GMP batches; QC release testing; 24-month ICH stability.\n"
            "Excluded: regulatory support (IMPD writing) is not part of this offer.\n"
            "Drug substance will be shipped frozen to the fill/finish partner of your choice. Commercial manufacturing "
            "is likewise outside this proposal.")
    assert _services(text) == ["process_development", "analytical_development", "tech_transfer",
                               "clinical_manufacturing", "qc_release", "stability"]


_FILLER = "The team reports progress at each weekly call and records decisions in the minutes. " * 12


def test_a_numbered_scope_section_governs_its_items_to_the_next_section_even_across_a_page():
    first = ("1. Introduction\nThank you for the request.\n2. Proposed Scope of Work\n2.1 Process Development. "
             + _FILLER + "\n2.2 Technology Transfer. Transfer of the process to the GMP plant.\n")
    second = ("2.3 QC Release and Stability. Release testing of each batch and a 24-month stability study.\n"
              "3. Timeline\nTechnology transfer would take 8 weeks; a stability study could follow later.\n")
    assert _services(first, second) == ["process_development", "tech_transfer", "qc_release", "stability"]


def test_a_section_that_is_not_scope_does_not_put_its_services_in_scope():
    text = ("1. About us\nWe have " + _FILLER + "\nTechnology transfer teams and a stability unit.\n"
            "2. Out of scope\n2.1 Regulatory support for your filing.\n")
    assert _services(text) is None


def test_a_markdown_scope_heading_and_work_package_rows_put_services_in_scope():
    markdown = ("## Scope of work\n\n### Analytical development\n" + _FILLER + "\n\n### Stability\n"
                "Real-time stability for 24 months.\n\n## Team\nOur process development group is large.\n")
    assert _services(markdown) == ["analytical_development", "stability"]
    packages = "Work packages\nWP1 Technology transfer\n" + _FILLER + "\nWP2 GMP manufacture, two batches\n"
    assert _services(packages) == ["tech_transfer", "clinical_manufacturing"]


def test_a_price_table_read_one_cell_a_line_prices_its_rows():
    table = ("Price (USD)\nItem\nDescription\nBasis\nPrice (USD)\n1\n" + "Engineering run\nFixed\n400,000\n2\n"
             "Technology transfer to the plant\nFixed\n185,000\n3\nRegulatory support (CMC Module 3)\nFixed\n95,000\n")
    assert _services(table) == ["tech_transfer", "regulatory_support"]


def test_shared_head_nouns_and_method_qualification_are_read_as_the_trade_means_them():
    text = ("Proposed scope: cell line, process and analytical development; upstream process optimisation; "
            "validation of the release methods; tech-transfer to the GMP suite; QC testing of each clinical trial "
            "material lot, placed on stability at release.")
    assert _services(text) == ["cell_line_development", "process_development", "analytical_development",
                               "tech_transfer", "clinical_manufacturing", "qc_release", "stability"]


def test_the_vendors_own_commitment_a_plan_and_stage_rows_put_services_in_scope():
    assert _services("Thank you. We'll carry out process development in 3 L bioreactors, then two GMP batches.\n") == [
        "process_development", "clinical_manufacturing"]
    plan = "Project plan\nActivity\tStart\tEnd\nTechnology transfer\tweek 1\tweek 8\nQC release testing\tweek 14\tweek 18\n"
    assert _services(plan) == ["tech_transfer", "qc_release"]
    stages = "Stage 1 - Development (process development)\nStage 2 - GMP manufacture of three batches\n"
    assert _services(stages) == ["process_development", "clinical_manufacturing"]
    assert _services("Deliverables\n- Technology transfer report\n- Stability study report at 12 months\n") == [
        "tech_transfer", "stability"]


def test_work_left_undecided_or_given_to_the_sponsor_is_not_in_scope():
    text = ("Scope of work\n- Technology transfer\n- Two GMP batches\n- Lyophilization cycle development (to be "
            "confirmed)\n- Stability (TBD)\n- Fill/finish: Sponsor responsibility\n- Regulatory support if required\n")
    assert _services(text) == ["tech_transfer", "clinical_manufacturing"]


def test_later_possibilities_separate_agreements_and_the_sponsors_past_work_are_not_in_scope():
    scope = "Scope of work: technology transfer and two GMP batches.\n"
    assert _services(scope + "Stability studies and regulatory support can be discussed once the batches are "
                              "released.\n") == ["tech_transfer", "clinical_manufacturing"]
    assert _services(scope + "Should the program advance, fill/finish is available at our sister site.\n") == [
        "tech_transfer", "clinical_manufacturing"]
    assert _services(scope + "Regulatory support would be covered under a separate agreement.\n") == [
        "tech_transfer", "clinical_manufacturing"]
    assert _services(scope + "The Sponsor has completed cell line development and plans to run stability studies "
                              "itself.\n") == ["tech_transfer", "clinical_manufacturing"]
