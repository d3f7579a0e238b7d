"""List parsers: publisher files in a folder -> normalised entities. No storage here.

Contract (other packages rely on exactly this):

    parse_folder(list_id: str, folder: Path) -> ParsedList
        Parse the publisher files for ``list_id`` found in ``folder`` (the list's own
        subfolder, files under their official names). Raises SourceError when the
        folder holds no parseable file for that list, or a file is malformed.

    KNOWN_LISTS: tuple[str, ...]  -- list ids we can parse
        ("ofac_sdn", "ofac_cons", "un", "eu", "uk_sl", "uk_ofsi", "us_csl")

    ParsedList(list_id, entities: tuple[Entity, ...], version: str, files: tuple[Path, ...])
        version = publisher's date (ISO yyyy-mm-dd) where the files carry one,
        else "sha256:<first 16 hex of the content hash>".
"""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path

from service.sources.files import find_file
from service.sources.parsed import ParsedList, SourceError

__all__ = ["KNOWN_LISTS", "ParsedList", "SourceError", "parse_folder"]

KNOWN_LISTS: tuple[str, ...] = ("ofac_sdn", "ofac_cons", "un", "eu", "uk_sl", "uk_ofsi", "us_csl")

_FORMATS: dict[str, tuple[tuple[str, str], ...]] = {
    "ofac_sdn": (("sdn.xml", "ofac_xml"), ("sdn.csv", "ofac_csv")),
    "ofac_cons": (("consolidated.xml", "ofac_xml"), ("cons_prim.csv", "ofac_csv")),
    "un": (("consolidated.xml", "un_xml"),),
    "eu": (("*.xml", "eu_xml"),),
    "uk_sl": (("UK-Sanctions-List.xml", "uk_sl"), ("UK-Sanctions-List.csv", "uk_sl")),
    "uk_ofsi": (("ConList.csv", "uk_ofsi"), ("ConList.xlsx", "uk_ofsi")),
    "us_csl": (("consolidated.csv", "us_csl"), ("consolidated.json", "us_csl")),
}
"""Per list, the official file that selects a format, in order of preference.

OFAC XML wins over the CSV set because it carries alias quality and identifiers as
structure rather than free-text remarks; the UK CSV wins over the XLSX because it is
faster to read and holds the same data; the UK Sanctions List XML wins over its CSV
because it nests each designation's facts instead of repeating them on every name row.
"""


def parse_folder(list_id: str, folder: Path) -> ParsedList:
    """Parse the publisher files for ``list_id`` in ``folder`` (see the module docstring)."""
    if list_id not in _FORMATS:
        raise SourceError(f"unknown list id {list_id!r}; known: {', '.join(KNOWN_LISTS)}")
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(f"{list_id}: folder {folder} does not exist")
    for marker, module_name in _FORMATS[list_id]:
        if _has(folder, marker):
            module = importlib.import_module(f"service.sources.{module_name}")
            parsed: ParsedList = module.parse(list_id, folder)
            _check(list_id, folder, parsed)
            return parsed
    wanted = " or ".join(marker for marker, _ in _FORMATS[list_id])
    raise SourceError(f"{list_id}: no {wanted} in {folder}")


def _check(list_id: str, folder: Path, parsed: ParsedList) -> None:
    """Refuse lists that cannot be served safely: empty, or ids that collide."""
    if not parsed.entities:
        raise SourceError(f"{list_id}: {folder} parsed to no entities")
    counts = Counter(e.source_id for e in parsed.entities)
    if len(counts) != len(parsed.entities):
        dupes = sorted(i for i, n in counts.items() if n > 1)[:5]
        raise SourceError(f"{list_id}: duplicate source ids {', '.join(dupes)}")


def _has(folder: Path, marker: str) -> bool:
    if marker.startswith("*"):
        suffix = marker[1:].casefold()
        return any(p.is_file() and p.name.casefold().endswith(suffix) for p in folder.iterdir())
    return find_file(folder, marker) is not None
