"""Fixtures for store tests; the builders live in ``store_fixtures``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import ListServer, write_registry

from service.settings import Settings


@pytest.fixture
def list_server() -> Iterator[ListServer]:
    server = ListServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a private data dir, a short timeout and a reference dir whose
    source registry enables no list: store tests download only the lists they are
    about, so none is required until a test writes its own registry
    (``write_registry``) to check exactly that."""
    settings = Settings(
        data_dir=tmp_path / "data",
        reference_dir=tmp_path / "reference",
        download_timeout=1.0,
    )
    write_registry(settings)
    return settings
