"""Fixtures shared by the whole suite.

Strategy: settings are built with ``Settings(...)`` and private temporary folders, never
from the environment; apps come from ``create_app(settings, catalog)``. A catalog is
either built here from a few entities we write (``catalog_of``), with the real matcher,
or parsed once per session from the real lists in ``../shared`` (``real_catalog``).

A real part that is absent (``../shared``, Redis, chromium) goes through
``realparts.missing``: a failure under ``CI=true``, a skip elsewhere. Under CI any skip at
all, even a bare ``pytest.skip``, fails the run (``realparts.pytest_sessionfinish``, a hook
this module re-exports), so the suite can never go green by skipping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clients import authed_client
from databases import BACKENDS, migrated_database
from factories import TEST_ENTITIES, catalog_from
from flask import Flask
from flask.testing import FlaskClient
from realparts import pytest_sessionfinish, shared

from service.api import create_app
from service.core.model import Entity
from service.records import RecordsDatabase
from service.settings import Settings
from service.store import Catalog, load_catalog

__all__ = ["pytest_sessionfinish"]  # the CI skip guard, a pytest hook


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with private data folders; no list folder configured."""
    return Settings(data_dir=tmp_path / "data", batch_dir=tmp_path / "batches")


@pytest.fixture(scope="session")
def shared_lists() -> Path:
    """``../shared/data/lists`` in place (``realparts.missing`` when absent)."""
    return shared("data", "lists")


@pytest.fixture(scope="session")
def real_catalog(shared_lists: Path) -> Catalog:
    """Every real list in ``../shared/data/lists``, parsed and indexed once per session."""
    return load_catalog(Settings(lists_dir=shared_lists))


@pytest.fixture(params=BACKENDS)
def records_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RecordsDatabase]:
    """A migrated records store, once on SQLite and once on the real PostgreSQL."""
    with migrated_database(request.param, tmp_path) as db:
        yield db


@pytest.fixture
def secret() -> bytes:
    """A server secret for the records and auth tests."""
    return b"s" * 32


@pytest.fixture
def catalog_of() -> Callable[..., Catalog]:
    """``catalog_of(entity(...), ..., sample=False)`` -> Catalog."""

    def build(*entities: Entity, sample: bool = False) -> Catalog:
        return catalog_from(entities or TEST_ENTITIES, sample=sample)

    return build


@pytest.fixture
def app(settings: Settings, catalog_of: Callable[..., Catalog]) -> Flask:
    """The API over the three test entities in two lists."""
    return create_app(settings, catalog_of())


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """An admin of tenant ``default``, with a real API key (auth stays on in tests)."""
    return authed_client(app)


@pytest.fixture
def empty_lists_dir(tmp_path: Path) -> Path:
    """A configured lists folder that holds no list: the service must answer 503."""
    path = tmp_path / "lists"
    path.mkdir()
    return path


@pytest.fixture
def unready_client(settings: Settings, empty_lists_dir: Path) -> FlaskClient:
    """The API started with SCREENING_LISTS_DIR pointing at an empty folder."""
    return authed_client(create_app(settings.with_(lists_dir=empty_lists_dir)))


@pytest.fixture(scope="session")
def real_client(real_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """The API over every real shared list (parsed once per session)."""
    data = tmp_path_factory.mktemp("real-data")
    return authed_client(create_app(Settings(data_dir=data), real_catalog))
