"""Batch screening throughput and memory: the ``screening file`` CLI and the API on Redis.

For each file size it generates a seeded customer file (``make_batch_file.py``) and
screens it against every list in ``../shared/data/lists``:

* CLI: ``screening file IN -o OUT --workers N`` (lists loaded once, forked pool);
* API: a real ``screening serve`` (gunicorn) plus N ``screening worker`` processes on
  Redis (DB 13, prefix ``bench``): upload, poll until done, download the results.

Rows/s count screening only (after the lists are loaded): for the CLI from its own
summary line, for the API from the batch status (upload to last chunk, so the upload
and split are included). Memory is the peak of the summed PSS of the processes involved
(PSS splits shared copy-on-write pages fairly), sampled every second; "main" is the
process that reads and writes the file (CLI parent, API server). Run two sizes to see
whether memory stays flat as the file grows.

    python bench/batch.py --sizes 50000,200000 --workers 2 [--modes cli,api]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from gunicorn_server import free_port, memory_kb
from make_batch_file import generate
from names import LISTS_DIR, require_shared

REPO = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
"""The API mode flushes this database; set BENCH_REDIS_URL to use another Redis."""


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


class PeakPss:
    """Samples PSS of some process trees in a thread; keeps the peaks (kB): of the
    whole trees, and of the first root alone (the CLI's reader/writer, the API server)."""

    def __init__(self, roots: list[int]) -> None:
        self.roots, self.peak, self.peak_first, self._stop = roots, 0, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for root in self.roots:
                for pid in tree(root):
                    try:
                        pss = memory_kb(pid).get("Pss", 0)
                    except OSError:
                        continue
                    total += pss
                    if pid == self.roots[0]:
                        self.peak_first = max(self.peak_first, pss)
            self.peak = max(self.peak, total)
            time.sleep(1.0)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def env_for(lists_dir: Path, tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")}
    env.update(SCREENING_LISTS_DIR=str(lists_dir), SCREENING_DATA_DIR=str(tmp / "data"))
    env.update(extra)
    return env


def run_cli(path: Path, rows: int, workers: int, lists_dir: Path, tmp: Path) -> dict:
    out = tmp / "results.csv"
    cmd = [sys.executable, "-m", "service.cli", "file", str(path), "-o", str(out)]
    cmd += ["--workers", str(workers)]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env_for(lists_dir, tmp), stderr=subprocess.PIPE,
                            text=True)  # fmt: skip
    sampler = PeakPss([proc.pid])
    _, err = proc.communicate()
    peak = sampler.stop()
    if proc.returncode:
        raise SystemExit(f"CLI failed:\n{err}")
    summary = re.search(r"screened ([\d,]+) rows in ([\d,.]+) s \(([\d,]+) rows/s\): (.*)", err)
    assert summary, err
    written = sum(1 for _ in out.open(encoding="utf-8")) - 1
    assert written == rows, (written, rows)
    return {
        "mode": f"CLI --workers {workers}",
        "rows": rows,
        "rows_per_s": float(summary.group(3).replace(",", "")),
        "screen_s": float(summary.group(2).replace(",", "")),
        "wall_s": time.monotonic() - started,
        "peak_pss_mb": peak / 1024,
        "main_pss_mb": sampler.peak_first / 1024,
        "outcome": summary.group(4),
    }


def run_api(path: Path, rows: int, workers: int, lists_dir: Path, tmp: Path) -> dict:
    from redis import Redis

    redis = Redis.from_url(REDIS_URL)
    redis.flushdb()
    url = f"http://127.0.0.1:{free_port()}"
    env = env_for(lists_dir, tmp, SCREENING_REDIS_URL=REDIS_URL, SCREENING_REDIS_PREFIX="bench")
    base = [sys.executable, "-m", "service.cli"]
    procs = [
        subprocess.Popen([*base, "serve", "--bind", url[7:], "--workers", "1"], cwd=REPO,
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ]  # fmt: skip
    procs += [
        subprocess.Popen([*base, "worker", "--name", f"bench-{i}"], cwd=REPO, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for i in range(workers)
    ]  # fmt: skip
    try:
        _wait(lambda: _ready(url) and len(redis.keys("rq:worker:bench-*")) == workers, 600)
        time.sleep(2)  # workers register before they finish loading; let them settle
        sampler = PeakPss([p.pid for p in procs])
        with path.open("rb") as handle:
            resp = requests.post(f"{url}/v1/batches", files={"file": (path.name, handle)})
        resp.raise_for_status()
        location = url + resp.headers["Location"]
        status = _wait(lambda: _finished(location), 7200, interval=1.0)
        peak = sampler.stop()
        assert status["state"] == "done" and status["rows_done"] == rows, status
        started = time.monotonic()
        body = requests.get(url + status["results"], stream=True)
        written = sum(chunk.count(b"\n") for chunk in body.iter_content(1 << 16)) - 1
        assert written == rows, (written, rows)
        elapsed = status["finished_at"] - status["created_at"]
        return {
            "mode": f"API + {workers} workers",
            "rows": rows,
            "rows_per_s": rows / elapsed,
            "screen_s": elapsed,
            "wall_s": elapsed,
            "peak_pss_mb": peak / 1024,
            "main_pss_mb": sampler.peak_first / 1024,
            "outcome": f"{status['hits']:,} hits, {status['errors']:,} errors "
            f"{json.dumps(status['decisions'])}; results downloaded in "
            f"{time.monotonic() - started:.1f} s",
        }
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        redis.flushdb()


def _ready(url: str) -> bool:
    try:
        return requests.get(f"{url}/readyz", timeout=2).status_code == 200
    except requests.ConnectionError:
        return False


def _finished(location: str) -> dict | None:
    status = requests.get(location, timeout=10).json()
    return status if status["state"] not in ("queued", "running") else None


def _wait(check, timeout: float, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise SystemExit("timed out")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200000", help="Comma-separated row counts.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", default="cli,api")
    parser.add_argument("--lists-dir", type=Path, default=LISTS_DIR)
    args = parser.parse_args()
    require_shared()
    sizes = [int(s) for s in args.sizes.split(",")]
    modes = args.modes.split(",")
    print(f"command: {sys.executable} bench/batch.py --sizes {args.sizes} "
          f"--workers {args.workers} --modes {args.modes}")  # fmt: skip
    print(f"lists:   {args.lists_dir.resolve()}; load average {os.getloadavg()[0]:.2f}")
    results = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for rows in sizes:
            path = tmp / f"customers-{rows}.csv"
            truth = generate(rows, path, 0.02, 20261127)
            print(f"\nfile: {rows:,} rows, {truth['listed_rows']:,} list-derived (seed 20261127)")
            for mode in modes:
                run = run_cli if mode == "cli" else run_api
                result = run(path, rows, args.workers, args.lists_dir, tmp)
                results.append(result)
                print(_line(result), flush=True)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


def _line(r: dict) -> str:
    return (
        f"{r['mode']:20} {r['rows']:>9,} rows  {r['rows_per_s']:>8,.0f} rows/s  "
        f"screening {r['screen_s']:>7.1f} s  wall {r['wall_s']:>7.1f} s  "
        f"peak PSS {r['peak_pss_mb']:>6.0f} MB (main {r['main_pss_mb']:>4.0f})  | {r['outcome']}"
    )


if __name__ == "__main__":
    main()
