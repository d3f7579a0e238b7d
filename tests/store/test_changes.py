"""Changes recorded with every activated update, and diffs between folders or versions."""

from __future__ import annotations

import pytest
from store_fixtures import ListServer, registry_for, serve_list, un_xml, write_files

from service.settings import Settings
from service.store import ListStore, show_lists, store_root, update_lists
from service.store.changes import DiffError, diff_operands, read_changes, render_diff


def _update_un(server: ListServer, settings: Settings, count: int, date: str) -> str:
    registry = registry_for(server, {"un": ("consolidated.xml",)})
    serve_list(server, "un", {"consolidated.xml": un_xml(count, date=date)})
    report = update_lists(settings, registry)
    assert report.activated == ("un",)
    return ListStore(store_root(settings), "un").active_name() or ""


def test_every_activated_update_records_its_changes(
    list_server: ListServer, settings: Settings
) -> None:
    first = _update_un(list_server, settings, 10, "2026-02-01")
    store = ListStore(store_root(settings), "un")
    initial = read_changes(store)
    assert initial["old_version"] is None and initial["counts"]["added"] == 10

    second = _update_un(list_server, settings, 11, "2026-02-02")
    changes = read_changes(store)
    assert changes == read_changes(store, second)
    assert (changes["old_version"], changes["new_version"]) == ("2026-02-01", "2026-02-02")
    assert changes["counts"] == {"added": 1, "removed": 0, "changed": 0, "unchanged": 10}
    assert [e["source_id"] for e in changes["added"]] == ["KPe.011"]
    assert read_changes(store, first)["counts"]["added"] == 10  # kept with its version

    [row] = [r for r in show_lists(settings, changes=True) if r["list_id"] == "un"]
    assert row["changes"] == changes
    assert "changes" not in show_lists(settings)[0]
    text = render_diff(changes)
    assert text[0] == "un: 2026-02-01 -> 2026-02-02: 1 added, 0 removed, 0 changed, 10 unchanged"
    assert text[1].startswith("  + KPe.011")


def test_diff_between_two_stored_versions(list_server: ListServer, settings: Settings) -> None:
    first = _update_un(list_server, settings, 10, "2026-02-01")
    second = _update_un(list_server, settings, 9, "2026-02-02")
    [diff] = diff_operands(settings, first, second, ["un"])
    assert diff.counts() == {"added": 0, "removed": 1, "changed": 0, "unchanged": 9}
    assert [e.source_id for e in diff.removed] == ["KPe.010"]


def test_diff_between_two_folders(settings: Settings, tmp_path) -> None:
    old = write_files(tmp_path / "old" / "un", {"consolidated.xml": un_xml(3)})
    new_xml = un_xml(3).replace(b"ALIAS ", b"ALSO ")
    write_files(tmp_path / "new" / "un", {"consolidated.xml": new_xml})
    [diff] = diff_operands(settings, str(old.parent), str(tmp_path / "new"))
    assert diff.list_id == "un"
    assert len(diff.changed) == 3
    assert set(diff.changed[0].changes) == {"names"}
    # a list folder itself, when the list is named
    [same] = diff_operands(settings, str(old), str(old), ["un"])
    assert same.empty


def test_operands_that_are_not_lists_are_refused(settings: Settings, tmp_path) -> None:
    with pytest.raises(DiffError, match="no list found"):
        diff_operands(settings, str(tmp_path), str(tmp_path))
    with pytest.raises(DiffError, match="neither a folder nor a stored version"):
        diff_operands(settings, "v1", "v2", ["un"])
