"""What the matcher is asked and what it answers: Query in, Match out.

This is the seam between the pure matching core and everything around it (HTTP,
batch jobs, CLI). Callers depend on these types and the :class:`Matcher` protocol
only, so the engine behind them can be replaced without touching its users.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from service.core.model import Entity, EntityType, Identifier


@dataclass(frozen=True, slots=True)
class Query:
    """One counterparty to screen."""

    name: str
    entity_type: EntityType | None = None
    countries: tuple[str, ...] = ()
    """ISO alpha-2 codes (registration, nationality, address) already resolved."""
    date_of_birth: str | None = None
    """ISO date, possibly partial (``1970`` or ``1970-05``)."""
    identifiers: tuple[Identifier, ...] = ()
    lists: frozenset[str] | None = None
    """Restrict to these list ids; ``None`` means every loaded list."""
    threshold: float = 0.70
    """Lowest score worth returning."""
    limit: int = 10


@dataclass(frozen=True, slots=True)
class Match:
    """One listed entity that matched the query, with the evidence for it."""

    entity: Entity
    matched_name: str
    """The list string (primary name or alias) that scored best."""
    score: float
    """Calibrated 0–1 score: one threshold means the same for every list and type."""
    ofac_score: float = 0.0
    """OFAC Sanctions List Search-compatible score (0–1), for reconciliation."""
    explanation: Mapping[str, Any] = field(default_factory=dict)
    """JSON-ready evidence: query vs list string, token alignment, score parts,
    corroborating and contradicting attributes."""


class Matcher(Protocol):
    """A built index over list entities that answers queries."""

    def search(self, query: Query) -> list[Match]:
        """Return matches scoring at least ``query.threshold``, best first."""
        ...

    @property
    def name_count(self) -> int:
        """How many list strings (names and aliases) are indexed."""
        ...
