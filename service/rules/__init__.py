"""Red-flag rules: PURE decisioning over a transaction's facts (no I/O, no Flask).

Reference tables and rules arrive as plain dicts (see :mod:`service.reference`);
:func:`screen_facts` turns a request into facts and runs the rule set over them.
"""

from service.rules.engine import Facts, evaluate
from service.rules.facts import extract_facts
from service.rules.model import NotEvaluated, Outcome, Rule, RuleHit, RuleSet, RuleSetError
from service.rules.request import TransactionRequest
from service.rules.tables import ReferenceData, ReferenceError

__all__ = [
    "Facts",
    "NotEvaluated",
    "Outcome",
    "ReferenceData",
    "ReferenceError",
    "Rule",
    "RuleHit",
    "RuleSet",
    "RuleSetError",
    "TransactionRequest",
    "evaluate",
    "extract_facts",
]
