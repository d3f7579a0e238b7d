"""Fixtures for store tests; the builders live in ``store_fixtures``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import ListServer

from service.settings import Settings


@pytest.fixture
def list_server() -> Iterator[ListServer]:
    server = ListServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a private data dir, an empty reference dir and a short timeout."""
    return Settings(
        data_dir=tmp_path / "data",
        reference_dir=tmp_path / "reference",
        download_timeout=1.0,
    )
