"""Every rule of lists/rules: a case where it fires, one where it stays quiet, and one
where its inputs are missing and it must be reported as not_evaluated (never passed).

Requests are the smallest dicts that exercise the rule; the rule set and reference
tables are the real files under lists/. List matches are given as facts here (these
tests check the rules, not the matcher; tests/test_transaction.py runs the matcher).
"""

from __future__ import annotations

from typing import Any

import pytest
from rule_fixtures import TODAY, reference, ruleset, run
from trade_cases import catalogue_cases

from service.core import Entity, Identifier, Match
from service.rules import extract_facts
from service.rules.request import TransactionRequest

BUYER = {"id": "b", "role": "buyer", "name": "Alpha Buyer Ltd", "country": "SG"}
SELLER = {"id": "s", "role": "seller", "name": "Beta Seller GmbH", "country": "DE"}


def tx(*parties: dict, **parts: Any) -> dict[str, Any]:
    """A transaction with the given parties (default buyer and seller) and parts."""
    return {"parties": list(parties) or [BUYER, SELLER], **parts}


def p(pid: str, role: str, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "role": role, "name": f"{pid.title()} Co", **fields}


def vessel(**fields: Any) -> dict[str, Any]:
    return {"shipment": {"vessel": {"name": "SEA BREEZE", **fields}}}


def goods(description: str, hs: str | None = None, value: float = 100_000, **extra: Any) -> dict:
    g = {"description": description, "value": value, "currency": "USD", **extra}
    if hs is not None:
        g["hs_code"] = hs
    return g


def listed(score: float, name: str = "LISTED NAME", imo: str | None = None) -> Match:
    ids = (Identifier("imo", imo),) if imo else ()
    e = Entity(
        "ofac_sdn",
        "123",
        "vessel" if imo else "organization",
        name,
        identifiers=ids,
        programs=("DPRK",),
    )
    return Match(e, name, score)


def fired(outcome: Any, rule_id: str) -> str | None:
    """The severity the rule fired with, or None."""
    return next((h.severity for h in outcome.hits if h.rule_id == rule_id), None)


def skipped(outcome: Any, rule_id: str) -> bool:
    return rule_id in {n.rule_id for n in outcome.not_evaluated}


DIESEL = goods("diesel", "2710.19", 1_000_000)
COAL = goods("anthracite coal", "2701.11", 1_000_000)
NO_COUNTRY = tx({"id": "x", "role": "buyer", "name": "Nobody Ltd"})


def seller_country(country: str, severity: str) -> tuple[dict, str, dict, dict]:
    """A case for a rule on the seller's country alone: quiet for France, and not
    evaluated when no party has a country."""
    firing = tx(p("s", "seller", country=country))
    return firing, severity, tx(p("s", "seller", country="FR")), NO_COUNTRY


