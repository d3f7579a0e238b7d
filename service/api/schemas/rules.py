"""Schemas of ``GET /v1/rules``."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields


class RuleLevelSchema(ma.Schema):
    severity = fields.String()
    weight = fields.Integer()
    condition = fields.String(metadata={"description": "CEL expression over the facts"})


class RuleInfoSchema(ma.Schema):
    rule_id = fields.String()
    title = fields.String()
    category = fields.String()
    severity = fields.String()
    levels = fields.List(fields.Nested(RuleLevelSchema))
    inputs = fields.List(fields.String())
    stage = fields.Integer()
    floor = fields.Integer(allow_none=True)
    sources = fields.List(fields.String())


class RulesResponseSchema(ma.Schema):
    ruleset = fields.String(metadata={"description": "Rule-set version"})
    config = fields.Dict()
    rules = fields.List(fields.Nested(RuleInfoSchema))
    reference = fields.Dict(metadata={"description": "Reference-data version and per-table dates"})
