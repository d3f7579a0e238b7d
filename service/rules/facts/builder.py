"""The fact builder and what every extractor shares: the request context, evidence items.

An extractor ``add_<area>(ctx, b)`` reads the request through :class:`Context` and puts
its facts on the :class:`FactBuilder`: a list of evidence items (``path``, ``value``,
``note``) when the request said enough to judge, or the request paths that were missing
so the rules depending on it are reported ``not_evaluated`` instead of passed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from service.core.countries import country_name
from service.core.model import Entity
from service.rules.engine import Facts
from service.rules.facts.derived import DERIVED
from service.rules.geo import Port
from service.rules.request import TransactionRequest
from service.rules.tables import ReferenceData


@dataclass
class FactBuilder:
    """Collects rich fact values and the request paths behind missing facts."""

    values: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Evidence for scalar facts (the currency a rule quotes)."""

    def put(self, name: str, value: Any, present: bool, *paths: str) -> None:
        if present:
            self.values[name] = value
        else:
            self.missing[name] = paths or (name,)

    def facts(self, cfg: Mapping[str, Any]) -> Facts:
        """Compact CEL values (counts, scalars) plus the evidence items behind each count.

        CEL converts every value it is handed on every call, at several microseconds per
        field, so rules see counts and scalars; the items stay on the Python side.
        """
        values: dict[str, Any] = {}
        evidence: dict[str, list[dict[str, Any]]] = {}
        missing = dict(self.missing)
        evidence.update(self.notes)
        for name, value in self.values.items():
            if isinstance(value, list) and (not value or isinstance(value[0], dict)):
                values[name] = len(value)
                evidence[name] = value
            else:
                values[name] = value
        for name, (source, keep) in DERIVED.items():
            if source in self.values:
                items = [item for item in self.values[source] if keep(item, cfg)]
                values[name] = len(items)
                evidence[name] = items
            elif source in self.missing:
                missing[name] = self.missing[source]
        return Facts(values, missing, evidence)


def evidence(path: str, value: Any, note: str = "", **extra: Any) -> dict[str, Any]:
    item = {"path": path, "value": "" if value is None else value, "note": note}
    item.update(extra)
    return item


def country_label(code: str | None) -> str:
    return f"{code} ({country_name(code) or code})" if code else ""


@dataclass(frozen=True)
class Context:
    """Everything the extractors share for one request."""

    request: TransactionRequest
    ref: ReferenceData
    cfg: Mapping[str, Any]
    today: date
    regimes: frozenset[str]
    ports: dict[str, Port]
    """Resolved port fields by request path."""
    listed_imos: dict[str, Sequence[Entity]] = field(default_factory=dict)
    classified: dict[int, Any] = field(default_factory=dict)
    """Goods line index -> its Classification, computed once."""


def day_of(text: Any) -> date | None:
    """The calendar day of an ISO date or date-time (None when absent or unreadable)."""
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None
