"""Red-flag rules: PURE decisioning over a transaction's facts (no I/O, no Flask).

Reference tables and rules arrive as plain dicts (see :mod:`service.reference`);
:func:`extract_facts` turns a request into facts and :func:`evaluate` runs the rule set
over them.
"""

from service.rules.engine import Facts, evaluate
from service.rules.facts import extract_facts
from service.rules.model import NotEvaluated, Rule, RuleHit, RuleOutcome, RuleSet, RuleSetError
from service.rules.request import TransactionRequest
from service.rules.tables import ReferenceData, ReferenceDataError

__all__ = [
    "Facts",
    "NotEvaluated",
    "RuleOutcome",
    "ReferenceData",
    "ReferenceDataError",
    "Rule",
    "RuleHit",
    "RuleSet",
    "RuleSetError",
    "TransactionRequest",
    "evaluate",
    "extract_facts",
]
