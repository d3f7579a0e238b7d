"""``service.reloader``: new list versions are noticed cheaply, loaded, swapped in; a
version that cannot load never replaces the lists being served."""

from __future__ import annotations

from pathlib import Path

import pytest
from clients import authed_client
from store.store_fixtures import ofac_files, un_xml, write_files

from service.api import create_app, get_state
from service.api import swap_catalog as api_swap
from service.reloader import CatalogReloader, lists_fingerprint
from service.settings import Settings
from service.sources import KNOWN_LISTS
from service.store import ListStore, Manifest, load_catalog, store_root

UN_V1 = {"consolidated.xml": un_xml(3, date="2026-02-27")}
UN_V2 = {"consolidated.xml": un_xml(5, date="2026-03-27")}
BROKEN = {"consolidated.xml": b"<not-a-un-list/>"}
ONLY_UN_REQUIRED = tuple(lid for lid in KNOWN_LISTS if lid != "un")
"""These tests download UN (and sometimes OFAC SDN) only; the bundled registry enables
more, so every other list is named optional rather than required-but-missing."""


def activate(settings: Settings, list_id: str, files: dict[str, bytes], version: str) -> None:
    store = ListStore(store_root(settings), list_id)
    staging = write_files(store.staging(), files)
    manifest = Manifest(list_id, version, "", "2026-01-01T00:00:00Z", 0, 0, "https://x.test/")
    store.activate(store.store(staging, manifest).name)


class Served:
    """The catalog being served, as the reloader sees it through its callbacks."""

    def __init__(self, settings: Settings) -> None:
        self.catalog = load_catalog(settings)
        self.hups = 0

    def reloader(self, settings: Settings) -> CatalogReloader:
        return CatalogReloader(
            settings,
            lists_fingerprint(settings),
            self.swap,
            self.hup,
            current=lambda: self.catalog,
        )

    def swap(self, catalog) -> None:
        self.catalog = catalog

    def hup(self) -> None:
        self.hups += 1

    def version(self, list_id: str = "un") -> str:
        return self.catalog.snapshots[list_id].version


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(data_dir=tmp_path / "data", optional_lists=ONLY_UN_REQUIRED)
    activate(settings, "un", UN_V1, "v1")
    return settings


def test_nothing_changed_loads_nothing(settings: Settings) -> None:
    served = Served(settings)
    before = served.catalog
    assert served.reloader(settings).check() is False
    assert served.catalog is before and served.hups == 0


def test_a_new_active_version_is_swapped_in_then_workers_replaced(settings: Settings) -> None:
    served = Served(settings)
    reloader = served.reloader(settings)
    activate(settings, "un", UN_V2, "v2")
    assert reloader.check() is True
    assert "2026-03-27" in served.version() and served.hups == 1
    assert reloader.check() is False and served.hups == 1


def test_a_version_that_cannot_load_keeps_the_old_and_is_not_retried(settings: Settings) -> None:
    served = Served(settings)
    reloader = served.reloader(settings)
    activate(settings, "un", BROKEN, "broken")
    assert reloader.check() is False
    assert "2026-02-27" in served.version() and served.hups == 0
    assert reloader.check() is False
    activate(settings, "un", UN_V2, "v2")
    assert reloader.check() is True and "2026-03-27" in served.version()


def test_a_list_that_fails_while_others_load_is_not_dropped(settings: Settings) -> None:
    activate(settings, "ofac_sdn", ofac_files(3), "s1")
    served = Served(settings)
    reloader = served.reloader(settings)
    activate(settings, "un", BROKEN, "broken")
    activate(settings, "ofac_sdn", ofac_files(4), "s2")
    assert reloader.check() is False
    assert set(served.catalog.snapshots) == {"un", "ofac_sdn"} and served.hups == 0


def test_a_lists_dir_reloads_once_its_files_have_settled(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "lists" / "un", UN_V1).parent
    settings = Settings(data_dir=tmp_path / "data", lists_dir=folder)
    served = Served(settings)
    reloader = served.reloader(settings)
    write_files(folder / "un", UN_V2)
    assert reloader.check() is False  # changed since the last look: may still be copying
    assert reloader.check() is True
    assert "2026-03-27" in served.version()


def test_the_app_serves_the_swapped_catalog(settings: Settings) -> None:
    app = create_app(settings)
    client = authed_client(app)
    reloader = CatalogReloader(
        settings,
        get_state(app).lists_fingerprint,
        lambda catalog: api_swap(app, catalog),
        current=lambda: get_state(app).catalog,
    )
    activate(settings, "un", UN_V2, "v2")
    assert reloader.check() is True
    (row,) = client.get("/v1/lists").get_json()["lists"]
    assert "2026-03-27" in row["version"]
    assert client.post("/v1/screen", json={"name": "Anyone Ltd"}).status_code == 200


def test_a_new_version_in_a_lists_dir_is_announced_to_webhooks(tmp_path: Path) -> None:
    from sqlalchemy import select

    from service.records import records_database, upgrade
    from service.records.models import WebhookDelivery
    from service.webhooks.registry import create_webhook

    folder = write_files(tmp_path / "lists" / "un", UN_V1).parent
    settings = Settings(data_dir=tmp_path / "data", lists_dir=folder)
    db = records_database(settings)
    upgrade(db)
    create_webhook(db, settings.with_(webhooks_allow_http=True), tenant="acme",
                   url="https://127.0.0.1/h", events=["lists.updated"])  # fmt: skip
    served = Served(settings)
    reloader = served.reloader(settings)
    write_files(folder / "un", UN_V2)
    assert reloader.check() is False and reloader.check() is True
    with db.session() as session:
        [row] = session.scalars(select(WebhookDelivery)).all()
    db.dispose()
    assert row.event_type == "lists.updated" and served.version() in row.body
