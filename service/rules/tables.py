"""All reference tables in one immutable object, built from plain dicts.

The tables (jurisdictions, countries, places, goods, flags, industries, currencies) are
YAML files under ``lists/reference/`` so compliance staff can update them without code;
:mod:`service.reference` reads the files and calls :meth:`ReferenceData.from_tables`.
Every table carries its own version and as-of date, and every screening result names
them, so a decision can always be traced back to the data it was made with.

Pure.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from service.core.normalize import normalize
from service.rules.cargo import GoodsClassifier, hs_agrees
from service.rules.chpl import Chpl, Diversion
from service.rules.control_areas import ControlAreas
from service.rules.geo import Geography
from service.rules.luxury import LuxuryGoods
from service.rules.price_caps import PriceCaps
from service.rules.relabelling import Relabelling
from service.rules.text import KeywordIndex, word_tokens

REQUIRED_TABLES = (
    "jurisdictions",
    "countries",
    "places",
    "goods",
    "flags",
    "industries",
    "currencies",
    "control_areas",
    "chpl",
    "diversion",
    "price_cap",
    "luxury",
    "relabelling",
)


class ReferenceDataError(ValueError):
    """A reference table is missing or lacks its version/as-of metadata."""


@dataclass(frozen=True, slots=True)
class IndustryFit:
    """How a party's stated business relates to goods: fits, unrelated, or unknown."""

    id: str
    title: str
    unrelated_hs: tuple[str, ...] = ()
    fits: bool = False

    def unrelated(self, hs: str) -> bool:
        return not self.fits and hs_agrees(hs, self.unrelated_hs) and len(hs) >= 2


class Industries:
    def __init__(self, table: dict[str, Any]) -> None:
        self._entries: dict[str, IndustryFit] = {}
        self._codes: dict[str, str] = {}
        self._words = KeywordIndex(fuzzy=False)
        self._fits: set[str] = set()
        for raw, fits in [(r, False) for r in table.get("industries", ())] + [
            (r, True) for r in table.get("fits", ())
        ]:
            entry = IndustryFit(
                raw["id"], raw["title"], tuple(map(str, raw.get("unrelated_hs", ()))), fits
            )
            self._entries[entry.id] = entry
            if fits:
                self._fits.add(entry.id)
            for code in raw.get("codes", ()):
                self._codes[str(code).casefold()] = entry.id
            self._words.add(entry.id, raw.get("keywords", ()))

    def classify(self, text: str | None) -> IndustryFit | None:
        """The industry a free-text business line names; a 'fits' entry wins over others."""
        if not text:
            return None
        found = [self._codes[t] for t in word_tokens(text) if t in self._codes]
        found += [h.key for h in self._words.search(text)]
        if not found:
            return None
        fitting = [f for f in found if f in self._fits]
        return self._entries[(fitting or found)[0]]


@dataclass(frozen=True, slots=True)
class TableUpkeep:
    """How a table is kept current: last check, how often, what to watch for."""

    name: str
    checked: str
    review_days: int | None
    stale_after: str
    watch: str

    def overdue(self, today: date, max_age_days: int) -> str:
        """Why the table needs a new check on ``today`` ('' when it does not).

        Its own ``review_days`` wins over the configured age; a ``stale_after`` date
        (a known review, e.g. the next FATF plenary) makes it due on that day."""
        reasons = []
        limit = self.review_days or max_age_days
        age = (today - date.fromisoformat(self.checked[:10])).days
        if age > limit:
            reasons.append(f"checked {age} days ago ({self.checked}), limit {limit} days")
        if self.stale_after and today > date.fromisoformat(self.stale_after[:10]):
            reasons.append(f"a review was due on {self.stale_after}")
        return "; ".join(reasons)


