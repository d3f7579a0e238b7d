"""Redis gone: batches answer 503 with Retry-After, single screening carries on."""

from __future__ import annotations

import io
import socket

from clients import authed_client
from flask.testing import FlaskClient

from service.api import create_app
from service.settings import Settings


def nowhere() -> str:
    """A Redis URL on a port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def client_without_redis(settings: Settings, catalog) -> FlaskClient:
    return authed_client(create_app(settings.with_(redis_url=nowhere()), catalog))


def test_batches_answer_503_with_retry_after_when_redis_is_down(
    settings: Settings, catalog_of
) -> None:
    client = client_without_redis(settings, catalog_of())
    upload = {"file": (io.BytesIO(b"name\nAcme\n"), "names.csv")}
    for response in (
        client.post("/v1/batches", data=upload, content_type="multipart/form-data"),
        client.get("/v1/batches/0123456789abcdef"),
    ):
        assert response.status_code == 503, response.get_data(as_text=True)
        assert response.mimetype == "application/problem+json"
        assert response.headers["Retry-After"] == "30"
        assert "Redis" in response.get_json(force=True)["detail"]


def test_readyz_reports_the_batch_backend_degraded_and_screening_goes_on(
    settings: Settings, catalog_of
) -> None:
    client = client_without_redis(settings, catalog_of())
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["batches"].startswith("degraded: Redis unreachable")
    assert client.post("/v1/screen", json={"name": "Acme"}).status_code == 200


def test_readyz_reports_batches_ok_in_embedded_mode(client: FlaskClient) -> None:
    assert client.get("/readyz").get_json()["batches"] == "ok"
