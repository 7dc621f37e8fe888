"""Tables that give a unit only in a column heading: a bare figure in the column is read in that unit, labelled by
its row, and its quote is the row as the page has it."""

from __future__ import annotations

import io

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.jobs.extraction.offline import extract_offline
from rfp_assistant.jobs.extraction.value_check import derived
from rfp_assistant.schemas.proposal import field_specs

MB = 1_000_000
SCHEDULE = [["Activity", "Schedule", "", ""],
            ["", "Start (week)", "End (week)", "Duration (weeks)"],
            ["Technology transfer", "1", "12", "12"],
            ["Process development", "4", "19", "16"],
            ["Engineering batch (non-GMP)", "22", "24", "3"]]
CAPACITY = [["Suite", "Bioreactors", "", "Status"],
            ["", "Volume (L)", "Type", ""],
            ["Seed train", "200", "single-use", "operational"],
            ["Production A", "2000", "stainless steel", "operational"],
            ["Production B", "5000", "stainless steel", "under construction"]]
PASS_THROUGH = [["Cost element", "Pass-through", ""],
                ["", "Markup (%)", "Estimate (EUR)"],
                ["Raw materials and consumables", "10", "250 000"]]


EQUIPMENT = [["Equipment", "Number", "Notes"],
             ["Seed bioreactor, 200 L single-use", "2", "Inoculum train"],
             ["Production bioreactor, 2,000 L single-use", "4", "Proposed for EX-1"],
             ["Production bioreactor, 5,000 L single-use", "(2)", "Under construction, operational 2029"],
             ["Chromatography skids", "4", "Protein A capture"]]
PLAN = [["Phase", "Duration", "Start (week)", "Comment"],
        ["Technology transfer", "10 weeks", "0", "Gap assessment"],
        ["Engineering batch (200 L)", "4 weeks", "22", "Non-GMP"],
        ["GMP batch 1", "5 weeks incl. fill", "29", "First GMP batch"],
        ["GMP batch 2", "5 weeks incl. fill", "35", ""]]
PRODUCTS = [["Commercial products made at Basel", "", ""],
            ["Products (no.)", "Approving agencies", "Other inspections"],
            ["3", "EMA, Swissmedic", "ANVISA (2026), PMDA (2025)"]]
PAYMENT = [["Payment plan", "", ""],
           ["Event", "Share of line item (%)", "Due (days net)"],
           ["Purchase order", "40", "30"],
           ["Completion of line item", "60", "30"]]
GANTT = [["Activity", "Start (week\nafter PO)", "Duration\n(weeks)", "Q1'26", "Q2'26", "Q3'26"],
         ["Cell line development", "0", "22", "", "", ""],
         ["Process development", "14", "16", "", "", ""],
         ["GMP batch #1 (DS)", "44", "4", "", "", ""],
         ["Milestone", "Target", "", "", "", ""],
         ["First GMP batch start", "Week 44 after PO", "", "", "", ""]]