# rule id -> (firing request, expected severity, quiet request, request lacking inputs or None)
CASES: dict[str, tuple[dict, str, dict, dict | None]] = {
    "JUR-01": seller_country("IR", "block"),
    "JUR-03": (
        tx(p("b", "beneficiary", country="Korea")),
        "review",
        tx(p("b", "beneficiary", country="Korea", address={"city": "Busan"})),
        NO_COUNTRY,
    ),
    "JUR-04": (
        tx(p("b", "buyer", address={"city": "Yalta", "country": "RU"})),
        "block",
        tx(p("b", "buyer", address={"city": "Kyiv", "country": "UA"})),
        NO_COUNTRY,
    ),
    "JUR-05": seller_country("MM", "review"),
    "JUR-06": seller_country("RU", "review"),
    "JUR-07": (
        tx(p("b", "beneficiary", country="DE")),
        "info",
        tx(p("b", "beneficiary", address={"city": "Berlin", "country": "DE"})),
        tx(BUYER),
    ),
    "GDS-01": (
        tx(goods=[goods("anthracite", "2701", origin_country="KP")]),
        "block",
        tx(goods=[goods("anthracite", "2701", origin_country="CN")]),
        tx(BUYER, goods=[goods("anthracite", "2701")]),
    ),
    "GDS-02": (
        tx(goods=[DIESEL], shipment={"destination_country": "North Korea"}),
        "block",
        tx(goods=[DIESEL], shipment={"destination_country": "China"}),
        tx(goods=[DIESEL]),
    ),
    "GDS-03": (
        tx(
            goods=[DIESEL],
            shipment={"port_of_loading": "Vladivostok", "port_of_discharge": "Singapore"},
        ),
        "review",
        tx(
            goods=[DIESEL],
            shipment={"port_of_loading": "Rotterdam", "port_of_discharge": "Singapore"},
        ),
        tx(goods=[DIESEL]),
    ),
    "GDS-04": (
        tx(goods=[COAL], shipment={"port_of_loading": "Nakhodka"}),
        "review",
        tx(goods=[COAL], shipment={"port_of_loading": "Newcastle"}),
        tx(goods=[COAL]),
    ),
    "GDS-06": (
        tx(goods=[goods("general goods", value=2_000_000)]),
        "info",
        tx(goods=[goods("general goods", value=10_000)]),
        tx(),
    ),
    "GDS-07": (
        tx(goods=[goods("diesel", "3403.19")]),
        "review",
        tx(goods=[goods("diesel generator set", "8502.11")]),
        tx(),
    ),
    "CPY-01": (
        tx(p("b", "buyer", web_presence="none"), goods=[DIESEL]),
        "info",
        tx(p("b", "buyer", web_presence="none"), goods=[goods("desks", "9403", 10_000)]),
        tx(goods=[DIESEL]),
    ),
    "CPY-02": (
        tx(p("b", "buyer", incorporation_date="2026-09-01"), goods=[DIESEL]),
        "info",
        tx(p("b", "buyer", incorporation_date="2010-09-01"), goods=[DIESEL]),
        tx(goods=[DIESEL]),
    ),
    "CPY-03": (
        tx(p("b", "buyer", industry="property management"), goods=[DIESEL]),
        "review",
        tx(p("b", "buyer", industry="bunkering and fuel trading"), goods=[DIESEL]),
        tx(goods=[DIESEL]),
    ),
    "CPY-04": (
        tx(p("b", "buyer", registered_address_entity_count=300)),
        "info",
        tx(p("b", "buyer", registered_address_entity_count=2)),
        tx(),
    ),
    "CPY-05": (
        tx(p("b", "buyer", physical_office="virtual")),
        "info",
        tx(p("b", "buyer", physical_office="verified")),
        tx(),
    ),
    "CPY-06": (
        tx(p("b", "buyer", ubo_known=False)),
        "review",
        tx(p("b", "buyer", ubo_known=True, ownership_layers=1)),
        tx(),
    ),
    "PAY-01": (
        tx(BUYER, SELLER, p("x", "payer", country="SG")),
        "review",
        tx(
            BUYER,
            SELLER,
            p("x", "payer", country="SG"),
            relationships=[{"from": "x", "to": "b", "type": "documented_payer"}],
        ),
        tx(SELLER, p("x", "payer")),
    ),
    "PAY-02": (
        tx(p("s", "seller", country="IR"), payment={"currency": "USD"}),
        "block",
        tx(p("s", "seller", country="FR"), payment={"currency": "USD"}),
        tx(p("s", "seller", country="IR")),
    ),
    "PAY-03": (
        tx(BUYER, SELLER, p("x", "payer", country="HK")),
        "info",
        tx(
            BUYER,
            SELLER,
            p("x", "payer", country="SG"),
            relationships=[{"from": "x", "to": "b", "type": "parent"}],
        ),
        tx(BUYER, SELLER),
    ),
    "PAY-05": (
        tx(BUYER, p("x", "payer"), p("y", "payer")),
        "review",
        tx(BUYER, p("x", "payer")),
        tx(p("x", "payer"), p("y", "payer")),
    ),
    "MAR-01": (tx(**vessel(flag="KP")), "block", tx(**vessel(flag="PA")), tx(**vessel())),
    "MAR-02": (
        tx(**vessel(port_calls=[{"port": "Chongjin", "date": "2026-10-01"}])),
        "block",
        tx(**vessel(port_calls=[{"port": "Chongjin", "date": "2024-01-01"}])),
        tx(**vessel()),
    ),
    "MAR-03": (
        tx(**vessel(ais_gaps=[{"hours": 20, "area": "Yellow Sea"}])),
        "review",
        tx(**vessel(ais_gaps=[{"hours": 20, "area": "North Sea"}])),
        tx(**vessel()),
    ),
    "MAR-04": (
        tx(**vessel(sts_events=[{"location": "off Johor (EOPL)", "night": True}])),
        "review",
        tx(**vessel(sts_events=[])),
        tx(**vessel()),
    ),
    "MAR-05": (
        tx(**vessel(flag="Sierra Leone")),
        "review",
        tx(**vessel(flag="NO", flag_history=[{"flag": "NO", "from": "2012-01-01"}])),
        tx(**vessel()),
    ),
    "MAR-06": (
        tx(**vessel(imo="9074728")),
        "review",
        tx(**vessel(imo="9074729", mmsi="538001234", flag="MH")),
        tx(**vessel()),
    ),
    "MAR-07": (
        tx(shipment={"destination_history": [{"port": "Nampo", "changed_at": "2026-11-01"}]}),
        "review",
        tx(shipment={"destination_history": []}),
        tx(shipment={}),
    ),
    "GDS-08": (
        tx(goods=[goods("diesel fuel", quantity=1000, value=200_000, reference_unit_price=700)]),
        "review",
        tx(goods=[goods("diesel fuel", quantity=1000, value=690_000, reference_unit_price=700)]),
        tx(goods=[goods("diesel fuel", quantity=1000, value=200_000)]),
    ),
    "PAY-04": (
        tx(payment={"value_date": "2026-11-30", "beneficiary_changed_at": "2026-11-27T09:00:00"}),
        "review",
        tx(payment={"value_date": "2026-11-30", "beneficiary_changed_at": "2026-06-01"}),
        tx(payment={"value_date": "2026-11-30"}),
    ),
    "MAR-08": (
        tx(**vessel(build_year=2003, pandi_insurer="Ingosstrakh")),
        "info",
        tx(**vessel(build_year=2003, pandi_insurer="Gard AS")),
        tx(**vessel(build_year=2003)),
    ),
}

