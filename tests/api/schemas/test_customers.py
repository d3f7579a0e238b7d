"""The customer body schema: what it loads, and the free fields it refuses."""

from __future__ import annotations

import marshmallow as ma
import pytest

from service.api.schemas.customers import CustomerBodySchema


def test_loads_a_customer_with_free_fields() -> None:
    data = CustomerBodySchema().load(
        {"name": "Ana Ruiz", "date_of_birth": "1980-02", "fields": {"branch": "Vigo", "vip": True}}
    )
    assert data["fields"] == {"branch": "Vigo", "vip": True}
    assert data["identifiers"] == [] and data["country"] is None


@pytest.mark.parametrize(
    "fields",
    [
        {"nested": {"a": 1}},
        {"list": [1, 2]},
        {"x" * 65: "too long a name"},
        {"long": "y" * 1001},
        {f"f{n}": n for n in range(51)},
    ],
)
def test_refuses_free_fields_that_are_not_short_flat_scalars(fields: dict) -> None:
    with pytest.raises(ma.ValidationError) as raised:
        CustomerBodySchema().load({"name": "Ana Ruiz", "fields": fields})
    assert "fields" in raised.value.messages


def test_refuses_a_bad_date_and_an_unknown_field() -> None:
    with pytest.raises(ma.ValidationError) as raised:
        CustomerBodySchema().load({"name": "Ana Ruiz", "date_of_birth": "1980-13-01", "x": 1})
    assert set(raised.value.messages) == {"date_of_birth", "x"}
