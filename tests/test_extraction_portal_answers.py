"""A bid-portal export prints each question and its answer on one line ('D.02* Total price. See attachment 3.'): an
answer that points to an attachment or waits on later work states nothing, and an answer that does state a value
is read as the answer to its own question, not to the next one."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.hedges import unanswered_spans
from rfp_assistant.jobs.extraction.offline import extract_offline

EXPORT = """Sourcing Portal | Event 2026-044 | Supplier response export
Respondent Halvorsen Sterile Services Inc.
Q-ID Sponsor question Supplier answer
A.03* Site(s) where the proposed work would be performed. Raleigh, North Carolina, USA.
C.03* Duration of technology transfer. 10 weeks after receipt of materials.
C.05* Time from purchase order to first GMP batch. To be confirmed after tech transfer.
D.02* Total price for the quoted scope. See attachment 3.
D.03* Price per GMP batch. USD 188,500 per GMP lyophilized batch, including release testing.
D.04 Technology transfer fee. USD 52,000
E.03* Number of FDA warning letters received in the last 5 years. 0 (none).
E.04 Regulatory agencies that have approved products filled at the site. FDA (US), EMA (EU) and Health Canada. MHRA: N/A.
"""


def _fields(text: str):
    return extract_offline(load_bytes(text.encode(), "export.txt", max_bytes=10**6)).fields


def test_a_pointer_to_an_attachment_or_later_work_states_nothing():
    fields = _fields(EXPORT)
    assert fields["total_price"].status == "not_stated"  # not the next question's batch price
    assert fields["weeks_to_first_gmp_batch"].status == "not_stated"


def test_answers_on_the_question_line_are_read():
    fields = _fields(EXPORT)
    assert fields["gmp_batch_price"].value.amount == 188500.0  # a 'lyophilized batch' is still the batch
    assert fields["tech_transfer_fee"].value.amount == 52000.0
    assert fields["warning_letters_5y"].value == 0
    assert fields["tech_transfer_weeks"].value == 10


def test_a_hedged_label_late_in_an_answer_leaves_the_rest_answered():
    fields = _fields(EXPORT)
    assert fields["regulatory_approvals"].value == ["FDA", "EMA", "Health Canada"]
    text = "E.04 Agencies that have approved our products. FDA and EMA. MHRA: N/A.\n"
    assert [text[a:b] for a, b in unanswered_spans(text)] == ["MHRA: N/A."]


def test_a_pointer_inside_an_answer_is_no_hedge():
    fields = _fields(EXPORT.replace("See attachment 3.", "USD 1,450,000 (breakdown in attachment 3)."))
    assert fields["total_price"].value.amount == 1450000.0


def test_an_engineering_batch_is_still_not_the_gmp_batch():
    fields = _fields("ACME BIOLOGICS LLC\nAll work at our site in Austin, Texas.\n"
                     "Engineering batch: USD 95,000.\nPrice per GMP batch. USD 240,000.\n")
    assert fields["gmp_batch_price"].value.amount == 240000.0


SCOPE_AND_TERMS = """Respondent Halvorsen Sterile Services Inc.
All work at our site in Raleigh, North Carolina, USA.
C.01* Confirm the scope you are quoting.
Technology transfer of the Sponsor DP process; three GMP clinical drug product batches (aseptic fill, capping,
100% visual inspection); QC release testing; ICH stability (25C/60%RH and 5C, 24 months) on batch 1.
D.07 Cancellation / rescheduling terms.
Written notice required. Less than 90 days before fill date: 100% of the batch fee;
90-180 days: 50%; more than 180 days: no charge. One free reschedule per batch if
notified more than 120 days ahead.
"""


def test_the_answer_to_a_scope_question_is_the_scope():
    assert "stability" in _fields(SCOPE_AND_TERMS)["services_included"].value


def test_a_numbered_terms_question_reads_its_whole_answer():
    terms = _fields(SCOPE_AND_TERMS)["cancellation_terms"].value
    assert "100% of the batch fee" in terms and "no charge" in terms
