"""``screening lists update``: download, validate and activate new list versions.

A new version goes live only when it is complete (every file downloaded in full and
ending with its format's end marker, ``service.sources.complete``), parses to entities
and has not shrunk suspiciously against the one serving now; what changed from that
version is recorded beside it (``service.store.changes``). Publishers occasionally serve an
error page, a half file or an empty export; screening against that would silently
clear sanctioned parties, so the previous good version keeps serving instead, and the
refusal is logged and recorded for ``screening lists show``.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from service.core.model import Entity
from service.settings import Settings
from service.sources import parse_folder
from service.sources.complete import IncompleteFile, check_complete
from service.sources.fetch import FetchError, download
from service.sources.registry import Registry, Source
from service.store.changes import diff_from_active, record_changes
from service.store.status import record_attempt, utc_now
from service.store.versions import ListStore, Manifest, StoredFile, store_root

try:  # POSIX advisory locks; elsewhere concurrent updates are simply not guarded.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

UpdateOutcome = Literal["activated", "unchanged", "refused"]


class Refused(Exception):
    """A downloaded version failed a check; carries the reason shown to operators."""

    def __init__(
        self, kind: str, reason: str, version: str | None = None, count: int | None = None
    ) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.version = version
        self.count = count


@dataclass(frozen=True, slots=True)
class ListUpdate:
    """What one list's update attempt did."""

    list_id: str
    outcome: UpdateOutcome
    at: str
    version: str | None = None
    """Version downloaded (for ``unchanged``: the active one)."""
    entity_count: int | None = None
    active_version: str | None = None
    """Version serving after the attempt."""
    active_entity_count: int | None = None
    reason: str | None = None
    """Why it was refused: download, parse, empty or shrink, in words."""
    kind: str | None = None
    """Refusal category: download | truncated | parse | empty | stale | shrink | busy |
    error (``truncated``: a file does not end with its format's end marker)."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class UpdateReport:
    """Outcome of one ``lists update`` run, one entry per list attempted."""

    results: tuple[ListUpdate, ...]

    @property
    def ok(self) -> bool:
        """True when no list was refused (the CLI exits non-zero otherwise)."""
        return all(r.outcome != "refused" for r in self.results)

    @property
    def activated(self) -> tuple[str, ...]:
        return tuple(r.list_id for r in self.results if r.outcome == "activated")

    @property
    def refused(self) -> tuple[str, ...]:
        return tuple(r.list_id for r in self.results if r.outcome == "refused")

    def __getitem__(self, list_id: str) -> ListUpdate:
        return next(r for r in self.results if r.list_id == list_id)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "lists": [r.as_dict() for r in self.results]}


def update_lists(
    settings: Settings, registry: Registry, list_ids: Iterable[str] | None = None
) -> UpdateReport:
    """Update the named lists (default: every enabled source), each independently.

    Naming a disabled source (e.g. ``eu``) fetches it anyway: disabled only means
    "not part of the routine update". Unknown ids raise ``KeyError`` before any download.
    """
    sources = registry.enabled if list_ids is None else tuple(registry.get(i) for i in list_ids)
    return UpdateReport(tuple(update_list(settings, source) for source in sources))


def update_list(settings: Settings, source: Source) -> ListUpdate:
    """Download, check and maybe activate one list; never raises for a bad download."""
    store = ListStore(store_root(settings), source.list_id)
    try:
        store.dir.mkdir(parents=True, exist_ok=True)
        with _locked(store):
            result = _attempt(settings, source, store)
    except Refused as refusal:
        result = _refusal(store, refusal)
    except Exception as exc:  # one list's bug must not stop the others
        log.exception("list %s: update failed unexpectedly", source.list_id)
        result = _refusal(store, Refused("error", f"unexpected error: {exc!r}"))
    _log(result)
    if result.outcome == "activated":
        announce(settings, result)
    try:
        record_attempt(store, result.as_dict())
    except OSError:  # e.g. read-only data dir: the log line above still tells the story
        log.exception("list %s: cannot record the update status", source.list_id)
    return result


def _attempt(settings: Settings, source: Source, store: ListStore) -> ListUpdate:
    active = store.active_manifest()
    store.discard_staging()  # left by a killed run; we hold the lock, so none is live
    staging = store.staging()
    try:
        files = _download_all(settings, source, staging)
        if active and _same_files(files, active):
            return _result(store, "unchanged", active.version, active.entity_count)
        entities, version = _parse(source.list_id, staging)
        _check(settings, version, entities, active)
        changes = diff_from_active(store, entities, version)
        manifest = Manifest(
            list_id=source.list_id,
            version=version,
            name="",
            stored_at=utc_now(),
            entity_count=len(entities),
            name_count=count_names(entities),
            source=source.files[0].url,
            files=files,
        )
        stored = store.store(staging, manifest)
        record_changes(store, stored.name, changes)
        store.activate(stored.name)
        store.prune()
        return _result(store, "activated", version, len(entities))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def announce(settings: Settings, result: ListUpdate) -> None:
    """``lists.updated`` to every tenant's webhooks that want it. The list is already
    active: a records store that cannot take the event is logged, never a failed update."""
    from service.records import records_database
    from service.webhooks import dispatch, publish_now
    from service.webhooks.events import LISTS_UPDATED

    if settings.redis_url:  # enqueue for the workers now; else the server's sweep takes it
        dispatch.install(settings)
    data = {
        "list_id": result.list_id,
        "version": result.version,
        "entity_count": result.entity_count,
        "activated_at": result.at,
    }
    db = records_database(settings)
    try:
        publish_now(db, None, LISTS_UPDATED, data)
    except Exception:  # noqa: BLE001 - see the docstring
        log.warning("list %s: lists.updated not published", result.list_id, exc_info=True)
    finally:
        db.dispose()


def _download_all(settings: Settings, source: Source, folder: Path) -> dict[str, StoredFile]:
    files: dict[str, StoredFile] = {}
    for file in source.files:
        try:
            got = download(file.url, folder / file.name, timeout=settings.download_timeout)
        except FetchError as exc:
            raise Refused("download", f"download of {file.name} failed: {exc}") from exc
        try:
            check_complete(got.path, source.list_id)
        except IncompleteFile as exc:
            raise Refused("truncated", f"{file.name} is cut short: {exc}") from exc
        files[file.name] = StoredFile(got.url, got.sha256, got.size)
    return files


def _same_files(files: dict[str, StoredFile], active: Manifest) -> bool:
    """True when every file is byte-identical to the active version's."""
    return {n: f.sha256 for n, f in files.items()} == {n: f.sha256 for n, f in active.files.items()}


