"""Derived counts: the facts the rules read that are subsets of a richer fact.

``tier_a`` is the ``countries`` items whose tier is A, ``party_block`` the
``party_matches`` at the block threshold ... Each is a (source fact, keep) pair so the
builder can count the kept items and keep them as the count's evidence.
"""

from __future__ import annotations

from typing import Any

from service.rules.config import NameThresholds


def _party_or_bank(c: dict) -> bool:
    return c["kind"] in ("party", "bank")


DERIVED: dict[str, tuple[str, Any]] = {
    "tier_a": ("countries", lambda c, cfg: c["tier"] == "A"),
    "fatf_block": ("countries", lambda c, cfg: _party_or_bank(c) and c["fatf"] == "block"),
    "fatf_review": ("countries", lambda c, cfg: _party_or_bank(c) and c["fatf"] == "review"),
    "tier_b": (
        "countries",
        lambda c, cfg: _party_or_bank(c) and c["tier"] == "B" and not c["fatf"],
    ),
    "grey": ("countries", lambda c, cfg: _party_or_bank(c) and c["grey"] and not c["fatf"]),
    "region_blocking": ("region_hits", lambda h, cfg: h["blocking"]),
    "petroleum_goods": ("goods", lambda g, cfg: "petroleum" in g["families"]),
    "laundering_goods": (
        "goods",
        lambda g, cfg: bool(set(g["categories"]) & set(cfg["laundering_categories"])),
    ),
    "goods_from_dprk_banned": (
        "goods",
        lambda g, cfg: bool({"from_dprk", "both"} & set(g["directions"])),
    ),
    "goods_to_dprk_banned": (
        "goods",
        lambda g, cfg: bool({"to_dprk", "both"} & set(g["directions"])) or bool(g["dual_use"]),
    ),
    "dual_use_unlicensed": ("dual_use", lambda g, cfg: True),
    "vague_goods": ("goods", lambda g, cfg: g["vague"] or 0 < g["hs_digits"] <= 2),
    "hs_mismatches": ("mismatches", lambda g, cfg: True),
    "party_block": (
        "party_matches",
        lambda m, cfg: NameThresholds.of(cfg).decision(m["score"], m["contradicted"]) == "block",
    ),
    "vessel_block": (
        "vessel_matches",
        lambda m, cfg: m["imo_match"] or m["score"] >= NameThresholds.of(cfg).block,
    ),
    "dprk_port_calls": (
        "port_calls",
        lambda p, cfg: p["dprk"] and 0 <= p["days_ago"] <= int(cfg["port_call_days"]),
    ),
    "sts_listed_recent": (
        "sts_listed",
        lambda e, cfg: e["days_ago"] <= int(cfg["port_call_days"]),
    ),
    "ais_gaps_of_concern": (
        "ais_gaps",
        lambda g, cfg: g["concern"] and g["hours"] >= float(cfg["ais_gap_hours"]),
    ),
}
"""Counts the rules read that are subsets of a richer fact: name -> (source, keep)."""
