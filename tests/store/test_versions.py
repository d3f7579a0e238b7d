"""The on-disk version store: naming, manifests, atomic activation, pruning."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.store.versions import KEEP_PREVIOUS, ListStore, Manifest, StoredFile, stored_lists


def manifest(version: str, stored_at: str = "2026-01-01T00:00:00Z") -> Manifest:
    files = {"consolidated.xml": StoredFile("https://example.org/c.xml", "ab" * 32, 42)}
    return Manifest("un", version, "", stored_at, 3, 6, "https://example.org/c.xml", files)


def put(store: ListStore, version: str, stored_at: str = "2026-01-01T00:00:00Z") -> str:
    """Store a one-file version; returns its folder name."""
    staging = store.staging()
    (staging / "consolidated.xml").write_text(version)
    return store.store(staging, manifest(version, stored_at)).name


def test_new_store_has_nothing_active(tmp_path: Path) -> None:
    store = ListStore(tmp_path, "un")
    assert (store.active_name(), store.active_dir(), store.active_manifest()) == (None,) * 3
    assert store.manifests() == []


def test_stored_version_keeps_its_files_and_manifest(tmp_path: Path) -> None:
    store = ListStore(tmp_path, "un")
    name = put(store, "2026-02-27")
    assert name == "2026-02-27"
    assert (store.versions_dir / name / "consolidated.xml").read_text() == "2026-02-27"
    assert store.manifest(name) == Manifest.from_json(
        {**manifest("2026-02-27").to_json(), "name": name}
    )
    assert not list(store.dir.glob(".staging-*"))


def test_content_hash_versions_become_safe_folder_names(tmp_path: Path) -> None:
    store = ListStore(tmp_path, "un")
    assert put(store, "sha256:0123456789abcdef") == "sha256-0123456789abcdef"
    assert put(store, "../../etc") == "etc"


def test_a_reissue_with_the_same_version_is_kept_beside_the_first(tmp_path: Path) -> None:
    store = ListStore(tmp_path, "un")
    assert [put(store, "2026-02-27"), put(store, "2026-02-27")] == ["2026-02-27", "2026-02-27.2"]


def test_activate_swaps_the_pointer(tmp_path: Path) -> None:
    store = ListStore(tmp_path, "un")
    first, second = put(store, "v1"), put(store, "v2")
    store.activate(first)
    store.activate(second)
    assert store.active_name() == second
    assert store.active_manifest().version == "v2"
    assert sorted(p.name for p in store.dir.iterdir() if p.name.startswith(".active")) == []


def test_activating_a_missing_version_fails_and_keeps_the_pointer(tmp_path: Path) -> None:
    store = ListStore(tmp_path, "un")
    store.activate(put(store, "v1"))
    with pytest.raises(FileNotFoundError):
        store.activate("v9")
    assert store.active_name() == "v1"


def test_pointer_to_a_deleted_version_counts_as_nothing_active(tmp_path: Path) -> None:
    store = ListStore(tmp_path, "un")
    store.activate(put(store, "v1"))
    (store.versions_dir / "v1" / "consolidated.xml").unlink()
    (store.versions_dir / "v1").rmdir()
    assert store.active_name() is None


def test_prune_keeps_the_active_and_the_newest_others(tmp_path: Path) -> None:
    store = ListStore(tmp_path, "un")
    names = [put(store, f"v{i}", f"2026-01-0{i}T00:00:00Z") for i in range(1, 8)]
    store.activate(names[0])  # rolled back to the oldest
    removed = store.prune()
    kept = [m.name for m in store.manifests()]
    assert kept == [names[0], *names[-KEEP_PREVIOUS:]]
    assert removed == names[1:-KEEP_PREVIOUS]
    assert not (store.versions_dir / f"{names[1]}.json").exists()


def test_stored_lists_ignores_hidden_entries(tmp_path: Path) -> None:
    put(ListStore(tmp_path, "un"), "v1")
    (tmp_path / ".lock").mkdir()
    assert stored_lists(tmp_path) == ["un"]
    assert stored_lists(tmp_path / "absent") == []
