"""What every request schema shares: strict numbers, unknown fields refused, and text
validators that name what is wrong."""

from __future__ import annotations

import marshmallow as ma
import pytest

from service.api.schemas.common import (
    IdentifierSchema,
    StrictFloat,
    StrictSchema,
    has_letter_or_digit,
    no_control_characters,
    not_blank,
    partial_date,
    text_field,
)


class Sample(StrictSchema):
    score = StrictFloat()
    note = text_field(5)


def errors(schema: ma.Schema, data: dict) -> dict:
    with pytest.raises(ma.ValidationError) as info:
        schema.load(data)
    return info.value.messages


def test_a_number_in_quotes_is_a_wrong_type() -> None:
    assert errors(Sample(), {"score": "0.5"}) == {"score": ["Not a valid number."]}
    assert Sample().load({"score": 0.5}) == {"score": 0.5}


def test_unknown_fields_are_refused_by_name() -> None:
    assert errors(Sample(), {"nmae": "x"}) == {"nmae": ["Unknown field."]}


@pytest.mark.parametrize(
    ("value", "says"),
    [("", "Length must be between 1 and 5."), ("   ", "Must not be empty or only whitespace."),
     ("abcdef", "Length must be between 1 and 5."), ("a\x00b", "U+0000")],
)  # fmt: skip
def test_text_fields_refuse_empty_long_blank_and_control_text(value: str, says: str) -> None:
    assert any(says in m for m in errors(Sample(), {"note": value})["note"])


def test_control_characters_are_named_by_code_point_five_at_most() -> None:
    with pytest.raises(ma.ValidationError) as info:
        no_control_characters("".join(chr(c) for c in range(1, 9)) + "\x85\ud800")
    assert info.value.messages == [
        "Control characters are not allowed (U+0001, U+0002, U+0003, U+0004, U+0005)."
    ]


def test_format_characters_are_allowed() -> None:
    no_control_characters("Ali\u200bBaba\u200d")  # zero-width: the matcher strips them
    not_blank("x")
    has_letter_or_digit("Ω 1")


@pytest.mark.parametrize("value", [".", "--", "\u200b", "()!"])
def test_a_name_needs_a_letter_or_digit(value: str) -> None:
    with pytest.raises(ma.ValidationError, match="letter or digit"):
        has_letter_or_digit(value)


@pytest.mark.parametrize("value", ["1970", "1970-02", "1970-02-28", "2024-02-29"])
def test_partial_dates_accepted(value: str) -> None:
    partial_date(value)


@pytest.mark.parametrize(
    ("value", "says"),
    [("70", "Use YYYY"), ("1970-2-1", "Use YYYY"), ("1970-13", "Not a real date"),
     ("2023-02-29", "Not a real date"), ("1970-02-28T00:00", "Use YYYY")],
)  # fmt: skip
def test_partial_dates_refused(value: str, says: str) -> None:
    with pytest.raises(ma.ValidationError, match=says):
        partial_date(value)


def test_an_identifier_needs_type_and_value_and_country_is_optional() -> None:
    assert errors(IdentifierSchema(), {"type": "imo"}) == {
        "value": ["Missing data for required field."]
    }
    loaded = IdentifierSchema().load({"type": "imo", "value": "9123456"})
    assert loaded == {"type": "imo", "value": "9123456", "country": None}
