"""Catalog loading: lists dir, downloaded versions, then the sample, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fixtures import entity_name, ofac_files, un_xml, write_files, write_registry

from service.core.query import Query
from service.settings import Settings
from service.store import ListStore, Manifest, NoListsLoaded, load_catalog, store_root


def lists_folder(root: Path, **counts: int) -> Path:
    """A lists dir with generated OFAC-format subfolders: ``lists_folder(p, ofac_sdn=3)``."""
    for list_id, count in counts.items():
        write_files(root / list_id, ofac_files(count, list_id=list_id))
    return root


def with_sample(settings: Settings) -> Settings:
    """Put a two-list sample into the settings' reference dir."""
    sample = settings.reference_dir / "sample"
    lists_folder(sample, ofac_sdn=3)
    write_files(sample / "un", {"consolidated.xml": un_xml(2)})
    return settings


def test_lists_dir_loads_every_list_folder_present(tmp_path: Path, settings: Settings) -> None:
    root = lists_folder(tmp_path / "lists", ofac_sdn=4, ofac_cons=2)
    catalog = load_catalog(settings.with_(lists_dir=root))
    assert catalog.origin == "lists_dir"
    assert list(catalog.snapshots) == ["ofac_sdn", "ofac_cons"]
    described = catalog.describe()["ofac_sdn"]
    assert described["entity_count"] == 4 and described["name_count"] == 8
    assert described["source"] == str(root / "ofac_sdn")
    assert described["version"].startswith("sha256:")
    assert described["sample"] is False and catalog.sample is False
    assert described["loaded_at"].endswith("Z")
    assert catalog.errors == {}


def test_catalog_matcher_covers_all_loaded_lists(tmp_path: Path, settings: Settings) -> None:
    # Lists of a few dozen: the matcher's weights need more than a handful of names.
    root = lists_folder(tmp_path / "lists", ofac_sdn=40)
    write_files(root / "un", {"consolidated.xml": un_xml(30)})
    catalog = load_catalog(settings.with_(lists_dir=root))
    assert catalog.entity_count == 70
    found = catalog.matcher.search(Query(name=entity_name(2)))
    assert found[0].entity.key == "un:KPe.002"
    found = catalog.matcher.search(Query(name=entity_name(1001)))
    assert found[0].entity.key == "ofac_sdn:1001"


def test_versions_gives_what_each_screening_response_carries(
    tmp_path: Path, settings: Settings
) -> None:
    root = lists_folder(tmp_path / "lists", ofac_sdn=2)
    write_files(root / "un", {"consolidated.xml": un_xml(1, date="2026-01-05")})
    catalog = load_catalog(settings.with_(lists_dir=root))
    assert catalog.versions(["un"]) == {"un": {"version": "2026-01-05", "sample": False}}
    assert set(catalog.versions()) == {"ofac_sdn", "un"}


def test_a_broken_required_list_fails_the_load_naming_it(
    tmp_path: Path, settings: Settings
) -> None:
    """Four lists configured, one corrupt: no catalog from the other three (fail closed)."""
    root = lists_folder(tmp_path / "lists", ofac_sdn=3)
    write_files(root / "un", {"consolidated.xml": un_xml(3)[:-100]})
    with pytest.raises(NoListsLoaded, match=r"required list\(s\) un cannot be loaded") as info:
        load_catalog(settings.with_(lists_dir=root))
    assert "malformed XML" in info.value.errors["un"]


def test_a_broken_optional_list_is_reported_and_the_others_still_load(
    tmp_path: Path, settings: Settings
) -> None:
    root = lists_folder(tmp_path / "lists", ofac_sdn=3)
    write_files(root / "un", {"consolidated.xml": un_xml(3)[:-100]})
    catalog = load_catalog(settings.with_(lists_dir=root, optional_lists=("un",)))
    assert list(catalog.snapshots) == ["ofac_sdn"]
    assert "malformed XML" in catalog.errors["un"]


def test_a_broken_list_falls_back_to_its_last_good_downloaded_version(
    tmp_path: Path, settings: Settings
) -> None:
    store_version(settings, "un", {"consolidated.xml": un_xml(4, date="2026-01-07")})
    root = lists_folder(tmp_path / "lists", ofac_sdn=3)
    write_files(root / "un", {"consolidated.xml": b"<CONSOLIDATED_LIST"})
    catalog = load_catalog(settings.with_(lists_dir=root))
    assert catalog.snapshots["un"].version == "2026-01-07"
    assert "last good version 2026-01-07" in catalog.errors["un"]


