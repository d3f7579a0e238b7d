"""Secondary evidence: identifiers, dates of birth and countries.

An exact match on a normalised identifier is strong evidence on its own (an IMO number
with a valid check digit is decisive); dates of birth and countries corroborate or
contradict a name match: they move the score and are listed in the explanation, but
they never hide a strong name match entirely (see ``MatchConfig.contradiction_floor``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.core.model import Entity, Identifier

_NON_ALNUM = re.compile(r"[^0-9A-Z]")

DECISIVE_TYPES = frozenset({"imo", "mmsi", "lei", "bic", "swift", "swift_bic"})
"""Identifier schemes that name one thing worldwide: an exact match settles it."""


def normalize_identifier(value: str) -> str:
    """Upper-case alphanumerics only: "IMO 9123456" -> "IMO9123456" -> see imo_number."""
    return _NON_ALNUM.sub("", value.upper())


def imo_number(value: str) -> str | None:
    """The 7-digit IMO number in ``value`` if its check digit is valid, else None."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 7:
        return None
    check = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True)) % 10
    return digits if check == int(digits[6]) else None


def identifier_keys(ident: Identifier) -> tuple[str, ...]:
    """Index keys for an identifier: the type-free normalised value, and for IMO the
    validated number (invalid IMO numbers are not indexed as IMO)."""
    kind = ident.type.lower()
    if kind == "imo" or "imo" in ident.value.lower():
        imo = imo_number(ident.value)
        return (f"imo:{imo}",) if imo else ()
    value = normalize_identifier(ident.value)
    if len(value) < 4:
        return ()
    return (f"id:{value}",)


@dataclass(frozen=True, slots=True)
class IdentifierHit:
    type: str
    query_value: str
    list_value: str
    decisive: bool


def identifier_hits(query_ids: tuple[Identifier, ...], entity: Entity) -> list[IdentifierHit]:
    """Query identifiers that equal one of the entity's, after normalisation."""
    hits = []
    for q in query_ids:
        qkeys = set(identifier_keys(q))
        if not qkeys:
            continue
        for e in entity.identifiers:
            if qkeys & set(identifier_keys(e)):
                if q.country and e.country and q.country.upper() != e.country.upper():
                    continue
                kind = e.type.lower()
                decisive = kind in DECISIVE_TYPES or any(k.startswith("imo:") for k in qkeys)
                hits.append(IdentifierHit(e.type, q.value, e.value, decisive))
    return hits


def imo_conflict(query_ids: tuple[Identifier, ...], entity: Entity) -> tuple[str, str] | None:
    """(query IMO, list IMO) when both carry valid but different IMO numbers."""
    q_imos = {k for q in query_ids for k in identifier_keys(q) if k.startswith("imo:")}
    e_imos = {k for e in entity.identifiers for k in identifier_keys(e) if k.startswith("imo:")}
    if q_imos and e_imos and not q_imos & e_imos:
        return sorted(q_imos)[0][4:], sorted(e_imos)[0][4:]
    return None


def compare_dob(query_dob: str, list_dobs: tuple[str, ...]) -> tuple[str, str] | None:
    """("match" | "near" | "mismatch", list date) for a query date of birth, or None
    when the list gives no date. Partial dates compare on the parts both sides have."""
    if not list_dobs:
        return None
    best: tuple[str, str] | None = None
    rank = {"match": 3, "near": 2, "mismatch": 1}
    for dob in list_dobs:
        verdict = _dob_verdict(query_dob, dob)
        if best is None or rank[verdict] > rank[best[0]]:
            best = (verdict, dob)
    return best


def _dob_verdict(a: str, b: str) -> str:
    pa, pb = a.split("-"), b.split("-")
    common = min(len(pa), len(pb))
    if pa[:common] == pb[:common]:
        return "match"
    try:
        ya, yb = int(pa[0]), int(pb[0])
    except ValueError:
        return "mismatch"
    if ya == yb:
        if common == 3 and pa[1] == pb[2] and pa[2] == pb[1]:
            return "near"  # day and month swapped
        return "near"
    if abs(ya - yb) <= 1:
        return "near"
    return "mismatch"


def entity_countries(entity: Entity) -> frozenset[str]:
    """Every country code linked to the entity (addresses, registration, nationality)."""
    codes = set(entity.countries) | set(entity.nationalities)
    codes.update(a.country for a in entity.addresses if a.country)
    return frozenset(c.upper() for c in codes)
