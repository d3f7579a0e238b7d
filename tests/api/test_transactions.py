"""POST /v1/screen/transaction end to end through HTTP (Flask test client, real matcher
over the bundled sample list): the redflags.md scenarios, near-misses that must stay
clear, response shape, and problem+json errors naming the field."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from clients import authed_client
from factories import ON_TWO_LISTS, catalog_from, on_two_lists
from flask.testing import FlaskClient
from transaction_scenarios import (
    SCENARIOS,
    Scenario,
    address,
    coal_from_kholmsk,
    established_trader,
    party,
    syria_supplier,
)

from service.api import create_app
from service.settings import Settings

URL = "/v1/screen/transaction"


@pytest.fixture(scope="module")
def tx_client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """The API over our bundled sample list (no lists dir, empty data dir), built once."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"))
    return authed_client(create_app(settings))


def post(client: FlaskClient, body: dict) -> dict:
    response = client.post(URL, json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def hits(result: dict) -> set[str]:
    return {h["rule_id"] for h in result["rule_hits"]}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.id}-{s.title}")
def test_scenarios_over_http(tx_client: FlaskClient, scenario: Scenario) -> None:
    result = post(tx_client, scenario.body())
    skipped = {n["rule_id"] for n in result["not_evaluated"]}
    scenario.check(
        result["decision"], hits(result), skipped, result["risk_score"], result["priority"]
    )
    assert all(n["missing_fields"] for n in result["not_evaluated"])


def test_response_shape_and_versions(tx_client: FlaskClient) -> None:
    body = SCENARIOS[0].body()
    body["request_id"] = "inv-2017-0911"
    result = post(tx_client, body)
    uuid.UUID(result["screening_id"])
    assert result["request_id"] == "inv-2017-0911"
    assert (result["decision"], result["risk_score"], result["priority"]) == ("block", 100, "high")
    assert [p["id"] for p in result["parties"]] == ["buyer", "seller", "payer"]
    assert all(p["decision"] in ("clear", "review", "block") for p in result["parties"])
    hit = next(h for h in result["rule_hits"] if h["rule_id"] == "JUR-01")
    assert hit["severity"] == "block" and hit["title"]
    assert {"path": "parties[2].nationality", "value": "KP"}.items() <= hit["evidence"][0].items()
    assert hit["sources"] and "'KP'" in hit["explanation"]
    assert all(n["missing_fields"] for n in result["not_evaluated"])
    versions = result["versions"]
    assert versions["lists"]["ofac_sdn"]["sample"] is True
    assert versions["ruleset"] and versions["reference"]["version"].startswith("ref-")
    assert versions["reference"]["tables"]["jurisdictions"]["as_of"] == "2026-06-19"


def test_vessel_listed_by_name_shows_the_match(tx_client: FlaskClient) -> None:
    result = post(tx_client, SCENARIOS[15].body())
    assert result["decision"] == "block"
    assert result["vessel"]["matches"][0]["name"] == "KUM UN SAN 3"


# --- near-misses that must stay clear ------------------------------------------------------


def near_miss_ok(tx_client: FlaskClient, body: dict) -> dict:
    result = post(tx_client, body)
    assert result["decision"] == "clear", [
        (h["rule_id"], h["explanation"]) for h in result["rule_hits"]
    ]
    return result


def test_seoul_address_with_bare_korea_is_clear(tx_client: FlaskClient) -> None:
    body = SCENARIOS[4].body()
    near_miss_ok(tx_client, body)


def test_korean_shipbuilder_name_is_not_the_dprk(tx_client: FlaskClient) -> None:
    body = SCENARIOS[2].body()
    body["parties"][1] = party(
        "seller",
        "seller",
        "대우조선해양 (Daewoo Shipbuilding)",
        country="South Korea",
        address=address("Geoje", "한국", "Okpo-dong"),
    )
    result = near_miss_ok(tx_client, body)
    assert "JUR-02" not in hits(result)


def test_diesel_generator_is_not_fuel(tx_client: FlaskClient) -> None:
    body = SCENARIOS[2].body()
    body["goods"] = [
        {"description": "diesel generator set 500 kVA", "hs_code": "8502.13", "value": 90_000}
    ]
    body["shipment"]["port_of_loading"] = "Vladivostok"
    result = near_miss_ok(tx_client, body)
    assert not {"GDS-03", "GDS-07"} & hits(result)


