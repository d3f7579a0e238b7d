"""Hidden characters: flagged for review; a right-to-left override screened as displayed."""

from __future__ import annotations

from factories import TEST_ENTITIES, catalog_from

from service.core.query import Query
from service.screening.hidden import hidden_character_reasons, search_as_displayed

MATCHER = catalog_from(TEST_ENTITIES).matcher


def test_a_reversed_name_under_an_override_matches_as_displayed() -> None:
    reversed_name = "\u202e" + "Banco Nacional de Cuba"[::-1]
    plain = MATCHER.search(Query(name=reversed_name))
    assert not plain or plain[0].score < 0.8  # read in memory order it is gibberish
    found = search_as_displayed(MATCHER, Query(name=reversed_name))
    assert found[0].entity.name == "BANCO NACIONAL DE CUBA" and found[0].score > 0.97


def test_without_an_override_the_search_is_the_plain_one() -> None:
    query = Query(name="Banco Nacional de Cuba")
    assert search_as_displayed(MATCHER, query) == list(MATCHER.search(query))


def test_a_name_with_hidden_characters_gets_a_review_reason() -> None:
    (reason,) = hidden_character_reasons("Banco\U000e0041 Nacional")
    assert reason["code"] == "hidden_characters" and reason["decision"] == "review"
    assert reason["characters"] == ["U+E0041"]
    assert "as displayed" in hidden_character_reasons("\u202eabc")[0]["message"]
    assert hidden_character_reasons("Banco Nacional") == ()
