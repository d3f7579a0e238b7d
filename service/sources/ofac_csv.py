"""OFAC legacy CSV set -> entities, for the SDN list and the non-SDN consolidated list.

Both lists use the same four headerless files (``dat_spec.txt``): primary records,
alternate names, addresses, and a comments file that continues remarks cut off in the
primary file. Quirks handled here: ``-0-`` (with a trailing space) means null, CRLF line
endings, a trailing 0x1A byte, ``]``-``[`` joined program lists, and comment rows whose
ent_num is not in the primary file (stale rows OFAC still ships; ignored).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from service.core.countries import resolve_country
from service.core.model import Address, Alias, Entity, EntityType, Identifier
from service.sources.files import content_version, find_file, read_text, require_file
from service.sources.ofac_remarks import parse_remarks
from service.sources.parsed import ParsedList, SourceError


@dataclass(frozen=True, slots=True)
class FileSet:
    """Official file names of one list's CSV set (primary file first)."""

    primary: str
    aliases: str
    addresses: str
    comments: str


FILE_SETS: dict[str, FileSet] = {
    "ofac_sdn": FileSet("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"),
    "ofac_cons": FileSet("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"),
}

_PRIMARY_COLUMNS = 12
_ALIAS_COLUMNS = 5
_ADDRESS_COLUMNS = 6
_TYPES: dict[str | None, EntityType] = {
    "individual": "person",
    "vessel": "vessel",
    "aircraft": "aircraft",
    None: "organization",
    "entity": "organization",
}
_ALIAS_KINDS = {"aka": "aka", "fka": "fka", "nka": "nka"}


def parse(list_id: str, folder: Path) -> ParsedList:
    """Parse the CSV set of ``list_id`` (``ofac_sdn`` or ``ofac_cons``) in ``folder``."""
    names = FILE_SETS[list_id]
    primary = require_file(list_id, folder, names.primary)
    optional = [find_file(folder, n) for n in (names.aliases, names.addresses, names.comments)]
    alias_path, address_path, comment_path = optional
    aliases = _read_aliases(alias_path) if alias_path else {}
    addresses = _read_addresses(address_path) if address_path else {}
    comments = _read_comments(comment_path) if comment_path else {}
    entities = tuple(
        _entity(list_id, row, aliases, addresses, comments)
        for row in _rows(primary, _PRIMARY_COLUMNS)
    )
    files = (primary, *(p for p in optional if p is not None))
    return ParsedList(list_id, entities, content_version(files), files)


def _rows(path: Path, columns: int, exact: bool = True) -> Iterator[list[str | None]]:
    """Rows with ``-0-`` nulled; a wrong column count or non-numeric ent_num is an error."""
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for line_no, row in enumerate(reader, 1):
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if (len(row) != columns) if exact else (len(row) < columns):
                raise SourceError(
                    f"{path.name} line {line_no}: expected {columns} columns, got {len(row)}"
                )
            if not row[0].strip().isdigit():
                raise SourceError(f"{path.name} line {line_no}: ent_num {row[0]!r} not a number")
            yield [_value(cell) for cell in row]
    except csv.Error as exc:
        raise SourceError(f"{path.name}: malformed CSV: {exc}") from exc


def _value(cell: str) -> str | None:
    if cell == "-0- " or not cell:  # the common null spelling, without a strip
        return None
    cell = cell.strip()
    return None if cell == "-0-" or not cell else cell


def _read_aliases(path: Path) -> dict[str, list[Alias]]:
    aliases: dict[str, list[Alias]] = defaultdict(list)
    for ent_num, _alt_num, alt_type, alt_name, _remarks in _rows(path, _ALIAS_COLUMNS):
        if alt_name:
            kind = _ALIAS_KINDS.get((alt_type or "aka").lower().replace(".", ""), "aka")
            aliases[ent_num].append(Alias(alt_name, "strong", kind))  # type: ignore[index]
    return aliases


def _read_addresses(path: Path) -> dict[str, list[Address]]:
    addresses: dict[str, list[Address]] = defaultdict(list)
    for ent_num, _add_num, street, city, country, _remarks in _rows(path, _ADDRESS_COLUMNS):
        if street or city or country:
            address = Address(
                (street,) if street else (), city, None, None, resolve_country(country), country
            )
            addresses[ent_num].append(address)  # type: ignore[index]
    return addresses


def _read_comments(path: Path) -> dict[str, str]:
    """ent_num -> remarks continuation (joined without separator: OFAC cut mid-word)."""
    comments: dict[str, str] = {}
    for row in _rows(path, 2, exact=False):
        ent_num, text = row[0], ",".join(c for c in row[1:] if c)
        if text:
            comments[ent_num] = comments.get(ent_num, "") + text  # type: ignore[index]
    return comments


def _entity(
    list_id: str,
    row: list[str | None],
    aliases: dict[str, list[Alias]],
    addresses: dict[str, list[Address]],
    comments: dict[str, str],
) -> Entity:
    ent_num, name, sdn_type, program, title, call_sign = row[:6]
    vess_type, tonnage, grt, flag, owner, remarks = row[6:]
    assert ent_num is not None
    if not name:
        raise SourceError(f"{list_id}: ent_num {ent_num} has no name")
    if ent_num in comments:
        remarks = (remarks or "") + comments[ent_num]
    facts = parse_remarks(remarks)
    entity_addresses = tuple(addresses.get(ent_num, ()))
    identifiers = list(facts.identifiers)
    if call_sign:
        identifiers.insert(0, Identifier("call_sign", call_sign, resolve_country(flag)))
    countries = _unique(
        [a.country for a in entity_addresses] + facts.countries + [resolve_country(flag)]
    )
    details = _vessel_details(title, vess_type, tonnage, grt, flag, owner)
    return Entity(
        list=list_id,
        source_id=ent_num,
        entity_type=_TYPES.get(sdn_type.lower() if sdn_type else None, "organization"),
        name=name,
        aliases=(*aliases.get(ent_num, ()), *facts.weak_aliases),
        addresses=entity_addresses,
        countries=countries,
        nationalities=tuple(facts.nationalities),
        dates_of_birth=tuple(facts.dates_of_birth),
        identifiers=tuple(identifiers),
        programs=_programs(program),
        remarks="; ".join(p for p in (details, remarks) if p) or None,
    )


def _programs(program: str | None) -> tuple[str, ...]:
    """``SDGT] [IRGC`` -> ("SDGT", "IRGC")."""
    if not program:
        return ()
    parts = (p.strip(" []") for p in program.split("] ["))
    return tuple(p for p in parts if p)


def _vessel_details(*fields: str | None) -> str:
    """Title and vessel columns as readable text: the model has no fields for them."""
    labels = ("Title", "Vessel type", "Tonnage", "GRT", "Flag", "Owner")
    return "; ".join(
        f"{label}: {value}" for label, value in zip(labels, fields, strict=True) if value
    )


def _unique(values: list[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
