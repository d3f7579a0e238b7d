"""Evaluate a rule set over the facts of one transaction and decide.

Decision (the red-flag catalogue's scoring, see ``lists/rules/README.md``): any block
hit blocks. Otherwise the risk score is the sum of the review and info weights, raised
to any typology floor and capped (99 by default); the result is ``review`` when a
review rule fires or the score reaches the review score (40), else ``clear``. Priority
follows the score (>= 80 high, >= 40 medium, else low), or a typology's own priority. A
rule whose inputs are missing is reported as ``not_evaluated`` and never counts as
passed or failed.

Pure.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import cel

from service.rules.model import NotEvaluated, Rule, RuleHit, RuleOutcome, RuleSet

PRIORITIES = ("low", "medium", "high")
_RULE_ID = re.compile(r"\b[A-Z]{3}-\d{2}\b")


@dataclass(frozen=True)
class Facts:
    """Fact values by name (CEL-ready: bool, number, str, list, map) and what is missing.

    A fact whose request fields were absent is not in ``values``; ``missing`` names the
    request paths that would have supplied it.
    """

    values: Mapping[str, Any]
    missing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    evidence: Mapping[str, list[Mapping[str, Any]]] = field(default_factory=dict)
    """Fact name -> the items (request path, value, note) that make up its value."""


def evaluate(ruleset: RuleSet, facts: Facts) -> RuleOutcome:
    """Run every rule (stage 1, then stage 2 with ``hits``) and decide."""
    values: dict[str, Any] = dict(facts.values)
    # Facts a rule may do without count as none (and so do the counts derived from
    # them), so its condition still compiles against the context.
    for name in ruleset.optional_names:
        values.setdefault(name, 0)
    values["cfg"] = ruleset.cfg_values
    # One CEL context per transaction: CEL converts its variables once, not per rule,
    # at about a microsecond each, so it gets only what CEL evaluates: the names of the
    # conditions that are not plain integer comparisons (those run in Python, see
    # _holds); should a compared fact not be an integer, CEL judges those too.
    names = ruleset.cel_variables
    if any(type(values[n]) is not int for n in ruleset.compared_names if n in values):
        names = names | ruleset.compared_names
    context = cel.Context({k: values[k] for k in names if k in values})
    scalars = {
        k: values[k]
        for k in ruleset.quoted_names
        if isinstance(values.get(k), (str, int, float, bool))
    }
    keys = facts.values.keys()
    hits: list[RuleHit] = []
    hit_ids: list[str] = []
    not_evaluated: list[NotEvaluated] = []
    floors: list[int] = []
    priorities: list[str] = []
    stage = 1
    for rule in ruleset.rules:
        if rule.stage != stage:
            stage = rule.stage
            hit_ids = [h.rule_id for h in hits]
            context.add_variable("hits", hit_ids)
        need, any_of = ruleset.input_sets[rule.id]
        if not (keys >= need and (not any_of or not keys.isdisjoint(any_of))):
            not_evaluated.append(_missing(rule, facts))
            continue
        hit = _fire(rule, context, values, scalars, ruleset, facts, hit_ids)
        if hit is None:
            continue
        hits.append(hit)
        if rule.floor:
            floors.append(rule.floor)
        if rule.priority:
            priorities.append(rule.priority)
    return _decide(ruleset, hits, not_evaluated, floors, priorities)


def _missing(rule: Rule, facts: Facts) -> NotEvaluated:
    """What a rule lacks: its missing inputs, as the request fields behind them."""
    values = facts.values
    missing = [f for f in rule.inputs if f not in values]
    if rule.any_inputs and all(f not in values for f in rule.any_inputs):
        missing.extend(rule.any_inputs)
    fields = [p for f in missing for p in facts.missing.get(f, (f,))]
    return NotEvaluated(rule.id, rule.title, tuple(dict.fromkeys(fields)))


def _fire(
    rule: Rule,
    context: Any,
    values: dict[str, Any],
    scalars: dict[str, Any],
    ruleset: RuleSet,
    facts: Facts,
    hit_ids: list[str],
) -> RuleHit | None:
    for level in rule.levels:
        fired = _holds(level.comparisons, values) if level.comparisons else None
        if fired is None:
            try:
                fired = level.program.execute(context)
            except (RuntimeError, TypeError, ValueError, KeyError) as exc:
                raise RuntimeError(
                    f"{rule.id}: condition {level.condition!r} failed: {exc}"
                ) from exc
        if fired is not True:
            continue
        evidence = _evidence(level.evidence, facts, _relevant(level, hit_ids, ruleset))
        return RuleHit(
            rule_id=rule.id,
            title=rule.title,
            severity=level.severity,
            weight=level.weight,
            explanation=_explain(rule.explanation, evidence, scalars),
            evidence=evidence,
            sources=ruleset.citations(rule),
        )
    return None


def _holds(comparisons: tuple[tuple[str, Any, int], ...], values: dict[str, Any]) -> bool | None:
    """A conjunction of ``fact <op> integer`` terms over integer facts, in Python (what
    CEL would answer); None when a fact is absent or not an integer, so CEL decides
    (and reports the error it would have reported)."""
    result = True
    for name, op, number in comparisons:
        value = values.get(name)
        if type(value) is not int:
            return None
        if result and not op(value, number):
            result = False
    return result


def _relevant(level: Any, hit_ids: list[str], ruleset: RuleSet) -> list[str]:
    """The fired rule ids a combination rule's condition names (directly or via cfg)."""
    if not hit_ids:
        return []
    lists = tuple(
        tuple(map(str, v))
        for v in (ruleset.config.get(k) for k in level.cfg_keys)
        if isinstance(v, (list, tuple))
    )
    named = _named_ids(level.condition, lists)
    return [h for h in hit_ids if h in named] if named else list(hit_ids)


