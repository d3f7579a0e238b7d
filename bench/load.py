"""Throughput and latency under concurrent clients, and a soak that watches worker memory.

Starts a real ``screening serve`` (gunicorn, preload) over every shared list, then drives
``POST /v1/screen`` (varied names from ``bench/names.py``) and ``POST /v1/screen/transaction``
(the redflags.md scenarios of ``tests/transaction_scenarios.py``) from one asyncio client
process holding N kept-alive connections (closed loop: each connection sends its next
request when the last answer arrives).

    python bench/load.py --clients 1,8,32,64 --seconds 20
    python bench/load.py --soak 600 --soak-share 0.8     # 10 minutes at 80 % of the peak

The soak paces requests (open loop) at a share of the peak measured first, and prints the
PSS of the master and each worker every minute: the workers' memory must level off.
The client shares the server's two cores, so the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from gunicorn_server import Server, memory_kb, start_ready
from names import LISTS_DIR, varied_names

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from transaction_scenarios import SCENARIOS  # noqa: E402

BENCH_KEY = "bench-" + "k" * 40
"""The bootstrap key the bench server starts with (servers without auth ignore it)."""


def bodies(endpoint: str, count: int) -> list[bytes]:
    """Request bodies for an endpoint, cycled by the clients."""
    if endpoint == "screen":
        return [json.dumps({"name": q.name}).encode() for q in varied_names(count)]
    return [json.dumps(s.request).encode() for s in SCENARIOS]


PATHS = {"screen": "/v1/screen", "transaction": "/v1/screen/transaction"}


class Tally:
    """Latencies (ms) and status counts of one measured run."""

    def __init__(self) -> None:
        self.ms: list[float] = []
        self.statuses: dict[int, int] = {}
        self.errors = 0

    def add(self, status: int, ms: float) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == 200:
            self.ms.append(ms)


async def request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str, body: bytes
) -> int:
    """One HTTP/1.1 POST on a kept-alive connection; returns the status."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {BENCH_KEY}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    writer.write(head.encode() + body)
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def client(
    server: Server,
    path: str,
    payloads: list[bytes],
    start: int,
    until: float,
    tally: Tally,
    pace: float | None = None,
) -> None:
    """One connection: closed loop, or paced at one request every ``pace`` seconds."""
    reader, writer = await asyncio.open_connection(server.host, server.port)
    i = start
    next_at = time.perf_counter()
    try:
        while time.perf_counter() < until:
            if pace is not None:
                next_at += pace
                delay = next_at - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            body = payloads[i % len(payloads)]
            i += 1
            t0 = time.perf_counter()
            try:
                status = await request(reader, writer, path, body)
            except (ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError):
                tally.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(server.host, server.port)
                continue
            tally.add(status, (time.perf_counter() - t0) * 1000)
    finally:
        writer.close()


async def run(
    server: Server,
    path: str,
    payloads: list[bytes],
    clients: int,
    seconds: float,
    rate: float | None = None,
) -> tuple[Tally, float]:
    tally = Tally()
    started = time.perf_counter()
    until = started + seconds
    pace = clients / rate if rate else None
    step = max(1, len(payloads) // clients)
    await asyncio.gather(
        *(client(server, path, payloads, c * step, until, tally, pace) for c in range(clients))
    )
    return tally, time.perf_counter() - started


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0


def line(endpoint: str, clients: int, tally: Tally, wall: float) -> str:
    rps = len(tally.ms) / wall
    others = {s: n for s, n in tally.statuses.items() if s != 200}
    return (
        f"{endpoint:12} {clients:>7} {rps:>8.0f} {pct(tally.ms, 50):>8.2f} "
        f"{pct(tally.ms, 95):>8.2f} {pct(tally.ms, 99):>8.2f} {pct(tally.ms, 100):>8.2f}"
        f"  non-200={others or 0} errors={tally.errors}"
    )


def pss_mb(server: Server) -> list[float]:
    return [memory_kb(pid).get("Pss", 0) / 1024 for pid in server.pids()]


async def soak(server: Server, payloads: list[bytes], rate: float, seconds: float) -> None:
    """Paced load for ``seconds``; PSS of every process each minute."""
    print(f"\nsoak: {rate:.0f} req/s on /v1/screen for {seconds:.0f}s, 16 connections")
    print(f"{'minute':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7}  PSS MB (master, workers)")
    minutes = max(1, round(seconds / 60))
    for minute in range(1, minutes + 1):
        tally, wall = await run(server, PATHS["screen"], payloads, 16, seconds / minutes, rate)
        mem = ", ".join(f"{m:.0f}" for m in pss_mb(server))
        print(
            f"{minute:>6} {len(tally.ms) / wall:>7.0f} {pct(tally.ms, 50):>7.2f} "
            f"{pct(tally.ms, 95):>7.2f} {pct(tally.ms, 99):>7.2f}  {mem}"
            f"  non-200={ {s: n for s, n in tally.statuses.items() if s != 200} or 0 }"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1,8,32,64")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--endpoints", default="screen,transaction")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--lists-dir", type=Path, default=LISTS_DIR)
    parser.add_argument("--soak", type=float, default=0, help="soak seconds after the sweep")
    parser.add_argument("--soak-share", type=float, default=0.8)
    args = parser.parse_args()
    os.environ.setdefault("SCREENING_BOOTSTRAP_KEY", BENCH_KEY)
    # A fresh data folder: the bootstrap key is only made where no key exists yet.
    os.environ.setdefault("SCREENING_DATA_DIR", tempfile.mkdtemp(prefix="bench-load-"))
    print(f"command: python bench/load.py {' '.join(sys.argv[1:])}   ({sys.executable})")
    server, ready = start_ready(args.lists_dir, args.workers)
    print(f"server ready in {ready:.1f}s, {args.workers} workers, lists {args.lists_dir}")
    print("load average (1/5/15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    peak = 0.0
    try:
        screen_bodies = bodies("screen", 5000)
        print(
            f"\n{'endpoint':12} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'p99 ms':>8} {'max ms':>8}"
        )
        for endpoint in args.endpoints.split(","):
            payloads = screen_bodies if endpoint == "screen" else bodies(endpoint, 0)
            asyncio.run(run(server, PATHS[endpoint], payloads, 4, 3))  # warm-up
            for clients in map(int, args.clients.split(",")):
                tally, wall = asyncio.run(
                    run(server, PATHS[endpoint], payloads, clients, args.seconds)
                )
                print(line(endpoint, clients, tally, wall), flush=True)
                if endpoint == "screen":
                    peak = max(peak, len(tally.ms) / wall)
        if args.soak and peak:
            asyncio.run(soak(server, screen_bodies, peak * args.soak_share, args.soak))
    finally:
        server.stop()
    print(f"mean load average after: {statistics.fmean(os.getloadavg()):.2f}")


if __name__ == "__main__":
    main()
