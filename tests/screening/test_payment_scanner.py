"""The payment text scanner's tables and its one index per catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import catalog_from, entity

from service.screening.payment_scanner import PaymentRulesUnavailable, load_tables, scanner_for
from service.settings import Settings


def test_the_three_reference_tables_are_read() -> None:
    tables = load_tables(Settings())
    assert set(tables) == {"places", "countries", "goods"} and all(tables.values())


def test_a_missing_table_fails_closed_naming_it(tmp_path: Path) -> None:
    (tmp_path / "reference").mkdir()
    with pytest.raises(PaymentRulesUnavailable, match="places.yaml"):
        load_tables(Settings(reference_dir=tmp_path))


def test_one_index_per_catalog_built_once() -> None:
    catalog = catalog_from([entity("1", "ACME SHIPPING TRADING LLC")])
    asked = []

    def tables() -> dict:
        asked.append(1)
        return load_tables(Settings())

    first = scanner_for(catalog, tables)
    assert scanner_for(catalog, tables) is first and asked == [1]
    other = catalog_from([entity("2", "OTHER MARINE LLC")])
    assert scanner_for(other, tables) is not first and asked == [1, 1]
