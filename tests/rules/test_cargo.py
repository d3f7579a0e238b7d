"""Cargo classification from HS codes and words, and the GDS-07 agreement check."""

from __future__ import annotations

import pytest
from rule_fixtures import reference

from service.rules.cargo import hs_agrees, line_memo, normalize_hs
from service.rules.tables import ReferenceData

REF: ReferenceData = reference()


@pytest.mark.parametrize(
    ("description", "category"),
    [
        ("дизельное топливо ЕВРО-5", "refined_petroleum"),
        ("柴油", "refined_petroleum"),
        ("경유", "refined_petroleum"),
        ("mazut M100", "refined_petroleum"),
        ("IFO 380", "refined_petroleum"),
        ("anthracite", "coal"),
        ("석탄", "coal"),
        ("iron ore fines", "iron"),
        ("frozen pollock", "seafood"),
        ("magnesia clinker", "earth_stone"),
        ("false eyelashes", "wigs"),
    ],
)
def test_words_classify(description: str, category: str) -> None:
    assert category in REF.goods.classify(description).categories


@pytest.mark.parametrize(
    ("hs", "category"),
    [
        ("2710.19.43", "refined_petroleum"),
        ("270112", "coal"),
        ("0303", "seafood"),
        ("6109", "textiles"),
    ],
)
def test_codes_classify(hs: str, category: str) -> None:
    assert category in REF.goods.classify(None, hs).by_code


def test_two_digit_code_is_only_a_chapter() -> None:
    c = REF.goods.classify("general goods", "27")
    assert c.by_code == () and c.vague and c.hs == "27"


@pytest.mark.parametrize(
    ("description", "hs", "mismatch"),
    [
        ("diesel", "3403.19", True),
        ("furniture", "2710.19", True),
        ("gasoil", "2710.19", False),
        ("jet fuel", "2710", False),
        ("diesel generator set", "8502.11", False),
        ("lead-acid batteries", "8507.10", False),
        ("steel furniture", "9403.20", False),
        ("general goods", "2710", False),
    ],
)
def test_gds07_mismatch(description: str, hs: str, mismatch: bool) -> None:
    assert bool(REF.goods.classify(description, hs).mismatch) is mismatch


def test_dual_use_from_words_or_code() -> None:
    assert REF.goods.classify("5-axis CNC machining centre").dual_use == ("machine_tools",)
    assert REF.goods.classify("spare parts", "8504.40").dual_use == ("frequency_changers",)
    assert REF.goods.classify("office chairs", "9401").dual_use == ()


def test_hs_helpers() -> None:
    assert normalize_hs(" 2710.19-43 ") == "27101943"
    assert normalize_hs(None) == ""
    assert hs_agrees("2710", ("271012",)) and hs_agrees("27101943", ("2710",))
    assert not hs_agrees("3403", ("2710",))


def test_broad_code_does_not_make_diesel_aviation_fuel() -> None:
    assert REF.goods.classify("diesel fuel", "2710.19").categories == ("refined_petroleum",)
    assert "aviation_fuel" in REF.goods.classify("Jet A-1", "2710.19").categories


def test_line_memo_normalises_the_code_and_remembers_each_raw_line() -> None:
    calls: list[tuple[str | None, str]] = []

    def classify(description: str | None, hs: str) -> str:
        calls.append((description, hs))
        return f"{description}:{hs}"

    memo = line_memo(classify)
    assert memo("bearings", "8482.10") == "bearings:848210"
    assert memo("bearings", "8482.10") == "bearings:848210"
    assert memo(None, None) == "None:"
    assert calls == [("bearings", "848210"), (None, "")]
