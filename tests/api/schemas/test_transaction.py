"""``POST /v1/screen/transaction`` schemas: the request loads into the plain dict shape
the rules read (dates as ISO text, ``from``/``to`` kept), each bad field is refused under
its own path, and the answer states scores to four decimals."""

from __future__ import annotations

import marshmallow as ma
import pytest
from factories import entity

from service.api.schemas.transaction import (
    GoodsSchema,
    MatchOutSchema,
    PortSchema,
    ShipmentSchema,
    TransactionRequestSchema,
)
from service.core.query import Match

BUYER = {"id": "buyer", "role": "buyer", "name": "Harbour Realty Pte Ltd"}
SELLER = {"id": "seller", "role": "seller", "name": "Nampo Trading Co"}


def errors(schema: ma.Schema, data: dict) -> dict:
    with pytest.raises(ma.ValidationError) as info:
        schema.load(data)
    return info.value.messages


def test_a_minimal_transaction_loads_as_given() -> None:
    assert TransactionRequestSchema().load({"parties": [BUYER]}) == {"parties": [BUYER]}


def test_relationships_keep_from_and_to() -> None:
    body = {
        "parties": [BUYER, SELLER],
        "relationships": [{"from": "buyer", "to": "seller", "type": "agent"}],
    }
    loaded = TransactionRequestSchema().load(body)
    assert loaded["relationships"] == [{"from": "buyer", "to": "seller", "type": "agent"}]


def test_a_relationship_to_an_unknown_party_is_named_by_index_and_end() -> None:
    body = {
        "parties": [BUYER],
        "relationships": [{"from": "buyer", "to": "ghost", "type": "agent"}],
    }
    assert errors(TransactionRequestSchema(), body) == {
        "relationships": {"0": {"to": ["Unknown party id 'ghost'."]}}
    }


def test_party_ids_must_be_unique() -> None:
    assert errors(TransactionRequestSchema(), {"parties": [BUYER, BUYER]}) == {
        "parties": ["Party ids must be unique: ['buyer']."]
    }


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({}, ("parties",)),
        ({"parties": []}, ("parties",)),
        ({"parties": [{**BUYER, "role": "friend"}]}, ("parties", 0, "role")),
        ({"parties": [{**BUYER, "ownership_layers": "3"}]}, ("parties", 0, "ownership_layers")),
        ({"parties": [{**BUYER, "bank": {"bic": "NOTABIC"}}]}, ("parties", 0, "bank", "bic")),
        ({"parties": [BUYER], "regimes": ["OFAC"]}, ("regimes", 0)),
        ({"parties": [BUYER], "goods": [{"hs_code": "27a"}]}, ("goods", 0, "hs_code")),
        ({"parties": [BUYER], "goods": [{"value": -1, "description": "x"}]},
         ("goods", 0, "value")),
        ({"parties": [BUYER], "payment": {"currency": "US$"}}, ("payment", "currency")),
        ({"parties": [BUYER], "shipment": {"vessel": {"imo": "123"}}},
         ("shipment", "vessel", "imo")),
        ({"parties": [BUYER], "shipment": {"port_of_loading": 7}},
         ("shipment", "port_of_loading")),
    ],
)  # fmt: skip
def test_a_bad_field_is_refused_under_its_path(body: dict, path: tuple) -> None:
    messages = errors(TransactionRequestSchema(), body)
    for key in path:
        assert list(messages) == [key], messages
        messages = messages[key]


def test_goods_need_a_description_or_an_hs_code() -> None:
    assert errors(GoodsSchema(), {"quantity": 3}) == {
        "description": ["Give a description or an HS code."]
    }
    assert GoodsSchema().load({"hs_code": "2710.19"}) == {"hs_code": "2710.19"}


def test_a_port_is_a_name_a_locode_or_an_object_with_one_of_them() -> None:
    loaded = ShipmentSchema().load(
        {"port_of_loading": " Nampo ", "port_of_discharge": {"unlocode": "KPNAM"}}
    )
    assert loaded == {"port_of_loading": "Nampo", "port_of_discharge": {"unlocode": "KPNAM"}}
    assert errors(PortSchema(), {"name": ""}) == {
        "_schema": ["Give at least one of name, unlocode, country."]
    }
    assert "port_of_loading" in errors(ShipmentSchema(), {"port_of_loading": "  "})


def test_vessel_history_and_times_load_as_iso_text() -> None:
    loaded = ShipmentSchema().load(
        {
            "vessel": {
                "flag_history": [{"flag": "PA", "from": "2024-01-05"}],
                "port_calls": [{"port": "KPNAM"}, {"port": "Busan", "date": "2025-03-01"}],
                "ais_gaps": [{"start": "2025-03-01T00:00:00Z", "hours": 30}],
            },
            "destination_history": [
                {"port": {"name": "Vladivostok"}, "changed_at": "2025-03-02T10:00:00+00:00"}
            ],
        }
    )
    vessel = loaded["vessel"]
    assert vessel["flag_history"] == [{"flag": "PA", "from": "2024-01-05"}]
    assert vessel["port_calls"] == [
        {"port": "KPNAM", "date": None},
        {"port": "Busan", "date": "2025-03-01"},
    ]
    assert vessel["ais_gaps"] == [{"start": "2025-03-01T00:00:00+00:00", "hours": 30.0}]
    assert loaded["destination_history"] == [
        {"port": "Vladivostok", "changed_at": "2025-03-02T10:00:00+00:00"}
    ]


def test_a_match_states_its_score_to_four_decimals() -> None:
    listed = entity("KPi.001", "NAMPO TRADING", list_id="un", countries=["KP"], programs=["DPRK"])
    match = Match(listed, matched_name="NAMPO TRADING CO", score=0.912345678)
    assert MatchOutSchema().dump(match) == {
        "list": "un",
        "source_id": "KPi.001",
        "name": "NAMPO TRADING",
        "matched_name": "NAMPO TRADING CO",
        "entity_type": "organization",
        "score": 0.9123,
        "programs": ["DPRK"],
        "countries": ["KP"],
    }
