"""What a listing says about its target, reduced to comparable facets and one fingerprint.

Ongoing monitoring and suppression expiry ask one question of a list update: "did what
the list says about this entity change?" Publishers rewrite remarks, reorder aliases and
re-case names without changing the listing, so the comparison uses only the facts a
screening decision rests on: names, dates of birth, identifiers, countries, programmes
(plus type, measures and addresses for the diff). Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from service.core.model import Address, Entity, Identifier

FINGERPRINT_FACETS = ("names", "dates_of_birth", "identifiers", "countries", "programs")
"""The facets the fingerprint covers; a suppression lapses when one of them changes."""

DIFF_FACETS = (
    *FINGERPRINT_FACETS,
    "nationalities",
    "entity_type",
    "sanctions",
    "addresses",
)
"""The facets a list diff reports, in the order it reports them."""


def facets(entity: Entity) -> dict[str, tuple[str, ...]]:
    """Each facet of ``entity`` as a sorted tuple of canonical strings."""
    names = {_name(a.name) + (" (weak)" if a.quality == "weak" else "") for a in entity.all_names()}
    return {
        "names": tuple(sorted(names)),
        "dates_of_birth": tuple(sorted(set(entity.dates_of_birth))),
        "identifiers": tuple(sorted({_identifier(i) for i in entity.identifiers})),
        "countries": tuple(sorted(set(entity.countries))),
        "programs": tuple(sorted(set(entity.programs))),
        "nationalities": tuple(sorted(set(entity.nationalities))),
        "entity_type": (entity.entity_type,),
        "sanctions": tuple(sorted(set(entity.sanctions))),
        "addresses": tuple(sorted({_address(a) for a in entity.addresses})),
    }


def fingerprint(entity: Entity, entity_facets: Mapping[str, tuple[str, ...]] | None = None) -> str:
    """``fp1:<16 hex>`` over the fingerprint facets: equal for two versions of a listing
    that say the same about its target, different when a name, date of birth,
    identifier, country or programme is added or removed."""
    found = entity_facets or facets(entity)
    canonical = json.dumps([found[f] for f in FINGERPRINT_FACETS], ensure_ascii=False)
    return "fp1:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _name(text: str) -> str:
    return " ".join(text.split()).casefold()


def _identifier(ident: Identifier) -> str:
    value = "".join(ident.value.split()).upper()
    return f"{ident.type}:{value}" + (f":{ident.country}" if ident.country else "")


def _address(address: Address) -> str:
    parts = (*address.lines, address.city, address.region, address.postal_code, address.country)
    return ", ".join(" ".join(p.split()) for p in parts if p)
