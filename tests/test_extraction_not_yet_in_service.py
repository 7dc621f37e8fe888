"""Equipment not yet in service is no capacity of the site: a train being installed, one whose GMP release is still
expected, or one planned for a later year. A site named with the verb of the work ('will be done in', 'carried out
at') is where the work happens."""

from __future__ import annotations

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline

BASE = ("ACME BIOLOGICS INC.\nAll work at our site in Austin, Texas, USA.\n"
        "We will perform technology transfer and two GMP batches for your program.\nOur team has delivered many programs.\n")


def _volume(text: str):
    return extract_offline(load_bytes((BASE + text).encode(), "p.txt", max_bytes=10**6)).fields["max_bioreactor_volume_l"]


def test_a_train_being_installed_is_not_the_largest_bioreactor():
    text = ("Capacity: 500 L and 2,000 L single-use bioreactors. A new 4,000 L train is being installed "
            "(GMP release expected mid-2027).\n")
    assert _volume(text).value == 2000.0


def test_a_bioreactor_in_use_still_counts():
    assert _volume("Capacity: 500 L and 4,000 L single-use bioreactors, both in GMP operation.\n").value == 4000.0


def test_cell_expansion_is_no_equipment_plan():
    text = "Stirred-tank expansion (single-use): 3 L to 50 L single-use bioreactors; largest vessel 50 L\n"
    assert _volume(text).value == 50.0


def test_a_site_named_with_the_verb_of_the_work():
    text = ("ACME BIOLOGICS GMBH | Head office: Hauptstrasse 5, 10115 Berlin, Germany\n"
            "Thank you for the opportunity to quote for your programme.\n"
            "The GMP work will be done in Leipzig, Germany, in our Suite 3.\n"
            "We look forward to working with you on this programme.\n")
    sites = extract_offline(load_bytes(text.encode(), "p.txt", max_bytes=10**6)).fields["sites"]
    assert sites.value == ["Leipzig, Germany"]
