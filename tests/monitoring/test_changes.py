"""What changed since the customers were screened: from the diff recorded with the new
version, from a stored older version when that diff is gone, or unknown (full)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import ListServer, registry_for, serve_list

from monitoring.monitor_lists import OTHER_LISTS, V1, V2
from service.core.model import ListSnapshot
from service.monitoring.changes import list_changes
from service.settings import Settings
from service.store import load_catalog, update_lists
from service.store.changes import changes_path
from service.store.versions import ListStore, store_root

NAMES = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")


@pytest.fixture
def two_versions(tmp_path: Path) -> Iterator[tuple[Settings, str, str]]:
    """Versions 1 then 2 of our list, downloaded and activated through the store."""
    settings = Settings(data_dir=tmp_path / "data", optional_lists=OTHER_LISTS)
    server = ListServer()
    server.start()
    registry = registry_for(server, {"ofac_sdn": NAMES})
    versions = []
    for files in (V1, V2):
        serve_list(server, "ofac_sdn", files)
        versions.append(update_lists(settings, registry)["ofac_sdn"].version)
    server.stop()
    yield settings, versions[0], versions[1]


def test_the_recorded_diff_and_the_stored_version_say_the_same(two_versions) -> None:
    settings, v1, v2 = two_versions
    snapshots = load_catalog(settings).snapshots
    (recorded,) = list_changes(settings, snapshots, {"ofac_sdn": v1})
    store = ListStore(store_root(settings), "ofac_sdn")
    changes_path(store, store.active_name()).unlink()
    (rebuilt,) = list_changes(settings, snapshots, {"ofac_sdn": v1})
    for change in (recorded, rebuilt):
        assert (change.old_version, change.new_version, change.full) == (v1, v2, None)
        assert (change.added, change.changed, change.removed) == ((), ("100", "200"), ("400",))
    assert rebuilt.facets == recorded.facets
    assert rebuilt.facets["100"]["names"]["added"] == ["tashkentov, bakhodir"]
    assert list_changes(settings, snapshots, {"ofac_sdn": v2}) == []


def test_unknown_history_new_lists_and_lists_gone(two_versions) -> None:
    settings, _, v2 = two_versions
    snapshots = load_catalog(settings).snapshots
    (lost,) = list_changes(settings, snapshots, {"ofac_sdn": "2020-01-01"})
    assert lost.full and "no longer stored" in lost.full and lost.summary()["full_rescreen"]
    (new,) = list_changes(settings, snapshots, {})
    assert new.old_version is None and len(new.added) == snapshots["ofac_sdn"].entity_count
    empty = {"ofac_sdn": ListSnapshot("ofac_sdn", v2, (), "here", "now")}
    (gone,) = list_changes(settings, empty, {"ofac_sdn": v2, "un": "2026-01-01"})
    assert (gone.list_id, gone.new_version, gone.full) == ("un", None, "no longer loaded")
