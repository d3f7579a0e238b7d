"""The alert path: screening with alert creation beside plain screening, and the queue
query on 100,000 alerts, on SQLite and on PostgreSQL.

1. ``POST /v1/screen`` in process (Flask test client, real records store, auth on with a
   real key) over our own small catalog: a name that matches nothing (the record only)
   and a listed name under a new customer id each time (record + a new alert + its chain
   link, in one transaction), interleaved in the same run. p50 and p95 of each.
2. ``list_alerts`` (what ``GET /v1/alerts`` runs) on 100,000 alerts of one tenant (plus
   20,000 of another): the default page, per status, per priority, per list, the
   second page through the cursor, the counts (read from the counts table, and for
   comparison by scanning the active alerts as before it), and the page with its counts
   (what one ``GET /v1/alerts`` runs). Target p95 <= 50 ms on both databases.

    python bench/alerts.py [--screens 400] [--alerts 100000] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType

from sqlalchemy import func, insert, select
from sqlalchemy.engine import make_url

from service.alerts.store import (
    ACTIVE,
    PRIORITY_RANK,
    AlertQuery,
    count_alerts,
    list_alerts,
    recount,
)
from service.api import create_app
from service.api.auth import get_auth
from service.auth import create_key
from service.core import build_matcher
from service.core.model import Entity, ListSnapshot
from service.records import RecordsDatabase, upgrade
from service.records.canonical import now
from service.records.models import Alert
from service.settings import Settings
from service.store import Catalog

POSTGRES = os.environ.get("SCREENING_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screens", type=int, default=400, help="of each kind")
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100, help="per query shape")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--skip-screening", action="store_true", help="only the queue")
    args = parser.parse_args()
    for backend in args.databases.split(","):
        with database(backend) as url:
            print(f"\n== {backend}")
            if not args.skip_screening:
                screening_costs(url, args.screens)
            queue_costs(url, args.alerts, args.queries)


@contextmanager
def database(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'records.db'}"
        return
    import psycopg

    name = f"j_alerts_bench_{uuid.uuid4().hex[:8]}"
    admin_url = make_url(POSTGRES).set(drivername="postgresql", database="postgres")
    admin = psycopg.connect(admin_url.render_as_string(hide_password=False), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def catalog() -> Catalog:
    entities = tuple(
        Entity(
            list="bench",
            source_id=str(i),
            entity_type="organization",
            name=name,
            countries=("CU",),
            programs=("BENCH",),
        )  # fmt: skip
        for i, name in enumerate(("BANCO NACIONAL DE CUBA", "ORIENT SHIPPING COMPANY LIMITED"))
    )
    snapshot = ListSnapshot(
        list_id="bench", version="1", entities=entities, source="bench", loaded_at="",
        sample=False, name_count=len(entities),
    )  # fmt: skip
    return Catalog(
        snapshots=MappingProxyType({"bench": snapshot}),
        matcher=build_matcher(entities),
        loaded_at="",
    )


def screening_costs(url: str, n: int) -> None:
    db = RecordsDatabase(url)
    upgrade(db)
    db.dispose()
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data), database_url=url)
        app = create_app(settings, catalog())
        auth = get_auth(app)
        _, key = create_key(auth.db, auth.secret, tenant="bench", role="admin", name="bench")
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        plain, alerted = [], []
        for i in range(n + 20):
            t = time.perf_counter()
            clear = client.post("/v1/screen", json={"name": f"Harmless Bakery {i}"})
            t2 = time.perf_counter()
            hit = client.post(
                "/v1/screen", json={"name": "Banco Nacional de Cuba", "customer_id": f"C{i}"}
            )
            t3 = time.perf_counter()
            assert clear.get_json()["decision"] == "clear" and "Screening-Alert" in hit.headers
            if i >= 20:  # warm-up
                plain.append((t2 - t) * 1000)
                alerted.append((t3 - t2) * 1000)
        auth.db.dispose()
    report("POST /v1/screen, clear (record only)", plain)
    report("POST /v1/screen, block (record + new alert)", alerted)
    print(
        f"  alert creation adds p50 {statistics.median(alerted) - statistics.median(plain):.2f} ms"
    )


def queue_costs(url: str, total: int, queries: int) -> None:
    db = RecordsDatabase(url)
    upgrade(db)
    t = time.perf_counter()
    fill(db, "acme", total)
    fill(db, "globex", total // 5)
    with db.engine.begin() as connection:  # the bulk load bypassed open_or_join
        recount(connection)
    print(f"  filled {total} + {total // 5} alerts in {time.perf_counter() - t:.0f} s")
    settle(db)
    first = list_alerts(db, "acme", AlertQuery())[1]
    shapes: dict[str, Callable[[], object]] = {
        "default page (priority, due)": lambda: list_alerts(db, "acme", AlertQuery()),
        "status=open": lambda: list_alerts(db, "acme", AlertQuery(status="open")),
        "status=pending_approval": lambda: list_alerts(
            db, "acme", AlertQuery(status="pending_approval")
        ),
        "priority=high": lambda: list_alerts(db, "acme", AlertQuery(priority="high")),
        "priority=low": lambda: list_alerts(db, "acme", AlertQuery(priority="low")),
        "list=list_7": lambda: list_alerts(db, "acme", AlertQuery(list="list_7")),
        "page 2 (cursor)": lambda: list_alerts(db, "acme", AlertQuery(cursor=first)),
        "counts per status and priority": lambda: count_alerts(db, "acme"),
        "counts by a scan (as before)": lambda: scanned_counts(db, "acme"),
        "GET /v1/alerts's work (page + counts)": lambda: (
            list_alerts(db, "acme", AlertQuery()),
            count_alerts(db, "acme"),
        ),
    }
    for name, run in shapes.items():
        times = []
        for _ in range(queries):
            t = time.perf_counter()
            run()
            times.append((time.perf_counter() - t) * 1000)
        report(f"queue {name}", times, target=50.0)
    db.dispose()


def scanned_counts(db: RecordsDatabase, tenant: str) -> list:
    """The counts as ``count_alerts`` read them before the counts table: a GROUP BY over
    the tenant's active alerts through ``ix_alerts_queue`` (shown for comparison)."""
    with db.session() as session:
        return session.execute(
            select(Alert.status, Alert.priority_rank, func.count())
            .where(Alert.tenant == tenant, Alert.status.in_(ACTIVE))
            .group_by(Alert.status, Alert.priority_rank)
        ).all()