CASES.update(catalogue_cases())


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires(rule_id: str) -> None:
    request, severity, _, _ = CASES[rule_id]
    assert fired(run(request), rule_id) == severity


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_stays_quiet(rule_id: str) -> None:
    _, _, request, _ = CASES[rule_id]
    outcome = run(request)
    assert fired(outcome, rule_id) is None
    assert not skipped(outcome, rule_id)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_without_inputs_is_not_evaluated(rule_id: str) -> None:
    _, _, _, request = CASES[rule_id]
    outcome = run(request)
    assert fired(outcome, rule_id) is None
    assert skipped(outcome, rule_id)
    missing = next(n for n in outcome.not_evaluated if n.rule_id == rule_id)
    assert missing.missing_fields


def test_every_rule_in_the_files_has_cases() -> None:
    always_evaluated = {"LST-01", "JUR-02", "CPY-07", "TYP-01", "TYP-02", "LST-02", "LST-03"}
    assert {r.id for r in ruleset().rules} - always_evaluated <= set(CASES)


# --- rules whose inputs are always present or which need matcher facts -------------------


def test_lst01_blocks_reviews_and_ignores_weak_matches() -> None:
    assert fired(run(tx(), {"b": [listed(0.99)]}), "LST-01") == "block"
    assert fired(run(tx(), {"b": [listed(0.85)]}), "LST-01") == "review"
    weak = run(tx(), {"b": [listed(0.75)]})
    assert fired(weak, "LST-01") is None and not skipped(weak, "LST-01")


def test_lst02_blocks_on_imo_reviews_on_name_and_needs_a_vessel() -> None:
    by_imo = run(tx(**vessel(imo="8705539")), None, [listed(0.5, "KUM UN SAN 3", imo="8705539")])
    assert fired(by_imo, "LST-02") == "block"
    by_name = run(tx(**vessel()), None, [listed(0.86, "SEA BREEZE 2", imo="9074729")])
    assert fired(by_name, "LST-02") == "review"
    assert fired(run(tx(**vessel()), None, []), "LST-02") is None
    assert skipped(run(tx(), None, None), "LST-02")


@pytest.mark.parametrize(
    "fields",
    [
        {"bank": {"bic": "KKBCKPPY"}},
        {"address": {"lines": ["Central District, Pyongyang"]}},
        {"address": {"lines": ["朝鲜 平安南道"]}},
    ],
)
def test_jur02_dprk_identifiers(fields: dict) -> None:
    assert fired(run(tx(p("x", "seller", **fields))), "JUR-02") == "block"


