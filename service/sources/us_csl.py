"""US Consolidated Screening List (trade.gov ``consolidated.csv`` or ``consolidated.json``).

The CSL merges eleven export-screening lists of Commerce (BIS Entity List, Denied
Persons, Unverified, Military End User), State (ITAR debarred, nonproliferation) and
Treasury (OFAC SDN and non-SDN lists). Each row names its ``source`` list, which
becomes the entity's first programme in words a reviewer knows ("BIS Entity List"),
followed by the publisher's own programme codes. Treasury rows carry OFAC's entity
number as their id, and one OFAC entity on several Treasury lists appears once per list:
those rows are merged into one entity listing every source. Multi-valued cells are
separated by ``;``; ``ids`` items read ``[country, ]number, type``. The JSON twin holds
the same fields as arrays and objects, and is flattened into the CSV's cells first.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from service.core.countries import resolve_country
from service.core.model import Address, Alias, Entity, EntityType, Identifier
from service.sources.dates import year_range
from service.sources.files import content_version, find_file, read_text
from service.sources.parsed import ParsedList, SourceError

CSV_NAME = "consolidated.csv"
JSON_NAME = "consolidated.json"
REQUIRED_COLUMNS = ("source", "name")

SOURCE_LISTS = {
    "SDN": "OFAC SDN List",
    "EL": "BIS Entity List",
    "DPL": "Denied Persons List",
    "UVL": "Unverified List",
    "MEU": "Military End User List",
    "DTC": "ITAR Debarred",
    "ISN": "Nonproliferation Sanctions",
    "SSI": "OFAC Sectoral Sanctions Identifications List",
    "PLC": "OFAC Palestinian Legislative Council List",
    "CMIC": "OFAC Non-SDN Chinese Military-Industrial Complex Companies List",
    "CAP": "OFAC CAPTA List",
    "NS-MBS LIST": "OFAC Non-SDN Menu-Based Sanctions List",
    "FSE": "OFAC Foreign Sanctions Evaders List",
}
"""The abbreviation trade.gov puts in parentheses -> the list's name for reviewers."""

