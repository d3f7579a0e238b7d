"""What the scanner is fed: names, identifiers and reference terms."""

from __future__ import annotations

from service.core.model import Alias, Entity, Identifier
from service.payments import entity_terms, reference_terms


def test_every_name_of_an_entity_and_its_identifiers() -> None:
    bank = Entity(
        "l", "1", "organization", "BANK ONE", (Alias("B1 BANK", "weak"),),
        identifiers=(Identifier("bic", "BKONKPPY"), Identifier("swift", "BKONKPPYXXX"),
                     Identifier("bic", "BK-1"), Identifier("passport", "P123")),
    )  # fmt: skip
    ship = Entity(
        "l", "2", "vessel", "SEA STAR",
        identifiers=(Identifier("imo", "IMO 9187629"), Identifier("other", "IMO 1234568")),
    )  # fmt: skip
    terms, ids = entity_terms([bank, ship])
    assert [(t.kind, t.text, t.weak) for t in terms] == [
        ("name", "BANK ONE", False),
        ("name", "B1 BANK", True),
        ("vessel", "SEA STAR", False),
    ]
    assert set(ids) == {"BIC:BKONKPPY", "BIC:BKONKPPYXXX", "IMO:9187629"}
    assert ids["IMO:9187629"][0].payload is ship
    assert ids["BIC:BKONKPPY"][0].kind == "bic"


def test_reference_terms() -> None:
    tables = {
        "places": {"places": [{"name": "Nampo", "aliases": ["Nampho"], "groups": ["dprk_port"]}]},
        "countries": {"text_terms": {"KP": ["DPRK"]}},
        "goods": {"categories": [{"id": "fuel", "strong": {"en": ["diesel"], "ru": ["мазут"]},
                                  "weak": {"en": ["oil products"]}}]},
    }  # fmt: skip
    found = {(t.kind, t.text, t.key) for t in reference_terms(tables)}
    assert found == {
        ("place", "Nampo", "Nampo"),
        ("place", "Nampho", "Nampo"),
        ("country", "DPRK", "KP"),
        ("goods", "diesel", "fuel"),
        ("goods", "мазут", "fuel"),
    }
    assert reference_terms({}) == []
