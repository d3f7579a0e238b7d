"""EXP-01 / EXP-02: the Common High Priority List toward Russia and Belarus."""

from __future__ import annotations

from rule_fixtures import reference, run
from trade_cases import CHIPS, CNC, SELLER_DE, party, tx


def hit(outcome, rule_id: str):
    return next((h for h in outcome.hits if h.rule_id == rule_id), None)


def test_chpl_by_code_and_by_words_in_tiers() -> None:
    chpl = reference().chpl
    assert chpl.classify(None, "8542.31.90").tier == "1"
    assert chpl.classify(None, "8482").tier == "3B"  # a heading that covers CHPL codes
    assert chpl.classify("подшипники шариковые", None).tier == "3B"
    assert chpl.classify("office chairs", "9401") is None
    assert chpl.classify("general goods", "84") is None  # a chapter alone names nothing


def test_direct_export_blocks_under_each_banning_regime_only() -> None:
    blocked = hit(run(tx(SELLER_DE, party("b", "consignee", "BY"), goods=[CHIPS])), "EXP-01")
    assert blocked.severity == "block" and "tier 1" in blocked.explanation
    un_only = run(tx(SELLER_DE, party("b", "consignee", "BY"), goods=[CHIPS], regimes=["UN"]))
    assert hit(un_only, "EXP-01") is None


def test_diversion_weighs_more_with_aggravators() -> None:
    plain = hit(
        run(tx(SELLER_DE, party("b", "buyer", "KZ", industry="machinery"), goods=[CNC])), "EXP-02"
    )
    assert plain.weight == 30
    worse = run(
        tx(
            SELLER_DE,
            party("b", "buyer", "KZ", industry="general trading", web_presence="none"),
            party("n", "notify_party", "RU"),
            goods=[CNC],
        )
    )
    found = hit(worse, "EXP-02")
    assert found.weight == 45
    for said in ("business does not fit", "without web presence", "notify_party in RU"):
        assert said in found.explanation


def test_paid_from_a_diversion_country() -> None:
    outcome = run(
        tx(SELLER_DE, party("b", "buyer", "SG"), party("p", "payer", "AE"), goods=[CHIPS])
    )
    assert "paid from AE" in hit(outcome, "EXP-02").explanation


def test_a_russian_end_user_behind_an_eu_buyer_is_an_export_to_russia() -> None:
    request = tx(SELLER_DE, party("b", "buyer", "FR"), party("e", "end_user", "RU"), goods=[CHIPS])
    found = hit(run(request), "EXP-01")
    assert found.severity == "block" and "end_user in RU" in found.explanation
    # The same chips to a French end user stay inside the EU: no export, nothing fires.
    inside = tx(SELLER_DE, party("b", "buyer", "FR"), party("e", "end_user", "FR"), goods=[CHIPS])
    assert hit(run(inside), "EXP-01") is None and hit(run(inside), "EXP-02") is None