MERGED = {id(PAYMENT): [("SPAN", (0, 0), (2, 0))], id(PRODUCTS): [("SPAN", (0, 0), (2, 0))], id(SCHEDULE): [("SPAN", (1, 0), (3, 0)), ("SPAN", (0, 0), (0, 1))],
          id(CAPACITY): [("SPAN", (1, 0), (2, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (3, 0), (3, 1))],
          id(PASS_THROUGH): [("SPAN", (1, 0), (2, 0)), ("SPAN", (0, 0), (0, 1))]}


def _proposal_pdf(*tables: tuple[str, list]) -> bytes:
    """A proposal whose figures are in tables with merged headings, laid out as a word processor prints them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph("Acme Biologics GmbH, Offer AB-7 of 3 March 2026 to Example Pharma for EX-1. All work is done "
                       "at our site in Basel, Switzerland. Units are stated in the column headings.", style)]
    for caption, rows in tables or (("Table 1. Capacity", CAPACITY), ("Table 2. Schedule, weeks from purchase order",
                                    SCHEDULE), ("Table 3. Pass-through costs", PASS_THROUGH)):
        story += [Paragraph(caption, style),
                  Table(rows, style=MERGED.get(id(rows), []) + [("ALIGN", (0, 0), (-1, 1), "CENTER")])]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def _extract():
    document = load_bytes(_proposal_pdf(), "acme.pdf", max_bytes=MB, layouts=True)
    return document, extract_offline(document).fields


def test_a_bare_figure_takes_its_unit_from_the_column_heading_and_its_field_from_the_row_label():
    document, fields = _extract()
    assert fields["tech_transfer_weeks"].value == 12  # the duration column's, not the end week's
    assert fields["process_development_weeks"].value == 16
    assert fields["raw_material_markup_pct"].value == 10  # "Markup (%)" under a merged "Pass-through" heading
    for key in ("tech_transfer_weeks", "process_development_weeks", "raw_material_markup_pct"):
        for evidence in fields[key].evidence:
            assert quote_in_text(evidence.quote, document.page_text(evidence.page)), evidence.quote
    assert "Technology transfer 1 12 12" in fields["tech_transfer_weeks"].evidence[0].quote


def test_a_volume_column_gives_the_largest_bioreactor_in_use_and_its_type_cells_the_bioreactor_type():
    _, fields = _extract()
    assert fields["max_bioreactor_volume_l"].value == 2000  # not the 5000 L suite under construction
    assert fields["bioreactor_type"].value == "both"


def test_a_vessel_in_a_table_row_is_read_with_the_whole_row_its_status_cell_too():
    document = load_bytes(_proposal_pdf(("Appendix A. Equipment list", EQUIPMENT)), "acme.pdf", max_bytes=MB,
                          layouts=True)
    assert extract_offline(document).fields["max_bioreactor_volume_l"].value == 2000  # the 5,000 L is being built


def test_the_first_gmp_batch_is_its_rows_start_week_not_how_long_the_batch_takes():
    document = load_bytes(_proposal_pdf(("Table 4. Plan", PLAN)), "acme.pdf", max_bytes=MB, layouts=True)
    fields = extract_offline(document).fields
    assert fields["weeks_to_first_gmp_batch"].value == 29
    assert fields["tech_transfer_weeks"].value == 10


def test_agencies_under_an_approving_agencies_heading_are_the_approvals_and_inspections_beside_them_are_not():
    pdf = _proposal_pdf(("Table 1. Capacity", CAPACITY), ("Table 5. Commercial products", PRODUCTS))
    document = load_bytes(pdf, "acme.pdf", max_bytes=MB, layouts=True)
    fields = extract_offline(document).fields
    assert fields["regulatory_approvals"].value == ["EMA", "Swissmedic"]
    assert fields["commercial_products_count"].value == 3  # "(no.)" under a merged "Commercial products" heading


def test_payment_terms_given_as_a_table_of_shares_and_days_are_the_table_under_its_heading():
    pdf = _proposal_pdf(("Table 1. Capacity", CAPACITY), ("Table 6. Payments", PAYMENT))
    terms = extract_offline(load_bytes(pdf, "acme.pdf", max_bytes=MB, layouts=True)).fields["payment_terms"]
    assert terms.value.startswith("Payment plan Event Share of line item (%) Due (days net)")
    assert terms.value.endswith("Completion of line item 60 30")


def test_a_heading_wrapped_onto_two_lines_and_chart_columns_without_cells_still_give_the_units():
    pdf = _proposal_pdf(("Table 1. Capacity", CAPACITY), ("Table 4. Timeline", GANTT))
    fields = extract_offline(load_bytes(pdf, "acme.pdf", max_bytes=MB, layouts=True)).fields
    assert fields["process_development_weeks"].value == 16
    assert fields["weeks_to_first_gmp_batch"].value == 44


def test_a_bare_number_is_a_value_only_under_a_heading_on_its_own_page_that_gives_the_unit():
    spec = field_specs()["tech_transfer_weeks"]
    quote = ["Technology transfer 1 12 12"]
    headed = "Table 2. Schedule\nActivity\nStart (week)\nEnd (week)\nDuration (weeks)\nTechnology transfer\n1\n12\n12"
    unheaded = "Table 2. Schedule\nActivity\nStart\nEnd\nTechnology transfer\n1\n12\n12"
    assert derived(spec, 12.0, quote, [headed]).value == 12.0
    assert derived(spec, 12.0, quote, [unheaded]).value is None  # "12" alone says nothing about weeks
    assert derived(spec, 12.0, quote, []).value is None  # the heading must be on the cited page
    # A sentence between the heading and the row ends the table the heading belongs to.
    prose = ("Duration (weeks)\nThe plan below is indicative and may change once the sponsor's process is known in "
             "detail.\nTechnology transfer\n1\n12\n12")
    assert derived(spec, 12.0, quote, [prose]).value is None
    # Under a heading, a row's figure outside its typed values counts; a range's lower end still does not.
    plan = "Phase\nDuration\nStart (week)\nTechnology transfer\n10-12 weeks\n0\nGMP batch 1\n5 weeks incl. fill\n29"
    first = field_specs()["weeks_to_first_gmp_batch"]
    assert derived(first, 29.0, ["GMP batch 1 5 weeks incl. fill 29"], [plan]).value == 29.0
    assert derived(spec, 10.0, ["Technology transfer 10-12 weeks 0"], [plan]).value is None
    assert derived(spec, 12.0, ["Technology transfer 10-12 weeks 0"], [plan]).value == 12.0


def test_layouts_are_kept_only_when_asked_and_the_text_is_read_as_before():
    data = _proposal_pdf()
    plain = load_bytes(data, "acme.pdf", max_bytes=MB)
    kept = load_bytes(data, "acme.pdf", max_bytes=MB, layouts=True)
    assert [p.text for p in plain.pages] == [p.text for p in kept.pages]
    assert not any(p.layout for p in plain.pages) and "Duration (weeks)" in kept.pages[0].layout
