"""The text scanner a payment screener reads free text with: built once per catalog and
process over every listed name and the reference tables (places, countries, goods)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping
from typing import Any

from service.payments import (
    TextScanner,
    entity_terms,
    reference_terms,
)
from service.screening.errors import ScreeningUnavailable
from service.settings import Settings


class PaymentRulesUnavailable(ScreeningUnavailable):
    """The reference tables the scanner needs could not be read."""


_SCANNERS: dict[int, TextScanner] = {}
_SCANNERS_LOCK = threading.Lock()


def scanner_for(catalog: Any, tables: Callable[[], Mapping[str, Mapping[str, Any]]]) -> TextScanner:
    """The text index of ``catalog``, built once per catalog and process (several apps,
    a reload's new state, tests: one index), dropped when the catalog is freed."""
    with _SCANNERS_LOCK:
        found = _SCANNERS.get(id(catalog))
        if found is None:
            found = _SCANNERS[id(catalog)] = build_scanner(catalog, tables())
            weakref.finalize(catalog, _SCANNERS.pop, id(catalog), None)
        return found


def build_scanner(catalog: Any, tables: Mapping[str, Mapping[str, Any]]) -> TextScanner:
    entities = [e for snap in catalog.snapshots.values() for e in snap.entities]
    terms, ids = entity_terms(entities)
    return TextScanner(terms + reference_terms(tables), ids)


def load_tables(settings: Settings) -> dict[str, dict[str, Any]]:
    """The reference tables the scanner reads (places, countries, goods), once."""
    import yaml

    base = settings.reference_dir / "reference"
    out = {}
    for name in ("places", "countries", "goods"):
        path = base / f"{name}.yaml"
        try:
            with path.open(encoding="utf-8") as fh:
                out[name] = yaml.safe_load(fh)
        except OSError as exc:
            raise PaymentRulesUnavailable(f"Reference table {path} cannot be read: {exc}") from exc
    return out
