"""FCDO UK Sanctions List (``UK-Sanctions-List.xml`` or ``.csv``) -> entities.

Since 28 January 2026 the UK Sanctions List is the only official UK list (OFSI's
Consolidated List was retired). Both variants carry the same facts per designation,
keyed by its ``Unique ID``; the XML nests them, the CSV repeats them on one row per
name. Each reader fills a :class:`Designation` of raw published values, and
:func:`to_entity` turns that into our model, so the two variants cannot drift apart.
Every field may be missing or empty; only a designation without an id or any name is
refused, because it could not be screened or reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from service.core.model import Address, Alias, Entity, EntityType, Identifier
from service.sources import uk_sl_csv, uk_sl_xml
from service.sources.dates import iso_from_dmy
from service.sources.files import find_file
from service.sources.parsed import ParsedList, SourceError
from service.sources.uk_sl_record import Designation, PostalAddress
from service.sources.uk_text import UN_REF, country_code, country_codes, info_facts

XML_NAME = "UK-Sanctions-List.xml"
CSV_NAME = "UK-Sanctions-List.csv"

_TYPES: dict[str, EntityType] = {"individual": "person", "entity": "organization", "ship": "vessel"}
_ID = re.compile(r"^\s*([A-Za-z]{2,5}\d{3,6})\b(.*)$", re.DOTALL)
_IMO = re.compile(r"\b(\d{7})\b")


def parse(list_id: str, folder: Path) -> ParsedList:
    """Parse the XML in ``folder``, or the CSV when there is no XML."""
    xml_path = find_file(folder, XML_NAME)
    path = xml_path or find_file(folder, CSV_NAME)
    if path is None:
        raise SourceError(f"{list_id}: neither {XML_NAME} nor {CSV_NAME} in {folder}")
    reader = uk_sl_xml if xml_path is not None else uk_sl_csv
    version, designations = reader.read_designations(path)
    entities = tuple(to_entity(list_id, d, path.name) for d in designations)
    return ParsedList(list_id, entities, version, (path,))


def to_entity(list_id: str, d: Designation, file_name: str = XML_NAME) -> Entity:
    """Our model of one designation; SourceError when it has no id or no name."""
    source_id, id_note = _unique_id(d, file_name)
    names = _aliases(d)
    if not names:
        raise SourceError(f"{file_name}: designation {source_id} has no name")
    info = info_facts(d.other_information, plain_labels=True)
    addresses = tuple(dict.fromkeys(a for a in map(_address, d.addresses) if a))
    countries = [a.country for a in addresses] + list(country_codes(d.flags)) + info.countries
    identifiers = [*_identifiers(d), *info.identifiers]
    return Entity(
        list=list_id,
        source_id=source_id,
        entity_type=_entity_type(d, source_id, file_name),
        name=names[0].name,
        aliases=tuple(names[1:]),
        addresses=addresses,
        countries=tuple(dict.fromkeys(c for c in countries if c)),
        nationalities=country_codes(d.nationalities),
        dates_of_birth=_unique(iso_from_dmy(v) for v in d.dobs),
        identifiers=tuple(dict.fromkeys(identifiers)),
        programs=_unique(d.regimes),
        remarks=_remarks(d, id_note),
        gender=_gender(d.genders),
        places_of_birth=_unique(", ".join(p for p in pair if p) for pair in d.births),
        sanctions=_unique(s.strip() for v in d.sanctions for s in v.split("|")),
        listed_on=iso_from_dmy(d.date_designated) if d.date_designated else None,
        reasons="\n".join(_unique(d.reasons)) or None,
    )


def _unique_id(d: Designation, file_name: str) -> tuple[str, str]:
    """The designation's Unique ID, and any text published after it in the same field
    (kept in the remarks, never dropped)."""
    match = _ID.match(d.unique_id)
    if match:
        return match.group(1).upper(), match.group(2).strip(" .;")
    if d.unique_id.strip() and " " not in d.unique_id.strip():
        return d.unique_id.strip(), ""
    raise SourceError(f"{file_name}: designation without a Unique ID ({d.unique_id!r})")


def _entity_type(d: Designation, source_id: str, file_name: str) -> EntityType:
    """The published type; when it is missing, what the details sections imply."""
    kind = d.kind.strip().lower()
    if kind in _TYPES:
        return _TYPES[kind]
    if kind:
        raise SourceError(f"{file_name}: designation {source_id} has type {d.kind!r}")
    if d.imo_numbers or d.flags or d.ship_types:
        return "vessel"
    if d.dobs or d.nationalities or d.passports or d.genders or d.births:
        return "person"
    return "organization"


def _aliases(d: Designation) -> list[Alias]:
    """Primary name first, then variations and aliases, then non-Latin names."""
    ranked = sorted(
        d.names, key=lambda n: 0 if n.name_type.strip().lower() == "primary name" else 1
    )
    names: dict[str, Alias] = {}
    for name in ranked:
        full = name.full
        if full and full not in names:
            name_type = name.name_type.strip().lower()
            kind = "variation" if "variation" in name_type else "aka"
            weak = "low" in name.strength.lower()
            names[full] = Alias(full, "weak" if weak else "strong", kind)
    for other in d.non_latin:
        if other.name and other.name not in names:
            names[other.name] = Alias(
                other.name, "strong", "original_script", other.script, other.language
            )
    return list(names.values())


def _address(a: PostalAddress) -> Address | None:
    lines = tuple(a.lines[:5])
    city = a.lines[5] if len(a.lines) > 5 and a.lines[5] else None
    lines = tuple(line for line in lines if line)
    if not (lines or city or a.postal_code or a.country):
        return None
    return Address(lines, city, None, a.postal_code, country_code(a.country), a.country)


def _identifiers(d: Designation) -> list[Identifier]:
    """Typed identifiers; a document's additional information that is just a country
    (``Russia``) is taken as the issuing country."""
    found = [Identifier("un_ref", ref) for v in d.un_references for ref in UN_REF.findall(v)]
    found += [Identifier("imo", imo) for v in d.imo_numbers for imo in _IMO.findall(v)]
    for id_type, pairs in (("passport", d.passports), ("national_id", d.national_ids)):
        found += [
            Identifier(id_type, number, country_code(note), note or None) for number, note in pairs
        ]
    found += [Identifier("registration_number", v) for v in d.registrations]
    if d.ofsi_group_id:
        found.append(Identifier("ofsi_group_id", d.ofsi_group_id))
    for id_type, values in (("phone", d.phones), ("email", d.emails), ("website", d.websites)):
        found += [Identifier(id_type, v) for v in values]
    return found


def _gender(values: list[str]) -> str | None:
    genders = {v.strip().lower() for v in values if v.strip()}
    return genders.pop() if len(genders) == 1 else None


def _remarks(d: Designation, id_note: str) -> str | None:
    labelled = (
        ("Designation source", [d.source] if d.source else []),
        ("Title", d.titles),
        ("Position", d.positions),
        ("Type of entity", d.entity_types),
        ("Parent company", d.parents),
        ("Subsidiary", d.subsidiaries),
        ("Type of ship", d.ship_types),
        ("Current owner/operator", d.owners),
        ("Previous owner/operator", d.previous_owners),
        ("Previous flag", d.previous_flags),
    )
    parts = [f"{label}: {v}" for label, values in labelled for v in _unique(values)]
    parts += _unique([id_note, *d.other_information])
    return "; ".join(parts) or None


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))
