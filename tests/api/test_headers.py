"""Every response: a request id (in the logs too), nosniff, no-store under /v1, no framed /docs."""

from __future__ import annotations

import io
import json
import logging

import pytest
from flask.testing import FlaskClient

from service.logs import JsonFormatter, RequestIdFilter


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/healthz", None),
        ("get", "/v1/lists", None),
        ("post", "/v1/screen", {"name": "Acme"}),
        ("post", "/v1/screen", {"name": ""}),  # a problem document too
        ("get", "/nowhere", None),
    ],
)
def test_every_response_has_a_request_id_and_nosniff(client: FlaskClient, method, path, body):
    response = getattr(client, method)(path, json=body)
    assert len(response.headers["X-Request-ID"]) == 32
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if path.startswith("/v1/"):
        assert response.headers["Cache-Control"] == "no-store"


def test_a_sane_request_id_is_kept_and_an_insane_one_replaced(client: FlaskClient) -> None:
    sent = "req-2026.12.03:abc"
    assert client.get("/healthz", headers={"X-Request-ID": sent}).headers["X-Request-ID"] == sent
    for bad in ("x" * 200, "a b", "<script>", "é"):
        got = client.get("/healthz", headers={"X-Request-ID": bad}).headers["X-Request-ID"]
        assert got != bad and len(got) == 32


def test_docs_cannot_be_framed(client: FlaskClient) -> None:
    response = client.get("/docs")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_log_lines_about_a_request_carry_its_id(unready_client: FlaskClient) -> None:
    """The 503 of a service without lists logs a warning: it carries the id."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        unready_client.post("/v1/screen", json={"name": "x"}, headers={"X-Request-ID": "r-1"})
        logging.getLogger("service.test").warning("outside any request")
    finally:
        root.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines and lines[-1].get("request_id") is None
    assert any(line.get("request_id") == "r-1" for line in lines[:-1]), lines
