"""Varied, seeded query names for the benches: list names, misspellings, real negatives.

Names come from the real files in ``../shared`` (read in place, never copied):
list names and aliases from ``data/lists/``, real company names and forename + surname
combinations from ``data/eval/negatives/``. The same seed gives the same names.
"""

from __future__ import annotations

import csv
import json
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from service.sources import KNOWN_LISTS, parse_folder

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
LISTS_DIR = SHARED / "data" / "lists"
NEGATIVES = SHARED / "data" / "eval" / "negatives"

MIX = {"list": 0.35, "misspelt": 0.30, "company": 0.20, "person": 0.15}
"""Share of each kind of query name."""


@dataclass(frozen=True)
class QueryName:
    name: str
    kind: str
    """list | misspelt | company | person"""


def require_shared() -> None:
    if not LISTS_DIR.is_dir() or not NEGATIVES.is_dir():
        raise SystemExit(f"needs ../shared beside the repo (looked for {LISTS_DIR.resolve()})")


def list_names(lists_dir: Path = LISTS_DIR) -> list[str]:
    """Primary names and aliases of every list found in ``lists_dir``."""
    names: list[str] = []
    for list_id in KNOWN_LISTS:
        if (lists_dir / list_id).is_dir():
            for entity in parse_folder(list_id, lists_dir / list_id).entities:
                names.extend(alias.name for alias in entity.all_names())
    return [n for n in names if len(n) >= 6]


def company_names() -> list[str]:
    names = [row["Security"] for row in _csv(NEGATIVES / "sp500_constituents.csv")]
    tickers = json.loads((NEGATIVES / "sec_company_tickers.json").read_text(encoding="utf-8"))
    names += [row["title"] for row in tickers.values()]
    return names


def person_names(rng: random.Random, count: int) -> Iterator[str]:
    forenames = [r["Romanized Name"] for r in _csv(NEGATIVES / "common-forenames-by-country.csv")]
    surnames = [r["Romanized Name"] for r in _csv(NEGATIVES / "common-surnames-by-country.csv")]
    for _ in range(count):
        yield f"{rng.choice(forenames)} {rng.choice(surnames)}"


def misspell(name: str, rng: random.Random) -> str:
    """One or two typing errors: delete, insert, substitute or transpose a letter."""
    chars = list(name)
    for _ in range(rng.choice((1, 1, 2))):
        letters = [i for i, c in enumerate(chars) if c.isalpha()]
        if len(letters) < 4:
            break
        i = rng.choice(letters[1:])
        op = rng.choice(("delete", "insert", "substitute", "transpose"))
        if op == "delete":
            del chars[i]
        elif op == "insert":
            chars.insert(i, rng.choice(string.ascii_uppercase))
        elif op == "substitute":
            chars[i] = rng.choice(string.ascii_uppercase)
        elif i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def varied_names(count: int = 1000, seed: int = 20261127) -> list[QueryName]:
    """``count`` query names in the :data:`MIX` proportions, shuffled, deterministic."""
    require_shared()
    rng = random.Random(seed)
    listed = sorted(set(list_names()))
    companies = sorted(set(company_names()))
    want = {kind: round(share * count) for kind, share in MIX.items()}
    want["list"] += count - sum(want.values())
    out = [QueryName(n, "list") for n in rng.sample(listed, want["list"])]
    out += [QueryName(misspell(n, rng), "misspelt") for n in rng.sample(listed, want["misspelt"])]
    out += [QueryName(n, "company") for n in rng.sample(companies, want["company"])]
    out += [QueryName(n, "person") for n in person_names(rng, want["person"])]
    rng.shuffle(out)
    return out


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


if __name__ == "__main__":
    for query in varied_names(20):
        print(f"{query.kind:9} {query.name}")
