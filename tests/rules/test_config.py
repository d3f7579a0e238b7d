"""The rule set's config readers, and that every key the facts read is in ruleset.yaml."""

from __future__ import annotations

import re
from pathlib import Path

from rule_fixtures import ruleset

from service.rules.config import NameThresholds, default_regimes, regimes_of, worst

FACTS = Path(__file__).resolve().parents[2] / "service" / "rules" / "facts"


def test_name_thresholds() -> None:
    bands = NameThresholds(review=0.8, block=0.97)
    assert bands.decision(0.97) == "block"
    assert bands.decision(0.99, contradicted=True) == "review"
    assert bands.decision(0.8) == "review"
    assert bands.decision(0.79) == "clear"


def test_regimes() -> None:
    cfg = ruleset().config
    assert default_regimes(cfg) == {"UN", "US", "EU", "UK"}
    assert regimes_of(["UN"], cfg) == {"UN"}
    assert regimes_of(None, cfg) == default_regimes(cfg)


def test_worst() -> None:
    assert worst(["clear", "block", "review"]) == "block"
    assert worst([]) == "clear"


def test_every_config_key_the_facts_read_is_in_the_rule_set() -> None:
    read = {
        key
        for path in FACTS.glob("*.py")
        for key in re.findall(r'cfg\["([a-z_]+)"\]', path.read_text(encoding="utf-8"))
    }
    assert read, "the pattern no longer finds the facts' config reads"
    assert read - set(ruleset().config) == set()
