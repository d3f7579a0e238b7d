"""Keyword search: inflection, typos, scripts, and no false hits on short words."""

from __future__ import annotations

import pytest

from service.rules.text import KeywordIndex, fold, word_tokens


@pytest.fixture(scope="module")
def index() -> KeywordIndex:
    idx = KeywordIndex(not_typos=["patrol"])
    idx.add(
        "fuel",
        ["diesel", "gas oil", "ULSD", "ДТ", "дизельное топливо", "mazut", "petrol", "柴油", "경유"],
        not_before=["generator", "engine", "机"],
    )
    idx.add("coal", ["coal", "anthracite"])
    return idx


@pytest.mark.parametrize(
    "text",
    [
        "Diesel EN590",
        "deisel fuel",
        "GAS-OIL 0.1%",
        "поставка дизельного топлива",
        "ДТ летнее",
        "ULSD 10ppm",
        "mazuta",
        "柴油 10ppm",
        "경유를 선적",
    ],
)
def test_finds_fuel_in_any_form(index: KeywordIndex, text: str) -> None:
    assert index.keys(text) == {"fuel"}


@pytest.mark.parametrize(
    "text",
    [
        "diesel generator set",
        "柴油机 配件",
        "부산 경유하여 운송",
        "patrol boat",
        "ADTR-5 valve",
        "olive oil",
        "dies casting",
    ],
)
def test_no_false_hits(index: KeywordIndex, text: str) -> None:
    assert index.keys(text) == set()


def test_plural_of_short_keyword(index: KeywordIndex) -> None:
    assert index.keys("coals and anthracites") == {"coal"}


def test_hit_quotes_the_text_as_found(index: KeywordIndex) -> None:
    (hit,) = index.search("Supply of Deisel")
    assert (hit.key, hit.keyword, hit.found) == ("fuel", "diesel", "deisel")


def test_normalize_keeps_hangul_and_strips_latin_accents() -> None:
    assert fold("Doré 경유 ЁЛКА") == "dore 경유 елка"
    assert word_tokens("Jet A-1, 柴油") == ("jet", "a", "1", "柴油")
