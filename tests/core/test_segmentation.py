"""segmentation: unknown glued query words split back into list words."""

from __future__ import annotations

import pytest

from service.core import Entity, MatchConfig, Query
from service.core.candidates import CandidateFinder
from service.core.config import scaled_to
from service.core.index import NameIndex, build_index
from service.core.names import analyze
from service.core.segmentation import segment, split_glued


@pytest.fixture(scope="module")
def index(golden_entities: list[Entity]) -> NameIndex:
    return build_index(golden_entities)


def split(index: NameIndex, text: str) -> tuple[str, ...]:
    finder = CandidateFinder(index, scaled_to(MatchConfig(), index.rarest))
    return split_glued(analyze(text, None), index, finder, {}).tokens


def test_the_arabic_article_glued_to_its_word_is_split_off(index):
    assert split(index, "Abbud ALZUMAR") == ("abbud", "al", "zumar")
    # ...and the word is read as the list writes it (AHMED is indexed as AHMAD).
    assert split(index, "Yasser ALAHMED") == ("yasser", "al", "ahmad")


def test_two_glued_words_are_split_where_the_list_has_both(index):
    assert split(index, "SOVCOMFLOTTRADING") == ("sovcomflot", "trading")
    assert split(index, "PETROVSHOIGU") == ("petrov", "shoigu")


def test_a_whole_glued_name_is_split_into_its_words(index):
    tokens = split(index, "KOREAMININGDEVELOPMENTTRADINGCORPORATION")
    assert tokens == ("korea", "mining", "development", "trading", "corp")  # a legal form


def test_known_and_unsplittable_words_are_left_alone(index):
    assert split(index, "TECHNOPROM") == ("technoprom",)
    assert split(index, "Vladimir Putn") == ("vladimir", "putn")  # a typo, not a glue
    # ...and a glued form the index knows already is found as it is, not cut.
    assert split(index, "ROTENBERGARKADY") == ("rotenbergarkady",)


def test_segment_prefers_the_fewest_pieces_and_needs_three(index):
    assert segment("koreaminingdevelopmenttradingcorporation", index.idf) == [
        "korea", "mining", "development", "trading", "corporation",
    ]  # fmt: skip
    assert segment("sovcomflottrading", index.idf) is None  # two words: split_glued's job


def test_article_glued_to_a_spelling_variant_is_split_off(matcher):
    """ALAHMED = AL AHMED even though AHMED is indexed under its canonical AHMAD: the
    listed name itself, not a fuzzy glued-token match."""
    (hit,) = matcher.search(Query("Yasser ALAHMED", threshold=0.5))
    (listed,) = matcher.search(Query("AL-AHMED, Yasser", threshold=0.5))
    assert hit.entity.source_id == "p16"
    assert hit.score == listed.score  # (both common name parts: 0.78, see Weights)
    assert {a["method"] for a in hit.explanation["alignment"]} == {"exact"}
