"""In-process speed of the matching engine: index build time and RSS, screenings/s.

    python bench/matcher_speed.py [--lists-dir ../shared/data/lists] [--queries N]
                                  [--seed S] [--profile]

Queries are a seeded mix like production traffic: one third list names with a typo or
reordering, two thirds ordinary names that match nothing (company names and
forename+surname combinations from ``eval/negatives``). One process, one core; both
wall-clock and CPU time are printed (CPU time is robust to other load on the machine).
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import accuracy_data as data  # noqa: E402
from bench.accuracy import _config  # noqa: E402
from bench.typologies import reorder, typo_substitute  # noqa: E402
from service.core import Query, build_matcher  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--lists-dir", default=str(data.LISTS_DIR))
    p.add_argument("--queries", type=int, default=5000)
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--profile", action="store_true")
    p.add_argument("--set", action="append", default=[], help="MatchConfig field=value")
    args = p.parse_args()
    lists_dir = Path(args.lists_dir)
    if not lists_dir.is_dir():
        print(f"skipped: lists folder {lists_dir} not found (needs ../shared)")
        return
    rng = random.Random(args.seed)
    entities = data.load_lists(lists_dir)
    gc.collect()
    rss0 = _rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    matcher = build_matcher(entities, _config(args.set))
    build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    gc.collect()
    rss1 = _rss_mb()
    print(
        f"index: {len(entities)} entities, {matcher.name_count} names, built in {build:.2f}s "
        f"(CPU {build_cpu:.2f}s); "
        f"RSS {rss1:.0f} MB (index {rss1 - rss0:.0f} MB, entities parsed before {rss0:.0f} MB)"
    )
    n = args.queries
    positives = []
    while len(positives) < n // 3:
        e = rng.choice(entities)
        gen = rng.choice([typo_substitute, reorder])
        q = gen(e.name, rng)
        if q:
            positives.append(q)
    negatives = data.company_negatives(rng, n // 3) + [
        name for name, _ in data.person_negatives(rng, n - 2 * (n // 3))
    ]
    queries = [Query(q) for q in positives + negatives]
    rng.shuffle(queries)
    for q in queries[:200]:
        matcher.search(q)  # warm caches the way a long-running worker has them
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("for q in queries: matcher.search(q)", globals(), locals(), "/tmp/ms.prof")
        pstats.Stats("/tmp/ms.prof").sort_stats("tottime").print_stats(20)
        return
    t0, c0 = time.perf_counter(), time.process_time()
    for q in queries:
        matcher.search(q)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"search: {len(queries)} screenings in {dt:.2f}s wall = {len(queries) / dt:.0f}/s; "
        f"CPU {cpu:.2f}s = {len(queries) / cpu:.0f}/s per core ({cpu / len(queries) * 1000:.3f} ms "
        "each). CPU time is the figure to trust on a busy machine."
    )


if __name__ == "__main__":
    main()
