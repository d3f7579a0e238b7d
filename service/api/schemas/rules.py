"""Schemas of ``GET /v1/rules``."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields


class RuleLevelSchema(ma.Schema):
    severity = fields.String()
    weight = fields.Integer()
    condition = fields.String(metadata={"description": "CEL expression over the facts"})


class RuleTableSchema(ma.Schema):
    name = fields.String(metadata={"description": "Reference table (lists/reference/<name>.yaml)"})
    version = fields.String()
    as_of = fields.String(metadata={"description": "Date of the facts the table states"})
    checked = fields.String(
        metadata={"description": "When it was last checked against its sources"}
    )


class TableUpkeepSchema(ma.Schema):
    table = fields.String()
    version = fields.String()
    as_of = fields.String()
    checked = fields.String()
    review_days = fields.Integer(metadata={"description": "How often it must be checked"})
    stale_after = fields.String(allow_none=True, metadata={"description": "A known review date"})
    watch = fields.String(metadata={"description": "What to watch for at its sources"})
    due = fields.String(metadata={"description": "Why it is due for a check today ('' if not)"})


class RuleInfoSchema(ma.Schema):
    rule_id = fields.String()
    title = fields.String()
    category = fields.String()
    severity = fields.String(metadata={"description": "The most severe level"})
    weight = fields.Integer(metadata={"description": "The highest weight of its levels"})
    levels = fields.List(fields.Nested(RuleLevelSchema))
    inputs = fields.List(fields.String())
    tables = fields.List(
        fields.Nested(RuleTableSchema),
        metadata={"description": "Reference tables the rule's facts read, with their dates"},
    )
    stage = fields.Integer()
    floor = fields.Integer(allow_none=True)
    sources = fields.List(fields.String())


class RulesResponseSchema(ma.Schema):
    ruleset = fields.String(metadata={"description": "Rule-set version"})
    config = fields.Dict()
    rules = fields.List(fields.Nested(RuleInfoSchema))
    reference = fields.Dict(metadata={"description": "Reference-data version and per-table dates"})
    upkeep = fields.List(
        fields.Nested(TableUpkeepSchema),
        metadata={"description": "Each reference table's check schedule and whether it is due"},
    )
