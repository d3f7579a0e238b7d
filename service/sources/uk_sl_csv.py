"""Read ``UK-Sanctions-List.csv`` into :class:`~service.sources.uk_sl_record.Designation` records.

The CSV is one row per *name*: line 1 is ``Report Date: <date>``, then the header, then
rows grouped by ``Unique ID`` with every other column repeated (a designation with two
addresses and three names gives a cross product of rows). Headers are matched loosely
(case, spaces and punctuation ignored) because the FCDO has renamed a few over time,
e.g. ``Designation Type`` and ``Individual, Entity, Ship``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from service.sources.dates import iso_published
from service.sources.files import content_version, read_text
from service.sources.parsed import SourceError
from service.sources.uk_sl_record import Designation, Name, NonLatinName, PostalAddress
from service.sources.uk_text import split_numbered

_FIELDS: dict[str, tuple[str, ...]] = {
    "unique_id": ("Unique ID",),
    "kind": ("Designation Type", "Individual, Entity, Ship", "Group Type"),
    "ofsi_group_id": ("OFSI Group ID",),
    "un_references": ("UN Reference Number",),
    "regimes": ("Regime Name", "Regime"),
    "source": ("Designation source",),
    "sanctions": ("Sanctions Imposed",),
    "other_information": ("Other Information",),
    "reasons": ("UK Statement of Reasons",),
    "date_designated": ("Date Designated",),
    "phones": ("Phone number",),
    "emails": ("Email address",),
    "websites": ("Website",),
    "titles": ("Title",),
    "dobs": ("D.O.B", "DOB", "Date of birth"),
    "nationalities": ("Nationality(/ies)", "Nationality"),
    "positions": ("Position",),
    "genders": ("Gender",),
    "entity_types": ("Type of entity",),
    "registrations": ("Business registration number (s)", "Business registration number"),
    "parents": ("Parent company",),
    "subsidiaries": ("Subsidiaries",),
    "imo_numbers": ("IMO number",),
    "owners": ("Current owner/operator (s)", "Current owner/operator"),
    "previous_owners": ("Previous owner/operator (s)", "Previous owner/operator"),
    "flags": ("Current believed flag of ship",),
    "previous_flags": ("Previous flags",),
    "ship_types": ("Type of ship",),
}
"""Designation field -> the header(s) it is read from."""

_SINGLE = {"unique_id", "kind", "ofsi_group_id", "source", "date_designated"}
_NUMBERED = {"dobs", "registrations", "imo_numbers", "phones", "emails", "websites"}
_REQUIRED = ("Unique ID", "Name 6")
_KEY = re.compile(r"[^a-z0-9]+")


def read_designations(path: Path) -> tuple[str, list[Designation]]:
    """The report date (ISO; else a content hash) and every designation in the file."""
    rows = _rows(path)
    version: str | None = None
    header: dict[str, int] | None = None
    for row in rows:
        if row and row[0].lower().startswith("report date"):
            version = iso_published(row[0].split(":", 1)[-1]) or version
        keys = {_key(cell): i for i, cell in enumerate(row)}
        if all(_key(c) in keys for c in _REQUIRED):
            header = keys
            break
    if header is None:
        raise SourceError(f"{path.name}: no header row with {' and '.join(_REQUIRED)}")
    groups: dict[str, list[list[str]]] = {}
    for line_no, row in enumerate(rows, 3):
        uid = _cell(row, header, "Unique ID")
        if not uid:
            raise SourceError(f"{path.name} row {line_no}: no Unique ID")
        groups.setdefault(uid, []).append(row)
    designations = [_designation(header, group) for group in groups.values()]
    return version or content_version([path]), designations


def _rows(path: Path) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield [" ".join(cell.split()) for cell in row]
    except csv.Error as exc:
        raise SourceError(f"{path.name}: malformed CSV: {exc}") from exc


def _key(header: str) -> str:
    return _KEY.sub("", header.lower())


def _cell(row: list[str], header: dict[str, int], *names: str) -> str:
    for name in names:
        i = header.get(_key(name))
        if i is not None and i < len(row) and row[i]:
            return row[i]
    return ""


def _designation(header: dict[str, int], rows: list[list[str]]) -> Designation:
    d = Designation()
    for attribute, names in _FIELDS.items():
        values = _column(header, rows, names, numbered=attribute in _NUMBERED)
        if attribute in _SINGLE:
            setattr(d, attribute, values[0] if values else "")
        else:
            setattr(d, attribute, values)
    for row in rows:
        parts = tuple(p for i in range(1, 7) if (p := _cell(row, header, f"Name {i}")))
        d.names.append(
            Name(parts, _cell(row, header, "Name type"), _cell(row, header, "Alias strength"))
        )
        other = _cell(row, header, "Name non-latin script")
        if other:
            script = _cell(row, header, "Non-latin script type") or None
            language = _cell(row, header, "Non-latin script language") or None
            d.non_latin.append(NonLatinName(other, script, language))
        d.addresses.append(_address(header, row))
        d.births.append(
            (_cell(row, header, "Town of birth"), _cell(row, header, "Country of birth"))
        )
    d.names = list(dict.fromkeys(d.names))
    d.non_latin = list(dict.fromkeys(d.non_latin))
    d.addresses = list(dict.fromkeys(d.addresses))
    d.births = [b for b in dict.fromkeys(d.births) if any(b)]
    d.passports = _documents(header, rows, "Passport")
    d.national_ids = _documents(header, rows, "National Identifier")
    return d


def _column(
    header: dict[str, int], rows: list[list[str]], names: tuple[str, ...], *, numbered: bool
) -> list[str]:
    values = dict.fromkeys(v for row in rows if (v := _cell(row, header, *names)))
    if numbered:
        return list(dict.fromkeys(part for v in values for part in split_numbered(v)))
    return list(values)


def _address(header: dict[str, int], row: list[str]) -> PostalAddress:
    lines = tuple(_cell(row, header, f"Address Line {i}") for i in range(1, 7))
    postal = _cell(row, header, "Address Postal Code") or None
    return PostalAddress(lines, postal, _cell(row, header, "Address Country") or None)


def _documents(header: dict[str, int], rows: list[list[str]], label: str) -> list[tuple[str, str]]:
    """(number, note) pairs; numbered cells pair up item by item when the counts agree."""
    found: dict[tuple[str, str], None] = {}
    for row in rows:
        numbers = split_numbered(_cell(row, header, f"{label} number"))
        info = _cell(row, header, f"{label} additional information")
        notes = split_numbered(info) if info else []
        for i, number in enumerate(numbers):
            note = notes[i] if len(notes) == len(numbers) else info
            found[(number, note)] = None
    return list(found)
