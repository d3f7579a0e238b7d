"""Luxury goods bans: the categories by HS code and words, and each regime's threshold.

The EU bans its Annex XVIII items to Russia and Belarus above EUR 300 per item (cars
above EUR 50,000 ...), the UK its Schedule 3B items above GBP 250, the US its
Supplement No. 5 items at any value; every regime bans luxury goods to the DPRK (the UN
sets a few thresholds: rugs above US$500, tableware above US$100). Built from
``lists/reference/luxury.yaml``; the facts are :mod:`service.rules.facts.luxury`'.

Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.rules.cargo import line_memo
from service.rules.request import Goods
from service.rules.text import KeywordIndex


@dataclass(frozen=True, slots=True)
class LuxuryCategory:
    id: str
    title: str
    hs: tuple[str, ...]
    dprk: bool
    """Banned to the DPRK too (every regime)."""
    thresholds: Mapping[str, float]
    """Regime -> per-item threshold where the list sets its own (EU cars EUR 50,000)."""
    dprk_threshold_usd: float


class LuxuryGoods:
    """Luxury categories, the regimes' per-item thresholds, and the DPRK ban."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        russia = table["russia"]
        self.destinations = frozenset(map(str, russia["destinations"]))
        self.regimes: dict[str, Mapping[str, Any]] = dict(russia["regimes"])
        self.dprk_list = str(table["dprk"]["list"])
        self.categories: dict[str, LuxuryCategory] = {}
        self._words = KeywordIndex(fuzzy=False)
        for raw in table["categories"]:
            cat = LuxuryCategory(
                id=str(raw["id"]),
                title=str(raw["title"]),
                hs=tuple(map(str, raw.get("hs", ()))),
                dprk=bool(raw.get("dprk", False)),
                thresholds={str(k): float(v) for k, v in (raw.get("thresholds") or {}).items()},
                dprk_threshold_usd=float(raw.get("dprk_threshold_usd", 0)),
            )
            self.categories[cat.id] = cat
            for words in (raw.get("words") or {}).values():
                self._words.add(cat.id, words)
        self._memo = line_memo(self._classify)

    def classify(self, description: str | None, hs_code: Any) -> tuple[LuxuryCategory, str] | None:
        """The luxury category of a line and what named it (cached)."""
        return self._memo(description, hs_code)

    def _classify(self, description: str | None, hs: str) -> tuple[LuxuryCategory, str] | None:
        if len(hs) >= 4:
            for cat in self.categories.values():
                if hs.startswith(cat.hs):
                    return cat, f"HS {hs}"
        hits = self._words.search(description)
        if hits:
            return self.categories[hits[0].key], f"'{hits[0].found}'"
        return None

    def threshold(self, regime: str, cat: LuxuryCategory) -> tuple[float, str, str]:
        """(per-item threshold, its currency, the list's name) of a regime for a category;
        a threshold of 0 bans every value."""
        rule = self.regimes[regime]
        limit = cat.thresholds.get(regime, float(rule["threshold"]))
        return limit, str(rule["currency"]), str(rule["list"])


def item_value(g: Goods) -> tuple[float | None, str]:
    """Per-item value in the line's currency and how it was found: the unit price, else
    value / quantity, else (quantity unknown) the whole line's value."""
    if g.unit_price is not None:
        return g.unit_price, "per item"
    if g.value is not None and g.quantity:
        return g.value / g.quantity, "per item (value / quantity)"
    if g.value is not None:
        return g.value, "line value, quantity unknown"
    return None, ""
