"""Slide decks with scope grids and price rows: an item named in a grid is no claim of capability against a plain
denial, a price row's note on several batches is not the batch price, another event's slot is no GMP slot, and an
address's abbreviations do not cut the site's sentence short."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

DECK = """Microbial supply proposal
Presented by Brandholm Microbials ApS
Who we are
- Head office in Copenhagen (sales, finance)
- All GMP manufacturing at our Odense campus (ul. Havnegade 9, 5000 Odense, Denmark)
Capacity
- Two 1,500 L fermenters
- No aseptic filling line at Odense - we do not offer fill/finish; DS is shipped frozen to your DP partner
Scope at a glance
Included Optional By Sponsor Excluded
Tech transfer
cGMP DS batches (2 x 1,500 L)
Drug product fill/finish
Regulatory filings
Timeline
- Next free GMP fermentation slot: Q3 2027
\fNext steps
- Clarification call in January 2027
- Site visit to Odense (audit slot offered in February 2027)
Commercial proposal (EUR, excl. VAT)
Activity Price
Technology transfer EUR 160,000
GMP DS batch at 1,500 L (per batch; 2 batches = EUR 820,000) EUR 410,000
QC release testing (both batches) EUR 60,000
"""


def _fields(text: str):
    return extract_offline(load_bytes(text.encode(), "deck.txt", max_bytes=10**6)).fields


def test_a_grid_item_does_not_outweigh_a_plain_denial():
    assert _fields(DECK)["aseptic_fill_finish"].value is False


def test_a_capability_the_vendor_states_still_wins_over_a_scope_exclusion():
    text = DECK.replace("- No aseptic filling line at Odense - we do not offer fill/finish; DS is shipped frozen to "
                        "your DP partner", "- Drug product fill/finish is not part of this offer")
    text += "We operate an isolator filling line for vials.\n"
    assert _fields(text)["aseptic_fill_finish"].value is True


def test_the_price_of_one_batch_not_the_count_it_adds_up_to():
    price = _fields(DECK)["gmp_batch_price"].value
    assert (price.amount, price.currency) == (410000.0, "EUR")


def test_an_audit_slot_is_no_gmp_slot():
    fields = _fields(DECK)
    assert fields["first_available_gmp_slot"].status == "stated"
    assert str(fields["first_available_gmp_slot"].value) == "2027-07-01"


def test_a_street_abbreviation_does_not_end_the_site_sentence():
    assert _fields(DECK)["sites"].value == ["Odense, Denmark"]


def test_antibody_fragments_are_proteins_not_monoclonal_antibodies():
    text = DECK.replace("Who we are\n", "Who we are\n- We produce recombinant proteins, enzymes and antibody fragments in E. coli\n")
    assert _fields(text)["modalities"].value == ["recombinant_protein"]
    text = DECK.replace("Who we are\n", "Who we are\n- We produce monoclonal antibodies and antibody fragments\n")
    assert "monoclonal_antibody" in _fields(text)["modalities"].value
