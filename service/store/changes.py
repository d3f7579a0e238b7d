"""List changes on disk: the diff recorded beside each activated version, and diffs
between two folders or two stored versions for ``screening lists diff``.

Every activated update stores ``versions/<name>.changes.json``: the diff from the
version that was serving before it. Ongoing monitoring and suppression expiry read it,
so it is written with the version and kept until the version is pruned. Computing it
never blocks an update: a previous version that no longer parses is recorded as such.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from service.core.model import Entity
from service.settings import Settings
from service.sources import KNOWN_LISTS, SourceError, parse_folder
from service.store.diff import ListDiff, diff_entities
from service.store.files import read_json, write_json
from service.store.versions import ListStore, store_root

log = logging.getLogger(__name__)

SUFFIX = ".changes.json"


class DiffError(ValueError):
    """A diff operand is neither a list folder nor a stored version."""


def changes_path(store: ListStore, name: str) -> Path:
    return store.versions_dir / f"{name}{SUFFIX}"


def diff_from_active(store: ListStore, entities: Iterable[Entity], version: str) -> dict[str, Any]:
    """The diff from the version serving now to ``entities``, as recorded JSON; the
    first version of a list is all additions."""
    active = store.active_manifest()
    folder = store.active_dir()
    old: tuple[Entity, ...] = ()
    if active is not None and folder is not None:
        try:
            old = parse_folder(store.list_id, folder).entities
        except Exception as exc:  # a parser change can make an old version unreadable
            log.warning("list %s: cannot diff against %s: %s", store.list_id, active.version, exc)
            return {"list_id": store.list_id, "error": f"previous version unreadable: {exc}"}
    diff = diff_entities(
        store.list_id,
        old,
        entities,
        old_version=active.version if active else None,
        new_version=version,
    )
    return diff.as_dict()


def record_changes(store: ListStore, name: str, changes: dict[str, Any]) -> None:
    write_json(changes_path(store, name), changes)


def read_changes(store: ListStore, name: str | None = None) -> dict[str, Any] | None:
    """The diff recorded with version ``name`` (default: the active one)."""
    name = name or store.active_name()
    return read_json(changes_path(store, name)) if name else None


def diff_operands(
    settings: Settings, old: str, new: str, list_ids: Iterable[str] | None = None
) -> list[ListDiff]:
    """Diffs between two list folders (each holding list subfolders, or one list's
    files when a single list id is given) or two stored versions of one list."""
    wanted = tuple(list_ids or ())
    pairs: list[tuple[str, Path, Path]] = []
    for list_id in wanted or KNOWN_LISTS:
        before = _folder(settings, old, list_id, explicit=bool(wanted))
        after = _folder(settings, new, list_id, explicit=bool(wanted))
        if before is not None and after is not None:
            pairs.append((list_id, before, after))
    if not pairs:
        raise DiffError(f"no list found in both {old!r} and {new!r}")
    return [_diff(list_id, before, after) for list_id, before, after in pairs]


def _folder(settings: Settings, ref: str, list_id: str, *, explicit: bool) -> Path | None:
    path = Path(ref)
    if (path / list_id).is_dir():
        return path / list_id
    if explicit and path.is_dir():
        return path
    stored = ListStore(store_root(settings), list_id).versions_dir / ref
    if explicit and stored.is_dir() and "/" not in ref:
        return stored
    if explicit:
        raise DiffError(f"{ref!r} is neither a folder nor a stored version of {list_id}")
    return None


def _diff(list_id: str, before: Path, after: Path) -> ListDiff:
    try:
        old, new = parse_folder(list_id, before), parse_folder(list_id, after)
    except SourceError as exc:
        raise DiffError(str(exc)) from exc
    return diff_entities(
        list_id, old.entities, new.entities, old_version=old.version, new_version=new.version
    )


def render_diff(data: dict[str, Any], *, limit: int = 50) -> list[str]:
    """A recorded or computed diff as text lines for a terminal; at most ``limit``
    entities per section, with the number left out."""
    if "error" in data:
        return [f"{data['list_id']}: changes unknown ({data['error']})"]
    counts = data["counts"]
    lines = [
        f"{data['list_id']}: {data.get('old_version') or '(none)'} -> "
        f"{data.get('new_version')}: {counts['added']} added, {counts['removed']} removed, "
        f"{counts['changed']} changed, {counts['unchanged']} unchanged"
    ]
    for sign, section in (("+", "added"), ("-", "removed")):
        entries = data[section]
        lines += [f"  {sign} {e['source_id']}  {e['name']}" for e in entries[:limit]]
        lines += _more(len(entries), limit)
    for change in data["changed"][:limit]:
        lines.append(f"  ~ {change['source_id']}  {change['name']}")
        for facet, values in change["changes"].items():
            lines += [f"      {facet}: + {v}" for v in values["added"]]
            lines += [f"      {facet}: - {v}" for v in values["removed"]]
    lines += _more(len(data["changed"]), limit)
    return lines


def _more(count: int, limit: int) -> list[str]:
    return [f"  ... and {count - limit} more"] if count > limit else []
