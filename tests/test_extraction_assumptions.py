"""Assumptions and exclusions come out as a clean list: each statement once, whole, and nothing that is not one.

The comparison shows this list in one cell per vendor; a reader should see "Sponsor supplies the cell bank",
not a scope table flattened into a paragraph or a sentence that runs on into the next heading.
"""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

LETTERHEAD = "Orvanta Biologics GmbH - Proposal for Brackenfield Pharma\n"


def _assumptions(*pages: str) -> list[str] | None:
    document = load_bytes("\f".join(LETTERHEAD + page for page in pages).encode(), "offer.txt", max_bytes=10**6)
    return extract_offline(document).fields["assumptions"].value


def test_a_sentence_stops_at_its_line_and_a_statement_met_by_two_cues_is_listed_once():
    page = ("2. Scope of work\nAnalytical development is excluded; the client's methods are assumed to be qualified.\n"
            "2.1 Timeline\nTechnology transfer takes 12 weeks from the purchase order.\n")
    assert _assumptions(page) == ["Analytical development is excluded; the client's methods are assumed to be "
                                  "qualified."]


def test_a_status_cell_on_its_own_line_is_read_with_its_row_label():
    page = ("Scope\nActivity\nIncluded?\nCell line development\nExcluded (client's own CHO clone)\n"
            "Technology transfer\nYes\nCTD 3.2.S authoring\nNot included (optional)\n")
    assert _assumptions(page) == ["Cell line development Excluded (client's own CHO clone)",
                                  "CTD 3.2.S authoring Not included (optional)"]


def test_the_rows_under_an_assumptions_heading_are_read_without_the_heading_and_column_names():
    page = ("3. Key assumptions and exclusions\n#\nAssumption / exclusion\nA1\n"
            "Client provides the expression vector sequence and freedom to operate\nA2\n"
            "Prices exclude shipping, import duties and sales tax\nA3\nReference standard supplied by Client\n"
            "4. Pricing\nThe total price is EUR 2,400,000.\n")
    assert _assumptions(page) == ["Client provides the expression vector sequence and freedom to operate",
                                  "Prices exclude shipping, import duties and sales tax",
                                  "Reference standard supplied by Client"]


def test_the_answer_list_under_the_sponsors_own_question_is_read_whole():
    page = ("C.13 Are batch records electronic?\nYes, since 2023 in all suites.\n"
            "C.14 List all assumptions on which your proposal is based.\n"
            "a) The Sponsor supplies released naked antibody and the payload-linker (see\nAnnex 1).\n"
            "b) The conjugation process is robust at 300 g scale.\nc) Prices exclude VAT and shipping.\n"
            "C.15 How long is your offer valid?\nOur offer is valid for 60 days.\n")
    assert _assumptions(page) == ["The Sponsor supplies released naked antibody and the payload-linker (see Annex 1).",
                                  "The conjugation process is robust at 300 g scale.",
                                  "Prices exclude VAT and shipping."]


def test_an_entry_in_the_contents_is_not_the_section_and_what_the_sponsor_supplies_counts():
    contents = "Contents\n9. Commercial terms\n11\n10. Assumptions\n12\nExecutive summary\n" + \
        "Orvanta proposes two GMP batches at 2,000 L with release testing and a stability program.\n"
    terms = ("Materials are charged at cost plus 10%. Brackenfield supplies the linearised DNA template. "
             "Orvanta provides all single-use assemblies.\n")
    assert _assumptions(contents, terms) == ["Brackenfield supplies the linearised DNA template."]
