"""Service-level scenarios T01-T18 (``tests/transaction_scenarios.py``) through the real matcher.

The catalog is our bundled sample list (it holds KUM UN SAN 3 with its IMO), parsed and
indexed by the same code the service runs; nothing about matching is mocked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import pytest
from factories import ON_TWO_LISTS, catalog_from, on_two_lists
from transaction_scenarios import SCENARIOS, Scenario, coal_from_kholmsk, syria_supplier

from service.alerts.suppression import SuppressedMatch
from service.core import Match
from service.reference import load_all
from service.rules import RuleSet
from service.rules.model import RuleHit
from service.rules.request import Party
from service.rules.tables import ReferenceData
from service.screening import (
    InvalidScreenRequest,
    ScreeningUnavailable,
    TransactionResult,
    evaluate_counterparty,
    screen_transaction,
)
from service.settings import Settings
from service.store import Catalog, load_catalog

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """No lists dir and an empty data dir: the catalog is our bundled sample."""
    return Settings(data_dir=tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def sample_catalog(sample_settings: Settings) -> Catalog:
    return load_catalog(sample_settings)


@pytest.fixture(scope="module")
def rules(sample_settings: Settings) -> tuple[RuleSet, ReferenceData]:
    return load_all(sample_settings)


def screen_over(
    request: dict, catalog: Catalog, rules: tuple, settings: Settings
) -> TransactionResult:
    ruleset, reference = rules
    return screen_transaction(request, catalog, ruleset, reference, settings, today=TODAY)


Screen = Callable[[dict], TransactionResult]


@pytest.fixture(scope="module")
def screen(sample_catalog: Catalog, rules: tuple, sample_settings: Settings) -> Screen:
    """Screen one request over the bundled sample, on :data:`TODAY`."""
    return partial(screen_over, catalog=sample_catalog, rules=rules, settings=sample_settings)


def rule_hit(result: TransactionResult, rule_id: str) -> RuleHit:
    """The hit of ``rule_id``, failing with the rules that did fire when it did not."""
    hits = [h for h in result.outcome.hits if h.rule_id == rule_id]
    assert hits, f"{rule_id} did not fire; hits: {sorted(hit_ids(result))}"
    return hits[0]


def hit_ids(result: TransactionResult) -> set[str]:
    return {h.rule_id for h in result.outcome.hits}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.id}-{s.title}")
def test_scenario(scenario: Scenario, screen: Screen) -> None:
    result = screen(scenario.body())
    skipped = {n.rule_id for n in result.outcome.not_evaluated}
    scenario.check(result.decision, hit_ids(result), skipped, result.risk_score, result.priority)


def test_motivating_case_explains_itself(screen: Screen, rules: tuple) -> None:
    body = SCENARIOS[0].body()
    result = screen(body)
    by_id = {h.rule_id: h for h in result.outcome.hits}
    assert "'KP' at parties[2].nationality" in by_id["JUR-01"].explanation
    assert "'Vladivostok' at shipment.port_of_loading" in by_id["GDS-03"].explanation
    assert {"path": "payment.currency", "value": "USD", "note": "US dollar clearing"} in by_id[
        "PAY-02"
    ].evidence
    assert any(s.startswith("S23") for s in by_id["TYP-01"].sources)
    assert result.versions["ruleset"] == rules[0].version
    assert result.versions["reference"]["version"] == rules[1].version
    assert result.versions["lists"]["ofac_sdn"]["sample"] is True
    assert {p.id for p in result.parties} == {"buyer", "seller", "payer"}


def test_hong_kong_payer_case_is_high_priority(screen: Screen) -> None:
    result = screen(SCENARIOS[1].body())
    assert (result.decision, result.priority) == ("review", "high")
    assert result.risk_score >= 85


def test_kholmsk_coal_is_a_review_under_un_only(screen: Screen) -> None:
    result = screen(coal_from_kholmsk(["UN"]))
    assert result.decision == "review"
    assert {"MAR-02", "GDS-04", "TYP-02"} <= hit_ids(result)
    assert result.risk_score >= 80


def test_syria_before_program_change_blocks(screen: Screen) -> None:
    result = screen(syria_supplier("2025-06-15"))
    assert result.decision == "block"
    jur01 = rule_hit(result, "JUR-01")
    assert "2025-06-30" in jur01.explanation


def test_syria_after_program_change_names_the_date(screen: Screen) -> None:
    result = screen(syria_supplier())
    jur06 = rule_hit(result, "JUR-06")
    assert "2025-07-01" in jur06.explanation and "E.O. 14312" in jur06.explanation


def test_listed_party_name_raises_lst01_consistently(screen: Screen) -> None:
    """A listed name among the parties is at least a review, and LST-01's severity is the
    party's own decision (block or review, as the matcher's score says)."""
    body = SCENARIOS[2].body()
    body["parties"][1] = {"id": "seller", "role": "seller", "name": "ROSNEFT TRADING S.A."}
    result = screen(body)
    seller = next(p for p in result.parties if p.id == "seller")
    assert seller.matches and seller.matches[0].entity.name == "ROSNEFT TRADING S.A."
    assert seller.decision in ("review", "block")
    lst01 = rule_hit(result, "LST-01")
    assert lst01.severity == seller.decision
    assert result.decision in ("review", "block")
    assert "ROSNEFT TRADING S.A." in lst01.explanation


def test_a_listed_name_hidden_by_a_tag_character_blocks_and_says_why(screen: Screen) -> None:
    """Matching reads through the invisible character; LST-03 says it was there."""
    body = SCENARIOS[2].body()
    hidden = "ROSNEFT\U000e0041 TRADING S.A."
    body["parties"][1] = {"id": "seller", "role": "seller", "name": hidden}
    result = screen(body)
    seller = next(p for p in result.parties if p.id == "seller")
    assert seller.matches and seller.matches[0].entity.name == "ROSNEFT TRADING S.A."
    assert result.decision in ("review", "block")
    lst03 = rule_hit(result, "LST-03")
    assert "U+E0041" in lst03.explanation and "parties[1].name" in str(lst03.evidence)


def test_vessel_listed_by_imo_alone_blocks(screen: Screen) -> None:
    body = SCENARIOS[2].body()
    body["shipment"]["vessel"] = {"name": "SEA BREEZE", "imo": "8705539"}
    result = screen(body)
    assert result.decision == "block"
    lst02 = rule_hit(result, "LST-02")
    assert "KUM UN SAN 3" in lst02.explanation


def test_rules_without_inputs_are_not_evaluated(screen: Screen) -> None:
    result = screen(SCENARIOS[9].body())
    missing = {n.rule_id: n.missing_fields for n in result.outcome.not_evaluated}
    assert "shipment.vessel.imo" in missing["MAR-06"]
    assert "GDS-01" in missing and "MAR-06" not in hit_ids(result)


def test_no_list_loaded_fails_closed(rules: tuple, sample_settings: Settings) -> None:
    ruleset, reference = rules
    with pytest.raises(ScreeningUnavailable):
        screen_transaction(SCENARIOS[2].body(), None, ruleset, reference, sample_settings)


def test_unknown_list_is_rejected(screen: Screen) -> None:
    body = SCENARIOS[2].body()
    body["lists"] = ["nope"]
    with pytest.raises(InvalidScreenRequest):
        screen(body)


def test_counterparty_context_raises_hits(rules: tuple) -> None:
    ruleset, reference = rules
    context = {
        "industry": "real estate agency",
        "web_presence": "none",
        "physical_office": "virtual",
        "incorporation_date": "2026-09-01",
        "goods": [
            {"description": "diesel", "hs_code": "2710", "value": 1_000_000, "currency": "USD"}
        ],
        "address": {"lines": ["ul. Lenina 1"], "city": "Simferopol", "country": "Russia"},
    }
    outcome = evaluate_counterparty(
        context, ruleset, reference, name="Crimea Realty LLC", today=TODAY
    )
    fired = set(outcome.hit_ids())
    assert {"CPY-01", "CPY-02", "CPY-03", "CPY-05", "JUR-04"} <= fired
    assert outcome.decision == "block"
    assert "PAY-01" in {n.rule_id for n in outcome.not_evaluated}


def test_counterparty_without_context_is_clear_with_not_evaluated(rules: tuple) -> None:
    ruleset, reference = rules
    outcome = evaluate_counterparty(
        {}, ruleset, reference, name="Acme Widgets Ltd", country="GB", today=TODAY
    )
    assert outcome.decision == "clear"
    assert outcome.hits == ()
    assert {"CPY-01", "GDS-01"} <= {n.rule_id for n in outcome.not_evaluated}


def test_sts_with_a_listed_vessel_blocks(screen: Screen) -> None:
    body = SCENARIOS[2].body()
    body["shipment"]["vessel"]["sts_events"] = [
        {
            "time": "2026-10-20T02:00:00Z",
            "location": "East China Sea",
            "counterparty_imo": "8705539",
        }
    ]
    result = screen(body)
    assert result.decision == "block"
    mar02 = rule_hit(result, "MAR-02")
    assert "KUM UN SAN 3" in mar02.explanation
    assert "MAR-04" in hit_ids(result)


def test_sts_with_an_unlisted_vessel_is_only_a_review(screen: Screen) -> None:
    body = SCENARIOS[2].body()
    body["shipment"]["vessel"]["sts_events"] = [
        {"time": "2026-10-20T02:00:00Z", "location": "off Rotterdam", "counterparty_imo": "9074729"}
    ]
    result = screen(body)
    assert result.decision == "review"
    assert "MAR-02" not in hit_ids(result) and "MAR-04" in hit_ids(result)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.id}-{s.title}")
def test_scenario_decisions_hold_over_the_real_lists(
    scenario: Scenario, real_catalog: Catalog, rules: tuple
) -> None:
    """The same decisions with every real list loaded: no invented name of a near-miss
    may match a listed party strongly enough to turn a clear into a review."""
    result = screen_over(scenario.body(), real_catalog, rules, Settings())
    assert result.decision == scenario.decision, [
        (p.id, p.matches[0].entity.name, p.matches[0].score) for p in result.parties if p.matches
    ]


def test_a_party_name_reversed_under_an_override_is_still_matched(
    sample_catalog: Catalog, sample_settings: Settings
) -> None:
    """The payee as displayed is a listed name: screened as displayed, it is found."""
    from service.rules.request import Party
    from service.screening import screen_party

    name = sample_catalog.snapshots[next(iter(sample_catalog.snapshots))].entities[0].name
    party = Party(id="p", role="beneficiary", name="\u202e" + name[::-1])
    reference = load_all(sample_settings)[1]
    found = screen_party(sample_catalog, reference, sample_settings, party, None)
    assert found and found[0].entity.name == name


def test_party_and_vessel_matches_carry_the_target_of_two_listings(
    rules: tuple, sample_settings: Settings
) -> None:
    catalog = catalog_from(on_two_lists())
    request = {
        "parties": [
            {"id": "p1", "role": "beneficiary", "name": ON_TWO_LISTS},
            {"id": "p2", "role": "payer", "name": "VOLNAYA LOGISTIKA LLC"},
        ],
        "shipment": {"vessel": {"name": "NORTHERN GULL"}},
    }
    result = screen_over(request, catalog, rules, sample_settings)
    person, company = result.parties
    targets = {m.entity.key: m.target_id for m in person.matches}
    assert {"un:QDi.901", "uk_sl:AQD9004"} <= set(targets)
    assert targets["un:QDi.901"] == targets["uk_sl:AQD9004"]
    assert targets["un:QDi.901"] == catalog.target_of(person.matches[0].entity)
    assert company.matches[0].entity.key == "uk_sl:RUS9002"
    assert company.matches[0].target_id not in targets.values()
    vessel = result.vessel["matches"][0]
    assert vessel.entity.key == "uk_sl:RUS9003" and vessel.target_id


def test_a_partys_suppressed_matches_are_shown_but_not_counted(
    screen: Screen, sample_catalog: Catalog, rules: tuple, sample_settings: Settings
) -> None:
    """``review_party`` (the caller's suppressions) marks a party's match: the party's
    decision and the rules ignore it, the answer still shows it and says which it was."""
    body = {
        "parties": [
            {"id": "seller", "role": "seller", "name": "ROSNEFT TRADING S.A."},
            {"id": "buyer", "role": "buyer", "name": "Harmless Bakery Ltd"},
        ]
    }
    asked: list[str] = []

    def review(party: Party, matches: list[Match]) -> list[Match]:
        asked.append(party.id)
        mark = {"suppression_id": "sup_1", "expires_at": "2027-01-01T00:00:00+00:00"}
        return [
            SuppressedMatch(m.entity, m.matched_name, m.score, suppressed=mark) for m in matches
        ]

    ruleset, reference = rules
    plain = screen(body)
    muted = screen_transaction(
        body, sample_catalog, ruleset, reference, sample_settings, today=TODAY,
        review_party=review,
    )  # fmt: skip
    assert "LST-01" in hit_ids(plain) and "LST-01" not in hit_ids(muted)
    assert asked == ["seller"]  # a party without matches is not looked up
    seller = muted.parties[0]
    assert seller.decision == "clear" and muted.decision == "clear"
    assert [m.entity.key for m in seller.matches] == [
        m.entity.key for m in plain.parties[0].matches
    ]
    said = muted.suppressed[0]
    assert len(muted.suppressed) == len(seller.matches)
    assert (said["party"], said["suppression_id"]) == ("seller", "sup_1")
    assert (said["list"], said["source_id"]) == (
        seller.matches[0].entity.list, seller.matches[0].entity.source_id,
    )  # fmt: skip
    assert plain.suppressed == []
