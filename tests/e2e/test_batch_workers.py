"""End to end: a real ``screening serve`` (gunicorn) and two real ``screening worker``
processes on Redis; one worker is SIGKILLed mid-batch, and every input row still comes
back exactly once in the results."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
import requests
from batch.listed import SDN_CSV
from e2e.servers import AUTH, answers, clean_env, cli, free_port
from realparts import clean_redis, redis_url
from rq import Worker
from rq.job import Job
from rq.registry import FailedJobRegistry

pytestmark = pytest.mark.e2e

REDIS_URL = redis_url(14)
PREFIX = "t-e2e"
ROWS = 30_000


def customers() -> bytes:
    names = ["Harmless Bakery {i}", "BANCO NACIONAL DE CUBA", "Jane Doe {i}", "Orient Shiping Co"]
    lines = ["customer_id,name,country"]
    lines += [f"C{i},{names[i % 4].format(i=i)},FR" for i in range(ROWS)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def redis_conn():
    with clean_redis(REDIS_URL) as conn:
        yield conn


@pytest.fixture
def env(tmp_path: Path, redis_conn) -> dict[str, str]:
    lists = tmp_path / "lists" / "ofac_sdn"
    lists.mkdir(parents=True)
    (lists / "sdn.csv").write_text(SDN_CSV)
    return clean_env(
        {
            "SCREENING_LISTS_DIR": str(tmp_path / "lists"),
            "SCREENING_DATA_DIR": str(tmp_path / "data"),
            "SCREENING_REDIS_URL": REDIS_URL,
            "SCREENING_REDIS_PREFIX": PREFIX,
            "SCREENING_BATCH_CHUNK_ROWS": "2000",
        }
    )


class Processes:
    def __init__(self, tmp: Path, env: dict[str, str]) -> None:
        self.tmp, self.env, self.procs = tmp, env, {}

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.tmp / f"{name}.log").open("w+")
        proc = cli(list(args), self.env, log)
        self.procs[name] = proc
        return proc

    def output(self) -> str:
        return "\n".join(f"--- {n}\n{(self.tmp / f'{n}.log').read_text()}" for n in self.procs)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def procs(tmp_path: Path, env):
    p = Processes(tmp_path, env)
    yield p
    p.stop()


def wait_for(what: str, check, procs: Processes, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        for name, proc in procs.procs.items():
            if proc.poll() is not None and name != "worker-a":
                pytest.fail(f"{name} exited with {proc.returncode}:\n{procs.output()}")
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}:\n{procs.output()}")


@pytest.mark.parametrize("layout", ["two worker processes", "one worker forking two"])
def test_killed_worker_loses_no_row_and_counts_none_twice(procs, redis_conn, layout) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    procs.start("server", "serve", "--bind", url.removeprefix("http://"), "--workers", "1")
    worker_args = ["--abandon-after", "3", "--maintenance-interval", "1"]
    if layout == "two worker processes":
        procs.start("worker-a", "worker", "--name", "worker-a", *worker_args)
        procs.start("worker-b", "worker", "--name", "worker-b", *worker_args)
    else:  # the supervisor replaces the killed child
        procs.start("workers", "worker", "--processes", "2", "--name", "w", *worker_args)

    wait_for("the server", lambda: answers(f"{url}/readyz"), procs)
    wait_for("both workers", lambda: len(Worker.all(connection=redis_conn)) == 2, procs)
    victim = min(Worker.all(connection=redis_conn), key=lambda w: w.name)

    files = {"file": ("customers.csv", customers(), "text/csv")}
    resp = requests.post(f"{url}/v1/batches", files=files, headers=AUTH, timeout=60)
    assert resp.status_code == 202, resp.text
    location = url + resp.headers["Location"]

    def victim_job() -> str | None:
        worker = Worker.find_by_key(victim.key, connection=redis_conn)
        return worker.get_current_job_id() if worker else None

    killed_job = wait_for(f"{victim.name} to be mid-chunk", victim_job, procs)
    os.kill(victim.pid, signal.SIGKILL)

    def finished():
        resp = requests.get(location, headers=AUTH, timeout=5)
        assert resp.status_code == 200, f"{resp.status_code} {resp.text}\n{procs.output()}"
        status = resp.json()
        return status if status["state"] not in ("queued", "running") else None

    status = wait_for("the batch to finish", finished, procs, timeout=180)
    assert status["state"] == "done", status

    # The killed chunk is retried by worker-b once its heartbeat expires, even when
    # worker-a had stored its result just before dying; the retry must not count again.
    def retried() -> bool:  # a chunk job that succeeds is deleted (result_ttl=0)
        return not Job.exists(killed_job, connection=redis_conn)

    wait_for("the killed chunk to be retried", retried, procs, timeout=60)
    assert FailedJobRegistry(PREFIX + ":batch-chunks", connection=redis_conn).count == 0
    status = requests.get(location, headers=AUTH, timeout=5).json()
    assert status["state"] == "done", status
    assert status["rows_total"] == status["rows_done"] == ROWS
    assert sum(status["decisions"].values()) == ROWS

    body = requests.get(url + status["results"], headers=AUTH, timeout=60).text
    rows = list(csv.DictReader(io.StringIO(body)))
    lines = Counter(int(r["screening_line"]) for r in rows)
    assert len(rows) == ROWS
    assert sorted(lines) == list(range(2, ROWS + 2)) and set(lines.values()) == {1}
    assert Counter(r["customer_id"] for r in rows) == Counter(f"C{i}" for i in range(ROWS))
    decisions = Counter(r["screening_decision"] for r in rows)
    assert decisions == Counter(status["decisions"])
    assert decisions["block"] + decisions["review"] >= ROWS // 4  # BANCO NACIONAL DE CUBA rows
