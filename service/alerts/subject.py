"""Who an alert or a suppression is about, and what a list entry says, as stable keys.

The subject is the tenant's ``customer_id`` when the caller gave one (the bank knows its
customer), else the normalised name with entity type, date of birth and country: two
screenings of "Jose  Garcia" and "JOSÉ GARCIA" born the same day in the same country are
the same subject; the same name with another birth date is not.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Protocol

from service.screening.entity_types import entity_type_of
from service.store.fingerprint import FINGERPRINT_FACETS, facets, fingerprint

__all__ = [
    "FINGERPRINT_FACETS",
    "changed_facets",
    "facets",
    "fingerprint",
    "match_key",
    "normalised_name",
    "subject_key",
    "subject_of",
]


def normalised_name(name: str) -> str:
    """Case, accents and spacing folded: what the subject key compares."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def subject_key(
    *,
    customer_id: str | None,
    name: str,
    entity_type: str | None = None,
    date_of_birth: str | None = None,
    country: str | None = None,
) -> str:
    """A 64-hex key; ``cust:`` and ``name:`` keys never collide. Entity types are read as
    words (a transaction's ``individual`` is the ``person`` of ``/v1/screen``)."""
    if customer_id:
        material = ["cust", customer_id]
    else:
        material = [
            "name",
            normalised_name(name),
            entity_type_of(entity_type) or entity_type or "",
            date_of_birth or "",
            (country or "").strip().upper(),
        ]
    return hashlib.sha256(json.dumps(material, ensure_ascii=False).encode()).hexdigest()


class Screened(Protocol):
    """Anything screened by name with its particulars: a screening request, a batch row,
    a party to a transaction."""

    @property
    def name(self) -> str: ...
    @property
    def customer_id(self) -> str | None: ...
    @property
    def entity_type(self) -> str | None: ...
    @property
    def date_of_birth(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...


def subject_of(screened: Screened) -> str:
    """The subject key of what was screened, so every path keys a subject the same way."""
    return subject_key(
        customer_id=screened.customer_id,
        name=screened.name,
        entity_type=screened.entity_type,
        date_of_birth=screened.date_of_birth,
        country=screened.country,
    )


def match_key(entry_keys: Iterable[str], rule_ids: Iterable[str] = ()) -> str:
    """Which matches (and rules) an alert is about, whatever order they came in."""
    material = [sorted(set(entry_keys)), sorted(set(rule_ids))]
    return hashlib.sha256(json.dumps(material).encode()).hexdigest()


# --- what a list entry says: engineer E's fingerprint (service/store/fingerprint.py) ---


def changed_facets(
    before: Mapping[str, Iterable[str]], after: Mapping[str, Iterable[str]]
) -> dict[str, dict[str, list[str]]]:
    """Per facet, the values added and removed between two readings of an entry."""
    out: dict[str, dict[str, list[str]]] = {}
    for name in FINGERPRINT_FACETS:
        old, new = set(before.get(name, ())), set(after.get(name, ()))
        if old != new:
            out[name] = {"added": sorted(new - old), "removed": sorted(old - new)}
    return out
