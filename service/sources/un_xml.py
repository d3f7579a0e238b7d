"""UN Security Council Consolidated List XML (``consolidated.xml``) -> entities.

Schema: ``CONSOLIDATED_LIST`` -> ``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``
(https://www.un.org/sc/resources/sc-sanctions.xsd). The UN marks alias quality as
``Good`` / ``Low`` (individuals) or ``a.k.a.`` / ``f.k.a.`` (entities); only ``Low`` is a
weak alias. Empty placeholder elements (``<ALIAS_NAME />``) are common and skipped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from service.core.countries import resolve_country
from service.core.model import Address, Alias, Entity, Identifier
from service.sources.dates import year_range
from service.sources.files import require_file, xml_root
from service.sources.parsed import ParsedList, SourceError

FILE_NAME = "consolidated.xml"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_SPACES = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse(list_id: str, folder: Path) -> ParsedList:
    """Parse the UN ``consolidated.xml`` in ``folder``."""
    path = require_file(list_id, folder, FILE_NAME)
    root = xml_root(path, "CONSOLIDATED_LIST")
    entities = (
        *(_individual(list_id, e, path) for e in root.iterfind("INDIVIDUALS/INDIVIDUAL")),
        *(_organization(list_id, e, path) for e in root.iterfind("ENTITIES/ENTITY")),
    )
    return ParsedList(list_id, tuple(entities), _version(root, path), (path,))


def _version(root: ET.Element, path: Path) -> str:
    generated = root.get("dateGenerated", "")
    match = _ISO_DATE.match(generated)
    if not match or not match.group(3):
        raise SourceError(f"{path.name}: missing or malformed dateGenerated {generated!r}")
    return match.group(0)


def _text(element: ET.Element, path: str) -> str | None:
    value = element.findtext(path)
    if not value:
        return None
    return _SPACES.sub(" ", value).strip() or None


def _values(element: ET.Element, path: str) -> list[str]:
    return [
        v for v in (_SPACES.sub(" ", e.text or "").strip() for e in element.iterfind(path)) if v
    ]


def _individual(list_id: str, element: ET.Element, path: Path) -> Entity:
    name = " ".join(p for p in (_text(element, tag) for tag in _NAME_PARTS) if p)
    return _entity(
        list_id,
        element,
        path,
        "INDIVIDUAL",
        name,
        nationalities=_unique([resolve_country(v) for v in _values(element, "NATIONALITY/VALUE")]),
        dates_of_birth=_unique(
            [d for dob in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH") for d in _dob(dob)]
        ),
        identifiers=tuple(
            i for i in map(_document, element.iterfind("INDIVIDUAL_DOCUMENT")) if i is not None
        ),
    )


def _organization(list_id: str, element: ET.Element, path: Path) -> Entity:
    return _entity(list_id, element, path, "ENTITY", _text(element, "FIRST_NAME"))


def _entity(
    list_id: str, element: ET.Element, path: Path, kind: str, name: str, **fields: Any
) -> Entity:
    """What UN individuals and entities share; ``kind`` (INDIVIDUAL or ENTITY) prefixes
    their alias and address tags, and a record without a name is refused, not skipped."""
    ref = _reference(element, path)
    if not name:
        raise SourceError(f"{path.name}: {kind.lower()} {ref} has no name")
    addresses = _addresses(element, f"{kind}_ADDRESS")
    return Entity(
        list=list_id,
        source_id=ref,
        entity_type="person" if kind == "INDIVIDUAL" else "organization",
        name=name,
        aliases=_aliases(element, f"{kind}_ALIAS"),
        addresses=addresses,
        countries=_unique([a.country for a in addresses]),
        programs=_programs(element),
        remarks=_remarks(element),
        **fields,
    )


def _reference(element: ET.Element, path: Path) -> str:
    ref = _text(element, "REFERENCE_NUMBER")
    if not ref:
        raise SourceError(f"{path.name}: {element.tag} without REFERENCE_NUMBER")
    return ref


def _aliases(element: ET.Element, tag: str) -> tuple[Alias, ...]:
    aliases = []
    original = _text(element, "NAME_ORIGINAL_SCRIPT")
    if original:
        aliases.append(Alias(original, "strong", "original_script"))
    for alias in element.iterfind(tag):
        name = _text(alias, "ALIAS_NAME")
        if name:
            quality = (_text(alias, "QUALITY") or "").lower()
            kind = "fka" if quality == "f.k.a." else "aka"
            aliases.append(Alias(name, "weak" if quality == "low" else "strong", kind))
    return tuple(dict.fromkeys(aliases))


def _addresses(element: ET.Element, tag: str) -> tuple[Address, ...]:
    addresses = []
    for item in element.iterfind(tag):
        street, country = _text(item, "STREET"), _text(item, "COUNTRY")
        city, region = _text(item, "CITY"), _text(item, "STATE_PROVINCE")
        postal = _text(item, "ZIP_CODE")
        if street or country or city or region or postal:
            lines = (street,) if street else ()
            addresses.append(
                Address(lines, city, region, postal, resolve_country(country), country)
            )
    return tuple(addresses)


def _dob(item: ET.Element) -> list[str]:
    """DATE (yyyy-mm-dd), YEAR, or FROM_YEAR..TO_YEAR."""
    date = _text(item, "DATE")
    if date:
        match = _ISO_DATE.match(date)
        return [match.group(0)] if match else []
    year = _text(item, "YEAR")
    if year and year.isdigit():
        return [year]
    first, last = _text(item, "FROM_YEAR"), _text(item, "TO_YEAR")
    if first and last and first.isdigit() and last.isdigit():
        return year_range(first, last)
    return [y for y in (first, last) if y and y.isdigit()]


def _document(item: ET.Element) -> Identifier | None:
    number = _text(item, "NUMBER")
    if not number:
        return None
    doc_type = (_text(item, "TYPE_OF_DOCUMENT") or "").lower()
    if "pass" in doc_type or "pasaporte" in doc_type:
        id_type = "passport"
    elif "national" in doc_type or "identi" in doc_type:
        id_type = "national_id"
    else:
        id_type = "other"
    country_text = _text(item, "ISSUING_COUNTRY") or _text(item, "COUNTRY_OF_ISSUE")
    notes = [n for n in (_text(item, "TYPE_OF_DOCUMENT2"), _text(item, "NOTE")) if n]
    if id_type == "other" and doc_type:
        notes.insert(0, _text(item, "TYPE_OF_DOCUMENT") or "")
    return Identifier(id_type, number, resolve_country(country_text), "; ".join(notes) or None)


def _programs(element: ET.Element) -> tuple[str, ...]:
    program = _text(element, "UN_LIST_TYPE")
    return (program,) if program else ()


def _remarks(element: ET.Element) -> str | None:
    parts = [f"Title: {t}" for t in _values(element, "TITLE/VALUE")]
    parts += [f"Designation: {d}" for d in _values(element, "DESIGNATION/VALUE")]
    comments = _text(element, "COMMENTS1")
    if comments:
        parts.append(comments)
    return "; ".join(parts) or None


def _unique(values: list[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
