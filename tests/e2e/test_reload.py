"""End to end: a running ``screening serve`` picks up a newly activated list version
without a restart (the master reloads, then replaces its workers with SIGHUP), keeps
screening throughout, and keeps the old lists when the new ones cannot be loaded."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.servers import Server, start
from store.store_fixtures import entity_name, un_xml, write_files

from service.settings import Settings
from service.sources import KNOWN_LISTS
from service.store import ListStore, Manifest, store_root

pytestmark = pytest.mark.e2e

WAIT = 120.0
"""Upper bound of every polling loop; the loops end as soon as the condition holds."""


def activate(settings: Settings, files: dict[str, bytes], version: str) -> None:
    """Store a UN version as ``screening lists update`` would, and make it active."""
    store = ListStore(store_root(settings), "un")
    staging = write_files(store.staging(), files)
    manifest = Manifest(
        "un", version, "", "2026-01-01T00:00:00Z", 0, 0, f"https://x.test/{version}"
    )
    store.activate(store.store(staging, manifest).name)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def server(settings: Settings, tmp_path: Path) -> Iterator[Server]:
    activate(settings, {"consolidated.xml": un_xml(3, date="2026-02-27")}, "v1")
    env = {
        "SCREENING_DATA_DIR": str(settings.data_dir),
        "SCREENING_RELOAD_INTERVAL": "0.5",
        # Only UN is downloaded here; the bundled registry enables more lists.
        "SCREENING_OPTIONAL_LISTS": ",".join(lid for lid in KNOWN_LISTS if lid != "un"),
    }
    srv = start(tmp_path, env)
    try:
        yield srv
    finally:
        srv.stop()


def un_version(server: Server) -> str:
    return server.lists()["un"]["version"]


def screen_until(server: Server, done, what: str) -> None:
    """Screen on every poll (it must keep answering) until ``done()`` holds."""
    deadline = time.monotonic() + WAIT
    while not done():
        assert server.screen(name=entity_name(1))["decision"] != "clear"
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not seen within {WAIT}s:\n{server.tail()}")
        time.sleep(0.2)


def test_a_new_active_version_is_served_without_a_restart(
    server: Server, settings: Settings
) -> None:
    first = un_version(server)
    assert "2026-02-27" in first
    master = server.process.pid
    new_name = entity_name(7)  # only in the new version
    assert server.screen(name=new_name)["decision"] == "clear"

    activate(settings, {"consolidated.xml": un_xml(8, date="2026-03-27")}, "v2")
    screen_until(server, lambda: "2026-03-27" in un_version(server), "the new version")

    assert server.process.pid == master and server.process.poll() is None
    assert server.screen(name=new_name)["decision"] != "clear"
    assert "Hang up" in server.output()

    # The reloader thread outlives the HUP: a later version is picked up too.
    activate(settings, {"consolidated.xml": un_xml(9, date="2026-04-27")}, "v3")
    screen_until(server, lambda: "2026-04-27" in un_version(server), "the third version")
    assert server.process.pid == master


def test_a_version_that_cannot_load_leaves_the_old_one_serving(
    server: Server, settings: Settings
) -> None:
    first = un_version(server)
    activate(settings, {"consolidated.xml": b"<not-a-un-list/>"}, "broken")
    screen_until(server, lambda: "cannot be loaded" in server.output(), "the load error")
    assert un_version(server) == first
    assert "Hang up" not in server.output()
