"""EU Financial Sanctions Files (FSF) consolidated XML -> entities.

Schema 1.1, namespace ``http://eu.europa.ec/fpi/fsd/export``: ``export`` ->
``sanctionEntity`` (``logicalId``) with ``nameAlias`` (``wholeName``, ``strong``),
``subjectType`` (person / enterprise), ``citizenship``, ``birthdate``,
``identification``, ``address``, ``regulation/@programme`` and ``remark``. Facts are
attributes, not text, and any of them may be empty. A name's language is published
(``nameLanguage``) but its script is not, so it is read from the letters. The
publisher's download names vary (``content?token=...``, ``20240315-FULL-1_1.xml``), so
any ``*.xml`` in the list folder is accepted; with several, the name that sorts last (the
newest dated export) wins.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from service.core.countries import resolve_country
from service.core.model import Address, Alias, Entity, EntityType, Identifier
from service.sources.dates import iso_from_parts, year_range
from service.sources.files import xml_root
from service.sources.parsed import ParsedList, SourceError
from service.sources.scripts import script_of

_TYPES: dict[str, EntityType] = {"person": "person", "enterprise": "organization"}
_ID_TYPES = {
    "passport": "passport",
    "id": "national_id",
    "fiscalcode": "tax_id",
    "regnumber": "registration_number",
    "swiftbic": "bic",
    "imo": "imo",
    "ssn": "ssn",
    "drivinglicence": "drivers_license",
    "birthcertificate": "birth_certificate",
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_GENDERS = {"M": "male", "F": "female"}


def find_export(folder: Path) -> Path | None:
    """The EU export in ``folder``: the last ``*.xml`` by name, or None."""
    candidates = sorted(
        p for p in folder.iterdir() if p.is_file() and p.name.lower().endswith(".xml")
    )
    return candidates[-1] if candidates else None


def parse(list_id: str, folder: Path) -> ParsedList:
    """Parse the EU FSF XML export in ``folder``."""
    path = find_export(folder)
    if path is None:
        raise SourceError(f"{list_id}: no *.xml export in {folder}")
    root = xml_root(path, "export")
    entities = tuple(_entity(list_id, e, path) for e in root.iterfind("sanctionEntity"))
    return ParsedList(list_id, entities, _version(root, path), (path,))


def _version(root: ET.Element, path: Path) -> str:
    match = _ISO_DATE.match(root.get("generationDate", ""))
    if not match:
        raise SourceError(f"{path.name}: missing or malformed generationDate")
    return match.group(0)


def _attr(element: ET.Element, name: str) -> str | None:
    value = element.get(name)
    return " ".join(value.split()) or None if value else None


def _country(element: ET.Element) -> str | None:
    """``countryIso2Code`` ("00" = unknown), else the description resolved."""
    code = (_attr(element, "countryIso2Code") or "").upper()
    if len(code) == 2 and code.isalpha():
        return resolve_country(code)
    return resolve_country(_attr(element, "countryDescription"))


def _entity(list_id: str, element: ET.Element, path: Path) -> Entity:
    logical_id = _attr(element, "logicalId")
    if not logical_id:
        raise SourceError(f"{path.name}: sanctionEntity without logicalId")
    subject = element.find("subjectType")
    code = subject.get("code", "") if subject is not None else ""
    entity_type = _TYPES.get(code.lower())
    if entity_type is None:
        raise SourceError(f"{path.name}: entity {logical_id} has subjectType {code!r}")
    names = _names(element)
    if not names:
        raise SourceError(f"{path.name}: entity {logical_id} has no nameAlias/@wholeName")
    addresses = tuple(dict.fromkeys(a for a in map(_address, element.iterfind("address")) if a))
    return Entity(
        list=list_id,
        source_id=logical_id,
        entity_type=entity_type,
        name=names[0].name,
        aliases=tuple(names[1:]),
        addresses=addresses,
        countries=_unique([a.country for a in addresses]),
        nationalities=_unique([_country(c) for c in element.iterfind("citizenship")]),
        dates_of_birth=_unique([d for b in element.iterfind("birthdate") for d in _birthdates(b)]),
        identifiers=_identifiers(element),
        programs=_unique([_attr(r, "programme") for r in element.iterfind("regulation")]),
        remarks=_remarks(element),
        gender=_gender(element),
        places_of_birth=_unique([_place(b) for b in element.iterfind("birthdate")]),
        listed_on=_listed_on(element),
    )


def _names(element: ET.Element) -> list[Alias]:
    """Every distinct ``wholeName`` (or its parts); the first becomes the primary name."""
    names: dict[str, Alias] = {}
    for alias in element.iterfind("nameAlias"):
        name = _attr(alias, "wholeName") or " ".join(
            p for p in (_attr(alias, a) for a in ("firstName", "middleName", "lastName")) if p
        )
        if name and name not in names:
            weak = (alias.get("strong") or "true").lower() == "false"
            script = script_of(name)
            kind = "original_script" if script else "aka"
            language = _attr(alias, "nameLanguage")
            names[name] = Alias(name, "weak" if weak else "strong", kind, script, language)
    return list(names.values())


def _gender(element: ET.Element) -> str | None:
    genders = {_GENDERS.get((a.get("gender") or "").upper()) for a in element.iterfind("nameAlias")}
    genders.discard(None)
    return genders.pop() if len(genders) == 1 else None


def _place(item: ET.Element) -> str | None:
    """``Murmansk, Murmansk Oblast, RUSSIAN FEDERATION`` from a birthdate's place parts."""
    country = _attr(item, "countryDescription")
    parts = [_attr(item, a) for a in ("city", "place", "region")]
    parts.append(None if country == "UNKNOWN" else country)
    return ", ".join(p for p in parts if p) or None


