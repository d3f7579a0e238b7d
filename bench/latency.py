"""Latency of ``POST /v1/screen`` through a real gunicorn, over 1,000 varied names.

Starts ``screening serve`` (gunicorn, preload, 2 workers by default) over every shared
list, warms it up, then sends each name once from one client on a kept-alive HTTP
connection and times each request end to end (client side). Names: list names,
misspelt list names and real negatives (``bench/names.py``).

Every screening is written to the records store before it is answered, so the run
reports, in the same minutes: ``GET /healthz`` (the service's own floor), then
``/v1/screen`` with records on SQLite (the embedded default) and on PostgreSQL (a fresh
database, created and dropped here), each on its own server with a bootstrap key.
Target on SQLite: p50 <= 3x and p95 <= 6x healthz.

    python bench/latency.py [--names 1000] [--workers 2] [--clients 1]
    python bench/latency.py --databases sqlite          # skip PostgreSQL
    python bench/latency.py --in-process   # the same names without HTTP, to split the cost
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from gunicorn_server import start_ready
from names import LISTS_DIR, QueryName, varied_names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=1, help="concurrent connections")
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--lists-dir", type=Path, default=LISTS_DIR)
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="records stores to measure, in order"
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "SCREENING_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432"
        ),
        help="PostgreSQL server (a database is created there for the run and dropped)",
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="time Screener.screen and the Flask app (test client) in this process instead",
    )
    args = parser.parse_args()

    # Warm-up names are not timed again: the timed names are unseen by the server, so
    # its name memo (SCREENING_NAME_MEMO) does not flatter the figures.
    names = varied_names(args.names + args.warmup)
    warmup, queries = names[: args.warmup], names[args.warmup :]
    if args.in_process:
        in_process(args, warmup, queries)
        return
    figures: dict[str, list[float]] = {}
    for database in args.databases.split(","):
        with records_store(database, args.postgres) as env:
            server, _ = start_ready(args.lists_dir, args.workers, extra_env=env)
            try:
                run_client(server.host, server.port, warmup)
                if not figures:  # the floor, on the first server, in the same minutes
                    health = run_clients(server.host, server.port, queries, args.clients, HEALTH)
                    figures["GET /healthz"] = [ms for _, ms, _ in health]
                started = time.perf_counter()
                results = run_clients(server.host, server.port, queries, args.clients)
                wall = time.perf_counter() - started
            finally:
                server.stop()
        report(args, results, wall, f"records on {database}")
        figures[f"/v1/screen, records on {database}"] = [ms for _, ms, _ in results]
    compare(figures)


BENCH_KEY = "ssk_bench-latency-admin-key-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {BENCH_KEY}"}
SCREEN = ("POST", "/v1/screen")
HEALTH = ("GET", "/healthz")


@contextlib.contextmanager
def records_store(database: str, postgres: str) -> Iterator[dict[str, str]]:
    """Settings of a fresh data folder, and for PostgreSQL a fresh, migrated database."""
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as data:
        env = {"SCREENING_DATA_DIR": data, "SCREENING_BOOTSTRAP_KEY": BENCH_KEY}
        if database == "sqlite":
            env["SCREENING_DATABASE_URL"] = ""
            yield env
            return
        with postgres_database(postgres) as url:
            yield {**env, "SCREENING_DATABASE_URL": url}


@contextlib.contextmanager
def postgres_database(server: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    from service.records import RecordsDatabase, upgrade

    name = f"bench_latency_{os.getpid()}"
    admin_dsn = make_url(server).set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin_dsn.render_as_string(hide_password=False), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = make_url(server).set(database=name).render_as_string(hide_password=False)
            db = RecordsDatabase(url)
            upgrade(db)  # as `screening db upgrade` would
            db.dispose()
            yield url
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def compare(figures: dict[str, list[float]]) -> None:
    """Each path's p50/p95 beside healthz's, as multiples (the recording target)."""
    floor = sorted(figures["GET /healthz"])
    base50, base95 = _pct(floor, 50), _pct(floor, 95)
    print(f"\n{'path':34} {'p50 ms':>8} {'p95 ms':>8} {'p50 x':>6} {'p95 x':>6}")
    for label, values in figures.items():
        values = sorted(values)
        p50, p95 = _pct(values, 50), _pct(values, 95)
        print(f"{label:34} {p50:>8.2f} {p95:>8.2f} {p50 / base50:>6.1f} {p95 / base95:>6.1f}")
    print("target on SQLite: p50 <= 3x and p95 <= 6x healthz")


def in_process(args: argparse.Namespace, warmup: list[QueryName], queries: list[QueryName]) -> None:
    """Per-name time of the service layer alone and of the whole Flask app, no sockets.
    Both layers screen the same names, so the name memo is off (the second would only
    read the first one's answers)."""
    from service.api import create_app
    from service.api.auth import get_auth
    from service.auth import create_key
    from service.screening import Screener, ScreenRequest
    from service.settings import Settings
    from service.store import load_catalog

    data = Path(tempfile.mkdtemp(prefix="bench-latency-"))  # records on SQLite, here
    settings = Settings(lists_dir=args.lists_dir, name_memo=0, data_dir=data)
    catalog = load_catalog(settings)
    screener = Screener(catalog, settings)
    app = create_app(settings, catalog)
    auth = get_auth(app)
    _, key = create_key(auth.db, auth.secret, tenant="default", role="screener")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    steps = {
        "screener": lambda q: screener.screen(ScreenRequest(name=q.name)),
        "flask app": lambda q: client.post("/v1/screen", json={"name": q.name}),
    }
    rounds = 20_000
    auth.keys.authenticate(key)  # the first lookup reads the database; then the cache
    t0 = time.perf_counter()
    for _ in range(rounds):
        auth.keys.authenticate(key)
    key_us = (time.perf_counter() - t0) / rounds * 1e6
    print(f"command: python bench/latency.py --names {args.names} --in-process (name memo off)")
    print(f"API key check (HMAC-SHA256 + cached row + expiry/revocation): {key_us:.1f} us")
    print("load average (1/5/15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"\n{'layer':10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8}")
    for label, step in steps.items():
        for query in warmup:
            step(query)
        times = []
        for query in queries:
            t0 = time.perf_counter()
            step(query)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(
            f"{label:10} {_pct(times, 50):>8.2f} {_pct(times, 95):>8.2f} "
            f"{_pct(times, 99):>8.2f} {statistics.fmean(times):>8.2f}"
        )


def run_clients(
    host: str, port: int, queries: list[QueryName], clients: int, call: tuple = SCREEN
) -> list:
    shares = [queries[i::clients] for i in range(clients)]
    results: list[list] = [[] for _ in range(clients)]
    threads = [
        threading.Thread(
            target=lambda i=i: results[i].extend(run_client(host, port, shares[i], call))
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [r for part in results for r in part]


def run_client(
    host: str, port: int, queries: list[QueryName], call: tuple = SCREEN
) -> list[tuple[str, float, str]]:
    """(kind, milliseconds, decision) per query, over one kept-alive connection."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"Content-Type": "application/json", **AUTH}
    method, path = call
    out = []
    for query in queries:
        body = json.dumps({"name": query.name}) if method == "POST" else None
        t0 = time.perf_counter()
        conn.request(method, path, body, headers)
        response = conn.getresponse()
        payload = response.read()
        elapsed = (time.perf_counter() - t0) * 1000
        if response.status != 200:
            raise SystemExit(f"{query.name!r}: HTTP {response.status} {payload[:200]!r}")
        out.append((query.kind, elapsed, json.loads(payload).get("decision", "")))
    conn.close()
    return out


def report(args: argparse.Namespace, results: list, wall: float, label: str) -> None:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, ms, _ in results:
        by_kind[kind].append(ms)
    by_kind["all"] = [ms for _, ms, _ in results]
    cmd = f"python bench/latency.py --names {args.names} --workers {args.workers}"
    print(f"\n== /v1/screen, {label}")
    print(f"command: {cmd} --clients {args.clients}   ({sys.executable})")
    print(
        f"lists: {args.lists_dir}; {len(results)} requests in {wall:.2f}s "
        f"= {len(results) / wall:.0f} req/s with {args.clients} client(s)"
    )
    print("load average (1/5/15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"\n{'names':10} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in ("list", "misspelt", "company", "person", "all"):
        values = sorted(by_kind.get(kind, []))
        if values:
            print(
                f"{kind:10} {len(values):>5} {_pct(values, 50):>8.2f} {_pct(values, 95):>8.2f} "
                f"{_pct(values, 99):>8.2f} {values[-1]:>8.2f}"
            )
    decisions = Counter((kind, d) for kind, _, d in results)
    print("\ndecisions: " + ", ".join(f"{k}/{d}={n}" for (k, d), n in sorted(decisions.items())))
    print(f"mean {statistics.fmean(by_kind['all']):.2f} ms")


def _pct(sorted_values: list[float], pct: float) -> float:
    index = min(len(sorted_values) - 1, round(pct / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]


if __name__ == "__main__":
    main()
