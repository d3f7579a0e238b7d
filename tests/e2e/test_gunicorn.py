"""End to end: a real ``screening serve`` (gunicorn, 2 workers, preload) on a free port,
over the real shared lists, spoken to over HTTP, then shut down with SIGTERM."""

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

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A ``screening serve`` subprocess and its base URL."""

    def __init__(self, lists_dir: Path, tmp: Path) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        env = {
            **os.environ,
            "SCREENING_LISTS_DIR": str(lists_dir),
            "SCREENING_DATA_DIR": str(tmp / "data"),
        }
        self.log = (tmp / f"server-{self.url.rsplit(':', 1)[1]}.log").open("w+")
        bind = self.url.removeprefix("http://")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--bind", bind, "--workers", "2"],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self) -> bool:
        """True once ready; False if the port was taken meanwhile (free_port is racy)."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if "in use" in self.output():
                    self.stop()
                    return False
                pytest.fail(f"server exited with {self.process.returncode}:\n{self.output()}")
            try:
                if requests.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return True
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        pytest.fail(f"server not ready after {START_TIMEOUT}s:\n{self.output()}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.log.close()

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-5000:]


def start_server(lists_dir: Path, tmp: Path) -> Server:
    """A ready server; retried on a new port if another process took ours first."""
    for _ in range(3):
        srv = Server(lists_dir, tmp)
        if srv.wait_ready():
            return srv
    pytest.fail("no free port found for gunicorn in 3 tries")


@pytest.fixture(scope="module")
def server(shared_lists: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    # A path relative to the repo, as an operator would write it.
    relative = Path(os.path.relpath(shared_lists.resolve(), REPO))
    srv = start_server(relative, tmp_path_factory.mktemp("e2e"))
    try:
        yield srv
    finally:
        srv.stop()


def screen(server: Server, **body: object) -> dict:
    response = requests.post(f"{server.url}/v1/screen", json=body, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_banco_nacional_de_cuba_is_entity_306_and_not_clear(server: Server) -> None:
    result = screen(server, name="BANCO NACIONAL DE CUBA")
    best = result["matches"][0]
    assert (best["list"], best["source_id"], best["score"]) == ("ofac_sdn", "306", 1.0)
    assert result["decision"] != "clear"


@pytest.mark.parametrize(
    ("name", "source_id"),
    [
        ("BANCO NACIONL DE CUBBA", "306"),
        ("ISLAMIC REVOLUTONARY GAURD CORPS", "10391"),
    ],
)
def test_misspelt_long_name_still_finds_its_entity(
    server: Server, name: str, source_id: str
) -> None:
    result = screen(server, name=name)
    assert result["matches"][0]["source_id"] == source_id
    assert result["decision"] != "clear"


def test_country_alone_blocks(server: Server) -> None:
    result = screen(server, name="Zyxwv Qqqq Holdings", country="North Korea")
    assert result["decision"] == "block"


def test_all_shared_lists_are_loaded(server: Server) -> None:
    lists = requests.get(f"{server.url}/v1/lists", timeout=10).json()["lists"]
    counts = {item["id"]: item["entity_count"] for item in lists}
    assert counts["ofac_sdn"] == 13_821 and counts["ofac_cons"] == 442
    assert {"un", "uk_ofsi"} <= set(counts)


def test_errors_are_problem_documents_over_http(server: Server) -> None:
    response = requests.post(f"{server.url}/v1/screen", data="name=x", timeout=10)
    assert response.status_code == 415
    assert response.headers["Content-Type"].startswith("application/problem+json")


def test_sigterm_shuts_down_cleanly(shared_lists: Path, tmp_path: Path) -> None:
    srv = start_server(shared_lists, tmp_path)
    assert srv.stop() == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{srv.url}/healthz", timeout=2)
