"""What changed in the lists since the customers were last screened, per list.

The monitor knows the versions its last run saw. For each list whose version moved, the
diff comes from the list store (``service.store``): the diff recorded beside the active
version when it goes from exactly that version, else a diff of the stored older version
against the loaded one (:func:`service.store.diff.diff_entities`). When the older version
is no longer stored (pruned, or lists served from a folder without history), nothing can
say what changed: that list asks for a full re-screen. A list no longer loaded counts
every entry as removed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from service.core.model import Entity, ListSnapshot
from service.settings import Settings
from service.sources import parse_folder
from service.store.changes import read_changes
from service.store.diff import ListDiff, diff_entities
from service.store.versions import ListStore, store_root

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ListChange:
    """One list's change between two versions, as the monitor needs it."""

    list_id: str
    old_version: str | None
    new_version: str | None
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    full: str | None = None
    """Why this change needs a full re-screen (the diff is unknown), else ``None``."""
    facets: Mapping[str, Any] = field(default_factory=dict)
    """Per changed source id, what changed (from the diff), for the run's record."""

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
        }
        if self.full:
            out["full_rescreen"] = self.full
        return out


def list_changes(
    settings: Settings, snapshots: Mapping[str, ListSnapshot], before: Mapping[str, str]
) -> list[ListChange]:
    """Every list whose version differs from ``before`` (list id -> version)."""
    out = []
    for list_id, snap in snapshots.items():
        old = before.get(list_id)
        if old != snap.version:
            out.append(_change(settings, snap, old))
    for list_id in sorted(set(before) - set(snapshots)):
        out.append(ListChange(list_id, before[list_id], None, full="no longer loaded"))
    return out


def _change(settings: Settings, snap: ListSnapshot, old: str | None) -> ListChange:
    if old is None:  # a list screened for the first time: every entry is new
        ids = tuple(e.source_id for e in snap.entities)
        return ListChange(snap.list_id, None, snap.version, added=ids)
    diff = _diff(settings, snap, old)
    if diff is None:
        reason = f"version {old} is no longer stored: what changed is unknown"
        return ListChange(snap.list_id, old, snap.version, full=reason)
    return ListChange(
        snap.list_id,
        old,
        snap.version,
        added=tuple(e.source_id for e in diff.added),
        changed=tuple(c.source_id for c in diff.changed),
        removed=tuple(e.source_id for e in diff.removed),
        facets={
            c.source_id: {
                k: {"added": list(v.added), "removed": list(v.removed)}
                for k, v in c.changes.items()
            }
            for c in diff.changed
        },  # fmt: skip
    )


def _diff(settings: Settings, snap: ListSnapshot, old: str) -> ListDiff | None:
    store = ListStore(store_root(settings), snap.list_id)
    recorded = read_changes(store)
    if (
        recorded
        and "error" not in recorded
        and recorded.get("old_version") == old
        and recorded.get("new_version") == snap.version
    ):
        return ListDiff.from_dict(recorded)
    folder = next(
        (store.versions_dir / m.name for m in store.manifests() if m.version == old), None
    )
    if folder is None or not folder.is_dir():
        return None
    try:
        before: tuple[Entity, ...] = parse_folder(snap.list_id, folder).entities
    except Exception as exc:  # a parser change can make an old version unreadable
        log.warning("list %s: cannot read stored version %s: %s", snap.list_id, old, exc)
        return None
    return diff_entities(
        snap.list_id, before, snap.entities, old_version=old, new_version=snap.version
    )
