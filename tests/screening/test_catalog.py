"""The catalog as the service layer sees it: loaded or refused, which lists, versions."""

from __future__ import annotations

import pytest
from factories import TEST_ENTITIES, catalog_from

from service.screening import InvalidScreenRequest, ScreeningUnavailable
from service.screening.catalog import is_loaded, list_versions, require_catalog, select_lists


def test_no_catalog_is_refused_never_cleared() -> None:
    assert not is_loaded(None)
    with pytest.raises(ScreeningUnavailable):
        require_catalog(None)


def test_select_lists() -> None:
    catalog = catalog_from(TEST_ENTITIES)
    loaded = tuple(catalog.snapshots)
    assert select_lists(catalog, None) == loaded
    assert select_lists(catalog, (loaded[0], loaded[0])) == (loaded[0],)
    for wanted in (("nope",), ()):
        with pytest.raises(InvalidScreenRequest) as err:
            select_lists(catalog, wanted)
        assert err.value.field == "lists"


def test_list_versions_carry_the_sample_flag() -> None:
    catalog = catalog_from(TEST_ENTITIES, sample=True)
    versions = list_versions(catalog, tuple(catalog.snapshots))
    assert all(v["sample"] is True and v["version"] for v in versions.values())
