"""The largest bioreactor is one vessel: not several counted together, and its nominal size beats its working volume."""

from __future__ import annotations

import pytest

from rfp_assistant.core.documents import load_bytes
from rfp_assistant.jobs.extraction.offline import extract_offline


def _largest(text: str) -> float | None:
    document = load_bytes(text.encode(), "acme.txt", max_bytes=10**6)
    return extract_offline(document).fields["max_bioreactor_volume_l"].value


@pytest.mark.parametrize("text", [
    "Cell culture capacity up to 4,000 L per batch (2 x 2,000 L single-use bioreactors run in parallel).\n",
    "Our site has four 2,000 L single-use bioreactors, 8,000 L in total.\n",
    "Bioreactors: (2) 2,000 L single-use; 4,000 L per campaign.\n",
])
def test_a_count_times_a_vessel_is_not_one_larger_vessel(text):
    assert _largest(text) == 2000


def test_a_single_vessel_of_that_size_still_counts():
    assert _largest("Bioreactors: 2 x 1,000 L and a 2,000 L bioreactor.\n") == 2000
    assert _largest("Bioreactors: 2 x 1,000 L single-use and one 4,000 L stainless steel.\n") == 4000


def test_the_nominal_size_in_brackets_beats_the_working_volume():
    assert _largest("Production bioreactor: 1,600 L working volume (2,000 L nominal).\n") == 2000
    assert _largest("Bioreactors: 2 x 2,000 L (4,000 L total).\n") == 2000


@pytest.mark.parametrize("text", [
    "2,000 L single-use bioreactors with an annual output of 40,000 L.\n",
    "Site capacity: 12,000 L bioreactor capacity across 6 single-use bioreactors of 2,000 L.\n",
    "Leiden: 2,000 L SUBs. Our sister facility operates 20,000 L stainless steel bioreactors.\n",
])
def test_an_output_a_total_across_vessels_or_a_vessel_elsewhere_in_the_group_is_not_the_largest(text):
    assert _largest(text) == 2000
