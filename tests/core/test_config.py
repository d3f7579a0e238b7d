"""config: the score bands at the caller's thresholds, and the corpus scaling."""

from __future__ import annotations

from service.core import Entity, MatchConfig, Query, build_matcher
from service.core.config import band, scaled_to


def test_default_bands_are_the_documented_ones():
    cuts = [1.0, 0.97, 0.9699, 0.80, 0.7999, 0.70, 0.6999, 0.0]
    assert [band(s) for s in cuts] == [
        "strong", "strong", "review", "review", "weak", "weak", "below", "below",
    ]  # fmt: skip


def test_bands_follow_the_configured_thresholds(golden_entities: list[Entity]):
    m = build_matcher(
        golden_entities,
        MatchConfig(review_threshold=0.95, block_threshold=0.99, weak_threshold=0.5),
    )
    hit = m.search(Query("Mr Vladimir Putn"))[0]
    assert 0.80 <= hit.score < 0.95
    assert hit.explanation["band"] == band(hit.score, MatchConfig(review_threshold=0.95))
    assert hit.explanation["band"] == "weak"


def test_scaling_to_a_corpus_scales_only_the_rarity_thresholds():
    base = MatchConfig()
    scaled = scaled_to(base, 10.0)
    wts, orig = scaled.weights, base.weights
    assert (wts.informative, wts.initial_weight, wts.rare_cover) == (
        orig.informative * 10.0,
        orig.initial_weight * 10.0,
        orig.rare_cover * 10.0,
    )
    assert (wts.extra_query, wts.common_cap, wts.phonetic) == (
        orig.extra_query,
        orig.common_cap,
        orig.phonetic,
    )
    assert scaled.review_threshold == base.review_threshold
    assert base.weights.informative == 1.3  # the caller's config is left as it was
