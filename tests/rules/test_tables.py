"""Building the reference data from its tables: missing tables and metadata refused by
name, one version string for the whole set, currency conversion and industry lookup.

The tables are the project's own ``lists/reference/*.yaml``, read as plain dicts."""

from __future__ import annotations

import copy
from datetime import date
from functools import cache
from typing import Any

import pytest
import yaml
from rule_fixtures import LISTS, reference, ruleset

from service.rules.tables import (
    REQUIRED_TABLES,
    Industries,
    IndustryFit,
    ReferenceData,
    ReferenceDataError,
    TableUpkeep,
)


@cache
def _tables() -> dict[str, dict[str, Any]]:
    folder = LISTS / "reference"
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.glob("*.yaml")}


def tables() -> dict[str, dict[str, Any]]:
    """A fresh copy each call, so a test may break one table."""
    return copy.deepcopy(_tables())


def test_every_table_is_versioned_in_the_result() -> None:
    ref = ReferenceData.from_tables(tables())
    assert set(REQUIRED_TABLES) <= set(ref.versions)
    for name, table in _tables().items():
        assert ref.versions[name]["version"] == str(table["version"])
        assert ref.versions[name]["as_of"] == str(table["as_of"])


@pytest.mark.parametrize("table", REQUIRED_TABLES)
def test_a_missing_table_is_refused_by_name(table: str) -> None:
    broken = tables()
    del broken[table]
    with pytest.raises(ReferenceDataError, match=f"missing reference tables: \\['{table}'\\]"):
        ReferenceData.from_tables(broken)


@pytest.mark.parametrize("key", ["version", "as_of"])
def test_a_table_without_its_metadata_is_refused_by_name(key: str) -> None:
    broken = tables()
    broken["flags"][key] = ""
    with pytest.raises(ReferenceDataError, match=f"'flags' has no '{key}'"):
        ReferenceData.from_tables(broken)


def test_the_version_names_the_whole_set_and_follows_any_table() -> None:
    before = ReferenceData.from_tables(tables()).version
    assert before == ReferenceData.from_tables(tables()).version
    assert before.startswith("ref-") and len(before) == len("ref-") + 12
    bumped = tables()
    bumped["goods"]["version"] = "9999-01-01.1"
    assert ReferenceData.from_tables(bumped).version != before


def test_amounts_convert_to_usd_only_at_a_known_rate() -> None:
    ref = ReferenceData.from_tables(tables())
    eur = float(_tables()["currencies"]["usd_per_unit"]["EUR"])
    assert ref.to_usd(100, "eur") == pytest.approx(100 * eur)
    assert ref.to_usd(100, None) == 100.0  # no currency stated: USD
    assert ref.to_usd(100, "XXX") is None  # unknown rate: no guess
    assert ref.to_usd(None, "EUR") is None


def test_pandi_clubs_are_found_under_their_own_name_and_aliases_normalised() -> None:
    ref = ReferenceData.from_tables(tables())
    for club, names in ref.pandi_clubs.items():
        assert len(names) == 1 + len(_tables()["flags"]["pandi_international_group"][club])
        assert all(name == name.casefold() for name in names)


INDUSTRIES = {
    "industries": [
        {"id": "clinic", "title": "Clinics", "codes": ["Q86"], "keywords": ["dental clinic"],
         "unrelated_hs": ["27", 72]},
    ],
    "fits": [
        {"id": "fuel", "title": "Fuel trading", "codes": ["4671"], "keywords": ["oil trader"]},
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "industry"),
    [
        ("Dental clinic, Singapore", "clinic"),
        ("ISIC Q86", "clinic"),
        ("oil trader", "fuel"),
        ("dental clinic and oil trader", "fuel"),  # a fitting line wins over an unrelated one
        ("bakery", None),
        ("", None),
        (None, None),
    ],
)
def test_industries_classify_by_code_or_keyword(text: str | None, industry: str | None) -> None:
    found = Industries(INDUSTRIES).classify(text)
    assert (found.id if found else None) == industry


def test_an_industry_names_the_goods_unrelated_to_it() -> None:
    clinic = Industries(INDUSTRIES).classify("dental clinic")
    assert clinic == IndustryFit("clinic", "Clinics", ("27", "72"), fits=False)
    assert clinic.unrelated("271019") and clinic.unrelated("72")
    assert not clinic.unrelated("3006")
    assert not clinic.unrelated("2")  # less than a chapter says nothing
    fuel = Industries(INDUSTRIES).classify("oil trader")
    assert fuel.fits and not fuel.unrelated("2710")


# --- upkeep: when each table was checked and what to watch for (issue 13) ---


def test_every_table_says_when_it_was_checked_and_what_to_watch() -> None:
    for name, upkeep in reference().upkeep.items():
        assert date.fromisoformat(upkeep.checked), name
        assert upkeep.watch, name
        assert upkeep.review_days, name


def test_a_table_is_due_after_its_own_review_period_or_a_known_review_date() -> None:
    table = TableUpkeep("price_cap", "2026-12-03", 180, "2027-01-15", "EU notice")
    assert table.overdue(date(2027, 1, 1), 90) == ""
    assert "review was due on 2027-01-15" in table.overdue(date(2027, 1, 20), 90)
    assert "limit 180 days" in table.overdue(date(2027, 7, 1), 90)
    plain = TableUpkeep("x", "2026-01-01", None, "", "")
    assert "limit 90 days" in plain.overdue(date(2026, 6, 1), 90)


def test_stale_lists_the_tables_due_on_a_day() -> None:
    due = {u.name: why for u, why in reference().stale(date(2026, 12, 3), 180)}
    # The jurisdictions table waits for the Oct 2026 FATF plenary; the price caps for
    # the EU's July 2026 review notice.
    assert "jurisdictions" in due and "price_cap" in due
    assert "chpl" not in due
    later = {u.name for u, _ in reference().stale(date(2028, 1, 1), 180)}
    assert later == set(reference().upkeep)


def test_rules_name_the_tables_they_read_with_their_dates() -> None:
    described = {r["rule_id"]: r for r in ruleset().describe(reference().versions)}
    cap = described["CAP-01"]
    assert cap["severity"] == "block"
    assert {t["name"] for t in cap["tables"]} == {"price_cap", "currencies"}
    assert all(t["as_of"] and t["checked"] for t in cap["tables"])
    assert described["EXP-02"]["weight"] == 45
    known = set(reference().versions)
    assert all(t["name"] in known for r in described.values() for t in r["tables"])