def test_jur02_port_field_and_mmsi() -> None:
    assert fired(run(tx(shipment={"port_of_discharge": "Nampho"})), "JUR-02") == "block"
    assert fired(run(tx(**vessel(mmsi="445123456"))), "JUR-02") == "block"


@pytest.mark.parametrize(
    "fields",
    [
        {"address": {"lines": ["Nampo-dong, Jung-gu"], "city": "Busan", "country": "Korea"}},
        {
            "address": {
                "lines": ["Yanbian Korean Autonomous Prefecture 延边朝鲜族自治州"],
                "country": "CN",
            }
        },
        {"name": "Chosun Ilbo Co"},
        {"name": "대우조선해양"},
    ],
)
def test_jur02_does_not_confuse_rok_or_chinese_koreans(fields: dict) -> None:
    outcome = run(tx(p("x", "seller", **fields)))
    assert fired(outcome, "JUR-02") is None


def test_jur04_is_a_review_when_no_regime_covers_the_region() -> None:
    request = tx(p("b", "buyer", address={"city": "Yalta"}), regimes=["UN"])
    assert fired(run(request), "JUR-04") == "review"


def test_jur05_blocks_on_countermeasures() -> None:
    assert fired(run(tx(p("s", "seller", country="Iran"))), "JUR-05") == "block"


def test_jur06_grey_list_is_info() -> None:
    assert fired(run(tx(p("s", "seller", country="Kuwait"))), "JUR-06") == "info"


def test_gds07_flags_fuel_code_described_as_furniture() -> None:
    assert fired(run(tx(goods=[goods("office furniture", "2710.19")])), "GDS-07") == "review"


def test_mar02_is_a_review_under_un_only() -> None:
    request = tx(regimes=["UN"], **vessel(port_calls=[{"port": "KPCHO", "date": "2026-10-01"}]))
    assert fired(run(request), "MAR-02") == "review"


def test_mar05_counts_flag_hopping() -> None:
    history = [{"flag": "PA", "from": "2026-01-10"}, {"flag": "PW", "from": "2026-06-01"}]
    assert fired(run(tx(**vessel(flag="PW", flag_history=history))), "MAR-05") == "review"


def test_mar06_flags_mmsi_of_another_country() -> None:
    outcome = run(tx(**vessel(flag="PA", mmsi="445123456")))
    hit = next(h for h in outcome.hits if h.rule_id == "MAR-06")
    assert "445" in hit.explanation and "PA" in hit.explanation


@pytest.mark.parametrize(
    "fields",
    [
        {"build_year": 2003, "pandi_insurer": "unknown"},
        {"build_year": 2003, "pandi_insurer": "UK P&I Club", "class_status": "withdrawn"},
        {"build_year": 1998, "pandi_insurer": "Maritime Mutual Insurance Association (NZ)"},
    ],
)
def test_mar08_old_vessel_with_cover_or_class_concerns(fields: dict) -> None:
    assert fired(run(tx(**vessel(**fields))), "MAR-08") == "info"


@pytest.mark.parametrize(
    "fields",
    [
        {"build_year": 2020, "pandi_insurer": "none"},  # young: not the pattern
        {"build_year": 2003, "pandi_insurer": "The London P&I Club"},
        {"build_year": 2003, "pandi_insurer": "North of England P&I Association"},
        {"build_year": 2003, "pandi_insurer": "Steamship Mutual", "class_status": "active"},
    ],
)
def test_mar08_quiet_for_young_vessels_and_group_cover(fields: dict) -> None:
    assert fired(run(tx(**vessel(**fields))), "MAR-08") is None


def test_gds08_over_invoicing_and_a_given_unit_price() -> None:
    line = goods("cotton t-shirts", unit_price=9.5, quantity=5000, reference_unit_price=3.0)
    outcome = run(tx(goods=[line]))
    hit = next(h for h in outcome.hits if h.rule_id == "GDS-08")
    assert "+217%" in hit.explanation and "goods[0].unit_price" in hit.explanation


