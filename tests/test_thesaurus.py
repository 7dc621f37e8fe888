"""The thesaurus reaches the trade's wording from a user's: a phrase said with words inside it or with a synonym."""

from rfp_assistant.core.retrieval.thesaurus import expand_query, synonym_groups


def test_a_phrase_said_with_other_words_inside_and_a_synonym_still_finds_its_group():
    expansion = expand_query("How do we rank which outsourcing threats deserve attention first?")
    assert "likelihood and impact" in expansion  # 'rank ... threats' says 'rank risks'
    mentioned = set().union(*(words for words, _ in synonym_groups("rank which outsourcing threats")))
    assert {"rank", "threat"} <= mentioned


def test_words_far_apart_do_not_make_a_phrase():
    assert "likelihood and impact" not in expand_query("We rank vendors by price and later review every supplier threat")
