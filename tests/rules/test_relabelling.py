"""The relabelling reader: STS areas by name and alias, independent refiners."""

from __future__ import annotations

from rule_fixtures import reference


def test_areas_by_alias_and_their_labels() -> None:
    table = reference().relabelling
    area = table.area("STS at EOPL, 12 nm off Johor")
    assert area is not None and area.country == "MY" and "MY" in area.labels
    assert table.area("Khor Fakkan anchorage").name.startswith("Gulf of Oman")
    assert table.area("off Rotterdam") is None and table.area(None) is None
    assert set(table.sources) == {"IR", "VE"}


def test_independent_refiners() -> None:
    table = reference().relabelling
    assert table.refiner("Haiyuan Petrochemical", "independent refinery") == "independent refinery"
    assert table.refiner(None, "Shandong") == "shandong"
    assert table.refiner("Bharat Petroleum", "refining") is None
