"""OFAC XML (``sdn.xml`` / non-SDN ``consolidated.xml``) -> entities.

Both files share one namespaced schema (``sdnList`` -> ``sdnEntry``). Unlike the legacy
CSV set it carries alias quality (``category`` strong/weak) and documents as structure;
``idType idNumber (idCountry)`` triples go through the same phrase parser as CSV remarks
so both formats yield identical identifier types.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from service.core.countries import resolve_country
from service.core.model import Address, Alias, Entity, EntityType, Identifier
from service.sources.files import content_version, require_file, xml_root
from service.sources.ofac_remarks import RemarkFacts, parse_dob, parse_phrases
from service.sources.parsed import ParsedList, SourceError

FILE_NAMES = {"ofac_sdn": "sdn.xml", "ofac_cons": "consolidated.xml"}

_TYPES: dict[str, EntityType] = {
    "individual": "person",
    "entity": "organization",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
_ALIAS_KINDS = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}
_VESSEL_FIELDS = (
    ("vesselType", "Vessel type"),
    ("tonnage", "Tonnage"),
    ("grossRegisteredTonnage", "GRT"),
    ("vesselFlag", "Flag"),
    ("vesselOwner", "Owner"),
)


def parse(list_id: str, folder: Path) -> ParsedList:
    """Parse ``sdn.xml`` (ofac_sdn) or ``consolidated.xml`` (ofac_cons) in ``folder``."""
    path = require_file(list_id, folder, FILE_NAMES[list_id])
    root = xml_root(path, "sdnList")
    entities = tuple(_entity(list_id, entry, path) for entry in root.iterfind("sdnEntry"))
    return ParsedList(list_id, entities, _version(root, path), (path,))


def _version(root: ET.Element, path: Path) -> str:
    """``Publish_Date`` mm/dd/yyyy -> yyyy-mm-dd; a content hash when the file has none."""
    text = (root.findtext("publshInformation/Publish_Date") or "").strip()
    if not text:
        return content_version((path,))
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise SourceError(f"{path.name}: malformed Publish_Date {text!r}")
    month, day, year = (int(p) for p in parts)
    return f"{year:04d}-{month:02d}-{day:02d}"


def _text(element: ET.Element, path: str) -> str | None:
    value = element.findtext(path)
    return value.strip() or None if value else None


def _name(element: ET.Element) -> str | None:
    """OFAC's own display order, ``LAST, First``, as in the CSV files."""
    last, first = _text(element, "lastName"), _text(element, "firstName")
    if last and first:
        return f"{last}, {first}"
    return last or first


def _entity(list_id: str, entry: ET.Element, path: Path) -> Entity:
    uid, name = _text(entry, "uid"), _name(entry)
    if not uid or not name:
        raise SourceError(f"{path.name}: sdnEntry without uid or lastName (uid={uid!r})")
    entity_type = _TYPES.get((_text(entry, "sdnType") or "entity").lower(), "organization")
    facts = _id_facts(entry)
    addresses = tuple(_address(a) for a in entry.iterfind("addressList/address"))
    flag = resolve_country(_text(entry, "vesselInfo/vesselFlag"))
    identifiers = list(facts.identifiers)
    call_sign = _text(entry, "vesselInfo/callSign")
    if call_sign:
        identifiers.insert(0, Identifier("call_sign", call_sign, flag))
    nationalities = [
        resolve_country(_text(n, "country"))
        for n in (
            *entry.iterfind("nationalityList/nationality"),
            *entry.iterfind("citizenshipList/citizenship"),
        )
    ]
    dobs = [
        d
        for item in entry.iterfind("dateOfBirthList/dateOfBirthItem")
        for d in parse_dob(_text(item, "dateOfBirth") or "")
    ]
    return Entity(
        list=list_id,
        source_id=uid,
        entity_type=entity_type,
        name=name,
        aliases=tuple(a for a in map(_alias, entry.iterfind("akaList/aka")) if a),
        addresses=addresses,
        countries=_unique([a.country for a in addresses] + facts.countries + [flag]),
        nationalities=_unique(nationalities + facts.nationalities),
        dates_of_birth=_unique(dobs),
        identifiers=tuple(dict.fromkeys(identifiers)),
        programs=tuple(p.text.strip() for p in entry.iterfind("programList/program") if p.text),
        remarks=_remarks(entry),
    )


def _id_facts(entry: ET.Element) -> RemarkFacts:
    phrases = []
    for item in entry.iterfind("idList/id"):
        id_type, number = _text(item, "idType"), _text(item, "idNumber")
        if id_type and number:
            country = _text(item, "idCountry")
            phrases.append(f"{id_type} {number}" + (f" ({country})" if country else ""))
    return parse_phrases(phrases)


def _alias(aka: ET.Element) -> Alias | None:
    name = _name(aka)
    if not name:
        return None
    quality = "weak" if (_text(aka, "category") or "").lower() == "weak" else "strong"
    return Alias(name, quality, _ALIAS_KINDS.get((_text(aka, "type") or "").lower(), "aka"))


def _address(element: ET.Element) -> Address:
    lines = tuple(t for t in (_text(element, f"address{i}") for i in (1, 2, 3)) if t)
    country = _text(element, "country")
    return Address(
        lines,
        _text(element, "city"),
        _text(element, "stateOrProvince"),
        _text(element, "postalCode"),
        resolve_country(country),
        country,
    )


def _remarks(entry: ET.Element) -> str | None:
    """Title and vessel details (no model fields for them) followed by the remarks."""
    parts = []
    title = _text(entry, "title")
    if title:
        parts.append(f"Title: {title}")
    for tag, label in _VESSEL_FIELDS:
        value = _text(entry, f"vesselInfo/{tag}")
        if value:
            parts.append(f"{label}: {value}")
    remarks = _text(entry, "remarks")
    if remarks:
        parts.append(remarks)
    return "; ".join(parts) or None


def _unique(values: list[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
