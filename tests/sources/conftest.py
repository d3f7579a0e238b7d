"""Shared fixtures for parser tests: the real list files in ../shared, read in place.

``shared_lists`` itself comes from the suite's ``conftest.py``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from realparts import shared

from service.sources import ParsedList, parse_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="session")
def shared_extra() -> Path:
    """``../shared/data/lists-extra`` (``realparts.missing`` when absent)."""
    return shared("data", "lists-extra")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def real_list(shared_lists: Path) -> Callable[[str], ParsedList]:
    """Parse a real list once per session: ``real_list("ofac_sdn")``."""
    cache: dict[str, ParsedList] = {}

    def get(list_id: str) -> ParsedList:
        if list_id not in cache:
            cache[list_id] = parse_folder(list_id, shared("data", "lists", list_id))
        return cache[list_id]

    return get