def settle(db: RecordsDatabase) -> None:
    """The table as it stands in service, not straight after a bulk load: on PostgreSQL,
    ``VACUUM ANALYZE`` (what autovacuum does to a table this size soon after a load) sets
    the statistics and the visibility map. Without the visibility map the counts cannot
    be an index-only scan and the planner reads the whole table instead (about 120 ms
    here); a freshly loaded table is not what an officer's queue reads."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE alerts")


def fill(db: RecordsDatabase, tenant: str, total: int) -> None:
    rng = random.Random(7)
    start = now() - timedelta(days=90)
    statuses = ("open",) * 5 + ("in_review",) * 2 + ("pending_approval",) + ("closed",) * 12
    batch = []
    for i in range(total):
        priority = rng.choice(("high", "medium", "medium", "low"))
        created = start + timedelta(seconds=i * 60)
        listed = f"list_{rng.randrange(12)}"
        batch.append(
            {
                "alert_id": f"alr_{uuid.uuid4().hex}",
                "tenant": tenant,
                "screening_id": uuid.uuid4().hex,
                "source": rng.choice(("screen", "transaction", "batch")),
                "subject_name": f"SUBJECT {i}",
                "subject_key": uuid.uuid4().hex,
                "match_key": uuid.uuid4().hex,
                "decision": "block" if priority == "high" else "review",
                "priority": priority,
                "priority_rank": PRIORITY_RANK[priority],
                "lists": f" {listed} ",
                "matches": json.dumps([{"list": listed, "source_id": str(i)}]),
                "rule_hits": "[]",
                "status": rng.choice(statuses),
                "created_at": created,
                "due_at": created + timedelta(hours=24),
                "updated_at": created,
                "screenings": 1,
            }
        )
        if len(batch) == 5000:
            _insert(db, batch)
            batch = []
    if batch:
        _insert(db, batch)


def _insert(db: RecordsDatabase, rows: list[dict]) -> None:
    with db.engine.begin() as connection:
        connection.execute(insert(Alert), rows)


def report(label: str, times: list[float], target: float | None = None) -> None:
    times = sorted(times)
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    mark = "" if target is None else ("  ok" if p95 <= target else f"  OVER {target:.0f} ms")
    print(f"  {label:<46} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  (n={len(times)}){mark}")


if __name__ == "__main__":
    sys.exit(main())
