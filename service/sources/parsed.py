"""The result type and the one error type every list parser shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from service.core.model import Entity


class SourceError(Exception):
    """A list folder holds no parseable file for its list, or a file is malformed.

    Raised instead of returning a partial list: activating half a list would silently
    stop screening against the missing half.
    """


@dataclass(frozen=True, slots=True)
class ParsedList:
    """Entities parsed from one list's publisher files, with the version they carry."""

    list_id: str
    entities: tuple[Entity, ...]
    version: str
    """Publisher's date (ISO yyyy-mm-dd) where the files carry one, else ``sha256:<16 hex>``."""
    files: tuple[Path, ...]
    """The files actually read, in the order read."""