def test_pay04_change_after_documents_were_presented() -> None:
    payment = {
        "beneficiary_changed_at": "2026-10-20T16:00:00",
        "documents_presented_at": "2026-10-18T10:00:00",
    }
    outcome = run(tx(payment=payment))
    hit = next(h for h in outcome.hits if h.rule_id == "PAY-04")
    assert "after the documents were presented" in hit.explanation


def test_pay04_a_change_after_settlement_is_not_late() -> None:
    payment = {"value_date": "2026-11-01", "beneficiary_changed_at": "2026-11-20"}
    assert fired(run(tx(payment=payment)), "PAY-04") is None


def test_mar08_explains_age_and_the_concern() -> None:
    outcome = run(tx(**vessel(build_year=2001, pandi_insurer="Ingosstrakh")))
    hit = next(h for h in outcome.hits if h.rule_id == "MAR-08")
    assert "25 years old" in hit.explanation
    assert "Ingosstrakh" in hit.explanation and "International Group" in hit.explanation


def test_cpy07_border_region() -> None:
    assert (
        fired(run(tx(p("b", "buyer", address={"city": "Dandong", "country": "CN"}))), "CPY-07")
        == "info"
    )
    assert (
        fired(run(tx(p("b", "buyer", address={"city": "Shanghai", "country": "CN"}))), "CPY-07")
        is None
    )


def test_typ01_needs_shell_indicators_and_a_third_party_payer() -> None:
    shell = p(
        "b",
        "buyer",
        country="SG",
        industry="real estate",
        web_presence="none",
        physical_office="none",
    )
    paid_by_other = tx(shell, SELLER, p("x", "payer", country="HK"), goods=[DIESEL])
    outcome = run(paid_by_other)
    assert fired(outcome, "TYP-01") == "review"
    assert outcome.risk_score >= 85 and outcome.priority == "high"
    assert fired(run(tx(shell, SELLER, goods=[DIESEL])), "TYP-01") is None
    assert skipped(run(tx(shell, SELLER)), "TYP-01")


def test_typ02_needs_a_vessel_red_flag() -> None:
    route = {
        "port_of_loading": "Nakhodka",
        "vessel": {"name": "X", "sts_events": [{"location": "Yellow Sea"}]},
    }
    outcome = run(tx(goods=[COAL], shipment=route))
    assert fired(outcome, "TYP-02") == "review" and outcome.risk_score >= 80
    assert fired(run(tx(goods=[COAL], shipment={"port_of_loading": "Nakhodka"})), "TYP-02") is None
    assert skipped(run(tx()), "TYP-02")


def test_every_name_a_rule_reads_is_a_fact() -> None:
    """A typo in a rule file (a fact that does not exist) must fail here, not in production."""
    everything = tx(
        BUYER,
        SELLER,
        p("x", "payer", country="HK", web_presence="none", incorporation_date="2026-01-01"),
        goods=[DIESEL],
        shipment={
            "port_of_loading": "Vladivostok",
            "destination_history": [],
            "sts_planned": False,
            "vessel": {
                "name": "A",
                "imo": "9074729",
                "mmsi": "538001234",
                "flag": "MH",
                "flag_history": [],
                "port_calls": [],
                "ais_gaps": [],
                "sts_events": [],
            },
        },
        payment={"currency": "USD", "intermediary_bics": ["DEUTDEFF"]},
    )
    req = TransactionRequest.from_dict(everything)
    rules = ruleset()
    facts = extract_facts(req, reference(), rules.config, TODAY, {}, [])
    known = set(facts.values) | set(facts.missing) | {"hits", "cfg"}
    for rule in rules.rules:
        for level in rule.levels:
            names = {v for v in level.variables if len(v) > 1}  # 1-letter: comprehension vars
            assert names <= known, (rule.id, names - known)
            assert set(level.evidence) <= known, (rule.id, set(level.evidence) - known)
        assert set(rule.inputs) | set(rule.any_inputs) <= known, rule.id
        assert set(rule.cfg_keys) <= set(rules.config), rule.id


def test_jur04_eu_only_region_blocks_only_under_eu() -> None:
    berdyansk = {"address": {"city": "Berdyansk", "country": "UA"}}
    assert fired(run(tx(p("b", "buyer", **berdyansk), regimes=["EU"])), "JUR-04") == "block"
    assert fired(run(tx(p("b", "buyer", **berdyansk), regimes=["US"])), "JUR-04") == "review"
