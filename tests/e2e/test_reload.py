"""End to end: a running ``screening serve`` picks up a newly activated list version
without a restart (the master reloads, then replaces its workers with SIGHUP), keeps
screening throughout, and keeps the old lists when the new ones cannot be loaded."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from store.store_fixtures import entity_name, un_xml, write_files

from service.settings import Settings
from service.store import ListStore, Manifest, store_root

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
WAIT = 120.0
"""Upper bound of every polling loop; the loops end as soon as the condition holds."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def activate(settings: Settings, files: dict[str, bytes], version: str) -> None:
    """Store a UN version as ``screening lists update`` would, and make it active."""
    store = ListStore(store_root(settings), "un")
    staging = write_files(store.staging(), files)
    manifest = Manifest(
        "un", version, "", "2026-01-01T00:00:00Z", 0, 0, f"https://x.test/{version}"
    )
    store.activate(store.store(staging, manifest).name)


class Server:
    def __init__(self, data_dir: Path, log: Path) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")}
        env.update(SCREENING_DATA_DIR=str(data_dir), SCREENING_RELOAD_INTERVAL="0.5")
        self.log = log.open("w+")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "service.cli",
                "serve",
                "--bind",
                self.url[7:],
                "--workers",
                "2",
            ],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def wait_ready(self) -> bool:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if "in use" in self.output():
                    return False
                pytest.fail(f"server exited:\n{self.output()[-5000:]}")
            try:
                if requests.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return True
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        pytest.fail(f"server not ready:\n{self.output()[-5000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.log.close()

    def un_version(self) -> str:
        response = requests.get(f"{self.url}/v1/lists", timeout=5)
        assert response.status_code == 200, response.text
        return {row["id"]: row for row in response.json()["lists"]}["un"]["version"]

    def screen(self, name: str) -> dict:
        response = requests.post(f"{self.url}/v1/screen", json={"name": name}, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def server(settings: Settings, tmp_path: Path) -> Iterator[Server]:
    activate(settings, {"consolidated.xml": un_xml(3, date="2026-02-27")}, "v1")
    for attempt in range(3):
        srv = Server(settings.data_dir, tmp_path / f"server-{attempt}.log")
        if srv.wait_ready():
            break
        srv.stop()
    else:
        pytest.fail("no free port for gunicorn in 3 tries")
    try:
        yield srv
    finally:
        srv.stop()


def screen_until(server: Server, done, what: str) -> None:
    """Screen on every poll (it must keep answering) until ``done()`` holds."""
    deadline = time.monotonic() + WAIT
    while not done():
        assert server.screen(entity_name(1))["decision"] != "clear"
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not seen within {WAIT}s:\n{server.output()[-5000:]}")
        time.sleep(0.2)


def test_a_new_active_version_is_served_without_a_restart(
    server: Server, settings: Settings
) -> None:
    first = server.un_version()
    assert "2026-02-27" in first
    master = server.process.pid
    new_name = entity_name(7)  # only in the new version
    assert server.screen(new_name)["decision"] == "clear"

    activate(settings, {"consolidated.xml": un_xml(8, date="2026-03-27")}, "v2")
    screen_until(server, lambda: "2026-03-27" in server.un_version(), "the new version")

    assert server.process.pid == master and server.process.poll() is None
    assert server.screen(new_name)["decision"] != "clear"
    assert "Hang up" in server.output()

    # The reloader thread outlives the HUP: a later version is picked up too.
    activate(settings, {"consolidated.xml": un_xml(9, date="2026-04-27")}, "v3")
    screen_until(server, lambda: "2026-04-27" in server.un_version(), "the third version")
    assert server.process.pid == master


def test_a_version_that_cannot_load_leaves_the_old_one_serving(
    server: Server, settings: Settings
) -> None:
    first = server.un_version()
    activate(settings, {"consolidated.xml": b"<not-a-un-list/>"}, "broken")
    screen_until(server, lambda: "cannot be loaded" in server.output(), "the load error")
    assert server.un_version() == first
    assert "Hang up" not in server.output()
