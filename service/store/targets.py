"""One target, many listings: link the entries of several lists that name the same party.

The UN, the UK, the EU and OFAC often list the same person or company, and a reviewer
should read one card about one target, not three. Two listings on *different* lists are
linked when they share

- a reference one cites to the other: a UN reference number (``QDi.001``) cited by the
  UK and EU lists and carried by the UN entry itself, the OFSI group id of a UK
  Sanctions List entry and the ConList entry, OFAC's entity number in the trade.gov CSL;
- a strong identifier: a valid IMO number, a passport number with its issuing country,
  a BIC (its first eight characters: the institution), a registration number of eight
  or more characters;
- a normalised name (primary name or strong alias, word order and script ignored) of a
  person together with a full date of birth.

A link key held by two entries of the *same* list is ambiguous (the publisher lists two
parties) and is not used. Linked listings are grouped by union-find, once per catalog.
A target's id is derived from its members' listing keys (the smallest), so it is the
same across list versions as long as that listing stays, whatever the load order. Pure.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Protocol

from service.core.evidence import imo_number, normalize_identifier
from service.core.model import Entity
from service.core.normalize import tokens

REFERENCE_TYPES: Mapping[str, tuple[str, ...]] = {
    "un_ref": ("un",),
    "ofsi_group_id": ("uk_ofsi",),
    "ofac_entity_number": ("ofac_sdn", "ofac_cons"),
}
"""Identifier type -> the lists whose own ids it cites."""

_MIN_ID_LENGTH = 6
"""Shorter passport numbers are too likely to collide by chance."""
_MIN_REGISTRATION_LENGTH = 8
"""Registration numbers are compared without their country (lists often omit it), so
only long ones, which do not collide by chance."""


@dataclass(frozen=True)
class Targets:
    """Listing key (``list:source_id``) -> target id, and each target's listings."""

    by_listing: Mapping[str, str]
    listings: Mapping[str, tuple[str, ...]]
    """Target id -> its listing keys, sorted; only targets with two or more listings."""
    reasons: Mapping[str, tuple[str, ...]]
    """Target id -> the link keys that joined its listings (``imo:9123456`` ...)."""

    def target_of(self, listing_key: str) -> str:
        """The target id of a listing; a listing linked to nothing is its own target."""
        return self.by_listing.get(listing_key) or target_id(listing_key)

    def listings_of(self, target: str, default: str | None = None) -> tuple[str, ...]:
        return self.listings.get(target, (default,) if default else ())

    @property
    def linked_count(self) -> int:
        """Targets listed more than once."""
        return len(self.listings)


def target_id(canonical_listing: str) -> str:
    """``T-`` and 12 hex digits of the canonical listing key's SHA-256."""
    return "T-" + hashlib.sha256(canonical_listing.encode()).hexdigest()[:12]


def link_targets(entities: Iterable[Entity]) -> Targets:
    """Group the listings of ``entities`` (all lists of a catalog) into targets."""
    holders: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entity in entities:
        for key in link_keys(entity):
            holders[key][entity.list].append(entity.key)
    parent: dict[str, str] = {}
    used: dict[str, list[str]] = defaultdict(list)
    for key, by_list in holders.items():
        if len(by_list) < 2 or any(len(keys) > 1 for keys in by_list.values()):
            continue  # on one list only, or ambiguous within a list
        members = [keys[0] for keys in by_list.values()]
        for other in members[1:]:
            _union(parent, members[0], other)
        used[members[0]].append(key)
    groups: dict[str, list[str]] = defaultdict(list)
    for listing in parent:
        groups[_find(parent, listing)].append(listing)
    by_listing: dict[str, str] = {}
    listings: dict[str, tuple[str, ...]] = {}
    reasons: dict[str, tuple[str, ...]] = {}
    for members in groups.values():
        members.sort()
        target = target_id(members[0])
        listings[target] = tuple(members)
        by_listing.update(dict.fromkeys(members, target))
        reasons[target] = tuple(sorted({k for m in members for k in used.get(m, ())}))
    return Targets(
        MappingProxyType(by_listing), MappingProxyType(listings), MappingProxyType(reasons)
    )


def link_keys(entity: Entity) -> Iterator[str]:
    """The keys under which ``entity`` may be linked to listings on other lists."""
    if entity.list in {lid for lists in REFERENCE_TYPES.values() for lid in lists}:
        yield f"ref:{entity.list}:{entity.source_id}"
    for ident in entity.identifiers:
        yield from _identifier_keys(ident.type, ident.value, ident.country)
    dates = {d for d in entity.dates_of_birth if len(d) == 10}
    if entity.entity_type == "person" and dates:
        for name in {_name_key(a.name) for a in entity.all_names() if a.quality == "strong"}:
            yield from (f"name-dob:{name}|{date}" for date in dates if name)


def _identifier_keys(kind: str, value: str, country: str | None) -> Iterator[str]:
    if kind in REFERENCE_TYPES:
        yield from (f"ref:{lid}:{value.strip()}" for lid in REFERENCE_TYPES[kind])
        return
    normal = normalize_identifier(value)
    if kind == "imo":
        if number := imo_number(value):
            yield f"imo:{number}"
    elif kind == "bic" and len(normal) in (8, 11):
        yield f"bic:{normal[:8]}"
    elif kind == "passport" and country and len(normal) >= _MIN_ID_LENGTH:
        yield f"passport:{country}:{normal}"
    elif kind == "registration_number" and len(normal) >= _MIN_REGISTRATION_LENGTH:
        yield f"registration:{normal}"


def _name_key(name: str) -> str:
    return " ".join(sorted(tokens(name)))


def _union(parent: dict[str, str], a: str, b: str) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)


def _find(parent: dict[str, str], item: str) -> str:
    parent.setdefault(item, item)
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


class ScoredListing(Protocol):
    """What a match gives the summary: the listed entity, its score, the name matched."""

    entity: Entity
    score: float
    matched_name: str


def summarize(
    matches: Iterable[ScoredListing],
    targets: Targets,
    listing: Callable[[str], Entity | None],
) -> list[dict[str, Any]]:
    """One entry per matched target, best first: its best match and every listing of
    it, matched or not (``score`` None), so a reviewer reads one card per target."""
    best: dict[str, ScoredListing] = {}
    scores: dict[str, float] = {}
    for match in matches:
        target = targets.target_of(match.entity.key)
        scores.setdefault(match.entity.key, match.score)
        if target not in best or match.score > best[target].score:
            best[target] = match
    ordered = sorted(best.items(), key=lambda item: (-item[1].score, item[0]))
    return [
        {
            "target_id": target,
            "best": _listing_dict(top.entity, top.score, top.matched_name),
            "listings": [
                _listing_dict(entity, scores.get(key))
                for key in targets.listings_of(target, top.entity.key)
                if (entity := listing(key)) is not None
            ],
            "linked_by": list(targets.reasons.get(target, ())),
        }
        for target, top in ordered
    ]


def _listing_dict(
    entity: Entity, score: float | None, matched_name: str | None = None
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "list": entity.list,
        "source_id": entity.source_id,
        "name": entity.name,
        "score": score,
    }
    if matched_name is not None:
        found["matched_name"] = matched_name
    return found


def lists_of(listings: Iterable[str]) -> tuple[str, ...]:
    """The list ids of listing keys, in order, once each."""
    return tuple(dict.fromkeys(key.split(":", 1)[0] for key in listings))
