"""Rules as data: a rule set compiled from plain dicts, and what evaluating it yields.

A rule is an id, a title, the facts it needs (``inputs``), one or more levels (a CEL
condition with the severity and weight it carries when true), an explanation template
and its sources. Conditions are CEL (Common Expression Language), compiled once with
the ``cel`` package: a safe, side-effect-free language, so the rule files can be edited
by compliance staff without ever reaching Python's ``eval``.

Pure: :meth:`RuleSet.from_dicts` takes the parsed YAML; reading files is
:mod:`service.reference`'s job.
"""

from __future__ import annotations

import operator
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import cel

SEVERITIES = ("block", "review", "info")
_CFG_KEY = re.compile(r"\bcfg\.(\w+)")


class RuleSetError(ValueError):
    """A rule file is malformed: unknown severity, bad CEL, missing field."""


@dataclass(frozen=True, slots=True)
class Level:
    """One way a rule can fire: when ``condition`` holds it has this severity and weight."""

    condition: str
    severity: str
    weight: int
    program: Any
    evidence: tuple[str, ...] = ()
    """Names of the facts whose evidence items (request path, value, note) back a hit."""
    cfg_keys: tuple[str, ...] = ()
    """The ``cfg.<key>`` settings the condition reads, so only those are passed to CEL."""
    variables: frozenset[str] = frozenset()
    """Names the condition reads (static analysis at compile time)."""
    comparisons: tuple[tuple[str, Any, int], ...] | None = None
    """When the condition is only ``fact <op> <integer>`` terms joined by ``&&`` (most
    are: ``chpl_goods > 0 && diversion_links > 0``): (fact, operator, integer) per term,
    so the engine can test integer counts without a CEL call. None otherwise."""


_TERM = re.compile(r"^\s*([a-z_]\w*)\s*(>=|<=|==|!=|>|<)\s*(\d+)\s*$")
_OPERATORS = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}


def comparisons(condition: str) -> tuple[tuple[str, Any, int], ...] | None:
    """The (fact, operator, integer) terms of a conjunction of integer comparisons, or
    None when the condition is anything else (CEL then evaluates it)."""
    if "||" in condition or "(" in condition:
        return None
    terms = []
    for part in condition.split("&&"):
        m = _TERM.match(part)
        if m is None:
            return None
        terms.append((m.group(1), _OPERATORS[m.group(2)], int(m.group(3))))
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    inputs: tuple[str, ...]
    """Facts that must all be present, else the rule is ``not_evaluated``."""
    any_inputs: tuple[str, ...]
    """Facts of which at least one must be present; absent ones count as empty lists."""
    levels: tuple[Level, ...]
    explanation: str
    sources: tuple[str, ...]
    stage: int = 1
    """Stage 2 rules see ``hits`` (ids fired in stage 1): typologies and combinations."""
    floor: int = 0
    """Typology score floor applied when the rule fires."""
    priority: str | None = None
    category: str = ""
    variables: frozenset[str] = frozenset()
    """Every name any level reads."""
    cfg_keys: frozenset[str] = frozenset()
    tables: tuple[str, ...] = ()
    """The reference tables (lists/reference/<name>.yaml) its facts are read from."""

    @property
    def max_severity(self) -> str:
        return min((lv.severity for lv in self.levels), key=SEVERITIES.index)


