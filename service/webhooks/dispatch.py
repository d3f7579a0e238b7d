"""Who attempts deliveries, in this process: the job machinery, as for batch chunks.

* With ``SCREENING_REDIS_URL`` a new delivery is an RQ job on the ``<prefix>:webhooks``
  queue, run by ``screening worker`` processes, which also run the :class:`Sweeper`
  (retries, and deliveries whose hand-over or worker was lost).
* Without Redis a small thread pool of the API process attempts new deliveries, and the
  ``screening serve`` master runs the sweeper.

:func:`install` says, per records database, which settings this process delivers with
(the API, the worker and the CLI call it); :func:`after_commit` hands a transaction's
new deliveries over once it commits. A process with nothing installed only writes the
rows: the sweep of a running server or worker takes them.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

from sqlalchemy import Connection, Pool, event
from sqlalchemy.engine import URL, make_url

from service.records import records_database
from service.settings import Settings

log = logging.getLogger(__name__)

QUEUE_SUFFIX = "webhooks"
_PENDING = "webhook_deliveries"
"""Key, in a pooled connection's ``info``, of the deliveries its transaction committed."""
REDIS_TIMEOUT = 5.0
"""Seconds to connect to Redis (as for batches): a lost Redis never hangs a commit."""


class Dispatcher(Protocol):
    def submit(self, delivery_ids: Sequence[str]) -> None:
        """Have these deliveries attempted soon (at least once, or the sweep will)."""


_SETTINGS: dict[str, Settings] = {}
_LIVE: dict[str, tuple[int, Dispatcher]] = {}
_LOCK = threading.Lock()


def install(settings: Settings) -> None:
    """Deliveries written to ``settings``' records database are handed over here."""
    _SETTINGS[_key(settings.records_url)] = settings


def after_commit(connection: Connection, delivery_ids: Sequence[str]) -> None:
    """Hand ``delivery_ids`` over once ``connection``'s transaction has committed.

    SQLAlchemy's ``commit`` event fires *before* the database commits, when another
    connection could not see the rows yet; so it only notes them on the pooled
    connection, and the pool's ``checkin`` (after the commit, as the connection goes
    back) hands them over. A rolled-back transaction notes nothing.
    """
    entry = (connection.engine.url, list(delivery_ids))
    _watch(connection.engine.pool)
    event.listen(
        connection,
        "commit",
        lambda conn: conn.info.setdefault(_PENDING, []).append(entry),
        once=True,
    )


def _watch(pool: Pool) -> None:
    if not getattr(pool, "_webhooks_watched", False):
        event.listen(pool, "checkin", _checked_in)
        pool._webhooks_watched = True  # type: ignore[attr-defined]


def _checked_in(_dbapi_connection: object, record: object) -> None:
    info = getattr(record, "info", None)
    for url, ids in (info.pop(_PENDING, None) if info else None) or ():
        kick(url, ids)


def kick(url: str | URL, delivery_ids: Sequence[str]) -> None:
    """Hand deliveries to this process's dispatcher; a failure here loses nothing."""
    try:
        dispatcher = _dispatcher(_key(url))
        if dispatcher is not None:
            dispatcher.submit(delivery_ids)
    except Exception:  # noqa: BLE001 - the rows are on record; the sweep takes them
        log.warning("webhook deliveries not handed over; the sweep will", exc_info=True)


def queue_name(settings: Settings) -> str:
    return f"{settings.redis_prefix}:{QUEUE_SUFFIX}"


class DaemonPool:
    """A few daemon threads taking calls from a queue. Unlike ``ThreadPoolExecutor`` a
    process exiting (a gunicorn worker replaced after a list reload) never waits for
    queued attempts: each is on record and the sweep takes it once its lease passes."""

    def __init__(self, threads: int, name: str) -> None:
        self._calls: queue.SimpleQueue[tuple[Callable[[str], object], str] | None] = (
            queue.SimpleQueue()
        )
        self._threads = [
            threading.Thread(target=self._work, daemon=True, name=f"{name}-{i}")
            for i in range(threads)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, call: Callable[[str], object], delivery_id: str) -> None:
        self._calls.put((call, delivery_id))

    def _work(self) -> None:
        while (item := self._calls.get()) is not None:
            call, delivery_id = item
            call(delivery_id)  # the calls log their own failures

    def stop(self) -> None:
        for _ in self._threads:
            self._calls.put(None)
        for thread in self._threads:
            thread.join()


