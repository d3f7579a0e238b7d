"""The normalised entity model every list parser produces and the matcher consumes.

Frozen, slotted dataclasses: the index holds tens of thousands of them and shares
them copy-on-write between gunicorn workers, so they must never be mutated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["person", "organization", "vessel", "aircraft"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "organization", "vessel", "aircraft")

AliasQuality = Literal["strong", "weak"]
"""OFAC weak AKAs and UN 'Low' quality aliases are ``weak``; everything else ``strong``."""


@dataclass(frozen=True, slots=True)
class Alias:
    """Another name the publisher gives for the entity."""

    name: str
    quality: AliasQuality = "strong"
    kind: str = "aka"
    """aka | fka | nka | original_script | variation, as the publisher labels it."""
    script: str | None = None
    """For a name in a non-Latin script: the script as published (Cyrillic, Arabic...)."""
    language: str | None = None
    """The name's language where the publisher gives one (Russian, Persian...)."""


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address; any part may be missing in the source."""

    lines: tuple[str, ...] = ()
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    """ISO 3166 alpha-2 where the parser could resolve it."""
    country_name: str | None = None
    """The country text as published."""


@dataclass(frozen=True, slots=True)
class Identifier:
    """A document or registry number. ``type`` is lower-case snake case, e.g.
    ``passport``, ``national_id``, ``imo``, ``mmsi``, ``bic``, ``registration_number``."""

    type: str
    value: str
    country: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One listed party, normalised across publishers."""

    list: str
    source_id: str
    entity_type: EntityType
    name: str
    aliases: tuple[Alias, ...] = ()
    addresses: tuple[Address, ...] = ()
    countries: tuple[str, ...] = ()
    """ISO alpha-2 codes linked to the entity (addresses, registration, flag)."""
    nationalities: tuple[str, ...] = ()
    dates_of_birth: tuple[str, ...] = ()
    """ISO dates, possibly partial: ``1970``, ``1970-05`` or ``1970-05-17``."""
    identifiers: tuple[Identifier, ...] = ()
    programs: tuple[str, ...] = ()
    remarks: str | None = None
    gender: str | None = None
    """``male`` / ``female`` where the publisher states it."""
    places_of_birth: tuple[str, ...] = ()
    """As published, town and country joined (``Tehran, Iran``)."""
    sanctions: tuple[str, ...] = ()
    """Measures imposed as the publisher names them (``Asset freeze``, ``Travel Ban``)."""
    listed_on: str | None = None
    """ISO date the publisher designated the entity, where it says."""
    reasons: str | None = None
    """The publisher's statement of reasons for the designation."""

    @property
    def key(self) -> str:
        """Globally unique key: list id plus the publisher's own id."""
        return f"{self.list}:{self.source_id}"

    def all_names(self) -> tuple[Alias, ...]:
        """Primary name first (as a strong ``primary`` alias), then the aliases."""
        return (Alias(self.name, "strong", "primary"), *self.aliases)


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """One loaded version of one list."""

    list_id: str
    version: str
    """Publisher's date where the file has one (ISO), else ``sha256:<first 16 hex>``."""
    entities: tuple[Entity, ...]
    source: str
    """Where the files came from: a folder path or download URL."""
    loaded_at: str
    """ISO 8601 UTC timestamp of when this process parsed it."""
    sample: bool = False
    """True for our bundled sample list; responses must say so."""
    name_count: int = field(default=0)

    @property
    def entity_count(self) -> int:
        return len(self.entities)