def test_rok_port_busan_is_not_nampo(tx_client: FlaskClient) -> None:
    body = SCENARIOS[2].body()
    body["shipment"]["port_of_discharge"] = {"name": "Busan", "country": "Korea"}
    near_miss_ok(tx_client, body)


def test_established_trader_paying_in_usd_is_clear(tx_client: FlaskClient) -> None:
    body = SCENARIOS[2].body()
    body["parties"][0] = established_trader(country="Singapore")
    result = near_miss_ok(tx_client, body)
    assert "PAY-02" not in hits(result)


# --- variants ------------------------------------------------------------------------------


def test_un_only_regime_turns_the_port_call_block_into_review(tx_client: FlaskClient) -> None:
    result = post(tx_client, coal_from_kholmsk(["UN"]))
    assert result["decision"] == "review" and "TYP-02" in hits(result)


def test_syria_before_the_program_change_blocks(tx_client: FlaskClient) -> None:
    assert post(tx_client, syria_supplier("2025-06-01"))["decision"] == "block"


def test_documented_payer_clears_the_third_party_flag(tx_client: FlaskClient) -> None:
    body = SCENARIOS[1].body()
    body["relationships"] = [{"from": "payer", "to": "buyer", "type": "documented_payer"}]
    result = post(tx_client, body)
    assert "PAY-01" not in hits(result) and "TYP-01" not in hits(result)


def test_old_tanker_outside_the_international_group_is_noted(tx_client: FlaskClient) -> None:
    vessel = {"name": "OCEAN DAWN", "build_year": 2004, "pandi_insurer": "Ingosstrakh"}
    body = {
        "parties": [{"id": "b", "role": "buyer", "name": "Alpha Buyer Ltd", "country": "SG"}],
        "shipment": {"vessel": vessel},
    }
    assert "MAR-08" in hits(post(tx_client, body))
    vessel["pandi_insurer"] = "Gard P&I (Bermuda) Ltd"
    assert "MAR-08" not in hits(post(tx_client, body))


def test_beneficiary_changed_two_days_before_settlement_is_review(
    tx_client: FlaskClient,
) -> None:
    body = {
        "parties": [{"id": "b", "role": "buyer", "name": "Alpha Buyer Ltd", "country": "SG"}],
        "payment": {
            "amount": 120000,
            "currency": "EUR",
            "value_date": "2026-12-01",
            "beneficiary_changed_at": "2026-11-29T08:30:00Z",
        },
    }
    result = post(tx_client, body)
    assert "PAY-04" in hits(result) and result["decision"] == "review"


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"parties": []}, "parties"),
        ({}, "parties"),
        ({"parties": [{"id": "a", "role": "buyer"}]}, "parties.0.name"),
        ({"parties": [{"id": "a", "role": "king", "name": "X"}]}, "parties.0.role"),
        (
            {"parties": [{"id": "a", "role": "buyer", "name": "X", "colour": "red"}]},
            "parties.0.colour",
        ),
        (
            {"parties": [{"id": "a", "role": "buyer", "name": "X"}], "goods": [{"hs_code": "abc"}]},
            "goods.0.hs_code",
        ),
        (
            {
                "parties": [{"id": "a", "role": "buyer", "name": "X"}],
                "shipment": {"vessel": {"imo": "12"}},
            },
            "shipment.vessel.imo",
        ),
        (
            {
                "parties": [{"id": "a", "role": "buyer", "name": "X"}],
                "relationships": [{"from": "a", "to": "zz", "type": "parent"}],
            },
            "relationships",
        ),
        (
            {
                "parties": [{"id": "a", "role": "buyer", "name": "X"}],
                "payment": {"ordering_bank_bic": "NOPE"},
            },
            "payment.ordering_bank_bic",
        ),
        (
            {"parties": [{"id": "a", "role": "buyer", "name": "X"}], "regimes": ["MARS"]},
            "regimes.0",
        ),
        (
            {
                "parties": [{"id": "a", "role": "buyer", "name": "X"}],
                "shipment": {"vessel": {"build_year": "2003"}},
            },
            "shipment.vessel.build_year",
        ),
        (
            {
                "parties": [{"id": "a", "role": "buyer", "name": "X"}],
                "shipment": {"vessel": {"class_status": "lapsed"}},
            },
            "shipment.vessel.class_status",
        ),
        (
            {
                "parties": [{"id": "a", "role": "buyer", "name": "X"}],
                "payment": {"beneficiary_changed_at": "last week"},
            },
            "payment.beneficiary_changed_at",
        ),
    ],
)
def test_invalid_requests_are_problems_naming_the_field(
    tx_client: FlaskClient, body: dict, field: str
) -> None:
    response = tx_client.post(URL, json=body)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert any(key == field or key.startswith(field + ".") for key in problem["errors"]), problem[
        "errors"
    ]


