"""Start-up time and memory of ``screening serve`` with every shared list loaded.

Starts a real gunicorn (preload, N workers) over ``../shared/data/lists`` several times
and reports: seconds from spawn until ``/readyz`` answers 200, and per process RSS, peak
RSS (VmHWM) and PSS. PSS splits shared pages between the processes that map them, so the
PSS total is the real memory cost and shows how much the workers share copy-on-write.

    python bench/startup.py [--workers 2] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from gunicorn_server import memory_kb, start_ready
from names import LISTS_DIR, require_shared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lists-dir", type=Path, default=LISTS_DIR)
    args = parser.parse_args()
    require_shared()
    times, rows = [], []
    for _ in range(args.runs):
        server, seconds = start_ready(args.lists_dir, args.workers)
        try:
            times.append(seconds)
            time.sleep(1.0)  # let every worker finish booting
            rows = [(pid, memory_kb(pid)) for pid in server.pids()]
        finally:
            server.stop()
    print(f"command: {sys.executable} bench/startup.py --workers {args.workers} --runs {args.runs}")
    print(f"lists:   {args.lists_dir}")
    print(
        f"ready after (s): median {statistics.median(times):.2f}, runs "
        + ", ".join(f"{t:.2f}" for t in times)
    )
    print("load average (1/5/15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"\n{'process':10} {'RSS MB':>8} {'peak MB':>8} {'PSS MB':>8}   (last run)")
    for i, (_pid, mem) in enumerate(rows):
        role = "master" if i == 0 else f"worker {i}"
        print(f"{role:10} {_mb(mem['VmRSS']):>8} {_mb(mem['VmHWM']):>8} {_mb(mem.get('Pss')):>8}")
    total = {k: sum(m.get(k, 0) for _, m in rows) for k in ("VmRSS", "VmHWM", "Pss")}
    print(f"{'total':10} {_mb(total['VmRSS']):>8} {_mb(total['VmHWM']):>8} {_mb(total['Pss']):>8}")


def _mb(kb: int | None) -> str:
    return "-" if kb is None else f"{kb / 1024:.0f}"


if __name__ == "__main__":
    main()
