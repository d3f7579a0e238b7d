"""End to end: Redis stopped and restarted mid-batch (a real redis-server of our own,
with an append-only file); the batch carries on and every row comes back exactly once."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
import requests
from e2e.servers import AUTH, answers, free_port
from e2e.test_batch_workers import Processes, customers, wait_for
from realparts import missing
from redis import Redis
from rq import Worker

pytestmark = pytest.mark.e2e

ROWS = 30_000


class OwnRedis:
    """A redis-server on a free port that survives restarts through its AOF."""

    def __init__(self, tmp: Path) -> None:
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            missing("redis-server is not installed")
        self.port, self.dir = free_port(), tmp / "redis"
        self.dir.mkdir()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = ["--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
                "--appendonly", "yes", "--appendfsync", "always", "--save", ""]  # fmt: skip
        self.process = subprocess.Popen([self.binary, *args], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if Redis.from_url(self.url).ping():
                    return
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.1)
        pytest.fail("own redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture
def own_redis(tmp_path: Path):
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def test_redis_restarted_mid_batch_loses_no_row_and_counts_none_twice(
    tmp_path: Path, own_redis: OwnRedis
) -> None:
    from batch.listed import SDN_CSV
    from e2e.servers import clean_env

    lists = tmp_path / "lists" / "ofac_sdn"
    lists.mkdir(parents=True)
    (lists / "sdn.csv").write_text(SDN_CSV)
    env = clean_env({
        "SCREENING_LISTS_DIR": str(tmp_path / "lists"),
        "SCREENING_DATA_DIR": str(tmp_path / "data"),
        "SCREENING_REDIS_URL": own_redis.url,
        "SCREENING_BATCH_CHUNK_ROWS": "1000",
    })  # fmt: skip
    procs = Processes(tmp_path, env)
    try:
        url = f"http://127.0.0.1:{free_port()}"
        procs.start("server", "serve", "--bind", url.removeprefix("http://"), "--workers", "1")
        procs.start("workers", "worker", "--processes", "2", "--name", "w",
                    "--abandon-after", "3", "--maintenance-interval", "1")  # fmt: skip
        conn = Redis.from_url(own_redis.url)
        wait_for("the server", lambda: answers(f"{url}/readyz"), procs)
        wait_for("both workers", lambda: len(Worker.all(connection=conn)) == 2, procs)

        files = {"file": ("customers.csv", customers(), "text/csv")}
        resp = requests.post(f"{url}/v1/batches", files=files, headers=AUTH, timeout=60)
        assert resp.status_code == 202, resp.text
        location = url + resp.headers["Location"]

        def rows_done() -> bool:
            return requests.get(location, headers=AUTH, timeout=5).json()["rows_done"] > 0

        wait_for("rows to be screened", rows_done, procs)

        before = requests.get(location, headers=AUTH, timeout=5).json()
        own_redis.stop()
        assert before["rows_done"] < ROWS, "the batch finished before Redis was stopped"
        down = requests.get(location, headers=AUTH, timeout=15)
        assert down.status_code == 503 and "Retry-After" in down.headers
        time.sleep(3)
        own_redis.start()

        def finished():
            status = requests.get(location, headers=AUTH, timeout=5).json()
            return status if status["state"] not in ("queued", "running") else None

        status = wait_for("the batch to finish", finished, procs, timeout=300)
        assert status["state"] == "done", status
        assert status["rows_total"] == status["rows_done"] == ROWS
        body = requests.get(url + status["results"], headers=AUTH, timeout=60).text
        rows = list(csv.DictReader(io.StringIO(body)))
        lines = Counter(int(r["screening_line"]) for r in rows)
        assert len(rows) == ROWS and set(lines.values()) == {1}
        assert sorted(lines) == list(range(2, ROWS + 2))
    finally:
        procs.stop()