def test_each_list_has_a_data_date_and_an_age(tmp_path: Path, settings: Settings) -> None:
    """The publication date where the file gives one, else when the files were written."""
    from datetime import UTC, datetime

    root = lists_folder(tmp_path / "lists", ofac_sdn=2)
    write_files(root / "un", {"consolidated.xml": un_xml(1, date="2026-01-05")})
    catalog = load_catalog(settings.with_(lists_dir=root))
    assert catalog.data_dates["un"] == "2026-01-05"
    assert catalog.data_dates["ofac_sdn"].endswith("Z")  # no date in OFAC CSV: file time
    now = datetime(2026, 1, 6, 12, tzinfo=UTC)
    assert catalog.ages_hours(now)["un"] == 36.0
    assert catalog.stale(None, now) == {}
    assert catalog.stale(24, now) == {"un": 36.0}


@pytest.mark.parametrize(
    "make_dir",
    [
        lambda root: root,  # does not exist
        lambda root: (root.mkdir(), root)[1],  # empty
        lambda root: write_files(root / "un", {"consolidated.xml": b"<broken"}).parent,
        lambda root: write_files(root / "other", {"sdn.csv": b"x"}).parent,
    ],
    ids=["missing", "empty", "unparseable", "no-known-list"],
)
def test_configured_lists_dir_with_nothing_loadable_never_falls_back_to_the_sample(
    tmp_path: Path, settings: Settings, make_dir
) -> None:
    root = make_dir(tmp_path / "lists")
    with pytest.raises(NoListsLoaded):
        load_catalog(with_sample(settings).with_(lists_dir=root))


def test_no_lists_loaded_names_each_list_error(tmp_path: Path, settings: Settings) -> None:
    root = write_files(tmp_path / "lists" / "un", {"consolidated.xml": b"<broken"}).parent
    with pytest.raises(NoListsLoaded, match="un: ") as caught:
        load_catalog(settings.with_(lists_dir=root))
    assert set(caught.value.errors) == {"un"}


def test_without_lists_dir_or_downloads_the_sample_is_loaded_and_flagged(
    settings: Settings,
) -> None:
    catalog = load_catalog(with_sample(settings))
    assert catalog.origin == "sample"
    assert list(catalog.snapshots) == ["ofac_sdn", "un"]
    assert all(d["sample"] is True for d in catalog.describe().values())
    assert catalog.sample is True
    assert catalog.versions()["un"]["sample"] is True


def store_version(settings: Settings, list_id: str, files: dict[str, bytes]) -> None:
    """Put a version into the data dir as ``lists update`` would, and activate it."""
    store = ListStore(store_root(settings), list_id)
    staging = write_files(store.staging(), files)
    manifest = Manifest(list_id, "v1", "", "2026-01-01T00:00:00Z", 0, 0, "https://x.test/a")
    store.activate(store.store(staging, manifest).name)


def test_downloaded_versions_win_over_the_sample(settings: Settings) -> None:
    settings = with_sample(settings)
    store_version(settings, "ofac_cons", ofac_files(5, list_id="ofac_cons"))
    catalog = load_catalog(settings)
    assert catalog.origin == "downloaded"
    assert list(catalog.snapshots) == ["ofac_cons"]
    assert catalog.describe()["ofac_cons"]["source"] == "https://x.test/a"
    assert catalog.sample is False


def test_an_enabled_list_never_downloaded_fails_the_load_naming_it(settings: Settings) -> None:
    """The registry enables two lists, one was downloaded: no clear from the other alone."""
    write_registry(settings, enabled=("ofac_cons", "un"))
    store_version(settings, "ofac_cons", ofac_files(5, list_id="ofac_cons"))
    with pytest.raises(NoListsLoaded, match=r"required list\(s\) un cannot be loaded") as info:
        load_catalog(settings)
    assert info.value.errors == {
        "un": "enabled in the source registry but never downloaded "
        "(run `screening lists update un`)"
    }


