"""The luxury-goods reader: categories by HS and words, thresholds per regime."""

from __future__ import annotations

from rule_fixtures import reference

from service.rules.luxury import item_value
from service.rules.request import Goods


def test_categories_and_thresholds() -> None:
    table = reference().luxury
    cat, via = table.classify(None, "9102.11")
    assert cat.id == "watches" and via == "HS 910211"
    car = table.categories["vehicles"]
    assert table.threshold("EU", car) == (50_000.0, "EUR", "EU Annex XVIII")
    assert table.threshold("UK", table.categories["perfume"])[:2] == (250.0, "GBP")
    assert table.threshold("US", car)[0] == 0  # every value
    assert table.categories["carpets"].dprk_threshold_usd == 500
    assert table.destinations == {"RU", "BY"}


def test_item_value() -> None:
    assert item_value(Goods(unit_price=12.0, value=999.0, quantity=3)) == (12.0, "per item")
    assert item_value(Goods(value=900.0, quantity=3))[0] == 300.0
    assert item_value(Goods(value=900.0)) == (900.0, "line value, quantity unknown")
    assert item_value(Goods()) == (None, "")
