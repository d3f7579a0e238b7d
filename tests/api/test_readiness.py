"""Fail closed before screening: a required list missing or a list too old is a 503 naming it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from clients import authed_client
from flask.testing import FlaskClient

from service.api import create_app
from service.settings import Settings
from service.sources.registry import registry_for
from service.store import ListStore, Manifest, store_root

UN_CORRUPT = b'<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-01-01'
SDN_ROW = '1001,"HARBOR CEDAR TRADING 1001 LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '


def lists_dir(root: Path) -> Path:
    """One good OFAC SDN folder and one corrupt UN file, as an operator might have."""
    (root / "ofac_sdn").mkdir(parents=True)
    (root / "ofac_sdn" / "sdn.csv").write_bytes((SDN_ROW + "\r\n\x1a").encode("cp1252"))
    (root / "un").mkdir()
    (root / "un" / "consolidated.xml").write_bytes(UN_CORRUPT)
    return root


def test_a_corrupt_required_list_makes_readiness_and_screening_503(
    tmp_path: Path, settings: Settings
) -> None:
    client = authed_client(create_app(settings.with_(lists_dir=lists_dir(tmp_path / "lists"))))
    ready = client.get("/readyz")
    assert ready.status_code == 503 and "un" in ready.get_json(force=True)["detail"]
    for path, body in (
        ("/v1/screen", {"name": "Banco Nacional de Cuba"}),
        ("/v1/screen/transaction", {"parties": [{"id": "a", "role": "payer", "name": "X"}]}),
    ):
        response = client.post(path, json=body)
        assert response.status_code == 503, path
        assert response.mimetype == "application/problem+json"
        assert "required list(s) un cannot be loaded" in response.get_json(force=True)["detail"]


def download_only_sdn(settings: Settings) -> list[str]:
    """Store an OFAC SDN version as ``lists update`` would; returns the other lists the
    (bundled) registry enables, which were never downloaded."""
    store = ListStore(store_root(settings), "ofac_sdn")
    staging = store.staging()
    staging.mkdir(parents=True, exist_ok=True)
    (staging / "sdn.csv").write_bytes((SDN_ROW + "\r\n\x1a").encode("cp1252"))
    manifest = Manifest("ofac_sdn", "v1", "", "2026-01-01T00:00:00Z", 1, 1, "https://x.test/")
    store.activate(store.store(staging, manifest).name)
    return sorted(s.list_id for s in registry_for(settings).enabled if s.list_id != "ofac_sdn")


def test_an_enabled_list_never_downloaded_makes_readiness_and_screening_503(
    settings: Settings,
) -> None:
    missing = download_only_sdn(settings)
    assert missing  # the bundled registry enables more than OFAC SDN
    client = authed_client(create_app(settings))
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert all(lid in ready.get_json(force=True)["detail"] for lid in missing)
    response = client.post("/v1/screen", json={"name": "Harbor Cedar Trading"})
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    detail = response.get_json(force=True)["detail"]
    assert f"required list(s) {', '.join(missing)} cannot be loaded" in detail
    assert f"run `screening lists update {missing[0]}`" in detail


def test_never_downloaded_lists_named_optional_are_reported_and_the_rest_serve(
    settings: Settings,
) -> None:
    missing = download_only_sdn(settings)
    client = authed_client(create_app(settings.with_(optional_lists=tuple(missing))))
    assert client.get("/readyz").status_code == 200
    assert client.post("/v1/screen", json={"name": "Harbor Cedar Trading"}).status_code == 200
    errors = client.get("/v1/lists").get_json()["errors"]
    assert sorted(e["list"] for e in errors) == missing
    assert all("never downloaded" in e["error"] for e in errors)


def test_an_optional_list_may_fail(tmp_path: Path, settings: Settings) -> None:
    root = lists_dir(tmp_path / "lists")
    client = authed_client(create_app(settings.with_(lists_dir=root, optional_lists=("un",))))
    assert client.get("/readyz").status_code == 200
    assert client.post("/v1/screen", json={"name": "Harbor Cedar Trading"}).status_code == 200
    errors = client.get("/v1/lists").get_json()["errors"]
    assert errors[0]["list"] == "un"


def test_a_list_older_than_the_limit_refuses_screening_naming_it(client: FlaskClient) -> None:
    app = client.application
    state = app.extensions["sanctions-screening"]
    catalog = replace(state.catalog, data_dates=MappingProxyType({"test_list": "2026-01-01"}))
    settings = state.settings.with_(list_max_age_hours=24.0)
    app.extensions["sanctions-screening"] = replace(state, catalog=catalog, settings=settings)
    response = client.post("/v1/screen", json={"name": "anyone"})
    assert response.status_code == 503
    detail = response.get_json(force=True)["detail"]
    assert "test_list" in detail and "SCREENING_LIST_MAX_AGE_HOURS=24" in detail
    assert client.get("/readyz").status_code == 503
    lists = client.get("/v1/lists").get_json()["lists"]
    row = next(r for r in lists if r["id"] == "test_list")
    assert row["data_date"] == "2026-01-01" and row["age_hours"] > 24


def test_lists_show_no_server_path(tmp_path: Path, settings: Settings) -> None:
    root = lists_dir(tmp_path / "lists")
    client = authed_client(create_app(settings.with_(lists_dir=root, optional_lists=("un",))))
    (row,) = client.get("/v1/lists").get_json()["lists"]
    assert row["source"] == "lists_dir:ofac_sdn"
    assert str(tmp_path) not in client.get("/v1/lists").get_data(as_text=True)
