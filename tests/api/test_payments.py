"""``POST /v1/screen/payment`` over HTTP: the three body forms, answers and problems."""

from __future__ import annotations

import json

import pytest
from clients import authed_client
from factories import catalog_from, entity
from flask.testing import FlaskClient
from payment_messages import (
    SEED_CONTEXT,
    Plant,
    mt103,
    mt202cov,
    pacs008,
    seed_pacs008,
)

from service.api import create_app
from service.core.model import Identifier
from service.settings import Settings

URL = "/v1/screen/payment"
LISTED = "KOREA KWANGSON BANKING CORP"


@pytest.fixture(scope="module")
def payment_client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    bank = entity("11581", LISTED, countries=["KP"])
    bank = type(bank)(
        **{**{k: getattr(bank, k) for k in ("list", "source_id", "entity_type", "name")},
           "countries": ("KP",), "identifiers": (Identifier("bic", "KKBCKPPY"),)}
    )  # fmt: skip
    data = tmp_path_factory.mktemp("payments-api")
    settings = Settings(data_dir=data / "data", batch_dir=data / "batches")
    return authed_client(create_app(settings, catalog_from([bank])), role="screener")


def test_xml_body(payment_client: FlaskClient) -> None:
    response = payment_client.post(URL, data=pacs008(), content_type="application/xml")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["decision"], body["action"]) == ("clear", "release")
    assert body["message"]["type"] == "pacs.008" and body["message"]["version"] == "001.08"
    assert body["transactions"][0]["end_to_end_id"] == "E2E-NMB-0001"


def test_fin_body_with_a_listed_bic(payment_client: FlaskClient) -> None:
    response = payment_client.post(
        URL, data=mt103(replace={"57A": "KKBCKPPY"}), content_type="text/plain"
    )
    body = response.get_json()
    assert response.status_code == 200 and body["action"] == "hold"
    hit = next(h for h in body["hits"] if h["kind"] == "bic")
    assert (hit["field"], hit["value"], hit["decision"]) == (":57A:", "KKBCKPPY", "block")
    assert hit["match"]["source_id"] == "11581"


def test_json_body_with_context(payment_client: FlaskClient) -> None:
    body = {"format": "iso20022", "message": seed_pacs008(), "context": SEED_CONTEXT,
            "as_of": "2026-11-20"}  # fmt: skip
    response = payment_client.post(URL, json=body)
    result = response.get_json()
    assert response.status_code == 200 and result["decision"] == "block"
    rules = {h["rule"]["rule_id"] for h in result["hits"] if h["kind"] == "rule"}
    assert {"JUR-01", "PAY-01", "TYP-01"} <= rules
    cov = payment_client.post(URL, json={"format": "mt", "message": mt202cov(
        seq_b={"59F": f"/1\n1/{LISTED}\n3/KP/PYONGYANG"})}).get_json()  # fmt: skip
    assert any(h["field"] == "B/:59F:" and h["kind"] == "name" for h in cov["hits"])


def test_free_text_hit_has_offsets(payment_client: FlaskClient) -> None:
    text = f"INV 9 PAYMENT TO {LISTED} REF 4"
    message = pacs008(Plant({"CdtTrfTxInf/RmtInf/Ustrd[1]": text}))
    body = payment_client.post(URL, data=message, content_type="application/xml").get_json()
    hit = next(h for h in body["hits"] if h["field"] == "CdtTrfTxInf/RmtInf/Ustrd[1]")
    start, end = hit["offsets"]
    assert text[start:end] == LISTED == hit["value"]


@pytest.mark.parametrize(
    ("data", "content_type", "field", "words"),
    [
        ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><Document/>', "application/xml",
         "message: line 1", "DTD"),
        (pacs008().replace("pacs.008.001.08", "pacs.008.001.02"), "application/xml",
         "message: Document at line 2", "oldest supported version"),
        ("{1:F01COBADEFFAXXX0000000000}{2:I103CHASUS33XXXXN}", "text/plain",
         "message: block 4", "no block 4"),
        (mt103().replace("{2:I103", "{2:I940"), "text/plain", "message: block 2", "MT940"),
        ("<Document>", "application/xml", "message: line 1", "Not well-formed"),
    ],
)  # fmt: skip
def test_malformed_messages_are_problems(
    payment_client: FlaskClient, data: str, content_type: str, field: str, words: str
) -> None:
    response = payment_client.post(URL, data=data, content_type=content_type)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert words in problem["detail"]
    assert list(problem["errors"]) == [field]


def test_bad_json_and_media_types(payment_client: FlaskClient) -> None:
    response = payment_client.post(URL, json={"format": "pdf", "message": "x"})
    assert response.status_code == 400 and "format" in response.get_json()["errors"]
    response = payment_client.post(URL, json={"format": "mt"})
    assert "message" in response.get_json()["errors"]
    response = payment_client.post(URL, data="x", content_type="application/octet-stream")
    assert response.status_code == 415
    assert response.mimetype == "application/problem+json"
    response = payment_client.post(URL, data=b"{not json", content_type="application/json")
    assert response.status_code == 400


def test_too_large(payment_client: FlaskClient) -> None:
    big = pacs008(Plant({"CdtTrfTxInf/RmtInf/Ustrd[1]": "X" * 2_000_000}))
    response = payment_client.post(URL, data=big, content_type="application/xml")
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_no_lists_is_503_never_clear(unready_client: FlaskClient) -> None:
    response = unready_client.post(URL, data=pacs008(), content_type="application/xml")
    assert response.status_code == 503
    assert json.loads(response.data)["type"] == "/problems/screening-unavailable"


def test_a_payment_screening_is_on_record_and_replayed_by_idempotency_key(
    payment_client: FlaskClient,
) -> None:
    headers = {"Idempotency-Key": "pay-retry-1"}
    first = payment_client.post(
        URL, data=pacs008(), content_type="application/xml", headers=headers
    )
    again = payment_client.post(
        URL, data=pacs008(), content_type="application/xml", headers=headers
    )
    assert first.status_code == again.status_code == 200
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.get_json()["screening_id"] == first.get_json()["screening_id"]
    analyst = authed_client(payment_client.application, role="analyst")
    record = analyst.get(f"/v1/screenings/{first.get_json()['screening_id']}")
    assert record.status_code == 200
    assert record.get_json()["kind"] == "payment"
    other = pacs008().replace(b"<", b"\n<", 1) if isinstance(pacs008(), bytes) else "\n" + pacs008()
    clash = payment_client.post(URL, data=other, content_type="application/xml", headers=headers)
    assert clash.status_code == 409