def test_non_json_is_415(tx_client: FlaskClient) -> None:
    response = tx_client.post(URL, data="parties=1", content_type="text/plain")
    assert response.status_code == 415
    assert response.mimetype == "application/problem+json"


def test_unknown_list_is_400(tx_client: FlaskClient) -> None:
    body = SCENARIOS[2].body()
    body["lists"] = ["no_such_list"]
    response = tx_client.post(URL, json=body)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


def test_no_list_loaded_is_503_never_clear(settings: Settings, empty_lists_dir) -> None:
    client = authed_client(create_app(settings.with_(lists_dir=empty_lists_dir)))
    response = client.post(URL, json=SCENARIOS[2].body())
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"


def test_counterparty_context_schema_feeds_evaluate_counterparty(settings: Settings) -> None:
    """The pieces the /v1/screen owner wires in: schema fields -> evaluate_counterparty."""
    from service.api.schemas.transaction import CONTEXT_FIELDS, CounterpartyContextSchema
    from service.reference import load_all
    from service.screening import CONTEXT_FIELDS as SERVICE_CONTEXT_FIELDS
    from service.screening import evaluate_counterparty

    loaded = CounterpartyContextSchema().load(
        {
            "industry": "property management",
            "web_presence": "none",
            "incorporation_date": "2026-10-01",
            "goods": [
                {"description": "gasoil", "hs_code": "2710.19", "value": 3e6, "currency": "USD"}
            ],
        }
    )
    assert set(loaded) <= set(CONTEXT_FIELDS)
    assert CONTEXT_FIELDS == SERVICE_CONTEXT_FIELDS  # one list of context names
    ruleset, reference = load_all(settings)
    outcome = evaluate_counterparty(
        loaded, ruleset, reference, name="Harbour Realty Pte Ltd", today=date(2026, 11, 27)
    )
    body = outcome.to_dict()
    assert {"CPY-01", "CPY-02", "CPY-03"} <= {h["rule_id"] for h in body["rule_hits"]}
    assert body["decision"] == "review" and body["ruleset"] == ruleset.version


def test_a_coalition_broker_binds_the_price_cap(tx_client: FlaskClient) -> None:
    """``broker`` is a party role (added for the price cap): a Swiss broker of Urals
    above the EU/UK cap makes the transaction a block."""
    body = next(s for s in SCENARIOS if s.id == "T23").body()
    body["parties"][2] = {
        "id": "br",
        "role": "broker",
        "name": "Lac Leman Brokers SA",
        "country": "CH",
    }
    body["payment"]["currency"] = "AED"
    result = post(tx_client, body)
    assert "CAP-01" in hits(result) and result["decision"] == "block"
    cap = next(h for h in result["rule_hits"] if h["rule_id"] == "CAP-01")
    assert "broker in coalition country CH" in cap["explanation"]


def test_party_matches_carry_target_id_across_two_lists(settings: Settings) -> None:
    client = authed_client(create_app(settings, catalog_from(on_two_lists())))
    body = {"parties": [{"id": "p1", "role": "beneficiary", "name": ON_TWO_LISTS}]}
    (party,) = post(client, body)["parties"]
    by_list = {m["list"]: m for m in party["matches"]}
    assert by_list["un"]["source_id"] == "QDi.901"
    assert by_list["uk_sl"]["source_id"] == "AQD9004"
    assert by_list["un"]["target_id"] == by_list["uk_sl"]["target_id"]
    assert by_list["un"]["target_id"].startswith("T-")
    # Same target id as a single screening of the same name gives.
    single = client.post("/v1/screen", json={"name": ON_TWO_LISTS}).get_json()
    assert {m["target_id"] for m in single["matches"] if m["list"] in by_list} == {
        by_list["un"]["target_id"]
    }
