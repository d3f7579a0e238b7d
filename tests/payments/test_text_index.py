"""The scanner's index: which terms can be found at all, and by which spellings."""

from __future__ import annotations

import pytest
from scanner_lists import build_scanner

from service.payments import Term, TextScanner
from service.payments.text_index import TextIndex


@pytest.fixture(scope="module")
def scanner() -> TextScanner:
    return build_scanner()


def keys(scanner: TextScanner, text: str) -> set[tuple[str, str]]:
    return {(h.term.kind, h.term.key) for h in scanner.scan(text)}


def test_places_countries_and_goods(scanner: TextScanner) -> None:
    assert ("place", "Nampo") in keys(scanner, "DISCHARGE AT NAM PO ROADS")
    assert ("place", "Nampo") in keys(scanner, "남포")
    assert ("country", "KP") in keys(scanner, "ORIGIN DPRK")
    assert ("goods", "refined_petroleum") in keys(scanner, "200 MT GAS OIL")


def test_short_names_exact_and_whole(scanner: TextScanner) -> None:
    assert ("name", "test_list:3") in keys(scanner, "SALARY RI HO NAM OCT")
    assert keys(scanner, "RI HOLDINGS NAM") == set()


def test_legal_form_initialisms(scanner: TextScanner) -> None:
    assert ("name", "test_list:9") in keys(scanner, "PAYMENT IRASCO S.R.L. INV 9")


def test_terms_that_cannot_be_told_from_ordinary_words_are_not_indexed() -> None:
    one_given_name = Term("name", "Emma", "k:1", entity_type="person")
    full_name = Term("name", "Emma Watson", "k:2", entity_type="person")
    two_letters = Term("place", "Al", "k:3")
    assert TextIndex([one_given_name, two_letters]).term_count == 0
    assert TextIndex([one_given_name, full_name, full_name]).term_count == 1
