"""Borders: dual-use and CHPL rules fire on exports out of a selected control area, not
on trade inside it; the regimes a request selects decide which borders count."""

from __future__ import annotations

from rule_fixtures import run
from trade_cases import CNC, SELLER_DE, party, tx


def hit(outcome, rule_id: str):
    return next((h for h in outcome.hits if h.rule_id == rule_id), None)


def test_intra_eu_machine_tools_are_no_export() -> None:
    outcome = run(tx(SELLER_DE, party("b", "buyer", "FR"), goods=[CNC]))
    assert hit(outcome, "GDS-05") is None and hit(outcome, "EXP-02") is None
    assert outcome.decision == "clear"


def test_export_out_of_the_eu_names_the_border() -> None:
    found = hit(run(tx(SELLER_DE, party("b", "buyer", "CH"), goods=[CNC])), "GDS-05")
    assert found is not None
    assert "export out of the European Union control area" in found.explanation
    assert "DE -> CH" in found.explanation


def test_the_selected_regimes_decide_which_border_counts() -> None:
    # Under the US regime alone, Germany to France crosses no US border and stays outside
    # every selected area: the candidate is flagged as before.
    outcome = run(tx(SELLER_DE, party("b", "buyer", "FR"), goods=[CNC], regimes=["US"]))
    assert hit(outcome, "GDS-05") is not None
    # Out of the UK to France is an export under the UK regime.
    uk = run(tx(party("s", "seller", "GB"), party("b", "buyer", "FR"), goods=[CNC]))
    assert "United Kingdom control area" in hit(uk, "GDS-05").explanation


def test_an_end_user_abroad_makes_an_intra_eu_sale_an_export() -> None:
    outcome = run(
        tx(SELLER_DE, party("b", "buyer", "FR"), party("e", "end_user", "TR"), goods=[CNC])
    )
    assert hit(outcome, "GDS-05") is not None
