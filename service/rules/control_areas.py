"""Export-control areas: the territory inside which each regime's goods move freely.

Export controls bite at a border: goods leaving the EU's customs territory, the UK or
the US need a licence, goods moving inside one do not (a machine tool sold from Germany
to France is no export). Built from ``lists/reference/control_areas.yaml``; which
borders a transaction crosses is :mod:`service.rules.facts.borders`' question.

Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ControlAreas:
    """Regime -> the countries inside its export-control border, and its name."""

    areas: Mapping[str, frozenset[str]]
    names: Mapping[str, str]

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> ControlAreas:
        areas = table.get("areas") or {}
        return cls(
            {str(r): frozenset(map(str, a["countries"])) for r, a in areas.items()},
            {str(r): str(a.get("name", r)) for r, a in areas.items()},
        )
