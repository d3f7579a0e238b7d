"""``POST /v1/screen`` and ``POST /v1/screen/transaction`` read the same jurisdiction
tables (lists/reference/), so a country decides both the same way, and editing the YAML
changes ``/v1/screen`` too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from clients import authed_client
from factories import TEST_ENTITIES, catalog_from
from flask.testing import FlaskClient

from service.api import create_app
from service.settings import BUNDLED_LISTS, Settings

NOBODY = "Zyxwv Qqqq Holdings"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"))
    return authed_client(create_app(settings, catalog_from(TEST_ENTITIES)))


def screen(client: FlaskClient, **body: object) -> dict:
    response = client.post("/v1/screen", json={"name": NOBODY, **body})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def transaction(client: FlaskClient, country: str, as_of: str | None = None) -> dict:
    body: dict = {"parties": [{"id": "p1", "role": "payee", "name": NOBODY, "country": country}]}
    if as_of:
        body["as_of"] = as_of
    response = client.post("/v1/screen/transaction", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize(
    ("country", "as_of", "decision"),
    [
        ("KP", None, "block"),
        ("North Korea", None, "block"),
        ("조선", None, "block"),
        ("IR", None, "block"),
        ("CU", None, "block"),
        ("SY", None, "review"),
        ("SY", "2025-06-01", "block"),
        ("RU", None, "review"),
        ("Crimea", None, "block"),
        ("Sevastopol", None, "block"),
        ("Sevastopol, Russia", None, "block"),
        ("Donetsk People's Republic", None, "block"),
        ("Korea", None, "review"),
        ("Seoul, Korea", None, "clear"),
        ("Pyongyang, Korea", None, "block"),
        ("SG", None, "clear"),
    ],
)
def test_both_endpoints_decide_a_country_alike(
    client: FlaskClient, country: str, as_of: str | None, decision: str
) -> None:
    single = screen(client, country=country, **({"as_of": as_of} if as_of else {}))
    assert single["decision"] == decision, single["reasons"]
    assert transaction(client, country, as_of)["decision"] == decision


def test_both_endpoints_name_the_same_reference_versions(client: FlaskClient) -> None:
    single = screen(client, country="SY")
    (reason,) = [r for r in single["reasons"] if r["code"] == "jurisdiction"]
    assert reason["as_of"] == "2025-07-01" and "14312" in reason["program"]
    versions = transaction(client, "SY")["versions"]
    assert single["versions"]["reference"] == versions["reference"]
    assert single["versions"]["ruleset"] is None
    ruled = screen(client, country="SY", web_presence="none")
    assert ruled["versions"]["ruleset"] == versions["ruleset"]


def test_editing_the_jurisdiction_table_changes_v1_screen(tmp_path: Path) -> None:
    """Russia moved to tier A in a copy of lists/: /v1/screen now blocks it."""
    copy = tmp_path / "lists"
    shutil.copytree(BUNDLED_LISTS, copy)
    path = copy / "reference" / "jurisdictions.yaml"
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    (russia,) = [c for c in table["countries"] if c["code"] == "RU"]
    russia["tier"] = "A"
    table["version"] = "test-ru-tier-a"
    path.write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", reference_dir=copy)
    edited = authed_client(create_app(settings, catalog_from(TEST_ENTITIES)))
    result = screen(edited, country="RU")
    assert result["decision"] == "block"
    tables = result["versions"]["reference"]["tables"]
    assert tables["jurisdictions"]["version"] == "test-ru-tier-a"
    assert transaction(edited, "RU")["decision"] == "block"
