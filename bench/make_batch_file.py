"""Generate a customer file for the batch benches: real names, list names mixed in.

Rows are real company names (S&P 500, SEC tickers, Nasdaq) and forename + surname
combinations (common names by country), all from ``../shared/data/eval/negatives/``,
with list names and misspelt list names (``../shared/data/lists/``) mixed in at a
known rate. Seeded: the same arguments give the same file. A sidecar
``<output>.truth.json`` records which lines hold list-derived names.

    python bench/make_batch_file.py --rows 200000 -o /tmp/customers.csv [--listed 0.02]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

from names import NEGATIVES, _csv, company_names, list_names, misspell, require_shared

COUNTRIES = ("US", "GB", "DE", "FR", "NL", "CA", "JP", "SG", "CH", "AU", "IT", "ES")
"""Countries given to negative companies; none is a sanctioned jurisdiction."""
HEADER = ("customer_id", "name", "type", "country", "date_of_birth")


def nasdaq_names() -> list[str]:
    rows = _csv(NEGATIVES / "nasdaq-listed.csv")
    return [r["Security Name"].split(" - ")[0].strip() for r in rows if r.get("Security Name")]


def people_by_country() -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    forenames = [
        (r["Country"], r["Romanized Name"])
        for r in _csv(NEGATIVES / "common-forenames-by-country.csv")
        if r["Romanized Name"]
    ]
    surnames: dict[str, list[str]] = {}
    for r in _csv(NEGATIVES / "common-surnames-by-country.csv"):
        if r["Romanized Name"]:
            surnames.setdefault(r["Country"], []).append(r["Romanized Name"])
    return forenames, surnames


def generate(rows: int, out: Path, listed_share: float, seed: int) -> dict:
    require_shared()
    rng = random.Random(seed)
    listed = sorted(set(list_names()))
    companies = sorted(set(company_names()) | set(nasdaq_names()))
    forenames, surnames = people_by_country()
    all_surnames = [s for names in surnames.values() for s in names]
    listed_lines: list[int] = []
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            line = i + 2
            roll = rng.random()
            if roll < listed_share:
                name = rng.choice(listed)
                name = misspell(name, rng) if rng.random() < 0.5 else name
                listed_lines.append(line)
                row = (name, "", "", "")
            elif rng.random() < 0.5:
                row = (rng.choice(companies), "Company", rng.choice(COUNTRIES), "")
            else:
                country, forename = rng.choice(forenames)
                surname = rng.choice(surnames.get(country) or all_surnames)
                dob = f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                row = (f"{forename} {surname}", "Individual", country, dob)
            writer.writerow((f"C{i:08d}", *row))
    truth = {
        "rows": rows,
        "seed": seed,
        "listed_share": listed_share,
        "listed_rows": len(listed_lines),
        "listed_lines": listed_lines,
    }
    Path(f"{out}.truth.json").write_text(json.dumps(truth))
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--listed", type=float, default=0.02, help="Share of list names.")
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()
    truth = generate(args.rows, args.output, args.listed, args.seed)
    print(
        f"wrote {args.output}: {truth['rows']:,} rows, {truth['listed_rows']:,} list-derived "
        f"({truth['listed_rows'] / truth['rows']:.2%}), seed {args.seed}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
