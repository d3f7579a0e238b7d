"""GET /v1/lists reports each loaded list's version, counts, source and sample flag."""

from __future__ import annotations

from flask.testing import FlaskClient


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