class QueueDispatcher:
    """One RQ job per delivery (its own retries are the sweep's, not RQ's)."""

    def __init__(self, settings: Settings) -> None:
        from redis import Redis
        from rq import Queue

        from service.webhooks.deliver import lease_seconds

        redis = Redis.from_url(settings.redis_url, socket_connect_timeout=REDIS_TIMEOUT)  # type: ignore[arg-type]
        self.queue = Queue(queue_name(settings), connection=redis)
        self.timeout = int(lease_seconds(settings))

    def submit(self, delivery_ids: Sequence[str]) -> None:
        for delivery_id in delivery_ids:
            self.queue.enqueue(
                "service.webhooks.tasks.deliver",
                delivery_id,
                job_timeout=self.timeout,
                result_ttl=0,
                failure_ttl=24 * 3600,
            )


class PoolDispatcher:
    """Attempts in a small thread pool of this process (the embedded mode)."""

    def __init__(self, settings: Settings, threads: int = 2) -> None:
        self.settings = settings
        self.db = records_database(settings)
        self.pool = DaemonPool(threads, "webhooks")

    def submit(self, delivery_ids: Sequence[str]) -> None:
        for delivery_id in delivery_ids:
            self.pool.submit(self._attempt, delivery_id)

    def _attempt(self, delivery_id: str) -> str:
        from service.webhooks.deliver import attempt

        try:
            return attempt(self.db, self.settings, delivery_id)
        except Exception:
            log.exception("webhook delivery %s: attempt failed; the sweep retries", delivery_id)
            return "error"

    def shutdown(self) -> None:
        self.pool.stop()


class Sweeper:
    """Every ``webhooks_sweep_seconds``: attempt the deliveries that are due (retries,
    first tries whose hand-over was lost, and those a killed worker held), a few at a
    time, so one slow receiver does not hold up the others."""

    def __init__(self, settings: Settings, threads: int = 4) -> None:
        self.settings = settings
        self.db = records_database(settings)
        self.pool = DaemonPool(threads, "webhook-sweep")
        self._in_flight: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Sweeper:
        self._thread = threading.Thread(target=self._run, daemon=True, name="webhook-sweep")
        self._thread.start()
        return self

    def run_once(self) -> int:
        """Submit the due deliveries not already in hand; returns how many."""
        from service.records.canonical import now
        from service.webhooks.deliver import due

        submitted = 0
        for delivery_id in due(self.db, now()):
            with self._lock:
                if delivery_id in self._in_flight:
                    continue
                self._in_flight.add(delivery_id)
            self.pool.submit(self._attempt, delivery_id)
            submitted += 1
        return submitted

    def _attempt(self, delivery_id: str) -> None:
        from service.webhooks.deliver import attempt

        try:
            attempt(self.db, self.settings, delivery_id)
        except Exception:
            log.exception("webhook delivery %s: attempt failed; swept again later", delivery_id)
        finally:
            with self._lock:
                self._in_flight.discard(delivery_id)

    def _run(self) -> None:
        while not self._stop.wait(self.settings.webhooks_sweep_seconds):
            try:
                self.run_once()
            except Exception:
                log.exception("the webhook sweep failed; trying again next time")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.pool.stop()


def start_sweeper(settings: Settings) -> Sweeper | None:
    """The sweeper of a deployment, where it belongs (see the module docstring)."""
    if settings.webhooks_sweep_seconds <= 0:
        return None
    return Sweeper(settings).start()


def _dispatcher(key: str) -> Dispatcher | None:
    settings = _SETTINGS.get(key)
    if settings is None:
        return None
    with _LOCK:
        live = _LIVE.get(key)
        if live is None or live[0] != os.getpid():  # never a pool inherited across fork
            made: Dispatcher = (
                QueueDispatcher(settings) if settings.redis_url else PoolDispatcher(settings)
            )
            live = (os.getpid(), made)
            _LIVE[key] = live
        return live[1]


def _key(url: str | URL) -> str:
    return make_url(url).render_as_string(hide_password=False)
