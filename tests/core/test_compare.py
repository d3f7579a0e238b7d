"""compare: the one-to-one alignment of two names, glued and split words included."""

from __future__ import annotations

from service.core.compare import align, assimilated_spans
from service.core.pair import Side, Weights

W = Weights()


def side(*tokens: str, weights: tuple[float, ...] | None = None, kinds=None) -> Side:
    return Side(tokens, tokens, kinds or ("name",) * len(tokens), weights or (5.0,) * len(tokens))


def test_order_does_not_matter():
    assert align(side("vladimir", "putin"), side("putin", "vladimir"), False, W).score == 1.0


def test_each_token_is_aligned_once_best_pair_first():
    al = align(side("putin", "putn"), side("putin"), False, W)
    assert [(e.qtext, e.method) for e in al.edges] == [("putin", "exact")]
    assert al.unmatched_query == (1,)


def test_missing_list_token_costs_less_than_extra_query_token():
    missing = align(side("a1", "b1"), side("a1", "b1", "c1"), False, W).score
    extra = align(side("a1", "b1", "c1"), side("a1", "b1"), False, W).score
    assert 1.0 > missing > extra


def test_glued_tokens_align():
    al = align(side("jscargument"), side("jsc", "argument"), False, W)
    assert al.score > 0.9
    assert al.edges[0].method == "joined"


def test_split_tokens_align():
    al = align(side("nam", "chongang", "trading"), side("namchongang", "trading"), False, W)
    assert {e.method for e in al.edges} == {"joined", "exact"}
    assert al.unmatched_query == al.unmatched_list == ()


def test_glued_forms_are_tried_only_above_the_merge_floor():
    """The caller passes a floor for its lesser candidates: a name whose single tokens
    score below it is not worth the glued-token pass."""
    q, c = side("jscargument"), side("jsc", "argument")
    assert align(q, c, False, W, merge_floor=0.5).score < 0.5
    assert align(q, c, False, W, merge_floor=0.0).score > 0.9


def test_the_original_spelling_is_compared_when_a_variant_table_canonicalised_it():
    """ "Joseeph" is a typo of JOSEPH, not of the canonical "yusuf" JOSEPH was read as."""
    query = side("joseeph")
    listed = Side(("yusuf",), ("joseph",), ("name",), (5.0,))
    al = align(query, listed, False, W)
    assert [(e.method, e.qtext) for e in al.edges] == [("fuzzy", "joseeph")]
    spelt_canonically = Side(("yusuf",), ("yusuf",), ("name",), (5.0,))
    assert align(query, spelt_canonically, False, W).edges == ()


def test_the_article_before_a_sun_letter_is_glued_away():
    assert assimilated_spans(("shms", "al", "dyn")) == ((0b111, "shmsdyn"),)
    assert assimilated_spans(("abdul", "al", "rhmn")) == ((0b111, "abdrhmn"),)
    assert assimilated_spans(("abdul", "al", "qdr")) == ()  # Q is a moon letter: AL stays


def test_arabic_script_aligns_the_assimilated_article():
    q = side("shms", "al", "dyn", kinds=("name", "particle", "name"))
    al = align(q, side("shamsuddin"), 2, W)
    assert al.edges and al.edges[0].method == "joined_fuzzy"
    assert al.unmatched_query == ()
