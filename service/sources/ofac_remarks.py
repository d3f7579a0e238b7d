"""Structured facts hidden in OFAC's free-text ``Remarks`` field (legacy CSV format).

The legacy CSV set has no columns for dates of birth, nationalities, documents or weak
AKAs: OFAC writes them into ``Remarks`` as ``;``-separated phrases such as
``DOB 10 Jan 1950; nationality Iran; Passport A123 (Iran); a.k.a. 'ABU X'``. Screening
needs them as data (a DOB or passport can confirm or rule out a hit), so we parse the
phrases we recognise and keep the full text as remarks for the rest.

All patterns are compiled once at import: this runs for every row of every OFAC file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from service.core.countries import resolve_country
from service.core.model import Alias, Identifier
from service.sources.dates import year_range

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DATE = r"(?:\d{1,2}\s+)?(?:[A-Za-z]{3}\s+)?\d{4}"
_DOB = re.compile(rf"^DOB\s+(?P<circa>circa\s+)?(?P<start>{_DATE})(?:\s+to\s+(?P<end>{_DATE}))?$")
_DATE_PARTS = re.compile(r"^(?:(?P<day>\d{1,2})\s+)?(?:(?P<mon>[A-Za-z]{3})\s+)?(?P<year>\d{4})$")
_WEAK_ALIAS = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s+'(?P<name>.+)'$")
_NATIONALITY = re.compile(r"^(?P<what>nationality|citizen)\s+(?P<country>.+)$", re.IGNORECASE)
_REGISTRATION_COUNTRY = re.compile(r"^Nationality of Registration\s+(?P<country>.+)$")
_NATIONALITY_WORDS = frozenset({"nationality", "Nationality", "citizen", "Citizen"})
_GENDER = re.compile(r"^Gender\s+(?P<gender>Male|Female)$")
_ID_TAIL = re.compile(
    r"^(?P<value>.+?)(?:\s*\((?P<country>[^()]+)\))?"
    r"(?P<note>\s+(?:issued|expires|Issue Date|Expiration Date|Expire Date)\b.*)?$"
)

_ID_LABELS: dict[str, str] = {
    "Passport": "passport",
    "Diplomatic Passport": "passport",
    "National ID No.": "national_id",
    "Cedula No.": "national_id",
    "D.N.I.": "national_id",
    "Identification Number": "national_id",
    "Personal ID Card": "national_id",
    "National Foreign ID Number": "national_id",
    "Turkish Identification Number": "national_id",
    "Numero de Identidad": "national_id",
    "Kenyan ID No.": "national_id",
    "Citizen's Card Number": "national_id",
    "Tazkira National ID Card": "national_id",
    "C.U.R.P.": "national_id",
    "C.U.R.P. #": "national_id",
    "C.U.I.": "national_id",
    "C.U.I.P.": "national_id",
    "I.F.E.": "national_id",
    "Credencial electoral": "national_id",
    "Electoral Registry No.": "national_id",
    "Tax ID No.": "tax_id",
    "R.F.C.": "tax_id",
    "R.F.C. #": "tax_id",
    "RFC": "tax_id",
    "NIT #": "tax_id",
    "RUC #": "tax_id",
    "RIF #": "tax_id",
    "RTN": "tax_id",
    "V.A.T. Number": "tax_id",
    "Italian Fiscal Code": "tax_id",
    "US FEIN": "tax_id",
    "C.U.I.T.": "tax_id",
    "SSN": "ssn",
    "Registration Number": "registration_number",
    "Registration ID": "registration_number",
    "Business Registration Number": "registration_number",
    "Commercial Registry Number": "registration_number",
    "Company Number": "registration_number",
    "UK Company Number": "registration_number",
    "Folio Mercantil No.": "registration_number",
    "Matricula Mercantil No": "registration_number",
    "C.R. No.": "registration_number",
    "Romanian C.R.": "registration_number",
    "Government Gazette Number": "registration_number",
    "Unified Social Credit Code (USCC)": "registration_number",
    "United Social Credit Code Certificate (USCCC)": "registration_number",
    "Chamber of Commerce Number": "registration_number",
    "Istanbul Chamber of Comm. No.": "registration_number",
    "Dubai Chamber of Commerce Membership No.": "registration_number",
    "Business Number": "registration_number",
    "Public Registration Number": "registration_number",
    "Enterprise Number": "registration_number",
    "Central Registration System Number": "registration_number",
    "Certificate of Incorporation Number": "registration_number",
    "Economic Register Number (CBLS)": "registration_number",
    "Trade License No.": "registration_number",
    "Business Registration Document #": "registration_number",
    "Registered Charity No.": "registration_number",
    "Legal Entity Number": "lei",
    "SWIFT/BIC": "bic",
    "BIK (RU)": "bik",
    "ISIN": "isin",
    "D-U-N-S Number": "duns",
    "Vessel Registration Identification IMO": "imo",
    "Identification Number IMO": "imo_company",
    "Company Number IMO": "imo_company",
    "MMSI": "mmsi",
    "Aircraft Manufacturer's Serial Number (MSN)": "aircraft_msn",
    "Aircraft Tail Number": "aircraft_tail_number",
    "Aircraft Construction Number (also called L/N or S/N or F/N)": "aircraft_construction_number",
    "Aircraft Mode S Transponder Code": "aircraft_mode_s",
    "Driver's License No.": "drivers_license",
    "Birth Certificate Number": "birth_certificate",
    "Residency Number": "residency_number",
    "Travel Document Number": "travel_document",
    "Refugee ID Card": "refugee_id",
    "Cartilla de Servicio Militar Nacional": "military_id",
    "Digital Currency Address - XBT": "crypto_wallet",
    "Digital Currency Address - ETH": "crypto_wallet",
    "Digital Currency Address - USDT": "crypto_wallet",
    "Digital Currency Address - LTC": "crypto_wallet",
    "Digital Currency Address - XMR": "crypto_wallet",
    "Email Address": "email",
    "Website": "website",
}
"""OFAC remark labels -> our identifier types (labels measured on the real files)."""

_ID_LABEL = re.compile(
    "^(?P<label>"
    + "|".join(re.escape(label) for label in sorted(_ID_LABELS, key=len, reverse=True))
    + r")\s+(?P<rest>\S.*)$"
)
_ID_FIRST_WORDS = frozenset(label.split(" ", 1)[0] for label in _ID_LABELS)
"""Cheap pre-filter: most phrases (POB, Linked To, sanctions notes) match no label."""
_REGISTRATION_TYPES = frozenset({"registration_number", "lei", "bic", "tax_id"})


@dataclass(slots=True)
class RemarkFacts:
    """What we could read out of one entity's remarks."""

    dates_of_birth: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    """Registration / legal-domicile countries (not citizenship)."""
    identifiers: list[Identifier] = field(default_factory=list)
    weak_aliases: list[Alias] = field(default_factory=list)
    gender: str | None = None


