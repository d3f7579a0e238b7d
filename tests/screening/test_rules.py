"""Loading the rule tables: once, with the settings' name thresholds."""

from __future__ import annotations

from service.screening import Rules, load_rules, reference_versions
from service.settings import Settings


def test_the_rule_set_carries_the_settings_thresholds() -> None:
    rules = load_rules(Settings(review_threshold=0.75, block_threshold=0.9))
    assert isinstance(rules, Rules)
    assert rules.ruleset.config["review_threshold"] == 0.75
    assert rules.ruleset.config["block_threshold"] == 0.9


def test_reference_versions_name_the_tables() -> None:
    reference = load_rules(Settings()).reference
    versions = reference_versions(reference)
    assert versions["version"] == reference.version and versions["tables"]
