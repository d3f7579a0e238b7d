"""Load the lists the service screens against, and build one matcher over them.

Where the lists come from, in order:

1. ``settings.lists_dir`` when set: every known list subfolder there. It is the
   operator's explicit choice, so nothing loadable there is an error
   (:class:`NoListsLoaded`), never a silent fallback to the sample.
2. Else the active versions ``screening lists update`` downloaded into ``data_dir``.
   If they exist but none loads, that is an error too: the operator chose official
   lists, and a sample answer in their place would be a silent downgrade.
3. Else our bundled sample (``reference_dir/sample``), flagged ``sample`` so every
   response can say its answer is not based on the official lists.

Fail closed on a partial catalog: every list found is required unless
``settings.optional_lists`` names it. With downloaded lists, every source the registry
(``service.sources.registry``) enables is required too: one that was never downloaded is
an error for that list, not a silent absence, and a registry that cannot be read fails
loading. A required list that cannot be parsed falls back to
its last good downloaded version; without one, loading fails (:class:`NoListsLoaded`
naming the list), because a clear from three of four configured lists is not a clear.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from service.core import MatchConfig, build_matcher
from service.core.evidence import imo_number
from service.core.model import Entity, ListSnapshot
from service.core.query import Matcher
from service.settings import Settings
from service.sources import KNOWN_LISTS, parse_folder
from service.sources.registry import RegistryError, registry_for
from service.store.status import utc_now
from service.store.targets import Targets, link_targets, summarize
from service.store.update import count_names
from service.store.versions import ListStore, store_root

log = logging.getLogger(__name__)

Origin = Literal["lists_dir", "downloaded", "sample"]
MatcherFactory = Callable[[Iterable[Entity]], Matcher]


class NoListsLoaded(RuntimeError):
    """No list could be loaded; the service must refuse to screen (503), not clear."""

    def __init__(self, message: str, errors: Mapping[str, str] | None = None) -> None:
        details = "; ".join(f"{k}: {v}" for k, v in (errors or {}).items())
        super().__init__(f"{message} ({details})" if details else message)
        self.errors = dict(errors or {})


@dataclass(frozen=True)
class Catalog:
    """The loaded lists and the matcher built over all of them, shared read-only."""

    snapshots: Mapping[str, ListSnapshot]
    matcher: Matcher
    loaded_at: str
    errors: Mapping[str, str] = field(default_factory=dict)
    """List id -> why that list failed to load while others loaded."""
    origin: Origin = "lists_dir"
    data_dates: Mapping[str, str] = field(default_factory=dict)
    """List id -> when its data is from (ISO): the publication date where the files give
    one, else when the files were downloaded or written. Ages and staleness read this."""
    targets: Targets | None = None
    """Listings of the same target across lists, linked once per load (see
    ``service.store.targets``); None means "link on first use" (small test catalogs)."""

    @property
    def sample(self) -> bool:
        """True when any answer would rest on our sample rather than official lists."""
        return any(s.sample for s in self.snapshots.values())

    @property
    def entity_count(self) -> int:
        return sum(s.entity_count for s in self.snapshots.values())

    @cached_property
    def target_index(self) -> Targets:
        """The linked targets: the ones computed at load, else linked now."""
        if self.targets is not None:
            return self.targets
        return link_targets(e for s in self.snapshots.values() for e in s.entities)

    def target_of(self, entity: Entity) -> str:
        """The target id of a listed entity, the same for its listings on other lists."""
        return self.target_index.target_of(entity.key)

    @cached_property
    def entities_by_key(self) -> Mapping[str, Entity]:
        """Every loaded entity by its listing key (``list:source_id``)."""
        return MappingProxyType({e.key: e for s in self.snapshots.values() for e in s.entities})

    def targets_summary(self, matches: Iterable[Any]) -> list[dict[str, Any]]:
        """The matched targets, best first, each with every listing of it."""
        return summarize(matches, self.target_index, self.entities_by_key.get)

    @cached_property
    def entities_by_imo(self) -> Mapping[str, tuple[Entity, ...]]:
        """Listed entities by valid IMO number, for checks that have a number but no
        name (a ship-to-ship counterparty). Derived once per catalog, never per request."""
        index: dict[str, list[Entity]] = {}
        for snapshot in self.snapshots.values():
            for entity in snapshot.entities:
                for ident in entity.identifiers:
                    if ident.type == "imo" and (number := imo_number(ident.value)):
                        index.setdefault(number, []).append(entity)
        return MappingProxyType({k: tuple(v) for k, v in index.items()})

    def ages_hours(self, now: datetime) -> dict[str, float]:
        """List id -> hours since its data date (a publication day counts from its start)."""
        ages = {}
        for list_id, when in self.data_dates.items():
            stamp = datetime.fromisoformat(when.replace("Z", "+00:00"))
            stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
            ages[list_id] = round((now - stamp).total_seconds() / 3600, 1)
        return ages

    def stale(self, max_age_hours: float | None, now: datetime) -> dict[str, float]:
        """Lists older than ``max_age_hours`` (none when unset), with their ages."""
        if max_age_hours is None:
            return {}
        return {k: age for k, age in self.ages_hours(now).items() if age > max_age_hours}

    def describe(self) -> dict[str, dict[str, Any]]:
        """Per list what ``GET /v1/lists`` reports."""
        return {
            list_id: {
                "version": s.version,
                "entity_count": s.entity_count,
                "name_count": s.name_count,
                "loaded_at": s.loaded_at,
                "source": s.source,
                "sample": s.sample,
            }
            for list_id, s in self.snapshots.items()
        }

    def versions(self, list_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """List id -> version and sample flag, as each screening response carries."""
        wanted = self.snapshots if list_ids is None else set(list_ids)
        return {
            list_id: {"version": s.version, "sample": s.sample}
            for list_id, s in self.snapshots.items()
            if list_id in wanted
        }


def load_catalog(settings: Settings, *, matcher_factory: MatcherFactory | None = None) -> Catalog:
    """Load lists in the documented order and index them; raises :class:`NoListsLoaded`."""
    if settings.lists_dir is not None:
        folders = _subfolders(settings.lists_dir)
        origin: Origin = "lists_dir"
        if not folders:
            raise NoListsLoaded(
                f"lists dir {settings.lists_dir} holds no list folder ({', '.join(KNOWN_LISTS)})"
            )
    elif folders := _active_versions(settings):
        origin = "downloaded"
    else:
        folders = _subfolders(settings.reference_dir / "sample")
        origin = "sample"
        if not folders:
            raise NoListsLoaded("no downloaded lists and no bundled sample found")
    snapshots, errors = _load_all(folders, sample=origin == "sample")
    if origin == "lists_dir":
        snapshots, errors = _fall_back_to_stored(settings, snapshots, errors)
    elif origin == "downloaded":
        errors.update(_never_downloaded(settings, {f.list_id for f in folders}))
    if not snapshots:
        raise NoListsLoaded(f"no list could be loaded from {origin}", errors)
    required = sorted(set(errors) - set(snapshots) - set(settings.optional_lists))
    if required:
        raise NoListsLoaded(f"required list(s) {', '.join(required)} cannot be loaded", errors)
    entities = [e for s in snapshots.values() for e in s.entities]
    if matcher_factory is None:
        matcher = build_matcher(
            entities,
            MatchConfig(
                memo_size=settings.name_memo,
                block_threshold=settings.block_threshold,
                review_threshold=settings.review_threshold,
                weak_threshold=settings.threshold,
            ),
        )
    else:
        matcher = matcher_factory(entities)
    return Catalog(
        snapshots=MappingProxyType(snapshots),
        matcher=matcher,
        loaded_at=utc_now(),
        errors=MappingProxyType(errors),
        origin=origin,
        data_dates=MappingProxyType(_data_dates(folders, snapshots)),
        targets=link_targets(entities),
    )


@dataclass(frozen=True, slots=True)
class _Folder:
    """One list to load: its files and what to report as their source."""

    list_id: str
    path: Path
    source: str
    stored_at: str | None = None
    """When a downloaded version was stored (its manifest); ``None`` for plain folders."""


def _subfolders(root: Path) -> list[_Folder]:
    return [
        _Folder(list_id, root / list_id, str(root / list_id))
        for list_id in KNOWN_LISTS
        if (root / list_id).is_dir()
    ]


def _active_versions(settings: Settings) -> list[_Folder]:
    found = []
    for list_id in KNOWN_LISTS:
        store = ListStore(store_root(settings), list_id)
        manifest = store.active_manifest()
        folder = store.active_dir()
        if folder is not None:
            source, stored = (
                (manifest.source, manifest.stored_at) if manifest else (str(folder), None)
            )
            found.append(_Folder(list_id, folder, source, stored))
    return found


def _never_downloaded(settings: Settings, downloaded: set[str]) -> dict[str, str]:
    """List id -> error for each source the registry enables that has no active
    version: screening over the others would answer ``clear`` without it. A registry
    that cannot be read is an error too, since then nobody knows what is required."""
    try:
        enabled = registry_for(settings).enabled
    except RegistryError as exc:
        raise NoListsLoaded(f"cannot tell which lists are required: {exc}") from exc
    return {
        s.list_id: f"enabled in the source registry but never downloaded "
        f"(run `screening lists update {s.list_id}`)"
        for s in enabled
        if s.list_id not in downloaded
    }


def _fall_back_to_stored(
    settings: Settings, snapshots: dict[str, ListSnapshot], errors: dict[str, str]
) -> tuple[dict[str, ListSnapshot], dict[str, str]]:
    """A list in ``lists_dir`` that fails is served from its last good downloaded
    version, when there is one; the failure stays reported."""
    stored = {f.list_id: f for f in _active_versions(settings) if f.list_id in errors}
    loaded, _ = _load_all(list(stored.values()), sample=False)
    for list_id, snapshot in loaded.items():
        log.warning("list %s: serving the last good version %s", list_id, snapshot.version)
        snapshots[list_id] = snapshot
        errors[list_id] += f" (serving the last good version {snapshot.version})"
    return snapshots, errors


def _data_dates(folders: list[_Folder], snapshots: Mapping[str, ListSnapshot]) -> dict[str, str]:
    return {
        f.list_id: _data_date(f, snapshots[f.list_id]) for f in folders if f.list_id in snapshots
    }


def _data_date(folder: _Folder, snapshot: ListSnapshot) -> str:
    """Publication date where the version is one, else download (or file) time."""
    try:
        return date.fromisoformat(snapshot.version).isoformat()
    except ValueError:  # sha256:..., or not a valid day: fall through to file times
        pass
    if folder.stored_at:
        return folder.stored_at
    mtimes = [p.stat().st_mtime for p in folder.path.iterdir() if p.is_file()]
    stamp = datetime.fromtimestamp(max(mtimes, default=0), UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _load_all(
    folders: list[_Folder], *, sample: bool
) -> tuple[dict[str, ListSnapshot], dict[str, str]]:
    """Parse each folder; one list that fails is reported and the others still load."""
    snapshots: dict[str, ListSnapshot] = {}
    errors: dict[str, str] = {}
    for folder in folders:
        try:
            snapshots[folder.list_id] = _snapshot(folder, sample)
        except Exception as exc:  # SourceError, or a parser bug: report, keep the rest
            log.error("list %s: cannot load %s: %s", folder.list_id, folder.path, exc)
            errors[folder.list_id] = str(exc)
    return snapshots, errors


def _snapshot(folder: _Folder, sample: bool) -> ListSnapshot:
    parsed = parse_folder(folder.list_id, folder.path)
    entities = tuple(parsed.entities)
    log.info("list %s: loaded %d entities from %s", folder.list_id, len(entities), folder.path)
    return ListSnapshot(
        list_id=folder.list_id,
        version=parsed.version,
        entities=entities,
        source=folder.source,
        loaded_at=utc_now(),
        sample=sample,
        name_count=count_names(entities),
    )
