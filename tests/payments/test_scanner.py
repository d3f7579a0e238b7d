"""The free-text scanner on our own small lists: what it finds, where, and what not."""

from __future__ import annotations

import pytest
from scanner_lists import build_scanner

from service.payments import TextScanner


@pytest.fixture(scope="module")
def scanner() -> TextScanner:
    return build_scanner()


def keys(scanner: TextScanner, text: str) -> set[tuple[str, str]]:
    return {(h.term.kind, h.term.key) for h in scanner.scan(text)}


def test_the_motivating_remittance_line(scanner: TextScanner) -> None:
    text = "PAYMENT FOR DIESEL CARGO MV ARTAVIL NAMPO"
    hits = {h.term.kind: h for h in scanner.scan(text)}
    assert set(hits) == {"goods", "vessel", "place"}
    assert hits["vessel"].term.key == "test_list:2"
    vessel = hits["vessel"]
    assert text[vessel.start : vessel.end] == "ARTAVIL" == vessel.found
    assert hits["place"].found == "NAMPO" and hits["goods"].term.key == "refined_petroleum"


@pytest.mark.parametrize(
    "text",
    [
        "/BNF/KOREA KWANGSON BANKING CORP",
        "/BNF/KOREA KWANGSON BANKNG CORP REF 5",  # a typo
        "kwangson korea banking corporation",  # word order, legal form spelt out
        "KOREA KWANG SON BANKING",  # split word, legal form missing
        "paid to KKBC for services",  # an alias
    ],
)
def test_a_listed_name_with_the_matchers_tolerance(scanner: TextScanner, text: str) -> None:
    assert ("name", "test_list:1") in keys(scanner, text)


def test_offsets_point_at_the_words_found(scanner: TextScanner) -> None:
    text = "INV 77 ATTN Alexnder Ivanovich SOBOL THANKS"
    (hit,) = scanner.scan(text)
    assert text[hit.start : hit.end] == "Alexnder Ivanovich SOBOL"
    assert [a["method"] for a in hit.alignment] == ["fuzzy", "exact", "exact"]
    assert 0.8 <= hit.score < 1.0


def test_identifiers_are_exact(scanner: TextScanner) -> None:
    assert ("bic", "test_list:1") in keys(scanner, "/INS/KKBCKPPYXXX")
    assert ("imo", "test_list:2") in keys(scanner, "DEMURRAGE IMO9187629 LAYTIME")
    assert ("imo", "test_list:2") in keys(scanner, "IMO 9187629")
    assert keys(scanner, "IMO 9187628") == set()


def test_ordinary_words_do_not_fire(scanner: TextScanner) -> None:
    assert keys(scanner, "TIMBER FOR ROOF TRUSSES") == set()
    assert ("name", "test_list:4") in keys(scanner, "TIMBER CORP INV 4")
    assert keys(scanner, "SALARY EMMA WATSON") == set()  # one given name is nobody
    assert keys(scanner, "SUNRISE FOODS LTD INVOICE 44") == set()
    assert ("vessel", "test_list:8") in keys(scanner, "FREIGHT M/V SUNRISE BL 77")
    assert ("vessel", "test_list:7") in keys(scanner, "BUNKERS FOR SAKHALIN 8")


def test_clean_business_texts(scanner: TextScanner) -> None:
    for text in (
        "INV 2026-0412 CNC SPINDLE BEARINGS PO 88123 LESS 2 PCT",
        "SALARY NOV 2026 JOHN SMITH EMP NO 10234",
        "FREIGHT HAMBURG TO SHANGHAI BL MAEU123456789",
        "",
        "   ",
    ):
        assert scanner.scan(text) == []


def test_a_long_text_is_read_whole(scanner: TextScanner) -> None:
    filler = " ".join(f"ITEM{i} BOLTS" for i in range(400))
    text = f"{filler} KOREA KWANGSON BANKING CORP {filler} MV ARTAVIL"
    found = {(h.term.kind, h.term.key): h for h in scanner.scan(text)}
    hit = found[("name", "test_list:1")]
    assert text[hit.start : hit.end] == "KOREA KWANGSON BANKING CORP"
    assert ("vessel", "test_list:2") in found
