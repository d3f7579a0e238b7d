"""Read ``UK-Sanctions-List.xml`` into :class:`~service.sources.uk_sl_record.Designation` records.

Shape (FCDO format guide): ``Designations`` -> ``DateGenerated`` and ``Designation``
elements; repeated values sit in a plural container (``Names/Name``, ``DOBs/DOB``,
``IMONumbers/IMONumber``). Non-Latin names appear both wrapped
(``NonLatinNames/NonLatinName/NameNonLatinScript``) and flat (``NonLatinNames`` holding
``NameNonLatinScript`` directly), so both are read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from service.sources.dates import iso_published
from service.sources.files import xml_root
from service.sources.parsed import SourceError
from service.sources.uk_sl_record import Designation, Name, NonLatinName, PostalAddress

_INDIVIDUAL = "IndividualDetails/Individual/"
_ENTITY = "EntityDetails/Entity/"
_SHIP = "ShipDetails/Ship/"


def read_designations(path: Path) -> tuple[str, list[Designation]]:
    """The publication date (ISO) and every designation in the file."""
    root = xml_root(path, "Designations")
    version = iso_published(_text(root, "DateGenerated") or "")
    if version is None:
        raise SourceError(f"{path.name}: missing or malformed DateGenerated")
    return version, [_designation(e) for e in root.iterfind("Designation")]


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return " ".join((found.text or "").split()) if found is not None else ""


def _all(element: ET.Element, path: str) -> list[str]:
    texts = (" ".join((e.text or "").split()) for e in element.iterfind(path))
    return [t for t in texts if t]


def _designation(e: ET.Element) -> Designation:
    return Designation(
        unique_id=_text(e, "UniqueID"),
        kind=_text(e, "IndividualEntityShip"),
        ofsi_group_id=_text(e, "OFSIGroupID"),
        un_references=_all(e, "UNReferenceNumber"),
        names=[_name(n) for n in e.iterfind("Names/Name")],
        non_latin=_non_latin(e),
        regimes=_all(e, "RegimeName"),
        source=_text(e, "DesignationSource"),
        sanctions=_all(e, "SanctionsImposed") or _indicators(e),
        other_information=_all(e, "OtherInformation"),
        reasons=_all(e, "UKStatementofReasons"),
        date_designated=_text(e, "DateDesignated"),
        addresses=[_address(a) for a in e.iterfind("Addresses/Address")],
        phones=_all(e, "PhoneNumbers/PhoneNumber"),
        emails=_all(e, "EmailAddresses/EmailAddress"),
        websites=_all(e, "Websites/Website"),
        titles=_all(e, "Titles/Title") + _all(e, _INDIVIDUAL + "Titles/Title"),
        dobs=_all(e, _INDIVIDUAL + "DOBs/DOB"),
        nationalities=_all(e, _INDIVIDUAL + "Nationalities/Nationality"),
        births=[
            (_text(loc, "TownOfBirth"), _text(loc, "CountryOfBirth"))
            for loc in e.iterfind(_INDIVIDUAL + "BirthDetails/Location")
        ],
        positions=_all(e, _INDIVIDUAL + "Positions/Position"),
        genders=_all(e, _INDIVIDUAL + "Genders/Gender"),
        passports=_documents(e, "PassportDetails/Passport", "Passport"),
        national_ids=_documents(
            e, "NationalIdentifierDetails/NationalIdentifier", "NationalIdentifier"
        ),
        entity_types=_all(e, _ENTITY + "TypeOfEntities/TypeOfEntity"),
        registrations=_all(e, _ENTITY + "BusinessRegistrationNumbers/BusinessRegistrationNumber"),
        parents=_all(e, _ENTITY + "ParentCompanies/ParentCompany"),
        subsidiaries=_all(e, _ENTITY + "Subsidiaries/Subsidiary"),
        imo_numbers=_all(e, _SHIP + "IMONumbers/IMONumber"),
        owners=_all(e, _SHIP + "CurrentOwnerOperators/CurrentOwnerOperator"),
        previous_owners=_all(e, _SHIP + "PreviousOwnerOperators/PreviousOwnerOperator"),
        flags=_all(e, _SHIP + "CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip"),
        previous_flags=_all(e, _SHIP + "PreviousFlags/PreviousFlag"),
        ship_types=_all(e, _SHIP + "TypeOfShipDetails/TypeOfShip"),
    )


def _name(n: ET.Element) -> Name:
    parts = tuple(p for p in (_text(n, f"Name{i}") for i in (1, 2, 3, 4, 5, 6)) if p)
    return Name(parts, _text(n, "NameType"), _text(n, "AliasStrength"))


def _non_latin(e: ET.Element) -> list[NonLatinName]:
    holders = [*e.iterfind("NonLatinNames/NonLatinName"), *e.iterfind("NonLatinNames")]
    return [
        NonLatinName(
            _text(h, "NameNonLatinScript"),
            _text(h, "NonLatinScriptType") or None,
            _text(h, "NonLatinScriptLanguage") or None,
        )
        for h in holders
        if _text(h, "NameNonLatinScript")
    ]


def _address(a: ET.Element) -> PostalAddress:
    lines = tuple(_text(a, f"AddressLine{i}") for i in (1, 2, 3, 4, 5, 6))
    return PostalAddress(
        lines, _text(a, "AddressPostalCode") or None, _text(a, "AddressCountry") or None
    )


def _documents(e: ET.Element, path: str, prefix: str) -> list[tuple[str, str]]:
    return [
        (number, _text(doc, f"{prefix}AdditionalInformation"))
        for doc in e.iterfind(_INDIVIDUAL + path)
        if (number := _text(doc, f"{prefix}Number"))
    ]


def _indicators(e: ET.Element) -> list[str]:
    """Measures from ``SanctionsImposedIndicators`` (``<TravelBan>true</TravelBan>``)
    when the plain ``SanctionsImposed`` text is absent."""
    holder = e.find("SanctionsImposedIndicators")
    if holder is None:
        return []
    return [
        _words(child.tag)
        for child in holder
        if (child.text or "").strip().lower() in {"true", "yes", "1"}
    ]


def _words(tag: str) -> str:
    """``TravelBan`` -> ``Travel ban``."""
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in tag).split()
    return " ".join(words).capitalize()
