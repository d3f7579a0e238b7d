"""Answers do not depend on Python's hash seed.

Set and dict iteration order of strings changes with ``PYTHONHASHSEED``; a tie broken by
that order would make the same request answer differently in two gunicorn workers, or
after a restart. Two interpreters with different seeds screen the same few thousand
names (list names, misspelt list names, and made-up person and company names) over the
real lists, and their answers must be identical, match for match and digit for digit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = r"""
import json, sys
from pathlib import Path
from service.core.query import Query
from service.settings import Settings
from service.store import load_catalog

catalog = load_catalog(Settings(lists_dir=Path(sys.argv[1]), name_memo=0))
entities = sorted(
    (e for s in catalog.snapshots.values() for e in s.entities), key=lambda e: e.key
)
names = []
for i, entity in enumerate(entities[:: max(1, len(entities) // 1200)]):
    name = entity.name
    names.append(name)
    if len(name) > 6:  # a dropped letter and a swapped pair, as payments carry them
        cut = 3 + i % (len(name) - 5)
        names.append(name[:cut] + name[cut + 1 :])
        names.append(name[:cut] + name[cut + 1] + name[cut] + name[cut + 2 :])
forenames = ["MARIA", "AHMED", "WEI", "IVAN", "FATEMEH", "JOSE", "OLGA", "KIM"]
surnames = ["PETROV", "HASSAN", "ZHANG", "SILVA", "HOSSEINI", "LEE", "KOVAL", "NGUYEN"]
names += [f"{f} {s}" for f in forenames for s in surnames]
names += [f"{s} TRADING CO LTD" for s in surnames]
out = []
for name in names:
    matches = catalog.matcher.search(Query(name=name, threshold=0.6, limit=10))
    out.append([name, [[m.entity.key, m.matched_name, round(m.score, 9)] for m in matches]])
print(json.dumps(out))
"""


def screen_with_seed(seed: str, lists_dir: Path) -> list:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(lists_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.e2e
def test_answers_are_the_same_across_hash_seeds(shared_lists: Path) -> None:
    first = screen_with_seed("1", shared_lists)
    second = screen_with_seed("2", shared_lists)
    assert len(first) > 2000
    assert sum(1 for _, matches in first if matches) > 1000  # the names do match things
    differing = [a[0] for a, b in zip(first, second, strict=True) if a != b]
    assert differing == []
