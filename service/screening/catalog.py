"""The loaded lists as the service layer sees them: loaded or not, which ones, versions.

Every screening path asks :func:`require_catalog` before it matches anything, so "no
list loaded" is refused the same way everywhere (fail closed, never ``clear``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from service.screening.errors import InvalidScreenRequest, ScreeningUnavailable

if TYPE_CHECKING:
    from service.store.catalog import Catalog


def is_loaded(catalog: Catalog | None) -> bool:
    """True when at least one list is loaded and a matcher is built over it."""
    return bool(catalog is not None and catalog.snapshots and catalog.matcher is not None)


def require_catalog(catalog: Catalog | None) -> Catalog:
    """``catalog`` when it can screen; :class:`ScreeningUnavailable` when it cannot."""
    if catalog is None or not is_loaded(catalog):
        raise ScreeningUnavailable("No sanctions list is loaded; screening is unavailable.")
    return catalog


def select_lists(catalog: Catalog, wanted: tuple[str, ...] | None) -> tuple[str, ...]:
    """The list ids to screen against: all loaded ones when none are named. An unknown or
    empty selection is refused, since screening against fewer lists than asked would
    answer ``clear`` for names it never checked."""
    loaded = tuple(catalog.snapshots)
    if wanted is None:
        return loaded
    unknown = sorted(set(wanted) - set(loaded))
    if unknown:
        raise InvalidScreenRequest(
            "lists", f"Unknown list id(s) {unknown}; loaded lists are {sorted(loaded)}."
        )
    if not wanted:
        raise InvalidScreenRequest("lists", "At least one list id is required.")
    return tuple(dict.fromkeys(wanted))


def list_versions(catalog: Catalog, list_ids: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """List id -> version and sample flag, for every list an answer was judged against."""
    found = {}
    for list_id in list_ids:
        snapshot = catalog.snapshots[list_id]
        found[list_id] = {"version": snapshot.version, "sample": bool(snapshot.sample)}
    return found
