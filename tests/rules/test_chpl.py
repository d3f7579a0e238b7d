"""The Common High Priority List reader: tiers by HS code and by words; fitting businesses."""

from __future__ import annotations

from rule_fixtures import reference

from service.rules.chpl import Chpl, Diversion


def test_code_first_then_words_and_the_lowest_tier_named() -> None:
    chpl = reference().chpl
    assert chpl.classify("ball bearings", "8542.39").tier == "1"  # the code wins
    hit = chpl.classify("FPGA boards and ball bearings", None)
    assert hit.tier == "1" and "fpga" in hit.via.lower()
    assert chpl.classify("ball bearings", "84") is not None  # words when the code is a chapter


def test_businesses_that_fit_chpl_goods() -> None:
    chpl = reference().chpl
    assert chpl.fits("Manufacturing of industrial automation equipment")
    assert not chpl.fits("general trading") and not chpl.fits("real estate")


def test_small_tables() -> None:
    table = {"items": [{"hs": "848210", "tier": "3B", "title": "Ball bearings"}]}
    assert Chpl(table).classify(None, "8482.10.10").title == "Ball bearings"
    assert Diversion.from_table({"countries": {"KG": {"region": "Central Asia"}}}).countries == {
        "KG": "Central Asia"
    }
