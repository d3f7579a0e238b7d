"""The formula neutralisation every CSV and XLSX writer shares (OWASP CSV injection)."""

from __future__ import annotations

import pytest

from service.spreadsheet import FORMULA_PREFIXES, escape_cell


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR"])
def test_formula_cells_get_a_leading_quote(value: str) -> None:
    assert escape_cell(value) == "'" + value


def test_every_owasp_prefix_is_covered() -> None:
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}


def test_other_values_pass_unchanged() -> None:
    values = ("plain", "a=b", "'=already", "", 0.5, -1, None)
    assert [escape_cell(v) for v in values] == list(values)
