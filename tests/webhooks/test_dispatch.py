"""Hand-over after commit to this process's pool, and the sweeper."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from receivers import Receiver

from service.records import RecordsDatabase
from service.settings import Settings
from service.webhooks import dispatch, publish
from service.webhooks.deliver import due
from service.webhooks.registry import create_webhook


@pytest.fixture
def installed(hook_settings: Settings) -> Iterator[Settings]:
    dispatch.install(hook_settings)
    yield hook_settings
    dispatch._SETTINGS.pop(dispatch._key(hook_settings.records_url), None)


def wait(receiver: Receiver, count: int) -> None:
    deadline = time.monotonic() + 60
    while len(receiver.received) < count:
        assert time.monotonic() < deadline, "not delivered"
        time.sleep(0.02)


def test_a_committed_delivery_is_attempted_at_once_by_this_process(
    records_db: RecordsDatabase, installed: Settings
) -> None:
    with Receiver() as receiver:
        _, receiver.secret = create_webhook(
            records_db, installed, tenant="acme", url=receiver.url, events=["alert.created"]
        )
        with records_db.engine.begin() as connection:
            [delivery_id] = publish(connection, "acme", "alert.created", {"n": 1})
        wait(receiver, 1)  # no sweep ran: the pool took it at commit
    assert receiver.received[0].verified
    assert receiver.received[0].headers["X-Screening-Delivery"] == delivery_id


def test_without_an_installed_dispatcher_the_sweeper_delivers(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    assert dispatch.start_sweeper(hook_settings.with_(webhooks_sweep_seconds=0)) is None
    with Receiver() as receiver:
        _, receiver.secret = create_webhook(
            records_db, hook_settings, tenant="acme", url=receiver.url, events=["alert.created"]
        )
        with records_db.engine.begin() as connection:
            publish(connection, "acme", "alert.created", {"n": 1})
        assert len(due(records_db, dispatch_now())) == 1  # nobody took it
        sweeper = dispatch.start_sweeper(hook_settings.with_(webhooks_sweep_seconds=0.05))
        assert sweeper is not None
        try:
            wait(receiver, 1)
        finally:
            sweeper.stop()
    assert receiver.received[0].verified


def test_kicking_an_unknown_database_does_nothing() -> None:
    dispatch.kick("sqlite:////nowhere/records.db", ["whd_x"])  # no error, no dispatcher


def dispatch_now():  # noqa: ANN201 - the records clock
    from service.records.canonical import now

    return now()


def test_a_sweep_does_not_hand_over_what_it_is_still_attempting(
    records_db: RecordsDatabase, hook_settings: Settings
) -> None:
    sweeper = dispatch.Sweeper(hook_settings)
    try:
        with Receiver(hang=True) as receiver:
            _, receiver.secret = create_webhook(
                records_db, hook_settings, tenant="acme", url=receiver.url, events=["alert.created"]
            )
            with records_db.engine.begin() as connection:
                publish(connection, "acme", "alert.created", {"n": 1})
            assert sweeper.run_once() == 1
            wait(receiver, 1)  # posted, and the receiver holds it
            assert sweeper.run_once() == 0  # in hand (and claimed): not again
            receiver.release.set()
    finally:
        sweeper.stop()
    assert len(receiver.received) == 1 and receiver.received[0].verified
