"""A batch upload posted by another site's page is refused; our own pages and API clients pass."""

from __future__ import annotations

import io

import pytest
from flask.testing import FlaskClient


def upload(client: FlaskClient, **headers: str):
    data = {"file": (io.BytesIO(b"name\nAcme Trading\n"), "names.csv")}
    return client.post(
        "/v1/batches", data=data, content_type="multipart/form-data", headers=headers
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_a_cross_site_form_post_does_not_start_a_batch(client: FlaskClient, headers) -> None:
    response = upload(client, **headers)
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize(
    "headers", [{}, {"Origin": "http://localhost"}, {"Sec-Fetch-Site": "same-origin"}]
)
def test_same_site_and_api_clients_may_upload(client: FlaskClient, headers) -> None:
    assert upload(client, **headers).status_code == 202
