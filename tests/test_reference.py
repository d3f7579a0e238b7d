"""The reference and rule tables under lists/: present, dated, sourced, and loadable.

These are data files compliance staff edit by hand, so the tests check what a careless
edit would break: metadata, the key entries the rules depend on, and that a malformed
file is refused instead of silently screening with less.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from service.reference import load_all, load_reference, load_ruleset
from service.rules import ReferenceDataError, RuleSetError
from service.settings import Settings

LISTS = Path(__file__).resolve().parents[1] / "lists"
TABLES = sorted((LISTS / "reference").glob("*.yaml"))


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_every_table_is_versioned_dated_and_sourced(path: Path) -> None:
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert table["version"] and table["as_of"] and table["checked"]
    assert table["sources"], f"{path.name} names no source"


def test_reference_loads_with_every_table_version() -> None:
    ref = load_reference(LISTS / "reference")
    assert set(ref.versions) >= {
        "jurisdictions",
        "countries",
        "places",
        "goods",
        "flags",
        "industries",
    }
    assert ref.version.startswith("ref-")


def test_brief_keywords_map_to_refined_petroleum() -> None:
    goods = load_reference(LISTS / "reference").goods
    for word in ["diesel", "gasoil", "ULSD", "mazut", "ДТ", "дизельное топливо", "柴油", "경유"]:
        c = goods.classify(word)
        assert "refined_petroleum" in c.categories, word
    assert goods.categories["refined_petroleum"].hs == ("2710",)
    assert goods.categories["refined_petroleum"].direction == "to_dprk"


def test_jurisdiction_tiers_and_syria_date() -> None:
    table = yaml.safe_load((LISTS / "reference" / "jurisdictions.yaml").read_text(encoding="utf-8"))
    tiers = {c["code"]: c["tier"] for c in table["countries"]}
    assert {k: tiers[k] for k in ("KP", "IR", "CU")} == {"KP": "A", "IR": "A", "CU": "A"}
    assert {tiers[k] for k in ("MM", "SY", "RU", "BY", "VE")} == {"B"}
    syria = next(c for c in table["countries"] if c["code"] == "SY")
    assert syria["as_of"] == "2025-07-01" and syria["history"][0]["until"] == "2025-06-30"
    assert "KW" in table["fatf"]["grey_list"]


def test_mmsi_mids_and_flags() -> None:
    ref = load_reference(LISTS / "reference")
    assert (ref.mid["445"], ref.mid["440"], ref.mid["441"]) == ("KP", "KR", "KR")
    assert "KP" in ref.flags["block"] and "SL" in ref.flags["review"]


def test_industry_fit() -> None:
    industries = load_reference(LISTS / "reference").industries
    real_estate = industries.classify("Real estate management (ISIC L68)")
    assert real_estate is not None and real_estate.unrelated("2710")
    assert not real_estate.unrelated("9403")
    fuel = industries.classify("ISIC G4671 wholesale of fuels")
    assert fuel is not None and not fuel.unrelated("2710")


def test_ruleset_loads_with_catalogue_ids() -> None:
    ruleset = load_ruleset(LISTS / "rules")
    ids = {r.id for r in ruleset.rules}
    assert {"LST-01", "LST-02", "TYP-01", "TYP-02"} <= ids
    assert {f"JUR-0{i}" for i in range(1, 8)} <= ids
    assert {f"GDS-0{i}" for i in range(1, 8)} <= ids
    assert {f"CPY-0{i}" for i in range(1, 8)} <= ids
    assert {f"MAR-0{i}" for i in range(1, 8)} <= ids
    for r in ruleset.rules:
        assert r.sources and all(s in ruleset.sources for s in r.sources), r.id


def test_settings_thresholds_reach_the_rules() -> None:
    ruleset, _ = load_all(Settings(review_threshold=0.75, block_threshold=0.9))
    assert (ruleset.config["review_threshold"], ruleset.config["block_threshold"]) == (0.75, 0.9)


def test_rule_file_with_bad_cel_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ruleset.yaml").write_text("version: x\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        "rules:\n  - {id: X, title: X, when: 'a >', severity: info, explanation: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleSetError):
        load_ruleset(tmp_path)


def test_reference_without_a_table_is_refused(tmp_path: Path) -> None:
    (tmp_path / "flags.yaml").write_text(
        "version: x\nas_of: '2026-01-01'\nflags: {}\n", encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError):
        load_reference(tmp_path)


def test_a_rule_naming_an_unknown_table_stops_the_start(tmp_path: Path) -> None:
    shutil.copytree(LISTS, tmp_path / "lists")
    rules = tmp_path / "lists" / "rules" / "typologies.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("tables: []", "tables: [no_such_table]"),
        encoding="utf-8",
    )
    with pytest.raises(RuleSetError, match="no_such_table"):
        load_all(Settings(reference_dir=tmp_path / "lists"))


def test_every_table_says_how_it_is_kept_current() -> None:
    for path in TABLES:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert int(table["review_days"]) > 0 and table["watch"], path.name
