"""Derived counts keep the items of their source fact that the rule cares about."""

from __future__ import annotations

from rule_fixtures import ruleset

from service.rules.facts.derived import DERIVED


def keep(name: str, item: dict, **cfg: object) -> bool:
    """Whether the derived count ``name`` keeps ``item`` under the real config (+ ``cfg``)."""
    return bool(DERIVED[name][1](item, {**ruleset().config, **cfg}))


def test_party_block_needs_the_block_score_and_no_contradiction() -> None:
    assert keep("party_block", {"score": 0.97, "contradicted": False})
    assert not keep("party_block", {"score": 0.97, "contradicted": True})
    assert not keep("party_block", {"score": 0.99, "contradicted": False}, block_threshold=1)


def test_tier_b_is_only_parties_and_banks_without_a_fatf_call() -> None:
    item = {"kind": "party", "tier": "B", "fatf": ""}
    assert keep("tier_b", item)
    assert not keep("tier_b", {**item, "kind": "port"})
    assert not keep("tier_b", {**item, "fatf": "review"})


def test_port_calls_within_the_configured_window() -> None:
    call = {"dprk": True, "days_ago": 200}
    assert not keep("dprk_port_calls", call)
    assert keep("dprk_port_calls", call, port_call_days=365)


def test_every_derived_count_reads_a_known_source() -> None:
    sources = {source for source, _ in DERIVED.values()}
    assert sources <= {
        "countries",
        "region_hits",
        "goods",
        "dual_use",
        "mismatches",
        "party_matches",
        "vessel_matches",
        "port_calls",
        "sts_listed",
        "ais_gaps",
    }
