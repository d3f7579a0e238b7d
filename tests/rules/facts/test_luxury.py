"""LUX-01 / LUX-02: luxury goods to Russia and Belarus (per-regime thresholds) and to
the DPRK (every regime)."""

from __future__ import annotations

from rule_fixtures import reference, run
from trade_cases import SELLER_DE, handbags, party, tx

TO_RUSSIA = (SELLER_DE, party("b", "buyer", "RU"))


def lux(request, rule_id: str = "LUX-01"):
    return next((h for h in run(request).hits if h.rule_id == rule_id), None)


def test_thresholds_per_regime() -> None:
    # EUR 280 per item is under the EU's EUR 300 and (about GBP 238) under the UK's
    # GBP 250, so quiet under both; the US list has no threshold.
    assert lux(tx(*TO_RUSSIA, goods=[handbags(280)], regimes=["EU", "UK"])) is None
    found = lux(tx(*TO_RUSSIA, goods=[handbags(280)], regimes=["US"]))
    assert "at any value" in found.explanation
    assert "EUR 300" in lux(tx(*TO_RUSSIA, goods=[handbags(400)], regimes=["EU"])).explanation


def test_a_category_threshold_overrides_the_default() -> None:
    car = {
        "description": "passenger car",
        "hs_code": "8703.23",
        "unit_price": 40_000,
        "currency": "EUR",
    }
    assert lux(tx(*TO_RUSSIA, goods=[car], regimes=["EU"])) is None
    assert lux(tx(*TO_RUSSIA, goods=[{**car, "unit_price": 60_000}], regimes=["EU"])) is not None


def test_words_in_several_languages() -> None:
    table = reference().luxury
    for words in ("sac à main en cuir", "кожаные сумки", "手提包", "핸드백"):
        assert table.classify(words, None)[0].id == "leather_goods", words


def test_dprk_luxury_in_every_regime_with_un_thresholds() -> None:
    to_kp = (SELLER_DE, party("c", "consignee", "KP"))
    cheap = {"description": "porcelain tableware", "hs_code": "6911.10", "unit_price": 60}
    assert lux(tx(*to_kp, goods=[cheap], regimes=["UN"]), "LUX-02") is None
    dear = {**cheap, "unit_price": 160}
    assert lux(tx(*to_kp, goods=[dear], regimes=["UN"]), "LUX-02") is not None


def test_an_unknown_value_is_judged_only_where_no_threshold_needs_it() -> None:
    unpriced = {"description": "leather handbags", "hs_code": "4202.21"}
    # The US list bans every value: the line fires without one, and says so.
    found = lux(tx(*TO_RUSSIA, goods=[unpriced], regimes=["EU", "US"]))
    assert "at any value: value unknown" in found.explanation
    # Under the EU alone a dearer line still breaches, whatever the unpriced one lacks.
    both = lux(tx(*TO_RUSSIA, goods=[unpriced, handbags(1_850)], regimes=["EU"]))
    assert "goods[1]" in both.explanation and "goods[0]" not in both.explanation