@lru_cache(maxsize=1024)
def _named_ids(condition: str, cfg_lists: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """Rule ids a condition names, itself or through the cfg lists it reads (cached:
    conditions are fixed once a rule set is loaded)."""
    return frozenset(_RULE_ID.findall(condition)).union(*cfg_lists)


def _evidence(
    names: tuple[str, ...], facts: Facts, fired: list[str]
) -> tuple[Mapping[str, Any], ...]:
    items: list[Mapping[str, Any]] = []
    for name in names:
        if name == "hits":
            items.append({"path": "rule_hits", "value": list(fired), "note": "rules that fired"})
        else:
            items.extend(_public(item) for item in facts.evidence.get(name, ()))
    return tuple(items)


def _public(item: Mapping[str, Any]) -> dict[str, Any]:
    """What a hit shows of an evidence item: request path, value found, note."""
    return {
        "path": item.get("path", ""),
        "value": item.get("value", ""),
        "note": item.get("note", ""),
    }


def render_evidence(evidence: tuple[Mapping[str, Any], ...]) -> str:
    """Human text quoting each triggering value: "'KP' at parties[2].nationality (DPRK)"."""
    parts = []
    for item in evidence:
        value = item.get("value")
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        text = f"'{value}'"
        if item.get("path"):
            text += f" at {item['path']}"
        if item.get("note"):
            text += f" ({item['note']})"
        parts.append(text)
    return "; ".join(parts) if parts else "no specific value"


def _explain(
    template: str, evidence: tuple[Mapping[str, Any], ...], scalars: dict[str, Any]
) -> str:
    """``string.Template`` substitution (``safe_substitute``: unknown names stay as
    written): ``$evidence`` plus scalar facts; never code."""
    parts = _template_parts(template)
    out = []
    for literal, name, raw in parts:
        out.append(literal)
        if not name:
            continue
        if name == "evidence":
            out.append(render_evidence(evidence))
        elif name in scalars:
            out.append(str(scalars[name]))
        else:
            out.append(raw)
    return "".join(out)


@lru_cache(maxsize=1024)
def _template_parts(template: str) -> tuple[tuple[str, str, str], ...]:
    """A template as (literal text, placeholder name or '', placeholder as written),
    parsed once per explanation with ``string.Template``'s own pattern."""
    parts = []
    start = 0
    for m in string.Template.pattern.finditer(template):
        literal = template[start : m.start()]
        name = m.group("named") or m.group("braced")
        if name:
            parts.append((literal, name, m.group(0)))
        else:  # "$$" is a dollar sign; a lone "$" stays as written
            parts.append((literal + ("$" if m.group("escaped") else m.group(0)), "", ""))
        start = m.end()
    parts.append((template[start:], "", ""))
    return tuple(parts)


def _decide(
    ruleset: RuleSet,
    hits: list[RuleHit],
    not_evaluated: list[NotEvaluated],
    floors: list[int],
    priorities: list[str],
) -> RuleOutcome:
    cfg = ruleset.config
    cap = int(cfg.get("score_cap", 99))
    if any(h.severity == "block" for h in hits):
        decision, score, priority = "block", 100, "high"
    else:
        score = min(cap, sum(h.weight for h in hits))
        score = max([score, *(min(cap, f) for f in floors)])
        review = any(h.severity == "review" for h in hits)
        decision = "review" if review or score >= int(cfg.get("review_score", 40)) else "clear"
        priority = _priority(score, cfg)
        for p in priorities:
            if PRIORITIES.index(p) > PRIORITIES.index(priority):
                priority = p
    return RuleOutcome(
        decision=decision,
        risk_score=score,
        priority=priority,
        hits=tuple(hits),
        not_evaluated=tuple(not_evaluated),
        ruleset_version=ruleset.version,
    )


def _priority(score: int, cfg: Mapping[str, Any]) -> str:
    if score >= int(cfg.get("priority_high", 80)):
        return "high"
    if score >= int(cfg.get("priority_medium", 40)):
        return "medium"
    return "low"
