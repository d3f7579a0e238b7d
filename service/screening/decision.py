"""From evidence to a decision: name-match reasons, a party's decision, red-flag reasons.

Every reason is a dict ``{"code", "decision", "message", ...}``; ``message`` is a
sentence a compliance officer can act on, the other keys are for machines. What a score
decides is :class:`service.rules.config.NameThresholds`, the same bands LST-01 applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from service.core.query import Match
from service.rules.config import DECISIONS, NameThresholds, worst
from service.rules.facts import contradicted
from service.rules.model import RuleOutcome
from service.settings import Settings

__all__ = ["DECISIONS", "name_reasons", "party_decision", "red_flag_reason", "worst_of"]


def name_thresholds(settings: Settings) -> NameThresholds:
    return NameThresholds(settings.review_threshold, settings.block_threshold)


def party_decision(matches: Sequence[Match], settings: Settings) -> str:
    """The most severe decision any of a party's matches makes on its own."""
    bands = name_thresholds(settings)
    return worst(bands.decision(m.score, contradicted(m)) for m in matches)


def name_reasons(
    matches: Sequence[Match], lists: tuple[str, ...], settings: Settings
) -> tuple[dict, ...]:
    """The reason the best match (or the lack of one) gives, in words."""
    bands = name_thresholds(settings)
    if not matches or matches[0].score < bands.review:
        return (
            {
                "code": "no_match",
                "decision": "clear",
                "message": f"No listed name scored {bands.review:.2f} or more in "
                f"{len(lists)} list(s): {', '.join(lists)}.",
            },
        )
    best = matches[0]
    against = _contradictions(best)
    decision = bands.decision(best.score, bool(against))
    reason = {
        "code": "name_match",
        "decision": decision,
        "list": best.entity.list,
        "source_id": best.entity.source_id,
        "score": best.score,
        "message": _name_message(best, decision, against, bands),
    }
    return (reason,)


def _name_message(best: Match, decision: str, against: list[str], bands: NameThresholds) -> str:
    entity = best.entity
    via = f" (via {best.matched_name!r})" if best.matched_name != entity.name else ""
    message = (
        f"Name matches {entity.list} entry {entity.source_id} {entity.name!r}{via} "
        f"with score {best.score:.2f}"
    )
    if decision == "block":
        return message + f", at or above the block threshold {bands.block:.2f}."
    if against:
        return message + f", but {'; '.join(against)}: review before blocking."
    return message + f", at or above the review threshold {bands.review:.2f}."


def _contradictions(match: Match) -> list[str]:
    """Evidence the matcher found against the match (different DOB, country ...), in
    words: ``explanation["contradicted"]`` is a list of ``{"field", "query", "list"}``."""
    explanation: Mapping[str, Any] = match.explanation or {}
    return [_contradiction_text(item) for item in explanation.get("contradicted") or ()]


def _contradiction_text(item: Mapping[str, Any]) -> str:
    field = str(item.get("field", "an attribute")).replace("_", " ")
    return f"the {field} differs (given {item.get('query')}, listed {item.get('list')})"


def red_flag_reason(outcome: RuleOutcome) -> dict:
    """The red-flag rules' outcome as one reason among the others."""
    fired = [f"{hit.rule_id} {hit.title}" for hit in outcome.hits]
    found = f"fired {'; '.join(fired)}" if fired else "found no red flag"
    return {
        "code": "red_flags",
        "decision": outcome.decision,
        "risk_score": outcome.risk_score,
        "priority": outcome.priority,
        "rules": [hit.rule_id for hit in outcome.hits],
        "message": f"Red-flag rules {found}: risk score {outcome.risk_score} "
        f"({outcome.priority} priority).",
    }


def worst_of(reasons: Iterable[dict]) -> str:
    """The decision of a set of reasons: the most severe of theirs."""
    return worst(r["decision"] for r in reasons)
