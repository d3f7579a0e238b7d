"""What a name score decides, and how the reasons say it."""

from __future__ import annotations

from service.core import Entity, Match
from service.rules.model import RuleOutcome
from service.screening.decision import name_reasons, party_decision, red_flag_reason, worst_of
from service.settings import Settings

SETTINGS = Settings()
AGAINST = {"contradicted": [{"field": "date_of_birth", "query": "1970", "list": "1950"}]}


def match(score: float, explanation: dict | None = None, name: str = "ALPHA") -> Match:
    entity = Entity("ofac_sdn", "7", "person", "ALPHA")
    return Match(entity, name, score, explanation=explanation or {})


def test_party_decision_bands() -> None:
    assert party_decision([match(0.97)], SETTINGS) == "block"
    assert party_decision([match(0.99, AGAINST)], SETTINGS) == "review"
    assert party_decision([match(0.85), match(0.5)], SETTINGS) == "review"
    assert party_decision([match(0.79)], SETTINGS) == "clear"
    assert party_decision([], SETTINGS) == "clear"


def test_the_settings_move_the_bands() -> None:
    strict = Settings(review_threshold=0.9, block_threshold=0.99)
    assert party_decision([match(0.97)], strict) == "review"
    assert party_decision([match(0.85)], strict) == "clear"


def test_a_contradicted_strong_match_says_why_it_is_only_a_review() -> None:
    (reason,) = name_reasons((match(0.99, AGAINST, "ALFA"),), ("ofac_sdn",), SETTINGS)
    assert reason["decision"] == "review"
    assert "(via 'ALFA')" in reason["message"]
    assert "the date of birth differs (given 1970, listed 1950)" in reason["message"]


def test_no_match_is_clear_and_names_the_lists() -> None:
    (reason,) = name_reasons((), ("ofac_sdn", "un"), SETTINGS)
    assert reason == {
        "code": "no_match",
        "decision": "clear",
        "message": "No listed name scored 0.80 or more in 2 list(s): ofac_sdn, un.",
    }


def test_red_flag_reason_and_the_worst_decision() -> None:
    outcome = RuleOutcome("review", 45, "medium", (), (), "v1")
    reason = red_flag_reason(outcome)
    assert reason["message"] == "Red-flag rules found no red flag: risk score 45 (medium priority)."
    assert worst_of([{"decision": "clear"}, reason]) == "review"
    assert worst_of([]) == "clear"
