"""Country facts: a BIC's country, party countries with their tier, and ambiguity."""

from __future__ import annotations

import pytest
from facts_fixtures import context, facts, notes

from service.rules.facts.countries import add_countries, bic_country, party_country


@pytest.mark.parametrize(
    ("bic", "country"),
    [
        ("DEUTDEFF", "DE"),
        ("FTBDKPPY", "KP"),
        ("hsbchkhhxxx", "HK"),
        ("xxxxKRxx", "KR"),
        ("BAD", None),
        (None, None),
    ],
)
def test_bic_country(bic: object, country: str | None) -> None:
    assert bic_country(bic) == country


def test_ambiguous_korea_is_settled_by_the_city() -> None:
    request = {
        "parties": [
            {
                "id": "b",
                "role": "buyer",
                "name": "B",
                "country": "Korea",
                "address": {"city": "Busan", "lines": []},
            }
        ]
    }
    ctx, _ = context(request)
    assert party_country(ctx, ctx.request.parties[0], "Korea") == ("KR", False, "city")


def test_bare_korea_stays_unresolved() -> None:
    found = facts({"parties": [{"id": "b", "role": "buyer", "name": "B", "country": "Korea"}]})
    assert found.values["unresolved_countries"] == 1
    assert found.values["countries"] == 0


def test_country_items_carry_tier_and_kind() -> None:
    ctx, b = context({"parties": [{"id": "s", "role": "seller", "name": "S", "country": "IR"}]})
    add_countries(ctx, b)
    (item,) = b.values["countries"]
    assert (item["code"], item["kind"], item["tier"], item["party"]) == ("IR", "party", "A", "s")
    assert notes(b.values["sanctioned_countries"]) == [item["note"]]


def test_address_gaps_for_payer_without_city() -> None:
    found = facts({"parties": [{"id": "p", "role": "payer", "name": "P", "country": "HK"}]})
    assert notes(found.evidence["address_gaps"]) == ["payer without city"]