def parse_remarks(remarks: str | None) -> RemarkFacts:
    """Parse every recognised ``;``-separated phrase of an OFAC remarks string."""
    return parse_phrases(remarks.split(";") if remarks else ())


def parse_phrases(phrases: Iterable[str]) -> RemarkFacts:
    """Parse OFAC phrases such as ``Passport A123 (Iran)``; the XML parser feeds its
    ``idType idNumber (idCountry)`` triples through here so both formats agree."""
    facts = RemarkFacts()
    for raw in phrases:
        phrase = raw.strip().rstrip(".").strip()
        if phrase.startswith("alt. "):
            phrase = phrase[5:]
        if phrase:
            _parse_phrase(phrase, facts)
    return facts


def parse_dob(text: str) -> list[str]:
    """ISO (partial) dates for an OFAC date-of-birth text such as ``circa 1950``."""
    match = _DOB.match(f"DOB {text.strip().rstrip('.')}")
    return _dob_values(match["start"], match["end"]) if match else []


def _parse_phrase(phrase: str, facts: RemarkFacts) -> None:
    if phrase.startswith("DOB"):
        match = _DOB.match(phrase)
        if match:
            _add_unique(facts.dates_of_birth, _dob_values(match["start"], match["end"]))
        return
    if ".k.a." in phrase[:7]:
        match = _WEAK_ALIAS.match(phrase)
        if match:
            facts.weak_aliases.append(Alias(match["name"].strip(), "weak", match["kind"] + "ka"))
        return
    first_word = phrase.split(" ", 1)[0]
    if first_word in _ID_FIRST_WORDS:
        if match := _ID_LABEL.match(phrase):
            _add_identifier(_ID_LABELS[match["label"]], match["label"], match["rest"], facts)
    elif first_word == "Nationality" and (match := _REGISTRATION_COUNTRY.match(phrase)):
        _add_code(facts.countries, match["country"])
    elif first_word in _NATIONALITY_WORDS and (match := _NATIONALITY.match(phrase)):
        _add_code(facts.nationalities, match["country"])
    elif first_word == "Gender" and (match := _GENDER.match(phrase)):
        facts.gender = match["gender"].lower()


def _add_identifier(id_type: str, label: str, rest: str, facts: RemarkFacts) -> None:
    tail = _ID_TAIL.match(rest)
    if tail is None:  # pragma: no cover - the pattern matches any non-empty text
        return
    value = tail["value"].strip()
    country_text = tail["country"]
    country = resolve_country(country_text) if country_text else None
    notes = [label] if id_type == "crypto_wallet" else []
    if country_text and country is None:
        notes.append(country_text.strip())
    if tail["note"]:
        notes.append(tail["note"].strip())
    identifier = Identifier(id_type, value, country, "; ".join(notes) or None)
    if identifier not in facts.identifiers:
        facts.identifiers.append(identifier)
    if country and id_type in _REGISTRATION_TYPES and country not in facts.countries:
        facts.countries.append(country)


def _dob_values(start: str, end: str | None) -> list[str]:
    """ISO (partial) dates for one DOB phrase; a range becomes one entry per year."""
    first = _iso_date(start)
    if end is None:
        return [first] if first else []
    last = _iso_date(end)
    if not first or not last:
        return [v for v in (first, last) if v]
    return year_range(first, last)


def _iso_date(text: str) -> str | None:
    match = _DATE_PARTS.match(text)
    if match is None:
        return None
    year = match["year"]
    month = _MONTHS.get(match["mon"].lower()) if match["mon"] else None
    if match["mon"] and month is None:
        return None
    if month is None:
        return year
    if match["day"] is None:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{int(match['day']):02d}"


def _add_code(target: list[str], country_text: str) -> None:
    code = resolve_country(country_text)
    if code and code not in target:
        target.append(code)


def _add_unique(target: list[str], values: list[str]) -> None:
    for value in values:
        if value not in target:
            target.append(value)
