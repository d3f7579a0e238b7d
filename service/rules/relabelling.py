"""Where Iranian and Venezuelan oil is relabelled: the ship-to-ship transfer areas (off
Johor, the Riau islands, the Gulf of Oman ...), the origins the oil is relabelled as,
the countries it really comes from, and the buyers it is usually sold to (independent
refiners). Built from ``lists/reference/relabelling.yaml``; the facts are
:mod:`service.rules.facts.oil_origin`'.

Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.rules.text import KeywordIndex


@dataclass(frozen=True, slots=True)
class Area:
    name: str
    country: str
    labels: frozenset[str]
    """Origins oil transferred here is usually relabelled as."""


class Relabelling:
    """STS relabelling areas, the countries whose oil is relabelled, refiner words."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.sources = {str(k): str(v) for k, v in table["source_countries"].items()}
        self.areas: dict[str, Area] = {}
        self._areas = KeywordIndex(fuzzy=False)
        for raw in table["areas"]:
            area = Area(str(raw["name"]), str(raw["country"]), frozenset(raw.get("labels", ())))
            self.areas[area.name] = area
            self._areas.add(area.name, [area.name, *raw.get("aliases", ())])
        refiners = table.get("independent_refiners") or {}
        self._refiners = KeywordIndex(fuzzy=False)
        self._refiners.add("refiner", refiners.get("words", ()))
        self._refiners.add("region", refiners.get("regions", ()))

    def area(self, text: Any) -> Area | None:
        """The relabelling area a location text names, if any."""
        hits = self._areas.search(str(text)) if text else []
        return self.areas[hits[0].key] if hits else None

    def refiner(self, *texts: str | None) -> str | None:
        """The words that make a party an independent refiner, if any text has them."""
        for text in texts:
            hits = self._refiners.search(text) if text else []
            if hits:
                return hits[0].found
        return None