@dataclass(frozen=True)
class ReferenceData:
    versions: dict[str, dict[str, str]]
    """table -> {version, as_of, checked}: carried by every screening result."""
    geo: Geography
    goods: GoodsClassifier
    flags: dict[str, Any]
    mid: dict[str, str]
    pandi_clubs: dict[str, tuple[str, ...]]
    """International Group P&I club -> the names it is written under (normalised)."""
    industries: Industries
    usd_per_unit: dict[str, float]
    control_areas: ControlAreas
    chpl: Chpl
    diversion: Diversion
    price_caps: PriceCaps
    luxury: LuxuryGoods
    relabelling: Relabelling
    upkeep: dict[str, TableUpkeep]
    """table -> when it was checked against its sources and what to watch for."""

    @classmethod
    def from_tables(cls, tables: dict[str, dict[str, Any]]) -> ReferenceData:
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise ReferenceDataError(f"missing reference tables: {missing}")
        versions = {}
        upkeep: dict[str, TableUpkeep] = {}
        for name, table in tables.items():
            for key in ("version", "as_of"):
                if not table.get(key):
                    raise ReferenceDataError(f"reference table {name!r} has no {key!r}")
            versions[name] = {
                "version": str(table["version"]),
                "as_of": str(table["as_of"]),
                "checked": str(table.get("checked", "")),
            }
            upkeep[name] = TableUpkeep(
                name=name,
                checked=str(table.get("checked") or table["as_of"]),
                review_days=int(table["review_days"]) if table.get("review_days") else None,
                stale_after=str(table.get("stale_after") or ""),
                watch=str(table.get("watch") or ""),
            )
        flags = tables["flags"]
        return cls(
            versions=versions,
            geo=Geography.from_tables(
                tables["jurisdictions"], tables["countries"], tables["places"]
            ),
            goods=GoodsClassifier.from_table(tables["goods"]),
            flags=dict(flags["flags"]),
            mid={str(k): str(v) for k, v in flags.get("mid", {}).items()},
            pandi_clubs={
                str(club): tuple(normalize(str(n)) for n in (club, *names))
                for club, names in flags.get("pandi_international_group", {}).items()
            },
            industries=Industries(tables["industries"]),
            usd_per_unit={
                str(k).upper(): float(v) for k, v in tables["currencies"]["usd_per_unit"].items()
            },
            control_areas=ControlAreas.from_table(tables["control_areas"]),
            chpl=Chpl(tables["chpl"]),
            diversion=Diversion.from_table(tables["diversion"]),
            price_caps=PriceCaps(tables["price_cap"]),
            luxury=LuxuryGoods(tables["luxury"]),
            relabelling=Relabelling(tables["relabelling"]),
            upkeep=upkeep,
        )

    @cached_property
    def oil_categories(self) -> frozenset[str]:
        """Goods categories of crude oil and petroleum products (price cap, relabelling)."""
        return frozenset(
            c.id for c in self.goods.categories.values() if c.family in ("petroleum", "crude")
        )

    @cached_property
    def version(self) -> str:
        """One string naming the whole reference set: digest of every table's version.

        Cached: every screening response carries it, and the tables never change in place.
        """
        blob = json.dumps({k: v["version"] for k, v in sorted(self.versions.items())})
        return "ref-" + hashlib.sha256(blob.encode()).hexdigest()[:12]

    def to_usd(self, amount: float | None, currency: str | None) -> float | None:
        if amount is None:
            return None
        rate = self.usd_per_unit.get((currency or "USD").upper())
        return None if rate is None else float(amount) * rate

    def stale(self, today: date, max_age_days: int) -> list[tuple[TableUpkeep, str]]:
        """Tables due for a check against their sources, with the reason."""
        due = [(u, u.overdue(today, max_age_days)) for u in self.upkeep.values()]
        return [(u, why) for u, why in sorted(due, key=lambda d: d[0].name) if why]

    def convert(self, amount: float | None, source: str | None, target: str) -> float | None:
        """``amount`` in ``source`` currency expressed in ``target`` (indicative rates)."""
        usd = self.to_usd(amount, source)
        rate = self.usd_per_unit.get(target.upper())
        return None if usd is None or not rate else usd / rate
