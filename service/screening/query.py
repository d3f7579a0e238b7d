"""The matcher query for one name: the one place that turns settings into a ``Query``.

Decisive matches are always fetched: the query's floor is the lower of the caller's
display threshold and the review threshold, so a client's higher threshold can never
turn a review into a clear.
"""

from __future__ import annotations

from collections.abc import Iterable

from service.core.model import EntityType, Identifier
from service.core.query import Query
from service.settings import Settings


def build_query(
    settings: Settings,
    name: str,
    *,
    entity_type: EntityType | None = None,
    countries: Iterable[str] = (),
    date_of_birth: str | None = None,
    identifiers: Iterable[Identifier] = (),
    lists: Iterable[str] | None = None,
    threshold: float | None = None,
) -> Query:
    """The query for ``name``; ``lists`` None searches every loaded list."""
    shown_from = settings.threshold if threshold is None else threshold
    return Query(
        name=name,
        entity_type=entity_type,
        countries=tuple(countries),
        date_of_birth=date_of_birth,
        identifiers=tuple(identifiers),
        lists=frozenset(lists) if lists is not None else None,
        threshold=min(shown_from, settings.review_threshold),
        limit=settings.max_matches,
    )
