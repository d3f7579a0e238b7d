"""Pick up new list versions in a running server, without a restart.

``screening serve`` builds the catalog once in the gunicorn master and forks it into the
workers (preload). A background thread in the master (started by the ``when_ready``
hook, see ``service.cli.serve``) runs :class:`CatalogReloader`: every
``SCREENING_RELOAD_INTERVAL`` seconds it reads a cheap fingerprint of what would be
loaded (the ``active`` pointers of the downloaded versions, or file sizes and mtimes of
a ``SCREENING_LISTS_DIR``), and only when that differs from what is loaded does it build
the new catalog, swap it into the app, and send the master SIGHUP: gunicorn then starts
new workers, forked with the new catalog, and stops the old ones gracefully. A catalog
that fails to load, or that lost a list the old one served because that list failed to
load, is logged and the old one keeps serving.

No flask here: the HTTP layer passes in how to swap the catalog (``swap``) and how to
replace the workers (``after_swap``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from service.metrics import RELOADS
from service.settings import Settings
from service.sources import KNOWN_LISTS
from service.store import ListStore, load_catalog, store_root

log = logging.getLogger(__name__)

Fingerprint = tuple[Any, ...]


def lists_fingerprint(settings: Settings) -> Fingerprint:
    """What ``load_catalog`` would load, cheaply: no file is parsed or hashed.

    Downloaded versions change only by an atomic swap of their ``active`` pointer, so the
    pointers are enough. A lists folder is served as is; its files' names, sizes and
    mtimes stand for their content.
    """
    if settings.lists_dir is not None:
        return ("lists_dir", _folder_stats(Path(settings.lists_dir)))
    root = store_root(settings)
    active = ((list_id, ListStore(root, list_id).active_name()) for list_id in KNOWN_LISTS)
    return ("downloaded", tuple((list_id, name) for list_id, name in active if name))


def _folder_stats(root: Path) -> tuple[tuple[str, int, int], ...]:
    found = []
    for list_id in KNOWN_LISTS:
        folder = root / list_id
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            try:
                stat = path.stat()
            except OSError:  # removed while we looked: the next check sees the result
                continue
            if path.is_file():
                found.append((str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def announce_new_versions(settings: Settings, served: Any, catalog: Any) -> None:
    """``lists.updated`` for each list whose version in ``catalog`` is new: a changed
    ``SCREENING_LISTS_DIR`` has no update command to announce it. Logged, never raised."""
    from service.records import records_database
    from service.records.canonical import iso, now
    from service.webhooks import publish_now
    from service.webhooks.events import LISTS_UPDATED

    before = served.snapshots if served is not None else {}
    db = records_database(settings)
    try:
        for list_id, snap in catalog.snapshots.items():
            old = before.get(list_id)
            if old is not None and old.version == snap.version:
                continue
            data = {
                "list_id": list_id,
                "version": snap.version,
                "entity_count": snap.entity_count,
                "activated_at": iso(now()),
            }
            publish_now(db, None, LISTS_UPDATED, data)
    except Exception:  # noqa: BLE001 - the new lists serve either way
        log.warning("lists reloaded; lists.updated not published", exc_info=True)
    finally:
        db.dispose()


class CatalogReloader:
    """Reload the catalog when the lists on disk change; keep the old one on failure."""

    def __init__(
        self,
        settings: Settings,
        loaded: Fingerprint,
        swap: Callable[[Any], None],
        after_swap: Callable[[], None] | None = None,
        load: Callable[[Settings], Any] = load_catalog,
        current: Callable[[], Any] = lambda: None,
    ) -> None:
        self._settings = settings
        self._loaded = loaded
        self._swap = swap
        self._current = current
        self._after_swap = after_swap
        self._load = load
        self._failed: Fingerprint | None = None
        self._pending: Fingerprint | None = None
        self._stop = threading.Event()

    def check(self) -> bool:
        """One look at the lists; True when a new catalog was swapped in."""
        current = lists_fingerprint(self._settings)
        if current in (self._loaded, self._failed):
            self._pending = None
            return False
        if self._settings.lists_dir is not None and current != self._pending:
            # Files copied into a folder by hand may still be being written: reload only
            # once the folder looked the same on two checks in a row.
            self._pending = current
            return False
        try:
            catalog = self._load(self._settings)
        except Exception as exc:  # NoListsLoaded, or a parser bug: never drop the old one
            log.error("lists changed but cannot be loaded; still serving the old ones: %s", exc)
            RELOADS.labels("failed").inc()
            self._failed = current
            return False
        served = self._current()
        lost = sorted(set(served.snapshots) - set(catalog.snapshots)) if served else []
        if lost and catalog.errors:
            # A list that served before failed now: swapping would stop screening it.
            errors = {lid: catalog.errors.get(lid, "") for lid in lost}
            log.error("lists changed but %s cannot be loaded; still serving the old ones", errors)
            self._failed = current
            return False
        self._swap(catalog)
        RELOADS.labels("loaded").inc()
        if self._settings.lists_dir is not None:  # downloaded versions announce at activation
            announce_new_versions(self._settings, served, catalog)
        self._loaded, self._failed, self._pending = current, None, None
        log.info(
            "lists reloaded",
            extra={"lists": {lid: s.version for lid, s in catalog.snapshots.items()}},
        )
        if self._after_swap is not None:
            self._after_swap()
        return True

    def run(self, interval: float) -> None:
        """Check every ``interval`` seconds until :meth:`stop`."""
        while not self._stop.wait(interval):
            try:
                self.check()
            except Exception:  # a bug here must not end reloading for good
                log.exception("list reload check failed")

    def start(self, interval: float) -> threading.Thread:
        thread = threading.Thread(
            target=self.run, args=(interval,), name="list-reloader", daemon=True
        )
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()
