"""What the red-flag rules add to a transaction screening: p50/p95 latency.

Measures, per transaction of ``tests/transaction_scenarios.py`` (T01 block, T02 typology
review, T03 clear near-miss, T04 maritime review):

- ``rules``: fact extraction + CEL evaluation of the whole rule set (the part issue 4
  targets at <= 1 ms p50), with the name-matcher results precomputed;
- ``cold``: the same with fresh words in every name, address and description, so no
  normalisation or classification cache helps (the worst case for the text scans);
- ``screen``: the whole ``screen_transaction`` (name matching of every party and the
  vessel over our bundled sample list, plus the rules).

Run:  python bench/rules.py [--repeat 2000] [--clock cpu]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from transaction_scenarios import SCENARIOS  # noqa: E402

from service.reference import load_all  # noqa: E402
from service.rules import evaluate, extract_facts  # noqa: E402
from service.rules.request import TransactionRequest  # noqa: E402
from service.screening import screen_party, screen_transaction, screen_vessel  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.store import load_catalog  # noqa: E402

TODAY = date(2026, 11, 27)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered), p95


CLOCK = time.perf_counter


def time_it(fn, repeat: int) -> tuple[float, float]:
    for _ in range(min(50, repeat)):
        fn()
    samples = []
    for _ in range(repeat):
        start = CLOCK()
        fn()
        samples.append((CLOCK() - start) * 1000)
    return percentiles(samples)


def fresh_request(body: dict, n: int) -> TransactionRequest:
    """The request with unseen words in every name, address and description."""
    fresh = json.loads(json.dumps(body))
    for g in fresh.get("goods", ()):
        g["description"] = f"{g.get('description', '')} lot{n}x"
    for p in fresh["parties"]:
        p["name"] = f"{p['name']} {n}q"
        p.setdefault("address", {"lines": []}).setdefault("lines", []).append(f"unit {n}z")
    return TransactionRequest.from_dict(fresh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="cpu: this thread's CPU time, unaffected by other processes on a busy machine",
    )
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.thread_time if args.clock == "cpu" else time.perf_counter
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data))
        catalog = load_catalog(settings)
        ruleset, reference = load_all(settings)
        gc.freeze()  # as a preloaded gunicorn master leaves the index: out of GC's way
        rules_n = len(ruleset.rules)
        print(f"rule set {ruleset.version} ({rules_n} rules), reference {reference.version}")
        print(
            f"lists: {', '.join(catalog.snapshots)} (sample={catalog.sample}), "
            f"repeat={args.repeat}, clock={args.clock}"
        )
        head = ("scenario", "decision", "rules p50", "rules p95", "cold p50", "cold p95")
        print(
            f"{head[0]:<10}{head[1]:<9}{head[2]:>11}{head[3]:>11}{head[4]:>11}{head[5]:>11}"
            f"{'screen p50':>12}{'screen p95':>12}"
        )
        for scenario in SCENARIOS[:4]:
            body = scenario.body()
            req = TransactionRequest.from_dict(body)
            matches = {
                p.id: screen_party(catalog, reference, settings, p, None) for p in req.parties
            }
            vessel = screen_vessel(catalog, settings, req)

            def rules_only(req=req, matches=matches, vessel=vessel):
                return evaluate(
                    ruleset, extract_facts(req, reference, ruleset.config, TODAY, matches, vessel)
                )

            def whole(body=body):
                return screen_transaction(body, catalog, ruleset, reference, settings, today=TODAY)

            cold_requests = iter([fresh_request(body, n) for n in range(args.repeat + 60)])

            def rules_cold(requests=cold_requests):
                req = next(requests)
                return evaluate(
                    ruleset, extract_facts(req, reference, ruleset.config, TODAY, {}, [])
                )

            decision = rules_only().decision
            r50, r95 = time_it(rules_only, args.repeat)
            c50, c95 = time_it(rules_cold, args.repeat)
            s50, s95 = time_it(whole, max(1, args.repeat // 4))
            print(
                f"{scenario.id:<10}{decision:<9}{r50:>9.3f}ms{r95:>9.3f}ms"
                f"{c50:>9.3f}ms{c95:>9.3f}ms{s50:>10.3f}ms{s95:>10.3f}ms"
            )


if __name__ == "__main__":
    main()
