"""Oil price caps on Russian-origin crude and products, per regime, class and date.

Coalition service providers (shipping, insurance, finance, brokerage) may serve a
Russian-origin cargo only when it was bought at or below their regime's cap. The caps
differ by regime, product class (crude; products sold at a premium to or a discount to
crude) and date: the EU and the UK lowered the crude cap twice since 2025, the US did
not. Prices are compared per barrel in US dollars, converted from tonnes and cubic
metres with the factors of ``lists/reference/price_cap.yaml``; the facts are
:mod:`service.rules.facts.price_cap`'.

Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from service.rules.cargo import line_memo
from service.rules.request import Goods
from service.rules.text import KeywordIndex, fold

CLASSES = ("crude", "premium", "discount")
_BARRELS = frozenset({"bbl", "bbls", "barrel", "barrels", "bl", "bls"})
_TONNES = frozenset({"t", "mt", "tonne", "tonnes", "ton", "tons", "metric ton", "metric tons"})
_CUBIC = frozenset({"m3", "cbm", "cubic metre", "cubic metres", "cubic meter", "cubic meters"})
_KG = frozenset({"kg", "kgs", "kilogram", "kilograms"})


@dataclass(frozen=True, slots=True)
class Product:
    """An oil line's price-cap class and the factor that turns its tonnes into barrels."""

    cls: str
    title: str
    barrels_per_tonne: float
    via: str


class PriceCaps:
    """Caps by regime, class and date; coalition countries and currencies; factors."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.caps: dict[str, dict[str, list[tuple[date, float]]]] = {}
        for regime, classes in table["caps"].items():
            self.caps[str(regime)] = {
                c: sorted((date.fromisoformat(str(s["from"])), float(s["usd"])) for s in classes[c])
                for c in CLASSES
            }
        self.coalition = frozenset(map(str, table["coalition_countries"]))
        self.currencies = frozenset(str(c).upper() for c in table["coalition_currencies"])
        self.products = {c: table["products"][c] for c in CLASSES}
        self._words = KeywordIndex(fuzzy=False)
        for c in CLASSES:
            self._words.add(c, self.products[c].get("words", ()))
        self.factors = {fold(k): float(v) for k, v in table["barrels_per_tonne"].items()}
        self.per_cubic_metre = float(table["barrels_per_cubic_metre"])
        self._memo = line_memo(self._product)

    def product(self, g: Goods) -> Product | None:
        """The price-cap class of an oil line, or None for other goods (cached)."""
        return self._memo(g.description, g.hs_code)

    def _product(self, description: str | None, hs: str) -> Product | None:
        """Words first, then the HS code; an oil line neither settles is judged as the
        lowest-capped product, so an unclear product is never waved through."""
        hits = self._words.search(description)
        cls = hits[0].key if hits else None
        via = f"'{hits[0].found}'" if hits else ""
        if cls is None:
            for c in CLASSES:
                if any(hs.startswith(str(p)) for p in self.products[c]["hs"]):
                    cls, via = c, f"HS {hs}"
                    break
        if cls is None and hs.startswith(("2709", "2710")):
            cls, via = "discount", f"HS {hs}, product not named: lowest product cap"
        if cls is None:
            return None
        factor = float(self.products[cls]["barrels_per_tonne"])
        if hits:
            factor = self.factors.get(fold(hits[0].found), factor)
        return Product(cls, str(self.products[cls]["title"]), factor, via)

    def cap(self, regime: str, cls: str, day: date) -> tuple[float, date] | None:
        """The cap in force on ``day`` and since when, or None (no cap, or before any)."""
        steps = [s for s in self.caps.get(regime, {}).get(cls, ()) if s[0] <= day]
        return (steps[-1][1], steps[-1][0]) if steps else None


def per_barrel(
    g: Goods,
    product: Product,
    to_usd: Callable[[float, str | None], float | None],
    per_cubic_metre: float,
) -> tuple[float, str] | None:
    """US$ per barrel of a line and how it was computed; None without a usable price,
    currency or unit (barrels, tonnes, kilograms, cubic metres)."""
    price, how = g.unit_price, "unit price"
    if price is None and g.value is not None and g.quantity:
        price, how = g.value / g.quantity, "value / quantity"
    unit = fold(g.unit or "").strip().rstrip(".")
    usd = to_usd(price, g.currency) if price is not None and unit else None
    if usd is None:
        return None
    bpt = product.barrels_per_tonne
    if unit in _BARRELS:
        return usd, f"{how} US${usd:,.2f}/bbl"
    if unit in _TONNES:
        return usd / bpt, f"{how} US${usd:,.2f}/t / {bpt} bbl/t"
    if unit in _KG:
        return usd * 1000 / bpt, f"{how} US${usd:,.4f}/kg x 1000 / {bpt} bbl/t"
    if unit in _CUBIC:
        return usd / per_cubic_metre, f"{how} US${usd:,.2f}/m3 / {per_cubic_metre} bbl/m3"
    return None
