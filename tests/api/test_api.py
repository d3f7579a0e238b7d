"""The app factory: every blueprint registered, settings applied, state built once and
replaced whole on a catalog swap, and the reloader started only when asked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from clients import authed_client
from factories import entity

from service.api import BLUEPRINTS, create_app, get_state, start_reloader, swap_catalog
from service.reloader import CatalogReloader
from service.settings import Settings
from service.store.catalog import Catalog


def test_every_blueprint_is_registered_in_order(settings: Settings, catalog_of) -> None:
    app = create_app(settings, catalog_of())
    own = [name for name in app.blueprints if name != "api-docs"]  # flask-smorest's /docs
    assert own == [blp.name for blp in BLUEPRINTS]


def test_settings_reach_the_flask_config(settings: Settings, catalog_of) -> None:
    app = create_app(settings.with_(max_body_bytes=4096), catalog_of())
    assert app.config["MAX_CONTENT_LENGTH"] == 4096
    assert app.config["OPENAPI_VERSION"] == "3.1.0"
    assert app.json.sort_keys is False  # answers keep the documented field order


def test_without_settings_the_environment_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, catalog_of
) -> None:
    monkeypatch.setenv("SCREENING_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SCREENING_MAX_BODY_BYTES", "2048")
    app = create_app(catalog=catalog_of())
    assert get_state(app).settings.max_body_bytes == 2048
    assert app.config["MAX_CONTENT_LENGTH"] == 2048


def test_a_given_catalog_is_served_as_is_with_the_rules_loaded(
    settings: Settings, catalog_of
) -> None:
    catalog = catalog_of()
    state = get_state(create_app(settings, catalog))
    assert state.catalog is catalog and state.settings is settings
    assert (state.load_error, state.lists_fingerprint) == (None, None)
    assert state.rules is not None and state.rules.ruleset.version


def test_no_list_to_load_leaves_the_reason_and_no_catalog(
    settings: Settings, empty_lists_dir: Path
) -> None:
    state = get_state(create_app(settings.with_(lists_dir=empty_lists_dir)))
    assert state.catalog is None and state.load_error
    assert state.lists_fingerprint is not None  # a list arriving later is noticed


def test_a_swap_installs_a_new_state_and_keeps_the_rules(
    settings: Settings, empty_lists_dir: Path, catalog_of: Callable[..., Catalog]
) -> None:
    app = create_app(settings.with_(lists_dir=empty_lists_dir))
    before = get_state(app)
    catalog = catalog_of(entity("1", "Swapped In Trading LLC"))
    swap_catalog(app, catalog)
    after = get_state(app)
    assert after is not before and before.catalog is None  # the old state is untouched
    assert (after.catalog, after.load_error) == (catalog, None)
    assert after.rules is before.rules and after.settings is before.settings
    assert after.screener is not before.screener
    response = authed_client(app).post("/v1/screen", json={"name": "Swapped In Trading LLC"})
    assert response.status_code == 200 and response.get_json()["decision"] == "block"


def test_the_reloader_starts_only_with_an_interval(settings: Settings, catalog_of) -> None:
    assert start_reloader(create_app(settings.with_(reload_interval=0), catalog_of())) is None
    reloader = start_reloader(create_app(settings.with_(reload_interval=3600), catalog_of()))
    try:
        assert isinstance(reloader, CatalogReloader)
    finally:
        reloader.stop()
