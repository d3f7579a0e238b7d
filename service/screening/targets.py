"""Which listed target each match is: one party listed by the UN, the UK, the EU and OFAC
is one target (``service.store.targets`` links the listings once per catalog load).

Each match carries its ``target_id`` (the same for every listing of one target), and an
answer lists its ``targets``: per matched target, best first, the best match and every
listing of it, matched by this query or not. Reviewers read one card per target.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from service.core.model import Entity
from service.core.query import Match

if TYPE_CHECKING:
    from service.store.catalog import Catalog


@dataclass(frozen=True, slots=True)
class TargetedMatch:
    """A matcher result and the target it is a listing of; reads like the match."""

    match: Match
    target_id: str

    @property
    def entity(self) -> Entity:
        return self.match.entity

    @property
    def matched_name(self) -> str:
        return self.match.matched_name

    @property
    def score(self) -> float:
        return self.match.score

    @property
    def ofac_score(self) -> float:
        return self.match.ofac_score

    @property
    def explanation(self) -> Mapping[str, Any]:
        return self.match.explanation

    def __getattr__(self, name: str) -> Any:
        """Anything else the match carries (a ``SuppressedMatch``'s ``suppressed``), and
        no such attribute where the match has none, so serialisers skip it alike."""
        if name.startswith("__") or name == "match":
            raise AttributeError(name)
        return getattr(self.match, name)


def targeted(catalog: Catalog, matches: Iterable[Match]) -> tuple[TargetedMatch, ...]:
    """The matches, each with the target id of the party it lists."""
    return tuple(TargetedMatch(m, catalog.target_of(m.entity)) for m in matches)


def with_targets(
    catalog: Catalog, matches: Iterable[Match]
) -> tuple[tuple[TargetedMatch, ...], tuple[dict[str, Any], ...]]:
    """The matches with their target ids, and the matched targets' summary."""
    found = targeted(catalog, matches)
    return found, tuple(catalog.targets_summary(found))
