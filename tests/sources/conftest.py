"""Shared fixtures for parser tests: the real list files in ../shared, read in place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from service.sources import ParsedList, parse_folder

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real list data not present at {path} (../shared is absent)")
    return path


@pytest.fixture(scope="session")
def shared_lists() -> Path:
    """``../shared/data/lists`` (skips when absent)."""
    return _require(SHARED_DATA / "lists")


@pytest.fixture(scope="session")
def shared_extra() -> Path:
    """``../shared/data/lists-extra`` (skips when absent)."""
    return _require(SHARED_DATA / "lists-extra")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def real_list(shared_lists: Path) -> Callable[[str], ParsedList]:
    """Parse a real list once per session: ``real_list("ofac_sdn")``."""
    cache: dict[str, ParsedList] = {}

    def get(list_id: str) -> ParsedList:
        if list_id not in cache:
            cache[list_id] = parse_folder(list_id, _require(shared_lists / list_id))
        return cache[list_id]

    return get
