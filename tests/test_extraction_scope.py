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
