"""POST /v1/screen: response shape, decisions, sample flag and failing closed."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from clients import authed_client
from flask.testing import FlaskClient

from service.api import create_app
from service.settings import Settings


def screen(client: FlaskClient, **body: object) -> dict:
    response = client.post("/v1/screen", json=body)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/json"
    return response.get_json()


def test_exact_name_blocks_with_full_match_record(client: FlaskClient) -> None:
    result = screen(client, name="BANCO NACIONAL DE CUBA")
    assert result["decision"] == "block"
    best = result["matches"][0]
    assert (best["list"], best["source_id"], best["score"]) == ("test_list", "1", 1.0)
    assert best["name"] == best["matched_name"] == "BANCO NACIONAL DE CUBA"
    assert best["entity_type"] == "organization"
    assert best["programs"] == ["TEST"] and best["countries"] == ["CU"]
    assert isinstance(best["explanation"], dict) and best["explanation"]
    assert result["reasons"][0]["code"] == "name_match"
    assert "test_list" in result["reasons"][0]["message"]


def test_response_carries_id_time_and_list_versions(client: FlaskClient) -> None:
    result = screen(client, name="Nobody In Particular")
    uuid.UUID(result["screening_id"])
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", result["screened_at"])
    assert result["lists"] == {
        "test_list": {"version": "2026-01-01", "sample": False},
        "other_list": {"version": "2026-01-01", "sample": False},
    }


def test_no_match_is_clear_and_says_so(client: FlaskClient) -> None:
    result = screen(client, name="Zyxwv Qqqq Holdings")
    assert result["decision"] == "clear"
    assert result["matches"] == []
    assert [r["code"] for r in result["reasons"]] == ["no_match"]


def test_alias_match_reports_the_alias_and_primary_name(client: FlaskClient) -> None:
    best = screen(client, name="National Bank of Cuba")["matches"][0]
    assert best["name"] == "BANCO NACIONAL DE CUBA"
    assert best["matched_name"] == "NATIONAL BANK OF CUBA"


def test_matches_are_sorted_by_score(client: FlaskClient) -> None:
    scores = [m["score"] for m in screen(client, name="BANCO NACIONAL", threshold=0.0)["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_lists_restricts_the_search(client: FlaskClient) -> None:
    result = screen(client, name="BANCO NACIONAL DE CUBA", lists=["other_list"])
    assert all(m["list"] == "other_list" for m in result["matches"])
    assert set(result["lists"]) == {"other_list"}
    assert result["decision"] != "block"


@pytest.mark.parametrize("country", ["KP", "North Korea", "Iran", "CU", "Crimea", "Sevastopol"])
def test_comprehensively_sanctioned_country_blocks_without_a_name_match(
    client: FlaskClient, country: str
) -> None:
    result = screen(client, name="Zyxwv Qqqq Holdings", country=country)
    assert result["decision"] == "block"
    reason = next(r for r in result["reasons"] if r["code"] == "jurisdiction")
    assert reason["decision"] == "block" and reason["program"] and country in reason["message"]


def test_bare_korea_is_accepted_and_reviewed(client: FlaskClient) -> None:
    result = screen(client, name="Zyxwv Qqqq Holdings", country="Korea")
    assert result["decision"] == "review"
    assert any(r["code"] == "ambiguous_country" for r in result["reasons"])


@pytest.mark.parametrize("country", ["SG", "Singapore", "South Korea", "", None])
def test_ordinary_country_stays_clear(client: FlaskClient, country: str | None) -> None:
    assert screen(client, name="Zyxwv Qqqq Holdings", country=country)["decision"] == "clear"


def test_optional_fields_are_accepted(client: FlaskClient) -> None:
    result = screen(
        client,
        name="IVANOV, Sergei Petrovich",
        entity_type="person",
        country="RU",
        date_of_birth="1970-05",
        identifiers=[{"type": "passport", "value": "1234567", "country": "RU"}],
        threshold=0.5,
    )
    assert result["matches"][0]["source_id"] == "3"


def test_sample_lists_are_flagged(settings: Settings, catalog_of) -> None:
    client = authed_client(create_app(settings, catalog_of(sample=True)))
    result = screen(client, name="BANCO NACIONAL DE CUBA")
    assert all(v["sample"] is True for v in result["lists"].values())


def test_no_list_loaded_answers_503_never_clear(unready_client: FlaskClient) -> None:
    response = unready_client.post("/v1/screen", json={"name": "Anyone"})
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    doc = response.get_json(force=True)
    assert "decision" not in doc
    assert doc["type"].endswith("screening-unavailable")


def test_bundled_sample_is_used_when_nothing_is_configured(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    client = authed_client(create_app(settings))
    lists = client.get("/v1/lists").get_json()["lists"]
    assert lists and all(item["sample"] is True for item in lists)
    result = screen(client, name="Zyxwv Qqqq Holdings")
    assert all(v["sample"] is True for v in result["lists"].values())


def test_real_lists_find_banco_nacional_de_cuba(real_client: FlaskClient) -> None:
    result = screen(real_client, name="BANCO NACIONAL DE CUBA")
    best = result["matches"][0]
    assert (best["list"], best["source_id"], best["score"]) == ("ofac_sdn", "306", 1.0)
    assert result["decision"] != "clear"
    assert result["lists"]["ofac_sdn"]["sample"] is False


def test_real_lists_find_a_misspelt_long_name(real_client: FlaskClient) -> None:
    result = screen(real_client, name="BANCO NACIONL DE CUBBA")
    assert result["matches"][0]["source_id"] == "306"
    assert result["decision"] != "clear"


FRONT_COMPANY = {
    "name": "Harbour Realty Pte Ltd",
    "country": "SG",
    "industry": "property management",
    "web_presence": "none",
    "incorporation_date": "2026-10-01",
    "goods": [{"description": "gasoil", "hs_code": "2710.19", "value": 3e6, "currency": "USD"}],
}


def test_counterparty_context_runs_the_red_flag_rules(client: FlaskClient) -> None:
    result = screen(client, **FRONT_COMPANY)
    assert result["decision"] == "review"
    flags = result["red_flags"]
    assert {"CPY-01", "CPY-02", "CPY-03"} <= {h["rule_id"] for h in flags["rule_hits"]}
    assert flags["ruleset"] and flags["risk_score"] >= 40
    reason = next(r for r in result["reasons"] if r["code"] == "red_flags")
    assert reason["decision"] == "review" and "CPY-03" in reason["message"]


def test_without_context_no_rules_run(client: FlaskClient) -> None:
    result = screen(client, name="Harbour Realty Pte Ltd", country="SG")
    assert result["red_flags"] is None
    assert result["decision"] == "clear"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"web_presence": "maybe"}, "web_presence"),
        ({"address": {"cty": "Busan"}}, "address.cty"),
        ({"incorporation_date": "yesterday"}, "incorporation_date"),
        ({"goods": [{"hs_code": "27x"}]}, "goods.0.hs_code"),
    ],
)
def test_bad_context_field_is_named(client: FlaskClient, body: dict, field: str) -> None:
    response = client.post("/v1/screen", json={"name": "A", **body})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json(force=True)["errors"]


@pytest.mark.parametrize(
    "name",
    [
        "Banco\U000e0041 Nacional de Cuba",  # a tag character inside a word
        "Banco\U000e0020 Nacional\U000e007f de Cuba",
        "\u202eabuC ed lanoicaN ocnaB",  # displayed as the listed name
        "Banco Nac\u2064ional de Cu\u00adba",
    ],
)
def test_hidden_characters_do_not_hide_a_listed_name_and_are_flagged(
    real_client: FlaskClient, name: str
) -> None:
    result = screen(real_client, name=name)
    assert result["decision"] == "block", result["reasons"]
    codes = [r["code"] for r in result["reasons"]]
    assert "name_match" in codes and "hidden_characters" in codes


def test_a_plain_name_carries_no_hidden_character_flag(client: FlaskClient) -> None:
    result = screen(client, name="Nobody In Particular")
    assert "hidden_characters" not in [r["code"] for r in result["reasons"]]


def test_a_party_on_three_real_lists_is_one_target_with_three_listings(real_client) -> None:
    """Ayman al-Zawahiri: UN QDi.006, UK (OFSI) 7016, OFAC SDN 2676."""
    result = screen(real_client, name="Aiman Muhammed Rabi al-Zawahiri", entity_type="person")
    best = result["matches"][0]
    target = next(t for t in result["targets"] if t["target_id"] == best["target_id"])
    assert result["targets"][0] == target
    listings = {(x["list"], x["source_id"]) for x in target["listings"]}
    assert {("un", "QDi.006"), ("uk_ofsi", "7016"), ("ofac_sdn", "2676")} <= listings
    linked = [m for m in result["matches"] if m["target_id"] == best["target_id"]]
    assert {m["list"] for m in linked} >= {"un", "uk_ofsi", "ofac_sdn"}
    assert all("sanctions" in m and "listed_on" in m for m in result["matches"])
