"""UK HM Treasury OFSI Consolidated List (``ConList.csv`` or ``ConList.xlsx``) -> entities.

The ConList is one row per *name*, grouped by ``Group ID``; every other column repeats on
each row and, where a target has several DOBs or addresses, the rows form a cross product
of them. So rows are collected per group and each field is the de-duplicated union.
Line 1 is ``Last Updated,dd/mm/yyyy`` (the version), line 2 the header.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from service.core.model import Address, Alias, Entity, EntityType, Identifier
from service.sources.dates import iso_from_dmy, iso_from_parts
from service.sources.files import find_file, read_bytes, read_text
from service.sources.parsed import ParsedList, SourceError
from service.sources.uk_text import country_code, country_codes, info_facts, split_numbered

CSV_NAME = "ConList.csv"
XLSX_NAME = "ConList.xlsx"
REQUIRED_COLUMNS = ("Name 6", "Group Type", "Alias Type", "Group ID")

_TYPES: dict[str, EntityType] = {"individual": "person", "entity": "organization", "ship": "vessel"}
_ALIAS_KINDS = {
    "primary name": "primary",
    "primary name variation": "variation",
    "aka": "aka",
    "fka": "fka",
}
_FORENAMES = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_ADDRESS_LINES = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5")


def parse(list_id: str, folder: Path) -> ParsedList:
    """Parse ``ConList.csv`` in ``folder``, or ``ConList.xlsx`` when there is no CSV."""
    path = find_file(folder, CSV_NAME) or find_file(folder, XLSX_NAME)
    if path is None:
        raise SourceError(f"{list_id}: neither {CSV_NAME} nor {XLSX_NAME} in {folder}")
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    version = _version(path, next(rows, None))
    header = _header(path, next(rows, None))
    groups: dict[str, _Group] = {}
    for line_no, row in enumerate(rows, 3):
        record = dict(zip(header, _pad(row, len(header)), strict=True))
        group_id = record["Group ID"]
        if not group_id:
            raise SourceError(f"{path.name} row {line_no}: no Group ID")
        groups.setdefault(group_id, _Group(group_id)).rows.append(record)
    entities = tuple(group.entity(list_id, path) for group in groups.values())
    return ParsedList(list_id, entities, version, (path,))


def _csv_rows(path: Path) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield [cell.strip() for cell in row]
    except csv.Error as exc:
        raise SourceError(f"{path.name}: malformed CSV: {exc}") from exc


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    """Rows of the first sheet as text, read streaming (the sheet has ~19k rows)."""
    import zipfile

    from openpyxl import load_workbook

    read_bytes(path)  # refuses empty files and HTML pages with a clear message
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise SourceError(f"{path.name}: not a readable XLSX workbook: {exc}") from exc
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            row = [_cell_text(v) for v in values]
            if any(row):
                yield row
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _version(path: Path, first: Sequence[str] | None) -> str:
    """``Last Updated,14/04/2025`` -> ``2025-04-14``."""
    if not first or first[0].strip().lower() != "last updated" or len(first) < 2:
        raise SourceError(f"{path.name}: line 1 is not 'Last Updated,dd/mm/yyyy'")
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", first[1].strip())
    iso = iso_from_parts(match[3], match[2], match[1]) if match else None
    if not iso or len(iso) != 10:
        raise SourceError(f"{path.name}: malformed Last Updated date {first[1]!r}")
    return iso


def _header(path: Path, row: Sequence[str] | None) -> list[str]:
    header = [c.strip() for c in row or ()]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise SourceError(f"{path.name}: header lacks column(s) {', '.join(missing)}")
    return header


def _pad(row: list[str], width: int) -> list[str]:
    if len(row) > width:
        if any(row[width:]):
            raise SourceError(f"row has {len(row)} columns, header has {width}")
        return row[:width]
    return row + [""] * (width - len(row))


@dataclass
class _Group:
    """All name rows of one OFSI target."""

    group_id: str
    rows: list[dict[str, str]] = field(default_factory=list)

    def values(self, column: str) -> list[str]:
        return list(dict.fromkeys(r[column] for r in self.rows if r[column]))

    def entity(self, list_id: str, path: Path) -> Entity:
        type_text = self.rows[0]["Group Type"].lower()
        if type_text not in _TYPES:
            raise SourceError(f"{path.name}: group {self.group_id} has Group Type {type_text!r}")
        primary_row = next(
            (r for r in self.rows if r["Alias Type"].lower() == "primary name"), self.rows[0]
        )
        name = _full_name(primary_row)
        if not name:
            raise SourceError(f"{path.name}: group {self.group_id} has no name")
        info = info_facts(self.values("Other Information"))
        addresses = tuple(dict.fromkeys(a for a in map(_address, self.rows) if a))
        countries = [a.country for a in addresses] + info.countries
        return Entity(
            list=list_id,
            source_id=self.group_id,
            entity_type=_TYPES[type_text],
            name=name,
            aliases=self._aliases(name),
            addresses=addresses,
            countries=tuple(dict.fromkeys(c for c in countries if c)),
            nationalities=country_codes(self.values("Nationality")),
            dates_of_birth=tuple(d for d in map(iso_from_dmy, self.values("DOB")) if d),
            identifiers=tuple(dict.fromkeys((*self._documents(), *info.identifiers))),
            programs=tuple(self.values("Regime")),
            remarks=self._remarks(),
        )

    def _aliases(self, primary: str) -> tuple[Alias, ...]:
        aliases: dict[str, Alias] = {}
        for row in self.rows:
            name = _full_name(row)
            if name and name != primary and name not in aliases:
                kind = _ALIAS_KINDS.get(row["Alias Type"].lower(), "aka")
                quality = (
                    "weak" if row.get("Alias Quality", "").lower().startswith("low") else "strong"
                )
                aliases[name] = Alias(name, quality, "aka" if kind == "primary" else kind)
        for script in self.values("Name Non-Latin Script"):
            aliases.setdefault(script, Alias(script, "strong", "original_script"))
        return tuple(aliases.values())

    def _documents(self) -> Iterator[Identifier]:
        for column, details, id_type in (
            ("Passport Number", "Passport Details", "passport"),
            ("National Identification Number", "National Identification Details", "national_id"),
        ):
            for row in self.rows:
                numbers = split_numbered(row[column]) if row[column] else []
                notes = split_numbered(row[details]) if row[details] else []
                for i, number in enumerate(numbers):
                    note = notes[i] if len(notes) == len(numbers) else (row[details] or None)
                    yield Identifier(id_type, number, None, note)

    def _remarks(self) -> str | None:
        parts = [f"Title: {t}" for t in self.values("Title")]
        parts += [f"Position: {p}" for p in self.values("Position")]
        parts += self.values("Other Information")
        return "; ".join(parts) or None


def _full_name(row: dict[str, str]) -> str:
    """Forenames (Name 1-5) then the surname / entity name (Name 6)."""
    parts = [row[c] for c in _FORENAMES if row[c]] + ([row["Name 6"]] if row["Name 6"] else [])
    return " ".join(" ".join(parts).split())


def _address(row: dict[str, str]) -> Address | None:
    lines = tuple(row[c] for c in _ADDRESS_LINES if row[c])
    city, postal, country = row["Address 6"] or None, row["Post/Zip Code"] or None, row["Country"]
    if not (lines or city or postal or country):
        return None
    code = country_code(country)
    return Address(lines, city, None, postal, code, country or None)
