"""/metrics: requests and latency per route and status, decisions, matches, list gauges."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from service.api import create_app


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in the exposition text (0 when absent)."""
    for line in text.splitlines():
        if not line.startswith(name + "{"):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_requests_decisions_and_matches_are_counted(client: FlaskClient) -> None:
    before = client.get("/metrics").get_data(as_text=True)
    client.post("/v1/screen", json={"name": "Banco Nacional de Cuba"})
    client.post("/v1/screen", json={"name": ""})
    client.get("/v1/batches/unknown")
    after = client.get("/metrics")
    assert after.status_code == 200 and after.mimetype == "text/plain"
    text = after.get_data(as_text=True)

    def grew(name: str, **labels: str) -> float:
        return sample(text, name, **labels) - sample(before, name, **labels)

    ok = {"endpoint": "/v1/screen", "method": "POST", "status": "200"}
    assert grew("screening_http_requests_total", **ok) == 1
    assert grew("screening_http_requests_total", **{**ok, "status": "400"}) == 1
    route = {"endpoint": "/v1/batches/<batch_id>", "status": "404"}
    assert grew("screening_http_requests_total", **route) == 1
    assert grew("screening_http_request_duration_seconds_count", **ok) == 1
    assert grew("screening_decisions_total", source="screen", decision="block") == 1
    assert grew("screening_matches_total", list="test_list") >= 1
    assert sample(text, "screening_list_info", list="test_list", version="2026-01-01") == 1


def test_metrics_can_be_behind_a_key(settings, catalog_of) -> None:
    client = create_app(settings.with_(metrics_key="s3cret"), catalog_of()).test_client()
    refused = client.get("/metrics")
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer s3cret"}).status_code == 200
