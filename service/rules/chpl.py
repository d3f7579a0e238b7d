"""The Common High Priority List and the countries through which its goods are diverted.

The CHPL names, by HS code and in tiers, the items found in Russian weapons (integrated
circuits, radio and navigation equipment, bearings, machine tools, optics ...); the
diversion table names the countries through which they reach Russia and Belarus
(Central Asia, the Caucasus, Turkey, the UAE, Hong Kong ...). Built from
``lists/reference/chpl.yaml`` and ``diversion.yaml``; the facts are
:mod:`service.rules.facts.export_controls`'.

Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.rules.cargo import line_memo
from service.rules.text import KeywordIndex, fold


@dataclass(frozen=True, slots=True)
class ChplHit:
    tier: str
    title: str
    via: str
    """What named it: 'HS 854231 under CHPL 854231' or the words found."""


class Chpl:
    """The Common High Priority List: HS codes and words by tier."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.tiers = {str(k): str(v) for k, v in (table.get("tiers") or {}).items()}
        self._items = [(str(i["hs"]), str(i["tier"]), str(i["title"])) for i in table["items"]]
        self._words = KeywordIndex(fuzzy=False)
        for tier, langs in (table.get("words") or {}).items():
            for words in langs.values():
                self._words.add(str(tier), words)
        self._fits = tuple(fold(w) for w in table.get("fits_business", ()))
        self._memo = line_memo(self._classify)

    def classify(self, description: str | None, hs_code: Any) -> ChplHit | None:
        """The CHPL tier of a goods line, by HS code first, else by its words (cached:
        the same lines recur across transactions)."""
        return self._memo(description, hs_code)

    def _classify(self, description: str | None, hs: str) -> ChplHit | None:
        if len(hs) >= 4:  # a chapter alone ("84") names no item
            for code, tier, title in self._items:
                if hs.startswith(code) or code.startswith(hs):
                    return ChplHit(tier, title, f"HS {hs} under CHPL {code}")
        hits = self._words.search(description)
        if hits:
            tier = min(h.key for h in hits)
            return ChplHit(tier, self.tiers.get(tier, tier), f"'{hits[0].found}'")
        return None

    def fits(self, business: str) -> bool:
        """Whether a stated business plausibly uses CHPL goods (electronics, machinery
        ...); a general trader or a real-estate firm does not."""
        text = f" {fold(business)} "
        return any(f" {w} " in text for w in self._fits)


@dataclass(frozen=True)
class Diversion:
    """Countries through which CHPL goods reach Russia and Belarus: code -> region."""

    countries: Mapping[str, str]

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> Diversion:
        return cls({str(k): str(v.get("region", "")) for k, v in table["countries"].items()})