def _listed_on(element: ET.Element) -> str | None:
    """``designationDate``, else the first regulation's publication date."""
    dates = [element.get("designationDate", "")]
    dates += sorted(r.get("publicationDate", "") for r in element.iterfind("regulation"))
    return next((m.group(0) for d in dates if (m := _ISO_DATE.match(d))), None)


def _birthdates(item: ET.Element) -> list[str]:
    """An exact date, a year with optional month and day, or a year range; a ``circa``
    date keeps only its year, and a day and month without a year is no date. Dates in
    another calendar (``calendarType="ISLAMIC"``) are not Gregorian years, so none."""
    if (item.get("calendarType") or "GREGORIAN").upper() != "GREGORIAN":
        return []
    full = _ISO_DATE.match(item.get("birthdate", ""))
    circa = (item.get("circa") or "").lower() == "true"
    if full:
        return [full.group(1)] if circa else [full.group(0)]
    year = _attr(item, "year")
    if year:
        iso = iso_from_parts(year, _attr(item, "monthOfYear"), _attr(item, "dayOfMonth"))
        return [iso] if iso else []
    first, last = _attr(item, "yearRangeFrom"), _attr(item, "yearRangeTo")
    if first and last and first.isdigit() and last.isdigit():
        return year_range(first, last)
    return []


def _identifiers(element: ET.Element) -> tuple[Identifier, ...]:
    """Documents, plus the EU and UN reference numbers (they link records across lists)."""
    found = [i for i in map(_identifier, element.iterfind("identification")) if i]
    for attribute, id_type in (
        ("euReferenceNumber", "eu_reference_number"),
        ("unitedNationId", "un_ref"),
    ):
        value = _attr(element, attribute)
        if value:
            found.append(Identifier(id_type, value))
    return tuple(dict.fromkeys(found))


def _identifier(item: ET.Element) -> Identifier | None:
    number = _attr(item, "number") or _attr(item, "latinNumber")
    if not number:
        return None
    code = (_attr(item, "identificationTypeCode") or "other").lower()
    valid = " to ".join(v for v in (_attr(item, "validFrom"), _attr(item, "validTo")) if v)
    notes = [
        _attr(item, "identificationTypeDescription"),
        f"issued by {issuer}" if (issuer := _attr(item, "issuedBy")) else None,
        f"valid {valid}" if valid else None,
        _attr(item, "remark"),
        *(" ".join(r.text.split()) for r in item.iterfind("remark") if r.text),
    ]
    flags = [
        f
        for f in ("diplomatic", "knownFalse", "knownExpired", "reportedLost", "revokedByIssuer")
        if item.get(f) == "true"
    ]
    note = "; ".join([n for n in notes if n] + flags) or None
    return Identifier(_ID_TYPES.get(code, code), number, _country(item), note)


def _address(item: ET.Element) -> Address | None:
    street, po_box, place = _attr(item, "street"), _attr(item, "poBox"), _attr(item, "place")
    lines = tuple(x for x in (street, place, f"PO Box {po_box}" if po_box else None) if x)
    city, region, postal = _attr(item, "city"), _attr(item, "region"), _attr(item, "zipCode")
    country_name = _attr(item, "countryDescription")
    if country_name == "UNKNOWN":
        country_name = None
    country = _country(item)
    if not (lines or city or region or postal or country):
        return None
    return Address(lines, city, region, postal, country, country_name)


def _remarks(element: ET.Element) -> str | None:
    """Titles, functions, designation details, the regulations that list the entity (so
    a reviewer can cite them) and the publisher's remarks, address remarks included."""
    aliases = list(element.iterfind("nameAlias"))
    parts = [f"Title: {t}" for t in _unique([_attr(a, "title") for a in aliases])]
    parts += [f"Function: {f}" for f in _unique([_attr(a, "function") for a in aliases])]
    parts += [f"Designation: {d}" for d in _unique([_attr(element, "designationDetails")])]
    parts += [f"Regulation: {r}" for r in _unique(map(_regulation, element.iterfind("regulation")))]
    remarks = [*element.iterfind("remark"), *element.iterfind("address/remark")]
    parts += _unique([" ".join(r.text.split()) for r in remarks if r.text])
    return "; ".join(parts) or None


def _regulation(item: ET.Element) -> str | None:
    """``2022/581 (OJ L110) of 2022-04-08, https://eur-lex...``."""
    title = _attr(item, "numberTitle")
    if not title:
        return None
    date, url = _attr(item, "publicationDate"), item.findtext("publicationUrl")
    return ", ".join(p for p in (f"{title} of {date}" if date else title, url and url.strip()) if p)


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
