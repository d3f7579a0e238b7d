"""Reading publisher files: official names, encodings, XML, content hashes.

Publishers differ in letter case (``SDN.CSV`` from the OFAC service, ``sdn.csv`` from the
legacy URL), encodings and stray bytes, so every parser reads through these helpers and
every failure surfaces as :class:`SourceError` naming the file.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from service.sources.parsed import SourceError

_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)


def find_file(folder: Path, name: str) -> Path | None:
    """The file in ``folder`` called ``name``, ignoring letter case; None when absent."""
    exact = folder / name
    if exact.is_file():
        return exact
    if not folder.is_dir():
        return None
    wanted = name.casefold()
    for candidate in sorted(folder.iterdir()):
        if candidate.name.casefold() == wanted and candidate.is_file():
            return candidate
    return None


def require_file(list_id: str, folder: Path, name: str) -> Path:
    """``find_file``, or SourceError naming the list: a list without its file must fail
    loudly, never load as an empty list that screens everything clear."""
    path = find_file(folder, name)
    if path is None:
        raise SourceError(f"{list_id}: {name} missing in {folder}")
    return path


def read_bytes(path: Path) -> bytes:
    """File bytes, refusing empty files and HTML error pages saved under a list's name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path.name}: cannot read: {exc}") from exc
    if not data.strip(b"\x1a\r\n\t "):
        raise SourceError(f"{path.name}: file is empty")
    if _HTML_START.match(data[:512]):
        raise SourceError(f"{path.name}: looks like an HTML page, not a list file")
    return data


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), falling back to cp1252 which older OFAC files used.

    The trailing 0x1A (SUB) byte OFAC appends to its CSV files is removed.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{name}: not UTF-8 or cp1252 text: {exc}") from exc
    return text.rstrip("\x1a")


def read_text(path: Path) -> str:
    return decode_text(read_bytes(path), path.name)


def parse_xml(path: Path) -> ET.Element:
    """Root element of an XML file; truncated or non-XML content raises SourceError."""
    data = read_bytes(path)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise SourceError(f"{path.name}: malformed XML: {exc}") from exc


def content_version(paths: Iterable[Path]) -> str:
    """``sha256:<first 16 hex>`` over the files' bytes, for lists that carry no date."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.casefold().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return f"sha256:{digest.hexdigest()[:16]}"


def local_name(tag: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1]


def strip_namespaces(root: ET.Element) -> ET.Element:
    """Drop XML namespaces in place, so parsers work across schema versions."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = local_name(element.tag)
    return root


def xml_root(path: Path, tag: str) -> ET.Element:
    """The namespace-free root of an XML list file, which must be ``<tag>``: another
    list's file in the wrong folder fails here instead of parsing to no entities."""
    root = strip_namespaces(parse_xml(path))
    if root.tag != tag:
        raise SourceError(f"{path.name}: root element is <{root.tag}>, expected <{tag}>")
    return root
