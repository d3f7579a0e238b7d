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
from functools import cached_property
from typing import Any

from service.core.normalize import normalize
from service.rules.cargo import GoodsClassifier, hs_agrees
from service.rules.geo import Geography
from service.rules.text import KeywordIndex, word_tokens

REQUIRED_TABLES = (
    "jurisdictions",
    "countries",
    "places",
    "goods",
    "flags",
    "industries",
    "currencies",
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


@dataclass(frozen=True)
class ReferenceData:
    versions: dict[str, dict[str, str]]
    """table -> {version, as_of, checked}."""
    geo: Geography
    goods: GoodsClassifier
    flags: dict[str, Any]
    mid: dict[str, str]
    pandi_clubs: dict[str, tuple[str, ...]]
    """International Group P&I club -> the names it is written under (normalised)."""
    industries: Industries
    usd_per_unit: dict[str, float]

    @classmethod
    def from_tables(cls, tables: dict[str, dict[str, Any]]) -> ReferenceData:
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise ReferenceDataError(f"missing reference tables: {missing}")
        versions = {}
        for name, table in tables.items():
            for key in ("version", "as_of"):
                if not table.get(key):
                    raise ReferenceDataError(f"reference table {name!r} has no {key!r}")
            versions[name] = {
                "version": str(table["version"]),
                "as_of": str(table["as_of"]),
                "checked": str(table.get("checked", "")),
            }
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