def test_an_optional_list_never_downloaded_is_reported_and_the_rest_serve(
    settings: Settings,
) -> None:
    write_registry(settings, enabled=("ofac_cons", "un"))
    store_version(settings, "ofac_cons", ofac_files(5, list_id="ofac_cons"))
    catalog = load_catalog(settings.with_(optional_lists=("un",)))
    assert list(catalog.snapshots) == ["ofac_cons"]
    assert "never downloaded" in catalog.errors["un"]


def test_a_disabled_source_is_not_required(settings: Settings) -> None:
    write_registry(settings, enabled=("ofac_cons",), disabled=("un", "eu"))
    store_version(settings, "ofac_cons", ofac_files(5, list_id="ofac_cons"))
    catalog = load_catalog(settings)
    assert list(catalog.snapshots) == ["ofac_cons"] and catalog.errors == {}


def test_an_unreadable_registry_fails_the_downloaded_load(settings: Settings) -> None:
    (settings.reference_dir / "sources.toml").write_text("[un\n", encoding="utf-8")
    store_version(settings, "ofac_cons", ofac_files(5, list_id="ofac_cons"))
    with pytest.raises(NoListsLoaded, match="cannot tell which lists are required"):
        load_catalog(settings)


def test_the_registry_does_not_apply_to_a_lists_dir(tmp_path: Path, settings: Settings) -> None:
    write_registry(settings, enabled=("ofac_sdn", "un"))
    root = lists_folder(tmp_path / "lists", ofac_sdn=2)
    catalog = load_catalog(settings.with_(lists_dir=root))
    assert list(catalog.snapshots) == ["ofac_sdn"] and catalog.errors == {}


def test_lists_dir_wins_over_downloaded_versions(tmp_path: Path, settings: Settings) -> None:
    store_version(settings, "ofac_cons", ofac_files(5, list_id="ofac_cons"))
    root = lists_folder(tmp_path / "lists", ofac_sdn=2)
    assert list(load_catalog(settings.with_(lists_dir=root)).snapshots) == ["ofac_sdn"]


def test_nothing_anywhere_raises(settings: Settings) -> None:
    with pytest.raises(NoListsLoaded, match="no downloaded lists and no bundled sample"):
        load_catalog(settings)


SHARED_COUNTS = {"ofac_sdn": 13_821, "ofac_cons": 442, "un": 1_003, "uk_ofsi": 4_688}


def test_shared_lists_load_with_their_published_counts(
    settings: Settings, shared_lists: Path
) -> None:
    catalog = load_catalog(settings.with_(lists_dir=shared_lists))
    assert catalog.errors == {}
    assert {k: s.entity_count for k, s in catalog.snapshots.items()} == SHARED_COUNTS
    assert catalog.snapshots["un"].version == "2026-02-27"
    found = catalog.matcher.search(Query(name="BANCO NACIONAL DE CUBA"))
    assert found[0].entity.key == "ofac_sdn:306"


def test_downloaded_versions_that_all_fail_raise_rather_than_use_the_sample(
    settings: Settings,
) -> None:
    settings = with_sample(settings)
    store_version(settings, "un", {"consolidated.xml": b"<broken"})
    with pytest.raises(NoListsLoaded, match="downloaded") as caught:
        load_catalog(settings)
    assert set(caught.value.errors) == {"un"}


def test_bundled_sample_is_the_default_when_nothing_else_is_configured(tmp_path: Path) -> None:
    catalog = load_catalog(Settings(data_dir=tmp_path / "data"))
    assert catalog.origin == "sample" and catalog.sample is True
    assert catalog.snapshots["ofac_sdn"].sample is True
    assert catalog.matcher.search(Query(name="BANCO NACIONAL DE CUBA"))[0].entity.source_id == "306"


def test_entities_by_imo_indexes_valid_listed_imo_numbers_once(tmp_path: Path) -> None:
    catalog = load_catalog(Settings(data_dir=tmp_path / "data"))
    assert [e.name for e in catalog.entities_by_imo["8705539"]] == ["KUM UN SAN 3"]
    assert "8705538" not in catalog.entities_by_imo  # a wrong check digit is never a key
    assert catalog.entities_by_imo is catalog.entities_by_imo  # derived once per catalog
