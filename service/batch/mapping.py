"""Which input column feeds which screening field: detected from headers, overridable.

Customer files name their columns every way imaginable; we recognise the common
ones (``name``, ``Full Name``, ``customer_name``, ``Company``, ``DOB`` ...) after
normalising case, spaces and punctuation. A caller who knows better passes a JSON
object ``{"name": "Client", "country": null}`` that wins field by field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace

FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "full_name", "fullname", "customer_name", "client_name", "company",
        "company_name", "legal_name", "entity_name", "counterparty", "counterparty_name",
        "organization", "organisation", "organization_name", "organisation_name",
        "business_name", "party_name", "account_name", "beneficiary_name",
        "registered_name", "customer", "client", "vendor_name", "supplier_name",
    ),
    "first_name": ("first_name", "firstname", "given_name", "given_names", "forename", "forenames"),
    "last_name": ("last_name", "lastname", "surname", "family_name"),
    "country": (
        "country", "country_code", "country_of_incorporation", "country_of_registration",
        "country_of_residence", "residence_country", "nationality", "citizenship",
        "jurisdiction", "domicile", "incorporation_country", "registered_country",
    ),
    "date_of_birth": ("dob", "date_of_birth", "birth_date", "birthdate", "born"),
    "entity_type": (
        "type", "entity_type", "party_type", "customer_type", "client_type", "counterparty_type",
        "kind", "legal_form_type",
    ),
    "id": (
        "id", "customer_id", "client_id", "account_id", "party_id", "customer_number",
        "customer_no", "account_number", "reference", "ref", "record_id",
    ),
}  # fmt: skip
"""Per screening field, recognised normalised header names, most specific first."""


class MappingError(ValueError):
    """A mapping names a column the file does not have, or no name column exists."""

    def __init__(self, message: str, field: str = "mapping") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ColumnMapping:
    """Screening field -> input column name (None: not in this file)."""

    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    country: str | None = None
    date_of_birth: str | None = None
    entity_type: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, str | None]) -> ColumnMapping:
        return cls(**{k: data.get(k) for k in FIELD_SYNONYMS})

    def indexes(self, columns: Sequence[str]) -> dict[str, int]:
        """Field -> position in ``columns`` for the fields that are mapped."""
        pos = {c: i for i, c in enumerate(columns)}
        return {f: pos[c] for f, c in self.to_dict().items() if c is not None}


def normalise_header(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_")


def detect_mapping(columns: Sequence[str]) -> ColumnMapping:
    """Map each screening field to the first column whose header is a known synonym."""
    norm = {normalise_header(c): c for c in reversed(columns)}  # first occurrence wins
    found: dict[str, str] = {}
    used: set[str] = set()
    for field_name, synonyms in FIELD_SYNONYMS.items():
        for syn in synonyms:
            col = norm.get(syn)
            if col is not None and col not in used:
                found[field_name] = col
                used.add(col)
                break
    return ColumnMapping(**found)


def parse_override(raw: str | Mapping | None) -> dict[str, str | None]:
    """Validate a user's mapping (JSON text or a dict) field by field."""
    if raw is None or raw == "":
        return {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
            raise MappingError(f"mapping is not valid JSON: {exc}") from exc
    if not isinstance(raw, Mapping):
        raise MappingError("mapping must be a JSON object of field -> column name")
    known = {f.name for f in fields(ColumnMapping)}
    out: dict[str, str | None] = {}
    for key, value in raw.items():
        if key not in known:
            raise MappingError(f"unknown mapping field {key!r}; known: {sorted(known)}")
        if value is not None and not isinstance(value, str):
            raise MappingError("a mapped column must be a string or null", f"mapping.{key}")
        out[key] = value
    return out


def resolve_mapping(
    columns: Sequence[str], override: Mapping[str, str | None] | None = None
) -> ColumnMapping:
    """Detected mapping with the override applied; checks the result is usable."""
    mapping = replace(detect_mapping(columns), **dict(override or {}))
    for key, col in mapping.to_dict().items():
        if col is not None and col not in columns:
            raise MappingError(
                f"column {col!r} is not in the file; columns are {list(columns)}", f"mapping.{key}"
            )
    if mapping.name is None and mapping.last_name is None:
        raise MappingError(
            'no name column found; name one with mapping, e.g. {"name": "Customer"}; '
            f"columns are {list(columns)}",
            "mapping.name",
        )
    return mapping
