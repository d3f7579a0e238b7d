"""The price-cap reader: caps per regime, class and date; product classes; barrels."""

from __future__ import annotations

from datetime import date

from rule_fixtures import reference

from service.rules.price_caps import per_barrel
from service.rules.request import Goods


def test_caps_by_regime_and_date() -> None:
    caps = reference().price_caps
    assert caps.cap("EU", "crude", date(2026, 11, 20)) == (44.10, date(2026, 2, 1))
    assert caps.cap("UK", "crude", date(2026, 1, 31)) == (44.10, date(2026, 1, 31))
    assert caps.cap("EU", "crude", date(2025, 9, 2))[0] == 60.0
    assert caps.cap("US", "crude", date(2026, 11, 20))[0] == 60.0
    assert caps.cap("US", "premium", date(2026, 11, 20))[0] == 100.0
    assert caps.cap("UN", "crude", date(2026, 11, 20)) is None
    assert caps.cap("EU", "discount", date(2022, 12, 31)) is None  # before the product caps


def test_product_classes_and_factors() -> None:
    caps = reference().price_caps
    assert caps.product(Goods(description="ESPO crude", hs_code="2709")).cls == "crude"
    naphtha = caps.product(Goods(description="naphtha", hs_code="2710.12"))
    assert naphtha.cls == "discount" and naphtha.barrels_per_tonne == 8.50
    assert caps.product(Goods(description="gasoline", hs_code="2710.12")).barrels_per_tonne == 8.53
    unnamed = caps.product(Goods(description="oil", hs_code="2710.19"))
    assert unnamed.cls == "discount" and "lowest product cap" in unnamed.via
    assert caps.product(Goods(description="rice", hs_code="1006")) is None


def test_per_barrel_from_tonnes_cubic_metres_and_value() -> None:
    caps = reference().price_caps
    crude = caps.product(Goods(description="crude oil", hs_code="2709"))
    usd = reference().to_usd
    price, how = per_barrel(Goods(unit_price=733.0, unit="MT"), crude, usd, caps.per_cubic_metre)
    assert round(price, 2) == 100.0 and "7.33 bbl/t" in how
    cubic = per_barrel(Goods(unit_price=629.0, unit="m3"), crude, usd, caps.per_cubic_metre)
    assert round(cubic[0], 1) == 100.0
    by_value = per_barrel(Goods(value=5_000.0, quantity=100, unit="bbl"), crude, usd, 6.29)
    assert by_value[0] == 50.0 and "value / quantity" in by_value[1]
    assert per_barrel(Goods(unit_price=50.0, unit="drums"), crude, usd, 6.29) is None
    assert per_barrel(Goods(unit_price=50.0), crude, usd, 6.29) is None
