"""GET /v1/rules: the active rules and the reference-data versions."""

from __future__ import annotations

from clients import authed_client
from flask.testing import FlaskClient

from service.api import create_app
from service.settings import Settings


def test_rules_lists_every_rule_with_levels_and_sources(settings: Settings) -> None:
    client: FlaskClient = authed_client(create_app(settings))
    response = client.get("/v1/rules")
    assert response.status_code == 200
    body = response.get_json()
    ids = {r["rule_id"] for r in body["rules"]}
    assert {"LST-01", "JUR-01", "JUR-03", "GDS-03", "CPY-03", "PAY-01", "MAR-05", "TYP-01"} <= ids
    typ = next(r for r in body["rules"] if r["rule_id"] == "TYP-01")
    assert typ["floor"] == 85 and typ["stage"] == 2
    assert "hits" in typ["levels"][0]["condition"]
    jur05 = next(r for r in body["rules"] if r["rule_id"] == "JUR-05")
    assert [lv["severity"] for lv in jur05["levels"]] == ["block", "review"]
    assert all(r["sources"] for r in body["rules"])
    assert body["ruleset"] and body["config"]["review_score"] == 40
    tables = body["reference"]["tables"]
    assert {"jurisdictions", "goods", "places", "flags", "countries"} <= set(tables)
    assert all(t["version"] and t["as_of"] for t in tables.values())


def test_rules_are_in_the_openapi_document(settings: Settings) -> None:
    client = authed_client(create_app(settings))
    paths = client.get("/openapi.json").get_json()["paths"]
    assert "/v1/rules" in paths and "/v1/screen/transaction" in paths


def test_each_rule_names_its_weight_and_the_dated_tables_it_reads(settings: Settings) -> None:
    body = authed_client(create_app(settings)).get("/v1/rules").get_json()
    rules = {r["rule_id"]: r for r in body["rules"]}
    for rule_id in ("EXP-01", "EXP-02", "CAP-01", "LUX-01", "LUX-02", "OIL-01"):
        assert rules[rule_id]["tables"] and rules[rule_id]["inputs"], rule_id
    exp02 = rules["EXP-02"]
    assert exp02["severity"] == "review" and exp02["weight"] == 45
    chpl = next(t for t in exp02["tables"] if t["name"] == "chpl")
    assert chpl == {"name": "chpl", **body["reference"]["tables"]["chpl"]}
    assert {t["name"] for t in rules["GDS-05"]["tables"]} == {"goods", "control_areas"}
    upkeep = {t["table"]: t for t in body["upkeep"]}
    assert set(upkeep) == set(body["reference"]["tables"])
    assert upkeep["price_cap"]["watch"] and upkeep["price_cap"]["review_days"] == 180
