"""Every records test runs on SQLite and on the real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from databases import BACKENDS, migrated_database

from service.records import RecordsDatabase


@pytest.fixture(params=BACKENDS)
def records_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RecordsDatabase]:
    with migrated_database(request.param, tmp_path) as db:
        yield db


@pytest.fixture
def secret() -> bytes:
    return b"s" * 32
