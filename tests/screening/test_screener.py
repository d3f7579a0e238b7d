"""The Screener: decisions, reasons, list selection, failing closed."""

from __future__ import annotations

import pytest
from factories import TEST_ENTITIES, catalog_from

from service.core.model import Identifier
from service.screening import (
    InvalidScreenRequest,
    Screener,
    ScreeningUnavailable,
    ScreenRequest,
)
from service.settings import Settings

SETTINGS = Settings()


def screener(settings: Settings = SETTINGS) -> Screener:
    return Screener(catalog_from(TEST_ENTITIES), settings)


def test_no_catalog_raises_instead_of_clearing() -> None:
    with pytest.raises(ScreeningUnavailable):
        Screener(None, SETTINGS).screen(ScreenRequest(name="Anyone"))
    assert Screener(None, SETTINGS).available is False


def test_exact_match_blocks_and_explains() -> None:
    result = screener().screen(ScreenRequest(name="BANCO NACIONAL DE CUBA"))
    assert result.decision == "block"
    assert result.matches[0].entity.source_id == "1"
    reason = result.reasons[0]
    assert reason["code"] == "name_match" and reason["decision"] == "block"
    assert "BANCO NACIONAL DE CUBA" in reason["message"] and "0.97" in reason["message"]


def test_match_between_review_and_block_thresholds_is_review() -> None:
    lenient = SETTINGS.with_(review_threshold=0.5, block_threshold=1.01)
    assert screener(lenient).screen(ScreenRequest(name="BANCO NACIONAL DE CUBA")).decision == (
        "review"
    )


def test_a_high_display_threshold_never_hides_a_decisive_match() -> None:
    settings = SETTINGS.with_(review_threshold=0.5)
    result = screener(settings).screen(ScreenRequest(name="BANCO NACIONAL", threshold=1.0))
    assert result.decision in ("review", "block")
    assert result.matches and result.matches[0].score >= 0.5


def test_list_subset_is_respected_and_reported() -> None:
    result = screener().screen(ScreenRequest(name="BANCO NACIONAL DE CUBA", lists=("other_list",)))
    assert all(m.entity.list == "other_list" for m in result.matches)
    assert set(result.lists) == {"other_list"}


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (ScreenRequest(name=" "), "name"),
        (ScreenRequest(name="\u200b\u200b"), "name"),
        (ScreenRequest(name="--- ..."), "name"),
        (ScreenRequest(name="A", lists=("nope",)), "lists"),
        (ScreenRequest(name="A", lists=()), "lists"),
        (ScreenRequest(name="A", country="Narnia"), "country"),
    ],
)
def test_unusable_fields_raise_with_the_field_named(request_: ScreenRequest, field: str) -> None:
    with pytest.raises(InvalidScreenRequest) as caught:
        screener().screen(request_)
    assert caught.value.field == field


def test_identifiers_and_dob_are_passed_through() -> None:
    request = ScreenRequest(
        name="IVANOV, Sergei Petrovich",
        entity_type="person",
        date_of_birth="1970",
        identifiers=(Identifier("passport", "123"),),
    )
    assert screener().screen(request).matches[0].entity.source_id == "3"


def test_response_names_the_reference_tables_and_the_ruleset_when_rules_ran() -> None:
    plain = screener().screen(ScreenRequest(name="Zyxwv Qqqq Holdings", country="SG"))
    assert plain.versions is not None and plain.versions["ruleset"] is None
    assert plain.versions["reference"]["tables"]["jurisdictions"]["version"]
    context = {"web_presence": "none"}
    ruled = screener().screen(ScreenRequest(name="Zyxwv Qqqq Holdings", context=context))
    assert ruled.versions is not None and ruled.versions["ruleset"]


def test_as_of_applies_the_tier_of_that_day() -> None:
    request = ScreenRequest(name="Zyxwv Qqqq Holdings", country="Syria", as_of="2025-06-01")
    assert screener().screen(request).decision == "block"


def test_unknown_identifier_country_is_named() -> None:
    request = ScreenRequest(name="A", identifiers=(Identifier("passport", "1", "Narnia"),))
    with pytest.raises(InvalidScreenRequest) as caught:
        screener().screen(request)
    assert caught.value.field == "identifiers.0.country"


def test_country_block_survives_a_clear_name() -> None:
    result = screener().screen(ScreenRequest(name="Zyxwv Qqqq Holdings", country="IR"))
    assert result.decision == "block"
    assert {r["code"] for r in result.reasons} == {"no_match", "jurisdiction"}


def test_contradicted_strong_name_is_reviewed_not_blocked_and_says_why(real_catalog) -> None:
    result = Screener(real_catalog, SETTINGS).screen(
        ScreenRequest(name="GUZMAN LOERA, Joaquin", entity_type="person", date_of_birth="1990")
    )
    assert result.matches[0].entity.source_id == "6861"
    assert result.decision == "review"
    assert "date of birth differs" in result.reasons[0]["message"]


def test_same_name_with_matching_dob_blocks(real_catalog) -> None:
    result = Screener(real_catalog, SETTINGS).screen(
        ScreenRequest(name="GUZMAN LOERA, Joaquin", entity_type="person", date_of_birth="1954")
    )
    assert result.decision == "block"


def test_context_adds_the_red_flag_outcome_to_the_decision() -> None:
    context = {"web_presence": "none", "industry": "property management"}
    goods = [{"description": "diesel", "hs_code": "2710", "value": 5e6, "currency": "USD"}]
    result = screener().screen(
        ScreenRequest(name="Zyxwv Qqqq Holdings", country="SG", context={**context, "goods": goods})
    )
    assert result.red_flags is not None and result.red_flags["rule_hits"]
    assert result.decision == result.red_flags["decision"] != "clear"
    assert screener().screen(ScreenRequest(name="Zyxwv Qqqq Holdings")).red_flags is None
