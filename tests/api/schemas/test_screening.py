"""``POST /v1/screen`` request loading: a body becomes the service's ``ScreenRequest``
(trimmed, context picked out), and each bad field is refused under its own name."""

from __future__ import annotations

import marshmallow as ma
import pytest

from service.api.schemas.screening import ScreenRequestSchema
from service.core.model import Identifier
from service.screening import ScreenRequest


def load(body: dict) -> ScreenRequest:
    return ScreenRequestSchema().load(body)


def test_a_bare_name_loads_with_every_option_unset() -> None:
    assert load({"name": "  Banco Nacional  "}) == ScreenRequest(name="Banco Nacional")


def test_every_field_loads_into_the_request() -> None:
    request = load(
        {
            "name": "Ivan Petrov",
            "entity_type": "person",
            "country": " RU ",
            "date_of_birth": "1970-02",
            "identifiers": [{"type": " Passport ", "value": " 123 ", "country": "RU"}],
            "lists": ["un", "ofac_sdn"],
            "threshold": 0.8,
            "as_of": "2025-06-30",
        }
    )
    assert request == ScreenRequest(
        name="Ivan Petrov",
        entity_type="person",
        country="RU",
        date_of_birth="1970-02",
        identifiers=(Identifier(type="passport", value="123", country="RU"),),
        lists=("un", "ofac_sdn"),
        threshold=0.8,
        as_of="2025-06-30",
    )


def test_a_blank_country_is_no_country() -> None:
    assert load({"name": "x", "country": "   "}).country is None


def test_only_given_context_fields_become_the_context() -> None:
    request = load(
        {"name": "Harbour Realty", "industry": "real estate", "web_presence": None, "goods": []}
    )
    assert request.context == {"industry": "real estate"}
    assert load({"name": "Harbour Realty"}).context is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "..."}, "name"),
        ({"name": "x" * 513}, "name"),
        ({"name": "x", "entity_type": "ship"}, "entity_type"),
        ({"name": "x", "threshold": "0.5"}, "threshold"),
        ({"name": "x", "threshold": 1.5}, "threshold"),
        ({"name": "x", "date_of_birth": "1970-13-01"}, "date_of_birth"),
        ({"name": "x", "lists": []}, "lists"),
        ({"name": "x", "as_of": "yesterday"}, "as_of"),
        ({"name": "x", "web_presence": "maybe"}, "web_presence"),
        ({"name": "x", "nmae": "typo"}, "nmae"),
    ],
)
def test_a_bad_field_is_refused_under_its_name(body: dict, field: str) -> None:
    with pytest.raises(ma.ValidationError) as info:
        load(body)
    assert list(info.value.messages) == [field]
