"""``@recorded``: what goes on record for an answer, and what does not."""

from __future__ import annotations

from clients import authed_client
from flask import Flask


def test_a_transaction_records_every_party_and_the_vessel(app: Flask) -> None:
    client = authed_client(app)
    body = {
        "request_id": "T-1",
        "parties": [
            {"id": "a", "role": "ordering_customer", "name": "Acme Trading"},
            {"id": "b", "role": "beneficiary", "name": "Northwind Shipping"},
        ],
        "shipment": {"vessel": {"name": "Ocean Star"}},
    }
    answer = client.post("/v1/screen/transaction", json=body)
    assert answer.status_code == 200, answer.get_json()
    record = client.get(f"/v1/screenings/{answer.get_json()['screening_id']}").get_json()
    assert record["subjects"] == ["ACME TRADING", "NORTHWIND SHIPPING", "OCEAN STAR"]
    assert record["customer_id"] == "T-1" and record["kind"] == "transaction"


def test_refusals_are_not_screenings(app: Flask) -> None:
    client = authed_client(app)
    assert client.post("/v1/screen", json={"name": ""}).status_code == 400
    assert client.get("/v1/screenings").get_json()["items"] == []


def test_a_bad_idempotency_key_is_a_400_naming_the_header(app: Flask) -> None:
    client = authed_client(app)
    response = client.post(
        "/v1/screen", json={"name": "Acme"}, headers={"Idempotency-Key": "x" * 201}
    )
    assert response.status_code == 400
    assert "Idempotency-Key" in response.get_json()["errors"]
