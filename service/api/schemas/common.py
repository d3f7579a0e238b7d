"""What the request schemas share: strict schemas, text fields and their validators.

Every request schema rejects unknown fields and control characters the same way, so a
hostile value is refused alike whichever endpoint it is sent to.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

MAX_NAME = 512
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class StrictFloat(fields.Float):
    """A JSON number only: ``"0.5"`` is a wrong type, not a number."""

    def _validated(self, value: Any) -> Any:
        if isinstance(value, str):
            raise self.make_error("invalid")
        return super()._validated(value)


def no_control_characters(value: str) -> None:
    """Reject C0/C1 controls and lone surrogates: they are never part of a real name.

    Zero-width and other format characters (Cf) are allowed; the matcher strips them.
    """
    bad = sorted({f"U+{ord(ch):04X}" for ch in value if unicodedata.category(ch) in ("Cc", "Cs")})
    if bad:
        raise ma.ValidationError(f"Control characters are not allowed ({', '.join(bad[:5])}).")


def not_blank(value: str) -> None:
    if not value.strip():
        raise ma.ValidationError("Must not be empty or only whitespace.")


def has_letter_or_digit(value: str) -> None:
    """A name of only punctuation or invisible characters would match nothing and so
    come back ``clear``; refuse it instead."""
    if not any(ch.isalnum() for ch in value):
        raise ma.ValidationError("Must contain at least one letter or digit.")


def partial_date(value: str) -> None:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and only real dates."""
    if not _PARTIAL_DATE.match(value):
        raise ma.ValidationError("Use YYYY, YYYY-MM or YYYY-MM-DD.")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise ma.ValidationError(f"Not a real date: {exc}.") from exc


def text_field(max_len: int, *, required: bool = False, **kwargs: Any) -> fields.String:
    """Free text of 1 to ``max_len`` characters, never blank nor with control characters;
    shared by the name and the transaction schemas so both refuse the same input."""
    return fields.String(
        required=required,
        validate=[validate.Length(min=1, max=max_len), no_control_characters, not_blank],
        **kwargs,
    )


class StrictSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class IdentifierSchema(StrictSchema):
    type = text_field(64, required=True, metadata={"example": "imo"})
    value = text_field(128, required=True, metadata={"example": "9123456"})
    country = fields.String(
        # Known countries are checked by the screener against the reference tables
        # (lists/reference/), so a country the tables learn is accepted without a release.
        validate=[validate.Length(max=64), no_control_characters],
        load_default=None,
    )


def date_of_birth_field() -> fields.String:
    """An optional partial date of birth, read alike by every schema that screens a name."""
    return fields.String(
        validate=partial_date,
        load_default=None,
        allow_none=True,
        metadata={"description": "YYYY, YYYY-MM or YYYY-MM-DD"},
    )


def identifiers_field() -> fields.List:
    """Up to 20 identifiers (IMO, passport, BIC ...), an empty list when none are sent."""
    return fields.List(
        fields.Nested(IdentifierSchema), validate=validate.Length(max=20), load_default=list
    )
