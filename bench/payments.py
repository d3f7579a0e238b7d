"""Payment-message screening: throughput, latency, free-text speed, recall, alert rate.

In-process (``PaymentScreener`` over every shared list):
- messages/s and per-message percentiles for clean and dirty pacs.008.001.08 messages
  (one transaction, eight parties, a 140-character remittance line);
- free-text fields/s: the scanner alone on 140-character remittance lines;
- recall: listed names (people, organisations; vessels as "MV <name>"), half of them
  with a typing slip, planted in clean remittance lines: found with the right entity?
- alert rate: clean remittance lines (invoice, payroll, trade wording, never list names)
  with any name, vessel, BIC, IMO or sanctioned-country hit, or a blocking place.

Through gunicorn (``--server``): ``POST /v1/screen/payment`` p50/p95/p99 and messages/s
from one kept-alive client, clean and dirty.

    python bench/payments.py [--messages 2000] [--texts 5000] [--recall 1000] [--server]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from names import LISTS_DIR
from payments_data import clean_texts, pacs008_messages, plant, typo

ALERTING = frozenset({"name", "vessel", "bic", "imo", "country"})


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100)
    return f"p50 {cuts[49]:.2f} ms, p95 {cuts[94]:.2f} ms, p99 {cuts[98]:.2f} ms"


def dirty_texts(texts: list[str], entities: list, rng: random.Random) -> list[str]:
    out = []
    for text in texts:
        e = rng.choice(entities)
        name = f"MV {e.name}" if e.entity_type == "vessel" else e.name
        out.append(plant(text[: max(20, 140 - len(name))], name, rng))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("--recall", type=int, default=1000)
    parser.add_argument("--lists-dir", type=Path, default=LISTS_DIR)
    parser.add_argument("--server", action="store_true", help="also through gunicorn")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"command: python bench/payments.py {' '.join(sys.argv[1:])}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    from service.screening.payment import PaymentScreener
    from service.settings import Settings
    from service.store import load_catalog

    settings = Settings(lists_dir=args.lists_dir)
    t0 = time.perf_counter()
    catalog = load_catalog(settings)
    t1 = time.perf_counter()
    screener = PaymentScreener(catalog, settings)
    t2 = time.perf_counter()
    scanner = screener._scanner
    assert scanner is not None
    print(f"catalog {t1 - t0:.1f} s; payment screener (text index, {scanner.term_count} terms)"
          f" {t2 - t1:.1f} s")  # fmt: skip
    rng = random.Random(5)
    entities = [
        e for s in catalog.snapshots.values() for e in s.entities if e.entity_type != "aircraft"
    ]

    # --- free text ------------------------------------------------------------------
    texts = clean_texts(args.texts)
    for text in texts[:500]:
        scanner.scan(text)  # warm the per-word cache as a running server's is
    start, cpu = time.perf_counter(), time.process_time()
    results = [scanner.scan(t) for t in texts]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"free text: {len(texts) / elapsed:,.0f} fields/s wall, {len(texts) / cpu:,.0f} per "
          f"CPU-second ({cpu / len(texts) * 1e6:.0f} us CPU per 140-character field), "
          f"{len(texts)} clean remittance lines")  # fmt: skip
    alerts = [
        (t, h) for t, hits in zip(texts, results, strict=True) for h in hits
        if h.term.kind in ALERTING
        or (h.term.kind == "place" and screener_blocks_place(h))
    ]  # fmt: skip
    alerting = len({t for t, _ in alerts})
    print(f"alert rate on clean texts: {alerting / len(texts):.2%} ({alerting} of {len(texts)})")
    for _text, hit in alerts[:10]:
        print(f"   {hit.term.kind}: {hit.term.text!r} <- {hit.found!r}")
    found = 0
    misses = []
    sample = rng.sample(entities, args.recall)
    for i, e in enumerate(sample):
        name = typo(e.name, rng) if i % 2 else e.name
        name = f"MV {name}" if e.entity_type == "vessel" else name
        text = plant(texts[i % len(texts)], name, rng)
        if any(h.term.key == e.key for h in scanner.scan(text)):
            found += 1
        else:
            misses.append(name)
    print(f"recall on planted names: {found / len(sample):.2%} ({found} of {len(sample)}; "
          "half with a typing slip)")  # fmt: skip
    for name in misses[:8]:
        print(f"   missed {name!r}")

    # --- messages in process -----------------------------------------------------------
    n = args.messages
    clean = pacs008_messages(clean_texts(n, seed=21))
    dirty = pacs008_messages(dirty_texts(clean_texts(n, seed=22), entities, rng), seed=12)
    for label, messages in (("clean", clean), ("dirty", dirty)):
        for m in messages[:100]:
            screener.screen(m, as_of="2026-11-20")
        times = []
        held = 0
        start, cpu = time.perf_counter(), time.process_time()
        for m in messages:
            t = time.perf_counter()
            result = screener.screen(m, as_of="2026-11-20")
            times.append((time.perf_counter() - t) * 1000)
            held += result.action == "hold"
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"in-process {label}: {n / elapsed:,.0f} messages/s wall, {n / cpu:,.0f} per "
              f"CPU-second; {percentiles(times)} (wall); held {held / n:.1%}")  # fmt: skip

    if args.server:
        through_gunicorn(args, clean, dirty)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def screener_blocks_place(hit) -> bool:  # noqa: ANN001 - a TextHit
    from service.screening.payment import BLOCKING_GROUPS

    return bool(set((hit.term.payload or {}).get("groups", ())) & BLOCKING_GROUPS)


def through_gunicorn(args: argparse.Namespace, clean: list[str], dirty: list[str]) -> None:
    from gunicorn_server import start_ready

    server, ready = start_ready(args.lists_dir, args.workers)
    try:
        print(f"gunicorn ({args.workers} workers) ready in {ready:.1f} s")
        conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
        headers = {"Content-Type": "application/xml"}
        for label, messages in (("clean", clean), ("dirty", dirty)):
            for m in messages[:100]:
                conn.request("POST", "/v1/screen/payment", m.encode(), headers)
                conn.getresponse().read()
            times = []
            start = time.perf_counter()
            for m in messages:
                t = time.perf_counter()
                conn.request("POST", "/v1/screen/payment", m.encode(), headers)
                response = conn.getresponse()
                body = response.read()
                times.append((time.perf_counter() - t) * 1000)
                if response.status != 200:
                    sys.exit(f"{response.status}: {json.loads(body)}")
            elapsed = time.perf_counter() - start
            print(f"gunicorn {label}: {len(messages) / elapsed:,.0f} messages/s (one client); "
                  f"{percentiles(times)}")  # fmt: skip
    finally:
        server.stop()


if __name__ == "__main__":
    main()
