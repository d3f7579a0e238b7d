"""The free-text scanner on our own small lists: what it finds, where, and what not."""

from __future__ import annotations

import pytest

from service.core.model import Alias, Entity, Identifier
from service.payments import TextScanner, entity_terms, reference_terms


def listed(sid: str, name: str, etype: str = "organization", *aliases: str, ids=()) -> Entity:
    return Entity(
        list="test_list",
        source_id=sid,
        entity_type=etype,  # type: ignore[arg-type]
        name=name,
        aliases=tuple(Alias(a) for a in aliases),
        identifiers=tuple(ids),
    )


ENTITIES = (
    listed("1", "KOREA KWANGSON BANKING CORP", "organization", "KKBC",
           ids=[Identifier("bic", "KKBCKPPY")]),
    listed("2", "ARTAVIL", "vessel", ids=[Identifier("imo", "IMO 9187629")]),
    listed("3", "RI, Ho Nam", "person"),
    listed("4", "TIMBER CORPORATION"),
    listed("5", "Emma", "person"),
    listed("6", "Alexander Ivanovich SOBOL", "person"),
    listed("7", "SAKHALIN 8", "vessel"),
    listed("8", "SUNRISE", "vessel"),
    listed("9", "IRASCO S.R.L."),
)  # fmt: skip
TABLES = {
    "places": {"places": [{"name": "Nampo", "aliases": ["Nampho", "남포"], "country": "KP"}]},
    "countries": {"text_terms": {"KP": ["North Korea", "DPRK"]}},
    "goods": {"categories": [{"id": "refined_petroleum", "strong": {"en": ["diesel", "gas oil"]}}]},
}


@pytest.fixture(scope="module")
def scanner() -> TextScanner:
    terms, ids = entity_terms(ENTITIES)
    return TextScanner(terms + reference_terms(TABLES), ids)


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


def test_places_countries_and_goods(scanner: TextScanner) -> None:
    assert ("place", "Nampo") in keys(scanner, "DISCHARGE AT NAM PO ROADS")
    assert ("place", "Nampo") in keys(scanner, "남포")
    assert ("country", "KP") in keys(scanner, "ORIGIN DPRK")
    assert ("goods", "refined_petroleum") in keys(scanner, "200 MT GAS OIL")


def test_short_names_exact_and_whole(scanner: TextScanner) -> None:
    assert ("name", "test_list:3") in keys(scanner, "SALARY RI HO NAM OCT")
    assert keys(scanner, "RI HOLDINGS NAM") == set()


def test_ordinary_words_do_not_fire(scanner: TextScanner) -> None:
    assert keys(scanner, "TIMBER FOR ROOF TRUSSES") == set()
    assert ("name", "test_list:4") in keys(scanner, "TIMBER CORP INV 4")
    assert keys(scanner, "SALARY EMMA WATSON") == set()  # one given name is nobody
    assert keys(scanner, "SUNRISE FOODS LTD INVOICE 44") == set()
    assert ("vessel", "test_list:8") in keys(scanner, "FREIGHT M/V SUNRISE BL 77")
    assert ("vessel", "test_list:7") in keys(scanner, "BUNKERS FOR SAKHALIN 8")


def test_legal_form_initialisms(scanner: TextScanner) -> None:
    assert ("name", "test_list:9") in keys(scanner, "PAYMENT IRASCO S.R.L. INV 9")


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