_TYPES: dict[str, EntityType] = {
    "individual": "person",
    "entity": "organization",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
_ID_TYPES = {
    "passport": "passport",
    "national id no.": "national_id",
    "cedula no.": "national_id",
    "c.u.r.p.": "national_id",
    "d.n.i.": "national_id",
    "identification number": "national_id",
    "tax id no.": "tax_id",
    "r.f.c.": "tax_id",
    "nit #": "tax_id",
    "ruc #": "tax_id",
    "v.a.t. number": "tax_id",
    "registration number": "registration_number",
    "registration id": "registration_number",
    "company number": "registration_number",
    "business registration number": "registration_number",
    "business registration document #": "registration_number",
    "commercial registry number": "registration_number",
    "unified social credit code (uscc)": "registration_number",
    "trade license no.": "registration_number",
    "c.r. no.": "registration_number",
    "swift/bic": "bic",
    "vessel registration identification": "imo",
    "mmsi": "mmsi",
    "email address": "email",
    "website": "website",
    "phone number": "phone",
    "isin": "isin",
    "d-u-n-s number": "duns",
    "aircraft tail number": "aircraft_tail_number",
    "aircraft manufacturer's serial number (msn)": "aircraft_msn",
}
_SOURCE_ABBREVIATION = re.compile(r"\(([^)]+)\)")
_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %Y", "%B %Y", "%Y")
_IMO = re.compile(r"\b(\d{7})\b")


def parse(list_id: str, folder: Path) -> ParsedList:
    """Parse ``consolidated.csv`` in ``folder``, or ``consolidated.json`` without it."""
    path = find_file(folder, CSV_NAME) or find_file(folder, JSON_NAME)
    if path is None:
        raise SourceError(f"{list_id}: neither {CSV_NAME} nor {JSON_NAME} in {folder}")
    rows = _json_rows(path) if path.suffix.lower() == ".json" else _csv_rows(path)
    groups: dict[str, list[Mapping[str, str]]] = {}
    for n, row in enumerate(rows, 1):
        row_id = row.get("_id") or row.get("id") or ""
        if not row_id or not row.get("name"):
            raise SourceError(f"{path.name} record {n}: no id or no name")
        groups.setdefault(row_id, []).append(row)
    entities = tuple(_entity(list_id, row_id, group) for row_id, group in groups.items())
    return ParsedList(list_id, entities, content_version([path]), (path,))


def source_list_name(source: str) -> str:
    """``Entity List (EL) - Bureau of Industry and Security`` -> ``BIS Entity List``."""
    match = _SOURCE_ABBREVIATION.search(source)
    if match and match.group(1).upper() in SOURCE_LISTS:
        return SOURCE_LISTS[match.group(1).upper()]
    return source.split(" - ", 1)[0].strip()


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise SourceError(f"{path.name}: header lacks column(s) {', '.join(missing)}")
    try:
        for row in reader:
            yield {k: " ".join((v or "").split()) for k, v in row.items() if k}
    except csv.Error as exc:
        raise SourceError(f"{path.name}: malformed CSV: {exc}") from exc


def _json_rows(path: Path) -> Iterator[dict[str, str]]:
    """The JSON twin's ``results``, flattened into the CSV's cell conventions."""
    try:
        data = json.loads(read_text(path))
    except ValueError as exc:
        raise SourceError(f"{path.name}: malformed JSON: {exc}") from exc
    results = data.get("results") if isinstance(data, dict) else data
    if not isinstance(results, list):
        raise SourceError(f"{path.name}: no 'results' array")
    for result in results:
        if isinstance(result, dict):
            yield {key: _flat(key, value) for key, value in result.items()}


def _flat(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(filter(None, (_flat_item(key, v) for v in value)))
    return " ".join(str(value).split())


def _flat_item(key: str, item: Any) -> str:
    if not isinstance(item, dict):
        return _flat(key, item)
    if key == "ids":
        parts = (item.get("country"), item.get("number"), item.get("type"))
    else:  # addresses
        parts = tuple(item.get(p) for p in ("address", "city", "state", "postal_code", "country"))
    return ", ".join(" ".join(str(p).split()) for p in parts if p)


def _entity(list_id: str, row_id: str, rows: list[Mapping[str, str]]) -> Entity:
    first = rows[0]
    values = _Values(rows)
    ids, id_notes = _identifiers(values.split("ids"))
    gender = {n.lower() for t, n in id_notes if t == "Gender"}
    addresses = tuple(dict.fromkeys(a for a in map(_address, values.split("addresses")) if a))
    flags = [resolve_country(f) for f in values.split("vessel_flag")]
    nationalities = values.split("nationalities") + values.split("citizenships")
    return Entity(
        list=list_id,
        source_id=row_id,
        entity_type=_TYPES.get(first.get("type", "").lower(), "organization"),
        name=first["name"].strip(" ,"),
        aliases=_aliases(first["name"], values.split("alt_names")),
        addresses=addresses,
        countries=_unique([a.country for a in addresses] + flags),
        nationalities=_unique([resolve_country(n) for n in nationalities]),
        dates_of_birth=_unique(d for text in values.split("dates_of_birth") for d in _dates(text)),
        identifiers=tuple(dict.fromkeys([*ids, *_extra_ids(values)])),
        programs=_unique(
            [source_list_name(s) for s in values.all("source")] + values.split("programs")
        ),
        remarks=_remarks(values, [f"{t}: {n}" for t, n in id_notes if t != "Gender"]),
        gender=gender.pop() if len(gender) == 1 else None,
        places_of_birth=_unique(values.split("places_of_birth")),
        listed_on=min(values.all("start_date"), default=None),
    )


class _Values:
    """A merged record's cells: distinct values across its rows, in order."""

    def __init__(self, rows: list[Mapping[str, str]]) -> None:
        self.rows = rows

    def all(self, column: str) -> list[str]:
        return list(dict.fromkeys(v for r in self.rows if (v := r.get(column, ""))))

    def split(self, column: str) -> list[str]:
        parts = (p.strip() for v in self.all(column) for p in v.split(";"))
        return list(dict.fromkeys(p for p in parts if p))


def _aliases(name: str, alt_names: Iterable[str]) -> tuple[Alias, ...]:
    """Alternate names; the Entity List's ``and ...`` joiners are not part of a name."""
    cleaned = (re.sub(r"^and\s+", "", a, flags=re.IGNORECASE).strip(" ,") for a in alt_names)
    return tuple(Alias(a) for a in dict.fromkeys(a for a in cleaned if a and a != name.strip()))


def _address(text: str) -> Address | None:
    """``street, city, postal, CC``: the trailing two-letter code is the country."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return None
    country = resolve_country(parts[-1]) if len(parts[-1]) == 2 else None
    lines = ", ".join(parts[:-1] if country else parts)
    return Address((lines,) if lines else (), country=country, country_name=parts[-1])


def _identifiers(items: list[str]) -> tuple[list[Identifier], list[tuple[str, str]]]:
    """Known document types become identifiers; other ``value, label`` items (sanctions
    information, dates, gender) are returned as (label, value) for the remarks."""
    ids: list[Identifier] = []
    notes: list[tuple[str, str]] = []
    for item in items:
        value, _, label = item.rpartition(", ")
        id_type = _ID_TYPES.get(label.lower().strip())
        if not value:
            continue
        if id_type is None:
            notes.append((label.rstrip(":- ").strip(), value))
            continue
        country_text, _, number = value.partition(", ") if ", " in value else ("", "", value)
        country = resolve_country(country_text) if len(country_text) == 2 else None
        number = number if country or not country_text else value
        if id_type == "imo":
            number = (m.group(1) if (m := _IMO.search(number)) else number).strip()
        ids.append(Identifier(id_type, number.strip(), country))
    return ids, notes


def _extra_ids(values: _Values) -> list[Identifier]:
    """Call signs, and OFAC's entity number on Treasury rows (it links the row to the
    ``ofac_sdn`` / ``ofac_cons`` entry of the same target)."""
    found = [Identifier("call_sign", v) for v in values.split("call_sign")]
    found += [Identifier("ofac_entity_number", v) for v in values.all("entity_number")]
    return found


def _dates(text: str) -> list[str]:
    """``1970-05-17``, ``17 May 1970``, ``May 1970``, ``1970``, ``circa 1970`` or
    ``1968 to 1970`` -> ISO, possibly partial."""
    text = re.sub(r"(?i)\b(circa|approximately)\b", "", text).strip()
    if " to " in text:
        ends = [_dates(part) for part in text.split(" to ", 1)]
        if all(len(e) == 1 for e in ends):
            return year_range(ends[0][0], ends[1][0])
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        precision = {"%Y": 4, "%b %Y": 7, "%B %Y": 7}.get(fmt, 10)
        return [parsed.date().isoformat()[:precision]]
    return []


def _remarks(values: _Values, id_notes: list[str]) -> str | None:
    labelled = (
        ("Title", "title"),
        ("Federal Register", "federal_register_notice"),
        ("License requirement", "license_requirement"),
        ("License policy", "license_policy"),
        ("End date", "end_date"),
        ("Vessel type", "vessel_type"),
        ("Vessel owner", "vessel_owner"),
    )
    parts = [f"{label}: {v}" for label, column in labelled for v in values.all(column)]
    parts += values.all("remarks") + id_notes
    return "; ".join(_unique(parts)) or None


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
