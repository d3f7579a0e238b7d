"""OIL-01: crude or fuel whose declared origin disagrees with its route."""

from __future__ import annotations

from rule_fixtures import run
from trade_cases import oil_voyage, party, tx

BUYER = party("b", "buyer", "CN")


def oil(request):
    return next((h for h in run(request).hits if h.rule_id == "OIL-01"), None)


def test_sts_in_a_relabelling_area_names_it() -> None:
    found = oil(tx(BUYER, **oil_voyage("Riau Islands, off Batam", origin="Malaysia")))
    assert "Riau Islands" in found.explanation and found.weight == 45  # MY is a cover label


def test_a_port_call_in_iran_with_another_declared_origin() -> None:
    voyage = oil_voyage("North Sea", origin="IQ", port_calls=[{"port": "Kharg Island"}])
    found = oil(tx(BUYER, **voyage))
    assert "called in IR" in found.explanation and found.weight == 30


def test_signals_raise_the_weight() -> None:
    voyage = oil_voyage(
        "Gulf of Oman",
        origin="IQ",
        ais_gaps=[{"hours": 30}],
        build_year=2002,
        pandi_insurer="unknown",
    )
    refiner = party("b", "buyer", "CN", industry="independent refinery (teapot)")
    found = oil(tx(refiner, **voyage))
    assert found.weight == 45
    for said in ("AIS dark 30 h", "independent refiner", "year-old vessel"):
        assert said in found.explanation


def test_declared_iranian_oil_is_not_relabelled() -> None:
    assert oil(tx(BUYER, **oil_voyage("EOPL", origin="IR"))) is None


def test_an_undeclared_line_does_not_hide_a_relabelled_one() -> None:
    voyage = oil_voyage("off Johor (EOPL)")
    voyage["goods"].append({"description": "fuel oil", "hs_code": "2710.19", "value": 1})
    assert oil(tx(BUYER, **voyage)) is not None
    quiet = oil_voyage("off Rotterdam")
    quiet["goods"].append({"description": "fuel oil", "hs_code": "2710.19", "value": 1})
    outcome = run(tx(BUYER, **quiet))
    assert "OIL-01" in {n.rule_id for n in outcome.not_evaluated}
