"""One UK Sanctions List designation as published, before any interpretation.

The XML and CSV readers both fill a :class:`Designation`; ``service.sources.uk_sl``
turns it into our entity model, so the two variants cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Name:
    """One published name: its parts Name1..Name6, type and alias strength."""

    parts: tuple[str, ...]
    name_type: str = ""
    strength: str = ""

    @property
    def full(self) -> str:
        return " ".join(" ".join(self.parts).split())


@dataclass(frozen=True, slots=True)
class NonLatinName:
    name: str
    script: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class PostalAddress:
    lines: tuple[str, ...]
    """AddressLine1..AddressLine6 as published (line 6 is the town)."""
    postal_code: str | None = None
    country: str | None = None


@dataclass
class Designation:
    """One designation's published values, before any interpretation."""

    unique_id: str = ""
    kind: str = ""
    ofsi_group_id: str = ""
    un_references: list[str] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    non_latin: list[NonLatinName] = field(default_factory=list)
    regimes: list[str] = field(default_factory=list)
    source: str = ""
    sanctions: list[str] = field(default_factory=list)
    other_information: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    date_designated: str = ""
    addresses: list[PostalAddress] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    dobs: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    births: list[tuple[str, str]] = field(default_factory=list)
    """(town, country) pairs."""
    positions: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)
    passports: list[tuple[str, str]] = field(default_factory=list)
    """(number, additional information) pairs; likewise ``national_ids``."""
    national_ids: list[tuple[str, str]] = field(default_factory=list)
    entity_types: list[str] = field(default_factory=list)
    registrations: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    subsidiaries: list[str] = field(default_factory=list)
    imo_numbers: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    previous_owners: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_flags: list[str] = field(default_factory=list)
    ship_types: list[str] = field(default_factory=list)
