"""The rule set's settings as the rules and facts read them: one reader per concept.

Where each number lives (one source each; see docs/rules.md):

- name-match thresholds (``review_threshold``, ``block_threshold``): the service
  settings (``SCREENING_REVIEW_THRESHOLD`` / ``SCREENING_BLOCK_THRESHOLD``, defaults in
  ``service/settings.py``). :func:`service.reference.load_ruleset` copies them into the
  rule set's config, so LST-01/02, ``/v1/screen`` and the transaction's per-party
  decision all read the same two numbers; ``lists/rules/ruleset.yaml`` does not repeat them;
- every other rule threshold and list (``port_call_days``, ``default_regimes`` ...):
  ``lists/rules/ruleset.yaml``'s ``config``; the facts read it without defaults of their
  own, and a key the code reads but the file lacks fails the rule-set tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DECISIONS = ("clear", "review", "block")
"""Ordered from least to most severe; a decision is the most severe of its parts."""


def worst(decisions: Iterable[str]) -> str:
    """The most severe decision (``clear`` for none)."""
    return max(decisions, key=DECISIONS.index, default="clear")


@dataclass(frozen=True)
class NameThresholds:
    """What a name-match score decides: block at ``block`` unless the matcher found
    contradicting attributes (then review), review at ``review``, else clear."""

    review: float
    block: float

    @classmethod
    def of(cls, config: Mapping[str, Any]) -> NameThresholds:
        return cls(float(config["review_threshold"]), float(config["block_threshold"]))

    def decision(self, score: float, contradicted: bool = False) -> str:
        if score >= self.block and not contradicted:
            return "block"
        return "review" if score >= self.review else "clear"


def default_regimes(config: Mapping[str, Any]) -> frozenset[str]:
    """The sanctions regimes a request is judged under when it names none."""
    return frozenset(config["default_regimes"])


def regimes_of(requested: Iterable[str] | None, config: Mapping[str, Any]) -> frozenset[str]:
    """The regimes the request names, else the rule set's default."""
    return frozenset(requested or default_regimes(config))
