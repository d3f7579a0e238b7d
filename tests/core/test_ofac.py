"""ofac: the OFAC Sanctions List Search-compatible score."""

from rapidfuzz.distance import JaroWinkler

from service.core.ofac import ofac_score, simmetrics_jaro_winkler


def test_prefix_bonus_applies_below_jaro_07():
    a, b = "VLADIMIR PUTIN", "VLADIMIROVKA ADVANCED WEAPONS AND RESEARCH COMPLEX"
    assert simmetrics_jaro_winkler(a, b) > JaroWinkler.similarity(a, b)


def test_exact_name_scores_one():
    assert ofac_score("Kim Jong Un", "KIM JONG UN") == 1.0


def test_whole_string_needs_the_same_first_letter():
    # per-part score only: BUSH vs HASWANI counts zero, GEORGE matches
    assert ofac_score("GEORGE BUSH", "HASWANI, George") == 0.5


def test_short_parts_are_ignored_like_ofac():
    # OFAC's quirk: "UN" is dropped, so KIM JONG UN = KIM JONG IL on parts
    assert ofac_score("KIM JONG UN", "KIM JONG IL") == 1.0
