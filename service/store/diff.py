"""The difference between two versions of a list: entities added, removed and changed.

Entities are matched by the publisher's own id (``source_id``); a changed entity reports,
per facet (names, dates of birth, identifiers, countries, programmes ...), what was added
and what was removed, so a reviewer reads "passport X added" rather than "entity
changed". Remarks are not compared: publishers reword them without changing the listing.
Pure: entities in, a JSON-ready value out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from service.core.model import Entity
from service.store.fingerprint import DIFF_FACETS, facets, fingerprint


@dataclass(frozen=True, slots=True)
class FacetChange:
    """What one facet gained and lost between the versions."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityChange:
    """One entity present in both versions whose facets differ."""

    source_id: str
    name: str
    old_fingerprint: str
    new_fingerprint: str
    changes: Mapping[str, FacetChange] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Listed:
    """An entity added or removed: enough to recognise it without the list."""

    source_id: str
    name: str
    entity_type: str
    fingerprint: str


@dataclass(frozen=True)
class ListDiff:
    """Everything that changed in one list between two versions."""

    list_id: str
    old_version: str | None
    new_version: str | None
    added: tuple[Listed, ...] = ()
    removed: tuple[Listed, ...] = ()
    changed: tuple[EntityChange, ...] = ()
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "list_id": self.list_id,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "counts": self.counts(),
            "added": [_listed(e) for e in self.added],
            "removed": [_listed(e) for e in self.removed],
            "changed": [_change(c) for c in self.changed],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ListDiff:
        """The inverse of :meth:`as_dict`, for diffs recorded beside a version."""
        return cls(
            list_id=data["list_id"],
            old_version=data.get("old_version"),
            new_version=data.get("new_version"),
            added=tuple(Listed(**e) for e in data.get("added", ())),
            removed=tuple(Listed(**e) for e in data.get("removed", ())),
            changed=tuple(
                EntityChange(
                    c["source_id"],
                    c["name"],
                    c["old_fingerprint"],
                    c["new_fingerprint"],
                    {
                        f: FacetChange(tuple(v["added"]), tuple(v["removed"]))
                        for f, v in c["changes"].items()
                    },
                )
                for c in data.get("changed", ())
            ),
            unchanged=int(data.get("counts", {}).get("unchanged", 0)),
        )


def diff_entities(
    list_id: str,
    old: Iterable[Entity],
    new: Iterable[Entity],
    *,
    old_version: str | None = None,
    new_version: str | None = None,
) -> ListDiff:
    """Compare two versions of one list, entity by entity (matched on ``source_id``)."""
    before = {e.source_id: e for e in old}
    after = {e.source_id: e for e in new}
    changed: list[EntityChange] = []
    unchanged = 0
    for source_id in before.keys() & after.keys():
        change = _compare(before[source_id], after[source_id])
        if change is None:
            unchanged += 1
        else:
            changed.append(change)
    return ListDiff(
        list_id=list_id,
        old_version=old_version,
        new_version=new_version,
        added=_sorted(_summary(after[i]) for i in after.keys() - before.keys()),
        removed=_sorted(_summary(before[i]) for i in before.keys() - after.keys()),
        changed=tuple(sorted(changed, key=lambda c: c.source_id)),
        unchanged=unchanged,
    )


def _compare(old: Entity, new: Entity) -> EntityChange | None:
    was, now = facets(old), facets(new)
    changes = {
        facet: FacetChange(
            tuple(v for v in now[facet] if v not in was[facet]),
            tuple(v for v in was[facet] if v not in now[facet]),
        )
        for facet in DIFF_FACETS
        if was[facet] != now[facet]
    }
    if not changes:
        return None
    return EntityChange(
        new.source_id, new.name, fingerprint(old, was), fingerprint(new, now), changes
    )


def _summary(entity: Entity) -> Listed:
    return Listed(entity.source_id, entity.name, entity.entity_type, fingerprint(entity))


def _sorted(items: Iterable[Listed]) -> tuple[Listed, ...]:
    return tuple(sorted(items, key=lambda e: e.source_id))


def _listed(entity: Listed) -> dict[str, str]:
    return {
        "source_id": entity.source_id,
        "name": entity.name,
        "entity_type": entity.entity_type,
        "fingerprint": entity.fingerprint,
    }


def _change(change: EntityChange) -> dict[str, Any]:
    return {
        "source_id": change.source_id,
        "name": change.name,
        "old_fingerprint": change.old_fingerprint,
        "new_fingerprint": change.new_fingerprint,
        "changes": {
            facet: {"added": list(c.added), "removed": list(c.removed)}
            for facet, c in change.changes.items()
        },
    }