@dataclass(frozen=True)
class RuleSet:
    version: str
    rules: tuple[Rule, ...]
    config: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_dicts(cls, meta: Mapping[str, Any], rule_dicts: list[Mapping[str, Any]]) -> RuleSet:
        """Compile rule dicts (as read from YAML) into a rule set; fail loudly on errors."""
        rules = tuple(_compile_rule(r) for r in rule_dicts)
        ids = [r.id for r in rules]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise RuleSetError(f"duplicate rule ids: {sorted(dupes)}")
        return cls(
            version=str(meta["version"]),
            rules=tuple(sorted(rules, key=lambda r: r.stage)),
            config=dict(meta.get("config", {})),
            sources={str(k): str(v) for k, v in (meta.get("sources") or {}).items()},
        )

    @cached_property
    def variables(self) -> frozenset[str]:
        """Every name any rule's condition reads (the only facts handed to CEL)."""
        return frozenset(n for r in self.rules for n in r.variables)

    @cached_property
    def cfg_keys(self) -> frozenset[str]:
        """Every ``cfg.<key>`` any rule reads."""
        return frozenset(k for r in self.rules for k in r.cfg_keys)

    @cached_property
    def input_sets(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """Rule id -> (inputs it needs, inputs of which one will do), as sets, so the
        engine can test a rule against the facts present with set operations."""
        return {r.id: (frozenset(r.inputs), frozenset(r.any_inputs)) for r in self.rules}

    @cached_property
    def cel_variables(self) -> frozenset[str]:
        """Names the conditions CEL must evaluate read (those not plain comparisons)."""
        return frozenset(
            n for r in self.rules for lv in r.levels if lv.comparisons is None for n in lv.variables
        )

    @cached_property
    def compared_names(self) -> frozenset[str]:
        """Facts read by plain comparisons (the engine tests them in Python)."""
        return frozenset(
            name for r in self.rules for lv in r.levels for name, _, _ in lv.comparisons or ()
        )

    @cached_property
    def cfg_values(self) -> dict[str, Any]:
        """The ``cfg`` map handed to CEL: only the settings some condition reads."""
        return {k: self.config[k] for k in self.cfg_keys if k in self.config}

    @cached_property
    def optional_names(self) -> tuple[str, ...]:
        """Names that count as 0 when absent: the ``any_inputs`` of a rule and what its
        conditions derive from them, so the condition still compiles."""
        return tuple(
            dict.fromkeys(
                name
                for r in self.rules
                if r.any_inputs
                for name in (*r.any_inputs, *r.variables)
                if name not in ("hits", "cfg") and len(name) > 1
            )
        )

    @cached_property
    def quoted_names(self) -> frozenset[str]:
        """Facts the explanations quote as ``$name`` / ``${name}`` (besides evidence)."""
        names = set()
        for r in self.rules:
            for m in string.Template.pattern.finditer(r.explanation):
                names.add(m.group("named") or m.group("braced"))
        return frozenset(names - {None, "evidence"})

    def citations(self, rule: Rule) -> tuple[str, ...]:
        cached = self._citations.get(rule.id)
        if cached is None:
            cached = self._citations[rule.id] = tuple(self.cite(s) for s in rule.sources)
        return cached

    @cached_property
    def _citations(self) -> dict[str, tuple[str, ...]]:
        return {}

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def describe(
        self, tables: Mapping[str, Mapping[str, str]] | None = None
    ) -> list[dict[str, Any]]:
        """JSON-ready summary of the active rules (for ``GET /v1/rules``): each with its
        levels, inputs, sources and the reference tables it reads, dated from ``tables``
        (name -> {version, as_of, checked}) when given."""
        dates = tables or {}
        return [
            {
                "rule_id": r.id,
                "title": r.title,
                "category": r.category,
                "severity": r.max_severity,
                "weight": max((lv.weight for lv in r.levels), default=0),
                "levels": [
                    {"severity": lv.severity, "weight": lv.weight, "condition": lv.condition}
                    for lv in r.levels
                ],
                "inputs": list(r.inputs) + list(r.any_inputs),
                "tables": [{"name": t, **dict(dates.get(t, {}))} for t in r.tables],
                "stage": r.stage,
                "floor": r.floor or None,
                "sources": [self.cite(s) for s in r.sources],
            }
            for r in self.rules
        ]

    def cite(self, key: str) -> str:
        title = self.sources.get(key)
        return f"{key}: {title}" if title else key


def _compile(expr: str, rule_id: str) -> Any:
    try:
        return cel.compile(expr)
    except (ValueError, RuntimeError) as exc:
        raise RuleSetError(f"{rule_id}: invalid CEL {expr!r}: {exc}") from exc


def _compile_rule(raw: Mapping[str, Any]) -> Rule:
    rule_id = str(raw.get("id") or "")
    if not rule_id:
        raise RuleSetError(f"rule without id: {raw!r}")
    raw_levels = raw.get("levels") or [
        {k: raw[k] for k in ("when", "severity", "weight", "evidence") if k in raw}
    ]
    levels = []
    for lv in raw_levels:
        severity = str(lv.get("severity", ""))
        if severity not in SEVERITIES:
            raise RuleSetError(f"{rule_id}: severity must be one of {SEVERITIES}, got {severity!r}")
        if "when" not in lv:
            raise RuleSetError(f"{rule_id}: level without 'when'")
        evidence = lv.get("evidence", raw.get("evidence", raw.get("inputs", ())))
        if isinstance(evidence, str):
            evidence = [evidence]
        condition = str(lv["when"])
        levels.append(
            Level(
                condition=condition,
                severity=severity,
                weight=int(lv.get("weight", 0)),
                program=(program := _compile(condition, rule_id)),
                variables=frozenset(program.variables()),
                evidence=tuple(str(e) for e in evidence),
                cfg_keys=tuple(dict.fromkeys(_CFG_KEY.findall(condition))),
                comparisons=comparisons(condition),
            )
        )
    for key in ("title", "explanation"):
        if not raw.get(key):
            raise RuleSetError(f"{rule_id}: missing {key!r}")
    return Rule(
        id=rule_id,
        title=str(raw["title"]),
        inputs=tuple(raw.get("inputs", ())),
        any_inputs=tuple(raw.get("any_inputs", ())),
        levels=tuple(levels),
        explanation=str(raw["explanation"]),
        sources=tuple(str(s) for s in raw.get("sources", ())),
        stage=int(raw.get("stage", 1)),
        floor=int(raw.get("floor", 0)),
        priority=raw.get("priority"),
        category=str(raw.get("category", "")),
        variables=frozenset().union(*(lv.variables for lv in levels)),
        cfg_keys=frozenset(k for lv in levels for k in lv.cfg_keys),
        tables=tuple(str(t) for t in raw.get("tables", ())),
    )


@dataclass(frozen=True, slots=True)
class RuleHit:
    rule_id: str
    title: str
    severity: str
    weight: int
    explanation: str
    evidence: tuple[Mapping[str, Any], ...]
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "title": self.title,
            "severity": self.severity,
            "weight": self.weight,
            "explanation": self.explanation,
            "evidence": [dict(e) for e in self.evidence],
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class NotEvaluated:
    rule_id: str
    title: str
    missing_fields: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "title": self.title,
            "missing_fields": list(self.missing_fields),
        }


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    """The rules' verdict on one transaction."""

    decision: str
    risk_score: int
    priority: str
    hits: tuple[RuleHit, ...]
    not_evaluated: tuple[NotEvaluated, ...]
    ruleset_version: str

    def hit_ids(self) -> list[str]:
        return [h.rule_id for h in self.hits]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: decision, score, priority, hits, not_evaluated, rule-set version."""
        return {
            "decision": self.decision,
            "risk_score": self.risk_score,
            "priority": self.priority,
            "rule_hits": [h.to_dict() for h in self.hits],
            "not_evaluated": [n.to_dict() for n in self.not_evaluated],
            "ruleset": self.ruleset_version,
        }
