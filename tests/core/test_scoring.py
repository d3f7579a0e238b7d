"""scoring: the rarity-weighted Dice score of an alignment and its corrections."""

from __future__ import annotations

import pytest

from service.core.compare import align
from service.core.pair import Edge, Side, Weights
from service.core.scoring import all_common, bits, score_alignment

W = Weights()


def side(*tokens: str, weights: tuple[float, ...] | None = None, kinds=None, common=-1) -> Side:
    kinds = kinds or ("name",) * len(tokens)
    return Side(tokens, tokens, kinds, weights or (5.0,) * len(tokens), common)


def exact(i: int, j: int, tok: str) -> Edge:
    return Edge(1 << i, 1 << j, 1.0, "exact", tok, tok)


def test_bits_lists_token_positions():
    assert bits(0b1011) == [0, 1, 3]
    assert bits(0) == []


def test_the_whole_name_scores_one():
    q = c = side("emma", "stone")
    al = score_alignment(q, c, [exact(0, 0, "emma"), exact(1, 1, "stone")], 0b11, 0b11, W)
    assert al.score == 1.0
    assert (al.unmatched_query, al.unmatched_list) == ((), ())


def test_unmatched_words_cost_their_weight_the_query_side_more():
    """2·5 / (2·5 + β·5) with a list word left over, 2·5 / (2·5 + α·5) with a query word."""
    edges = [exact(0, 0, "emma")]
    missing = score_alignment(side("emma"), side("emma", "stone"), edges, 0b1, 0b1, W)
    extra = score_alignment(side("emma", "stone"), side("emma"), edges, 0b1, 0b1, W)
    assert missing.score == pytest.approx(10 / (10 + W.extra_list * 5))
    assert extra.score == pytest.approx(10 / (10 + W.extra_query * 5))
    assert missing.unmatched_list == (1,) and extra.unmatched_query == (1,)


def test_a_light_match_is_shrunk_as_common():
    """Matched weight under ``informative``: times (weight / informative) ** power."""
    q, c = side("abcdx", weights=(0.5,)), side("abcde", weights=(0.5,))
    fuzzy = Edge(1, 1, 0.9, "fuzzy", "abcdx", "abcde")
    al = score_alignment(q, c, [fuzzy], 1, 1, W)
    factor = (0.5 * 0.9 / W.informative) ** W.informative_power
    assert al.score == pytest.approx(0.9 * factor)


def test_different_numbers_halve_the_score():
    kinds = ("name", "name", "name", "number")
    a = side("kum", "un", "san", "3", kinds=kinds)
    b = side("kum", "un", "san", "2", kinds=kinds)
    al = align(a, b, False, W)
    assert al.numbers_differ
    assert al.score < 0.5


def test_rare_tokens_carry_the_score():
    q = side("emma", "daniels", weights=(8.0, 9.0))
    c = side("emma", "llc", weights=(8.0, 0.3), kinds=("name", "legal"))
    assert align(q, c, False, W).score < 0.7


def test_typo_in_a_rare_one_word_name_reaches_review():
    rare = Weights(rare_cover=7.0, informative=13.0)
    al = align(side("tabik", weights=(10.0,)), side("tabuk", weights=(10.0,)), False, rare)
    assert al.score >= 0.8
    # ...but not when the query brings words the list name lacks ("SYSCO CORP").
    extra = side("sysco", "corp", weights=(10.0, 0.3), kinds=("name", "legal"))
    assert align(extra, side("scsco", weights=(10.0,)), False, rare).score < 0.8


def test_a_name_of_common_parts_only_is_capped():
    """Both words common name parts (bitmask 0b11): the reordered name keeps the exact
    name's standing, a misspelt one is capped below review."""
    listed = side("ahmad", "hasan", common=0b11)
    reordered = score_alignment(
        side("hasan", "ahmad"), listed, [exact(0, 1, "hasan"), exact(1, 0, "ahmad")], 3, 3, W
    )
    assert (reordered.score, reordered.common) == (W.common_exact, True)
    typo = Edge(0b10, 0b10, 0.9, "fuzzy", "hasn", "hasan")
    misspelt = score_alignment(side("ahmad", "hasn"), listed, [exact(0, 0, "ahmad"), typo], 3, 3, W)
    assert (misspelt.score, misspelt.common) == (W.common_cap, True)


def test_all_common_needs_two_common_name_parts_and_nothing_else():
    edges = [exact(0, 0, "ahmad"), exact(1, 1, "zzyzx")]
    assert all_common(side("ahmad", "zzyzx", common=0b11), edges)
    assert not all_common(side("ahmad", "zzyzx", common=0b01), edges)
    assert not all_common(side("ahmad", "zzyzx", common=-1), edges)  # not a person
    assert not all_common(side("ahmad", common=0b1), edges[:1])  # one part only
