"""The export-control areas reader."""

from __future__ import annotations

from rule_fixtures import reference

from service.rules.control_areas import ControlAreas


def test_the_eu_27_the_uk_and_the_us() -> None:
    areas = reference().control_areas
    assert len(areas.areas["EU"]) == 27 and {"DE", "FR", "CY"} <= areas.areas["EU"]
    assert "GB" not in areas.areas["EU"] and areas.areas["UK"] == {"GB"}
    assert "US" in areas.areas["US"] and areas.names["EU"] == "European Union"


def test_an_empty_table_has_no_areas() -> None:
    assert ControlAreas.from_table({}).areas == {}
