"""``screening lists show``: what is stored, what is active, and what was refused."""

from __future__ import annotations

from typing import Any

from service.settings import Settings
from service.sources.registry import Registry, RegistryError, registry_for
from service.store.changes import read_changes
from service.store.status import read_status
from service.store.versions import ListStore, store_root, stored_lists


def show_lists(
    settings: Settings, registry: Registry | None = None, *, changes: bool = False
) -> list[dict[str, Any]]:
    """One JSON-ready row per known or stored list, registry order first.

    Each row: ``list_id``, ``title``, ``enabled``, ``active_version``, ``entity_count``,
    ``name_count``, ``activated_at``, ``source``, ``stored_versions``, ``last_attempt``
    and ``refusal`` (the last attempt's reason when it was refused, else ``None``). With
    ``changes``, also ``changes``: the diff recorded when the active version was
    activated (``None`` when none was recorded).
    """
    registry = registry or _registry(settings)
    root = store_root(settings)
    ids = [s.list_id for s in registry] + [i for i in stored_lists(root) if i not in registry]
    rows = []
    for list_id in ids:
        store = ListStore(root, list_id)
        row = _row(store, registry)
        if changes:
            row["changes"] = read_changes(store)
        rows.append(row)
    return rows


def _row(store: ListStore, registry: Registry) -> dict[str, Any]:
    source = registry.sources.get(store.list_id)
    active = store.active_manifest()
    status = read_status(store)
    last = status.get("last_attempt")
    return {
        "list_id": store.list_id,
        "title": source.title if source else None,
        "enabled": source.enabled if source else False,
        "active_version": active.version if active else None,
        "entity_count": active.entity_count if active else None,
        "name_count": active.name_count if active else None,
        "activated_at": active.stored_at if active else None,
        "source": active.source if active else None,
        "stored_versions": [m.version for m in store.manifests()] if store.dir.is_dir() else [],
        "last_attempt": last,
        "refusal": last.get("reason") if last and last.get("outcome") == "refused" else None,
        "last_refusal": status.get("last_refusal"),
    }


def _registry(settings: Settings) -> Registry:
    """The settings' registry; a broken one still lets ``show`` list what is stored."""
    try:
        return registry_for(settings)
    except RegistryError:
        return Registry({})
