"""Every way a request can be wrong answers an RFC 9457 problem document naming the field."""

from __future__ import annotations

import json

import pytest
from clients import authed_client
from flask.testing import FlaskClient

from service.api import create_app
from service.settings import Settings

PROBLEM = "application/problem+json"


def post(client: FlaskClient, body: object, **kwargs: object):
    return client.post(
        "/v1/screen", data=json.dumps(body), content_type="application/json", **kwargs
    )


def assert_problem(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    doc = response.get_json(force=True)
    assert doc["status"] == status
    assert doc["title"] and doc["detail"] and doc["type"]
    assert doc["instance"].startswith("urn:uuid:")
    if field is not None:
        assert field in doc["errors"], doc
        assert all(isinstance(m, str) and m for m in doc["errors"][field])
    return doc


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "\u200b\u2060"}, "name"),
        ({"name": "-- / .."}, "name"),
        ({"name": None}, "name"),
        ({"name": 42}, "name"),
        ({"name": ["BANCO"]}, "name"),
        ({"name": "x" * 513}, "name"),
        ({"name": "BANCO\x00NACIONAL"}, "name"),
        ({"name": "BANCO\nNACIONAL"}, "name"),
        ({"name": "BANCO\x85"}, "name"),
        ({"name": "BANCO\ud800"}, "name"),
        ({"name": "A", "surname": "B"}, "surname"),
        ({"name": "A", "entity_type": "company"}, "entity_type"),
        ({"name": "A", "country": "Narnia"}, "country"),
        ({"name": "A", "country": 12}, "country"),
        ({"name": "A", "country": "S\x07G"}, "country"),
        ({"name": "A", "date_of_birth": "17/05/1970"}, "date_of_birth"),
        ({"name": "A", "date_of_birth": "1970-02-30"}, "date_of_birth"),
        ({"name": "A", "identifiers": "9123456"}, "identifiers"),
        ({"name": "A", "identifiers": [{"type": "imo"}]}, "identifiers.0.value"),
        ({"name": "A", "identifiers": [{"type": "imo", "value": "1", "x": 1}]}, "identifiers.0.x"),
        ({"name": "A", "lists": "test_list"}, "lists"),
        ({"name": "A", "lists": []}, "lists"),
        ({"name": "A", "lists": ["no_such_list"]}, "lists"),
        ({"name": "A", "threshold": 1.5}, "threshold"),
        ({"name": "A", "threshold": -0.1}, "threshold"),
        ({"name": "A", "threshold": "0.5"}, "threshold"),
        ({"name": "A", "threshold": True}, "threshold"),
    ],
)
def test_invalid_field_is_named(client: FlaskClient, body: dict, field: str) -> None:
    doc = assert_problem(post(client, body), 400, field)
    assert field in doc["detail"]


@pytest.mark.parametrize("raw", ["{bad json", '{"name": "A",}', "", "NaN", '{"name": "\x01"}'])
def test_malformed_json_is_400(client: FlaskClient, raw: str) -> None:
    response = client.post("/v1/screen", data=raw, content_type="application/json")
    assert_problem(response, 400)


def test_non_utf8_body_is_400(client: FlaskClient) -> None:
    response = client.post(
        "/v1/screen", data=b'{"name": "\xff\xfe"}', content_type="application/json"
    )
    assert_problem(response, 400, "body")


@pytest.mark.parametrize("raw", ["[]", '"BANCO"', "42", "null"])
def test_body_that_is_not_an_object_is_400(client: FlaskClient, raw: str) -> None:
    response = client.post("/v1/screen", data=raw, content_type="application/json")
    assert_problem(response, 400)


def test_deeply_nested_json_is_400_not_500(client: FlaskClient) -> None:
    raw = "[" * 50_000 + "]" * 50_000
    response = client.post("/v1/screen", data=raw, content_type="application/json")
    assert_problem(response, 400, "body")


@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_wrong_content_type_is_415(client: FlaskClient, content_type: str | None) -> None:
    kwargs = {"content_type": content_type} if content_type else {}
    response = client.post("/v1/screen", data='{"name": "A"}', **kwargs)
    doc = assert_problem(response, 415)
    assert "application/json" in doc["detail"]


def test_body_over_the_configured_limit_is_413(settings: Settings, catalog_of) -> None:
    client = authed_client(create_app(settings.with_(max_body_bytes=100), catalog_of()))
    assert post(client, {"name": "A" * 50}).status_code == 200
    doc = assert_problem(post(client, {"name": "A" * 200}), 413)
    assert "100 bytes" in doc["detail"]


def test_unknown_path_is_404_problem(client: FlaskClient) -> None:
    assert_problem(client.get("/v1/nothing-here"), 404)


def test_wrong_method_is_405_problem_with_allow(client: FlaskClient) -> None:
    response = client.get("/v1/screen")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_unhandled_error_is_500_problem_without_internals(settings: Settings, catalog_of) -> None:
    app = create_app(settings, catalog_of())

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    doc = assert_problem(authed_client(app).get("/boom"), 500)
    assert "secret" not in json.dumps(doc)


def test_validation_errors_list_every_bad_field_at_once(client: FlaskClient) -> None:
    doc = assert_problem(post(client, {"entity_type": "ship", "threshold": 2}), 400)
    assert set(doc["errors"]) == {"name", "entity_type", "threshold"}
