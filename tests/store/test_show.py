"""``lists show`` rows for lists never updated, stored, and unknown to the registry."""

from __future__ import annotations

from store_fixtures import ofac_files, write_files

from service.settings import Settings
from service.sources.registry import registry_from_mapping
from service.store import ListStore, Manifest, show_lists, store_root
from service.store.status import record_attempt

REGISTRY = registry_from_mapping(
    {
        "ofac_sdn": {
            "title": "SDN",
            "publisher": "OFAC",
            "format": "ofac_csv",
            "files": {"sdn.csv": "https://example.org/SDN.CSV"},
        },
        "eu": {
            "title": "EU",
            "publisher": "EC",
            "format": "eu_xml",
            "enabled": False,
            "files": {"eu.xml": "https://example.org/eu.xml"},
        },
    }
)


def test_every_registry_list_is_shown_even_before_any_update(settings: Settings) -> None:
    rows = show_lists(settings, REGISTRY)
    assert [(r["list_id"], r["enabled"], r["active_version"]) for r in rows] == [
        ("ofac_sdn", True, None),
        ("eu", False, None),
    ]
    assert all(r["last_attempt"] is None and r["refusal"] is None for r in rows)


def test_stored_list_missing_from_the_registry_is_still_shown(settings: Settings) -> None:
    store = ListStore(store_root(settings), "old_list")
    staging = write_files(store.staging(), ofac_files(2))
    manifest = Manifest("old_list", "v1", "", "2026-01-01T00:00:00Z", 2, 4, "https://x.test")
    store.activate(store.store(staging, manifest).name)
    row = show_lists(settings, REGISTRY)[-1]
    assert (row["list_id"], row["title"], row["enabled"]) == ("old_list", None, False)
    assert (row["active_version"], row["entity_count"], row["name_count"]) == ("v1", 2, 4)
    assert row["stored_versions"] == ["v1"]


def test_refused_attempt_shows_its_reason(settings: Settings) -> None:
    store = ListStore(store_root(settings), "eu")
    attempt = {"outcome": "refused", "reason": "HTTP 403 Forbidden", "at": "2026-01-01T00:00:00Z"}
    record_attempt(store, attempt)
    row = show_lists(settings, REGISTRY)[1]
    assert row["refusal"] == "HTTP 403 Forbidden"
    assert row["last_refusal"] == attempt


def test_show_uses_the_registry_beside_the_reference_data(settings: Settings) -> None:
    settings.reference_dir.mkdir(parents=True, exist_ok=True)
    (settings.reference_dir / "sources.toml").write_text(
        '[mine]\ntitle = "Mine"\npublisher = "me"\nformat = "x"\n'
        '[mine.files]\n"a.csv" = "https://example.org/a.csv"\n'
    )
    assert [r["list_id"] for r in show_lists(settings)] == ["mine"]
