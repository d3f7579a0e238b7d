"""End to end: webhooks from a real ``screening serve`` (gunicorn, no Redis) and from real
``screening worker`` processes on Redis, to a local receiver that verifies each signature;
a worker SIGKILLed while posting loses no delivery."""

from __future__ import annotations

import os
import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from batch.listed import SDN_CSV
from e2e.servers import AUTH, answers, clean_env, cli, free_port, start
from realparts import clean_redis, redis_url
from receivers import Receiver
from redis import Redis
from sqlalchemy import select

from service.records import records_database
from service.records.canonical import utc
from service.records.models import WebhookDelivery
from service.settings import Settings
from service.webhooks.deliver import sweep

pytestmark = pytest.mark.e2e

REDIS_URL = redis_url(10)
LISTED = {"name": "BANCO NACIONAL DE CUBA", "entity_type": "organization"}


@pytest.fixture
def lists_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "lists" / "ofac_sdn"
    folder.mkdir(parents=True)
    (folder / "sdn.csv").write_text(SDN_CSV)
    return folder.parent


def register(base: str, receiver: Receiver, events: list[str]) -> dict:
    body = {"url": receiver.url, "events": events}
    made = requests.post(f"{base}/v1/webhooks", json=body, headers=AUTH, timeout=10)
    assert made.status_code == 201, made.text
    receiver.secret = made.json()["secret"]
    return made.json()


def wait_for(what: str, check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while not (result := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return result


def test_gunicorn_delivers_an_alert_to_a_verifying_receiver(
    tmp_path: Path, lists_dir: Path
) -> None:
    settings = {"SCREENING_LISTS_DIR": str(lists_dir), "SCREENING_WEBHOOKS_ALLOW_HTTP": "true"}
    server = start(tmp_path, settings)
    try:
        with Receiver() as receiver:
            register(server.url, receiver, ["alert.created"])
            answer = requests.post(f"{server.url}/v1/screen", json=LISTED, headers=AUTH, timeout=10)
            alert_id = answer.headers["Screening-Alert"]
            wait_for("the delivery", lambda: receiver.received)
        [got] = receiver.received
        assert got.verified, server.tail()
        assert got.body["type"] == "alert.created" and got.body["data"]["alert_id"] == alert_id
    finally:
        server.stop()


@pytest.fixture
def redis_conn():
    with clean_redis(REDIS_URL) as conn:
        yield conn


def test_a_worker_killed_while_posting_loses_no_delivery(
    tmp_path: Path, lists_dir: Path, redis_conn: Redis
) -> None:
    data = tmp_path / "data"
    env = clean_env({
        "SCREENING_LISTS_DIR": str(lists_dir),
        "SCREENING_DATA_DIR": str(data),
        "SCREENING_REDIS_URL": REDIS_URL,
        "SCREENING_REDIS_PREFIX": "t-hooks",
        "SCREENING_WEBHOOKS_ALLOW_HTTP": "true",
    })  # fmt: skip
    base = f"http://127.0.0.1:{free_port()}"
    logs = {name: (tmp_path / f"{name}.log").open("w+") for name in ("server", "worker")}
    server = cli(["serve", "--bind", base.removeprefix("http://"), "--workers", "1"], env,
                 logs["server"])  # fmt: skip
    worker = cli(["worker", "--name", "hooks"], env, logs["worker"])
    try:
        wait_for("the server", lambda: answers(f"{base}/readyz"), timeout=120)
        with Receiver(hang=True) as receiver:
            register(base, receiver, ["alert.created"])
            requests.post(f"{base}/v1/screen", json=LISTED, headers=AUTH, timeout=10)
            wait_for("the worker to post", lambda: receiver.received, timeout=120)
            os.kill(worker.pid, signal.SIGKILL)  # mid-delivery: no answer recorded
            worker.wait()
            receiver.hang = False
            receiver.release.set()
            settings = Settings(data_dir=data, webhooks_allow_http=True)
            db = records_database(settings)
            with db.session() as session:
                [row] = session.scalars(select(WebhookDelivery)).all()
            assert (row.status, row.attempts) == ("pending", 0) and row.claimed_until
            # Once the dead worker's lease has passed, the sweep takes it again.
            later = utc(row.claimed_until) + timedelta(seconds=1)
            assert sweep(db, settings, later) == ["delivered"]
            db.dispose()
        first, second = receiver.received
        assert first.verified and second.verified
        assert first.body["id"] == second.body["id"]  # the same event: the receiver dedupes
    finally:
        for proc in (server, worker):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=30)
        for log in logs.values():
            log.close()
