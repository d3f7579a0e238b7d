"""The RQ job of a delivery, run by ``screening worker`` (which calls :func:`prepare`)."""

from __future__ import annotations

from service.records import RecordsDatabase, records_database
from service.settings import Settings
from service.webhooks.deliver import attempt

_CONTEXT: tuple[Settings, RecordsDatabase] | None = None


def prepare(settings: Settings) -> None:
    """The settings this worker delivers with (a plain ``rq worker`` reads the env)."""
    global _CONTEXT
    _CONTEXT = (settings, records_database(settings))


def deliver(delivery_id: str) -> str:
    if _CONTEXT is None:
        prepare(Settings.from_env())
    assert _CONTEXT is not None
    settings, db = _CONTEXT
    return attempt(db, settings, delivery_id)
