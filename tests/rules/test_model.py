"""Compiling rule dicts into a rule set: what is refused, what each rule records, how a
rule set describes and cites itself, and the JSON shape of an outcome."""

from __future__ import annotations

import pytest
from rule_fixtures import META, rule

from service.rules.model import NotEvaluated, RuleHit, RuleOutcome, RuleSet, RuleSetError


def compile_one(**raw: object) -> RuleSet:
    return RuleSet.from_dicts(META, [raw])


@pytest.mark.parametrize(
    "bad",
    [
        rule("R", "x >", "review"),
        rule("R", "x > 0", "fatal"),
        {"id": "R", "when": "true", "severity": "info"},
    ],
)
def test_bad_rules_are_refused(bad: dict) -> None:
    with pytest.raises(RuleSetError):
        RuleSet.from_dicts(META, [bad])


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(RuleSetError):
        RuleSet.from_dicts(META, [rule("R", "true"), rule("R", "false")])


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ({**rule("R", "true"), "id": ""}, "rule without id"),
        ({**rule("R", "true"), "title": ""}, "R: missing 'title'"),
        ({**rule("R", "true"), "explanation": None}, "R: missing 'explanation'"),
        ({"id": "R", "title": "t", "explanation": "e", "levels": [{"severity": "info"}]},
         "R: level without 'when'"),
        (rule("R", "x >"), "R: invalid CEL 'x >'"),
        (rule("R", "true", "fatal"), "severity must be one of"),
    ],
)  # fmt: skip
def test_an_error_names_the_rule_and_what_is_wrong(raw: dict, says: str) -> None:
    with pytest.raises(RuleSetError, match=says.replace("(", r"\(")):
        RuleSet.from_dicts(META, [raw])


def test_a_single_level_rule_reads_its_variables_and_cfg_keys() -> None:
    ruleset = compile_one(**rule("R", "x > cfg.limit && y.size() < cfg.max + cfg.limit"))
    (level,) = ruleset.get("R").levels
    assert level.cfg_keys == ("limit", "max")  # once each, in order of appearance
    assert {"x", "y"} <= level.variables
    assert ruleset.variables == ruleset.get("R").variables == level.variables
    assert ruleset.cfg_keys == {"limit", "max"}


def test_evidence_defaults_to_the_inputs_and_a_string_is_one_name() -> None:
    ruleset = RuleSet.from_dicts(
        META, [rule("A", "true", inputs=["x", "y"]), rule("B", "true", evidence="z")]
    )
    assert ruleset.get("A").levels[0].evidence == ("x", "y")
    assert ruleset.get("B").levels[0].evidence == ("z",)


def test_stage_two_rules_come_after_stage_one_whatever_the_file_order() -> None:
    ruleset = RuleSet.from_dicts(META, [rule("T", "true", stage=2), rule("A", "true")])
    assert [r.id for r in ruleset.rules] == ["A", "T"]


def test_max_severity_is_the_most_severe_level() -> None:
    raw = {
        "id": "L",
        "title": "L",
        "explanation": "e",
        "levels": [
            {"when": "x > 0", "severity": "info"},
            {"when": "x > 9", "severity": "block"},
            {"when": "x > 5", "severity": "review"},
        ],
    }
    assert compile_one(**raw).get("L").max_severity == "block"


def test_get_an_unknown_rule_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="NOPE"):
        compile_one(**rule("R", "true")).get("NOPE")


def test_sources_are_cited_with_their_titles_when_known() -> None:
    meta = {**META, "sources": {"S1": "OFAC advisory, 2020"}}
    ruleset = RuleSet.from_dicts(meta, [rule("R", "true", sources=["S1", "S9"])])
    assert ruleset.citations(ruleset.get("R")) == ("S1: OFAC advisory, 2020", "S9")
    assert ruleset.cite("S9") == "S9"


def test_describe_summarises_every_rule_for_the_rules_endpoint() -> None:
    meta = {**META, "sources": {"S1": "Guidance"}}
    raws = [rule("R", "x > 1", "review", 30, category="geo", sources=["S1"], any_inputs=["y"])]
    (summary,) = RuleSet.from_dicts(meta, raws).describe()
    assert summary == {
        "rule_id": "R",
        "title": "R",
        "category": "geo",
        "severity": "review",
        "weight": 30,
        "levels": [{"severity": "review", "weight": 30, "condition": "x > 1"}],
        "inputs": ["x", "y"],
        "tables": [],
        "stage": 1,
        "floor": None,
        "sources": ["S1: Guidance"],
    }


def test_describe_dates_the_tables_a_rule_reads() -> None:
    raws = [rule("R", "x > 1", tables=["goods", "places"])]
    dates = {"goods": {"version": "g1", "as_of": "2017-12-22", "checked": "2026-11-27"}}
    (summary,) = RuleSet.from_dicts(META, raws).describe(dates)
    assert summary["tables"] == [{"name": "goods", **dates["goods"]}, {"name": "places"}]


def test_the_version_and_config_come_from_the_metadata() -> None:
    ruleset = RuleSet.from_dicts({"version": 7}, [])
    assert (ruleset.version, dict(ruleset.config), dict(ruleset.sources)) == ("7", {}, {})


def test_an_outcome_is_json_ready_under_the_api_field_names() -> None:
    hit = RuleHit("R", "Title", "review", 30, "why", ({"path": "x", "value": 1},), ("S1",))
    skipped = NotEvaluated("N", "Other", ("request.y",))
    outcome = RuleOutcome("review", 30, "medium", (hit,), (skipped,), "t1")
    assert outcome.hit_ids() == ["R"]
    assert outcome.to_dict() == {
        "decision": "review",
        "risk_score": 30,
        "priority": "medium",
        "rule_hits": [
            {
                "rule_id": "R",
                "title": "Title",
                "severity": "review",
                "weight": 30,
                "explanation": "why",
                "evidence": [{"path": "x", "value": 1}],
                "sources": ["S1"],
            }
        ],
        "not_evaluated": [{"rule_id": "N", "title": "Other", "missing_fields": ["request.y"]}],
        "ruleset": "t1",
    }
