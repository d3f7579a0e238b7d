"""End to end: a real ``screening serve`` (gunicorn, 2 workers, preload) on a free port,
over the real shared lists, spoken to over HTTP, then shut down with SIGTERM."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from e2e.servers import AUTH, REPO, Server, start

pytestmark = pytest.mark.e2e


def start_server(lists_dir: Path, tmp: Path) -> Server:
    """A ready server over ``lists_dir``."""
    return start(tmp, {"SCREENING_LISTS_DIR": str(lists_dir)})


@pytest.fixture(scope="module")
def server(shared_lists: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    # A path relative to the repo, as an operator would write it.
    relative = Path(os.path.relpath(shared_lists.resolve(), REPO))
    srv = start_server(relative, tmp_path_factory.mktemp("e2e"))
    try:
        yield srv
    finally:
        srv.stop()


def test_banco_nacional_de_cuba_is_entity_306_and_not_clear(server: Server) -> None:
    result = server.screen(name="BANCO NACIONAL DE CUBA")
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
    result = server.screen(name=name)
    assert result["matches"][0]["source_id"] == source_id
    assert result["decision"] != "clear"


def test_country_alone_blocks(server: Server) -> None:
    result = server.screen(name="Zyxwv Qqqq Holdings", country="North Korea")
    assert result["decision"] == "block"


def test_all_shared_lists_are_loaded(server: Server) -> None:
    counts = {list_id: row["entity_count"] for list_id, row in server.lists().items()}
    assert counts["ofac_sdn"] == 13_821 and counts["ofac_cons"] == 442
    assert {"un", "uk_ofsi"} <= set(counts)


def test_errors_are_problem_documents_over_http(server: Server) -> None:
    response = requests.post(f"{server.url}/v1/screen", data="name=x", headers=AUTH, timeout=10)
    assert response.status_code == 415
    assert response.headers["Content-Type"].startswith("application/problem+json")


def test_sigterm_shuts_down_cleanly(shared_lists: Path, tmp_path: Path) -> None:
    srv = start_server(shared_lists, tmp_path)
    assert srv.stop() == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{srv.url}/healthz", timeout=2)
