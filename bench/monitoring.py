"""Ongoing monitoring: import rate, customer-index memory, and the re-screen of a daily
diff against a full re-screen of the same book.

1. A customer book of ``--customers`` names: forename + surname combinations (80%) and
   real company names (19%) from ``../shared/data/eval/negatives``, plus list-name
   variants (1%: list names and aliases, some misspelt), half of them variants of the
   diff's entries so the diff has customers to find.
2. Import: the import job's write path (``book.save_many``, one statement per 2,000-row
   chunk) into a fresh SQLite file (and PostgreSQL with ``--postgres URL``): customers/s.
   Screening an imported customer is a separate cost, measured in step 4 per customer.
3. Customer index (``CustomerIndex`` over ``customer_names``), built in a fresh process:
   build time, RSS growth, and that growth per million customers. The monitor indexes
   the book ``SHARD_NAMES`` customers at a time (``search_book``), so the index it holds
   at once is at most one shard's.
4. A diff of ``--added`` + ``--changed`` entries drawn from the real lists (the entries a
   new version would add or change): reverse search for candidates (``search_book``,
   index builds included), then each candidate re-screened in full, recorded and
   alerted, exactly as ``screening monitor`` does.
5. Truth: every customer screened in full against the lists. The customers with an
   alerting match (score at the review threshold or above) on one of the diff's entries
   must be exactly those the diff re-screen found; customers with any shown match (from
   the 0.70 display threshold) on them are counted too.

    python bench/monitoring.py [--customers 100000] [--added 50] [--changed 50]
                               [--postgres postgresql+psycopg://...] [--skip-truth]
                               [--import-only] [--shard 200000]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from names import LISTS_DIR, company_names, misspell, person_names, require_shared

from service.monitoring import book
from service.monitoring.book import CustomerData
from service.monitoring.reverse import SHARD_NAMES, CustomerIndex, customer_names, search_book
from service.monitoring.runs import RunReport
from service.monitoring.screen import Monitoring, request_of, screen_customer
from service.records import RecordsDatabase, upgrade
from service.records.canonical import now
from service.screening import Screener
from service.settings import Settings
from service.store import load_catalog

TENANT = "bench"
CHUNK = 2000


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def synthesise(count: int, entries: list, listed: list, rng: random.Random) -> list[CustomerData]:
    """The book: people, companies and 1% list-name variants (half of the diff's)."""
    variants = max(count // 100, 2)
    diff_names = [a.name for e in entries for a in e.all_names()]
    names = [
        misspell(n, rng) if rng.random() < 0.5 else n
        for n in rng.choices(diff_names, k=variants // 2)
    ]
    names += [
        misspell(n, rng) if rng.random() < 0.5 else n
        for n in rng.choices(listed, k=variants - len(names))
    ]
    companies = company_names()
    names += rng.choices(companies, k=count // 5 - len(names) // 5)
    names += list(person_names(rng, count - len(names)))
    rng.shuffle(names)
    return [CustomerData(f"C{n:08d}", name.strip() or "x") for n, name in enumerate(names)]


def timed_import(db: RecordsDatabase, customers: list[CustomerData]) -> float:
    start = time.perf_counter()
    for i in range(0, len(customers), CHUNK):
        with db.engine.begin() as connection:
            book.save_many(connection, TENANT, customers[i : i + CHUNK], now())
    return len(customers) / (time.perf_counter() - start)


def measure_index_apart(url: str) -> dict:
    """Build the index in a fresh process that loads nothing else; its RSS growth."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure-index", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_index(url: str) -> None:
    db = RecordsDatabase(url)
    names = list(customer_names(db))
    gc.collect()
    before = rss_bytes()
    started = time.perf_counter()
    index = CustomerIndex(names)
    seconds = time.perf_counter() - started
    del names
    gc.collect()
    grown = rss_bytes() - before
    print(json.dumps({"index_build_s": round(seconds, 1), "index_rss_mb": round(grown / 1e6),
                      "distinct_names": index.size}))  # fmt: skip


def fresh_db(url: str) -> RecordsDatabase:
    db = RecordsDatabase(url)
    upgrade(db)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--added", type=int, default=50)
    parser.add_argument("--changed", type=int, default=50)
    parser.add_argument("--postgres", help="Also time the import on this (empty) database")
    parser.add_argument("--skip-truth", action="store_true", help="No full re-screen")
    parser.add_argument("--import-only", action="store_true", help="Stop after the import")
    parser.add_argument("--shard", type=int, default=SHARD_NAMES, help="Customers per shard")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--measure-index", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_index:
        measure_index(args.measure_index)
        return
    require_shared()
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]), flush=True)
    rng = random.Random(args.seed)
    settings = Settings(lists_dir=LISTS_DIR)
    started = time.perf_counter()
    catalog = load_catalog(settings)
    print(f"lists loaded in {time.perf_counter() - started:.1f} s: "
          f"{ {k: s.entity_count for k, s in catalog.snapshots.items()} }", flush=True)  # fmt: skip
    everyone = [e for s in catalog.snapshots.values() for e in s.entities]
    entries = rng.sample(everyone, args.added + args.changed)
    listed = [a.name for e in rng.sample(everyone, 5000) for a in e.all_names()]
    customers = synthesise(args.customers, entries, listed, rng)
    out: dict = {"customers": len(customers), "diff_entries": len(entries)}

    folder = Path(tempfile.mkdtemp(prefix="bench-monitoring-"))
    db = fresh_db(f"sqlite:///{folder / 'records.db'}")
    out["import_per_s_sqlite"] = round(timed_import(db, customers))
    print(f"import (SQLite): {out['import_per_s_sqlite']:,} customers/s", flush=True)
    if args.postgres:
        pg = fresh_db(args.postgres)
        out["import_per_s_postgresql"] = round(timed_import(pg, customers))
        print(f"import (PostgreSQL): {out['import_per_s_postgresql']:,} customers/s", flush=True)
        pg.dispose()

    del customers
    if args.import_only:
        print(json.dumps(out, indent=2))
        return
    out.update(measure_index_apart(db.url))  # a fresh process: RSS growth is the index's
    out["index_gb_per_million"] = round(out["index_rss_mb"] / 1e3 * 1e6 / args.customers, 2)
    per_million, distinct = out["index_gb_per_million"], out["distinct_names"]
    print(f"index: {out['index_build_s']} s, +{out['index_rss_mb']} MB RSS "
          f"({per_million} GB per million), {distinct:,} names", flush=True)  # fmt: skip

    ctx = Monitoring(db, Screener(catalog, settings), settings)
    keys = {e.key for e in entries}
    started = time.perf_counter()
    candidates = search_book(customer_names(db), entries, args.shard)  # as the monitor does
    out["reverse_search_s"] = round(time.perf_counter() - started, 2)
    out["shard_customers"] = args.shard
    report = RunReport("bench", now(), now(), "diff", {}, {}, {})
    started = time.perf_counter()
    review = settings.review_threshold
    found, found_hits = set(), set()
    for row in _rows(db, sorted(candidates)):
        outcome = screen_customer(ctx, TENANT, "bench", book.data_of(row))
        report.rescreened += 1
        if outcome.entries & keys:
            found.add(row.customer_id)
        if _hits(outcome.result.matches, keys, review):
            found_hits.add(row.customer_id)
    out["candidates"] = len(candidates)
    out["rescreen_s"] = round(time.perf_counter() - started, 2)
    out["diff_total_s"] = round(out["reverse_search_s"] + out["rescreen_s"], 2)
    out["customers_found"] = len(found)
    out["customers_found_alerting"] = len(found_hits)
    print(f"diff: {len(candidates)} candidates in {out['reverse_search_s']} s, re-screened "
          f"in {out['rescreen_s']} s; {len(found)} match a diff entry", flush=True)  # fmt: skip

    if not args.skip_truth:
        started = time.perf_counter()
        truth, truth_hits = set(), set()
        for row in book.iter_rows(db):
            result = ctx.screener.screen(request_of(book.data_of(row)))
            if {m.entity.key for m in result.matches} & keys:
                truth.add(row.customer_id)
            if _hits(result.matches, keys, review):
                truth_hits.add(row.customer_id)
        out["full_rescreen_s"] = round(time.perf_counter() - started, 1)
        out["truth_alerting"] = len(truth_hits)
        out["exact_alerting"] = truth_hits == found_hits
        out["missed_alerting"] = sorted(truth_hits - found_hits)
        out["truth_any_match"] = len(truth)
        out["missed_any_match"] = sorted(truth - found)
        out["extra_any_match"] = sorted(found - truth)
        print(f"full re-screen: {out['full_rescreen_s']} s; customers with an alerting match "
              f"(>= {review}) on a diff entry: {len(truth_hits)}, the diff found "
              f"{len(found_hits)}, exact: {out['exact_alerting']}; with any shown match: "
              f"{len(truth)}, the diff found {len(found & truth)}", flush=True)  # fmt: skip
    print(json.dumps(out, indent=2))


def _hits(matches, keys: set[str], review: float) -> bool:  # noqa: ANN001 - Match objects
    """A match on a diff entry at the review threshold or above: it opens an alert."""
    return any(m.entity.key in keys and m.score >= review for m in matches)


def _rows(db: RecordsDatabase, ids: list[int]) -> list:
    from sqlalchemy import select

    from service.records.models import Customer

    rows = []
    for i in range(0, len(ids), 500):
        with db.session() as session:
            rows += session.scalars(select(Customer).where(Customer.id.in_(ids[i : i + 500])))
    return rows


if __name__ == "__main__":
    main()
