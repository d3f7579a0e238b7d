"""Loaders for the accuracy benchmark: the lists, the negatives and the eval pairs.

Everything is read in place from ``../shared`` (never copied into the project).
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from service.core.model import Entity
from service.core.normalize import normalize
from service.sources import SourceError, parse_folder

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
LISTS_DIR = SHARED / "data" / "lists"
EVAL_DIR = SHARED / "data" / "eval"

_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\s]")


def load_lists(lists_dir: Path) -> list[Entity]:
    """Every entity of every list folder ``parse_folder`` can read."""
    entities: list[Entity] = []
    for folder in sorted(p for p in lists_dir.iterdir() if p.is_dir()):
        try:
            parsed = parse_folder(folder.name, folder)
        except (SourceError, ImportError) as exc:
            print(f"  skip {folder.name}: {exc}", file=sys.stderr)
            continue
        entities.extend(parsed.entities)
    return entities


def is_non_latin(text: str) -> bool:
    return bool(_NON_LATIN.search(text))


def _csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def company_negatives(rng: random.Random, n: int) -> list[str]:
    """Real company names (SEC, NASDAQ, S&P 500)."""
    neg = EVAL_DIR / "negatives"
    names: set[str] = set()
    data = json.loads((neg / "sec_company_tickers.json").read_text(encoding="utf-8"))
    names.update(row["title"] for row in data.values())
    for row in _csv(neg / "nasdaq-listed.csv"):
        title = (row.get("Security Name") or "").split(" - ")[0].strip()
        if title and not title.startswith("File Creation Time"):
            names.add(title)
    names.update(row["Security"] for row in _csv(neg / "sp500_constituents.csv"))
    pool = sorted(names)
    return rng.sample(pool, min(n, len(pool)))


def person_negatives(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """Forename + surname of the same country, romanised or (a quarter) localised.
    Returns (name, country code)."""
    neg = EVAL_DIR / "negatives"
    fore: dict[str, list[tuple[str, str]]] = {}
    sur: dict[str, list[tuple[str, str]]] = {}
    for row in _csv(neg / "common-forenames-by-country.csv"):
        fore.setdefault(row["Country"], []).append((row["Romanized Name"], row["Localized Name"]))
    for row in _csv(neg / "common-surnames-by-country.csv"):
        sur.setdefault(row["Country"], []).append((row["Romanized Name"], row["Localized Name"]))
    countries = sorted(set(fore) & set(sur))
    out: list[tuple[str, str]] = []
    while len(out) < n:
        cc = rng.choice(countries)
        f, s = rng.choice(fore[cc]), rng.choice(sur[cc])
        local = rng.random() < 0.25 and f[1] and s[1]
        first, last = (f[1], s[1]) if local else (f[0], s[0])
        if not first or not last:
            continue
        sep = "" if cc in ("CN", "JP", "KR", "TW") and local else " "
        out.append((f"{first}{sep}{last}" if rng.random() < 0.8 else f"{last}, {first}", cc))
    return out


def exclude_listed(names: list, entities: list[Entity]) -> list:
    """Drop negatives whose normalised form equals a list name or alias."""
    listed = {normalize(a.name) for e in entities for a in e.all_names()}
    return [x for x in names if normalize(x[0] if isinstance(x, tuple) else x) not in listed]


def nickname_pairs() -> dict[str, list[str]]:
    """Formal given name (upper) -> its nicknames, from the eval nickname file."""
    out: dict[str, list[str]] = {}
    for row in _csv(EVAL_DIR / "name_variants" / "nicknames_names.csv"):
        out.setdefault(row["name1"].upper(), []).append(row["name2"])
    return out


def token_pairs(filename: str, rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(latin, native) pairs from a Wikidata token file (native chars space-separated)."""
    rows = []
    with (EVAL_DIR / "transliteration_pairs" / filename).open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and len(parts[0]) >= 3:
                rows.append((parts[0], parts[1].replace(" ", "")))
    return rng.sample(rows, min(n, len(rows)))


def korean_full_names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    rows = []
    with (EVAL_DIR / "transliteration_pairs" / "wd_korean.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and " " in parts[0]:
                rows.append((parts[0], parts[1]))
    return rng.sample(rows, min(n, len(rows)))


def arabic_google(rng: random.Random, n: int) -> list[tuple[str, str]]:
    rows = []
    path = EVAL_DIR / "transliteration_pairs" / "google_ar2en.tsv"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[1]) >= 4 and parts[1].isalpha():
                rows.append((parts[1], parts[0]))
    return rng.sample(rows, min(n, len(rows)))


def watchman_cross_script() -> list[tuple[str, str]]:
    rows = []
    path = EVAL_DIR / "name_variants" / "watchman_cross_script_pairs.csv"
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#") and ln.strip()]
    for row in csv.reader(lines):
        if len(row) >= 2 and row[0] != "Query":
            rows.append((row[1], row[0]))
    return rows