def _parse(list_id: str, folder: Path) -> tuple[tuple[Entity, ...], str]:
    try:
        parsed = parse_folder(list_id, folder)
    except Exception as exc:  # SourceError, or a parser bug on odd input: refuse either way
        raise Refused("parse", f"files do not parse: {exc}") from exc
    return tuple(parsed.entities), parsed.version


def _check(
    settings: Settings, version: str, entities: tuple[Entity, ...], active: Manifest | None
) -> None:
    """Refuse an empty list, an older publication than the one serving, or one that
    lost more than the allowed share of entities."""
    count = len(entities)
    if count == 0:
        raise Refused("empty", "files parse to no entities", version, 0)
    if active is None or active.entity_count == 0:
        return
    if _is_date(version) and _is_date(active.version) and version < active.version:
        raise Refused(
            "stale",
            f"publication date {version} is older than the active {active.version}",
            version,
            count,
        )
    shrink = 1 - count / active.entity_count
    if shrink > settings.update_max_shrink:
        raise Refused(
            "shrink",
            f"entity count fell from {active.entity_count} to {count} ({shrink:.0%}), "
            f"more than the allowed {settings.update_max_shrink:.0%}",
            version,
            count,
        )


def _is_date(version: str) -> bool:
    """True for a publisher date (ISO yyyy-mm-dd), false for a content hash."""
    return len(version) == 10 and version[4] == "-" and version[7] == "-"


def count_names(entities: Iterable[Entity]) -> int:
    """Names a list gives: each entity's primary name plus its aliases."""
    return sum(1 + len(e.aliases) for e in entities)


def _result(store: ListStore, outcome: UpdateOutcome, version: str, count: int) -> ListUpdate:
    active = store.active_manifest()
    return ListUpdate(
        list_id=store.list_id,
        outcome=outcome,
        at=utc_now(),
        version=version,
        entity_count=count,
        active_version=active.version if active else None,
        active_entity_count=active.entity_count if active else None,
    )


def _refusal(store: ListStore, refusal: Refused) -> ListUpdate:
    active = store.active_manifest()
    return ListUpdate(
        list_id=store.list_id,
        outcome="refused",
        at=utc_now(),
        version=refusal.version,
        entity_count=refusal.count,
        active_version=active.version if active else None,
        active_entity_count=active.entity_count if active else None,
        reason=refusal.reason,
        kind=refusal.kind,
    )


def _log(result: ListUpdate) -> None:
    if result.outcome == "refused":
        log.warning(
            "list %s: new version refused (%s); still serving %s",
            result.list_id,
            result.reason,
            result.active_version or "nothing",
        )
    else:
        log.info(
            "list %s: %s version %s (%s entities)",
            result.list_id,
            result.outcome,
            result.version,
            result.entity_count,
        )


@contextlib.contextmanager
def _locked(store: ListStore) -> Iterator[None]:
    """Hold the list's update lock; a second concurrent update is refused, not queued."""
    if fcntl is None:
        yield
        return
    with store.lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Refused("busy", "another update of this list is running") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
