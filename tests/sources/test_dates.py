"""ISO (partial) dates from publisher date parts."""

from __future__ import annotations

import pytest

from service.sources.dates import RANGE_YEARS_MAX, iso_from_parts, year_range


@pytest.mark.parametrize(
    ("parts", "iso"),
    [
        (("1970", "05", "17"), "1970-05-17"),
        (("1970", "5", "7"), "1970-05-07"),
        (("1970", "00", "00"), "1970"),
        (("1970", "05", "00"), "1970-05"),
        (("1970", None, None), "1970"),
        (("0000", "01", "01"), None),
        (("70", "01", "01"), None),
        (("1970", "13", "01"), None),
    ],
)
def test_iso_from_parts(parts, iso):
    assert iso_from_parts(*parts) == iso


def test_year_range_expands_short_ranges_only():
    assert year_range("1960", "1962") == ["1960", "1961", "1962"]
    assert year_range("1900", str(1900 + RANGE_YEARS_MAX + 1)) == ["1900", "1916"]
    assert year_range("1962", "1960") == ["1962", "1960"]
