"""GET /v1/lists reports each loaded list's version, counts, source and sample flag."""

from __future__ import annotations

from pathlib import Path

from clients import authed_client
from flask.testing import FlaskClient

from service.api import create_app
from service.settings import Settings


def test_lists_describes_each_loaded_list(client: FlaskClient) -> None:
    response = client.get("/v1/lists")
    assert response.status_code == 200
    by_id = {item["id"]: item for item in response.get_json()["lists"]}
    assert set(by_id) == {"test_list", "other_list"}
    assert by_id["test_list"] == {
        "id": "test_list",
        "version": "2026-01-01",
        "entity_count": 2,
        "name_count": 3,
        "loaded_at": "2026-01-01T00:00:00Z",
        "source": "test:test_list",
        "sample": False,
        "data_date": None,
        "age_hours": None,
    }


def test_lists_without_any_list_is_503(unready_client: FlaskClient) -> None:
    response = unready_client.get("/v1/lists")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"


def test_real_lists_have_the_counts_of_the_shared_readme(real_client: FlaskClient) -> None:
    by_id = {item["id"]: item for item in real_client.get("/v1/lists").get_json()["lists"]}
    assert by_id["ofac_sdn"]["entity_count"] == 13_821
    assert by_id["ofac_cons"]["entity_count"] == 442
    assert by_id["un"]["entity_count"] == 730 + 273
    assert not any(item["sample"] for item in by_id.values())


def write_lists_dir(root: Path) -> Path:
    """A lists folder with one good OFAC SDN file set and one broken UN file."""
    sdn = root / "ofac_sdn"
    sdn.mkdir(parents=True)
    rows = [
        '101,"TESTING BANK OF NOWHERE",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        '102,"DOE, John","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."',
    ]
    (sdn / "sdn.csv").write_bytes(("\r\n".join(rows) + "\r\n\x1a").encode("ascii"))
    (root / "un").mkdir()
    (root / "un" / "consolidated.xml").write_text("<CONSOLIDATED_LIST><truncated")
    return root


def test_an_optional_list_that_fails_to_load_is_reported_and_the_rest_serve(
    settings: Settings, tmp_path: Path
) -> None:
    """Only a list named in SCREENING_OPTIONAL_LISTS may fail (test_readiness: the rest)."""
    lists_dir = write_lists_dir(tmp_path / "lists")
    client = authed_client(create_app(settings.with_(lists_dir=lists_dir, optional_lists=("un",))))
    assert client.get("/readyz").status_code == 200
    body = client.get("/v1/lists").get_json()
    assert [(i["id"], i["entity_count"], i["sample"]) for i in body["lists"]] == [
        ("ofac_sdn", 2, False)
    ]
    assert [e["list"] for e in body["errors"]] == ["un"] and body["errors"][0]["error"]
