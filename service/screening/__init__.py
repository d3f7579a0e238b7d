"""The service layer: screen a counterparty or a transaction against the loaded lists.

Shared by the HTTP API, the batch jobs and the CLI, so all three decide the same way.
One module per concept:

==================  ===================================================================
``screener``        :class:`Screener`: one counterparty (``/v1/screen``, batch rows, CLI)
``transaction``     :func:`screen_transaction`: parties, vessel and red-flag rules
``decision``        a name score's decision and every reason's wording
``jurisdiction``    what a country alone says (tiers, FATF, sanctioned regions)
``query``           the matcher query built from a name and the settings
``catalog``         is a catalog loaded, which lists to screen, their versions
``rules``           :func:`load_rules`: the rule set and reference tables, once per process
``entity_types``    the words callers use for entity types
``errors``          :class:`ScreeningError` and its two kinds
==================  ===================================================================

Exceptions (no HTTP status here; ``service.api.problems`` maps them)::

    ScreeningError
     ├── ScreeningUnavailable   no list loaded: callers must fail closed (503), never clear
     └── InvalidScreenRequest   one input field is unusable (``.field`` names it)
"""

from service.rules.config import DECISIONS
from service.rules.counterparty import CONTEXT_FIELDS, evaluate_counterparty
from service.screening.catalog import is_loaded, require_catalog, select_lists
from service.screening.errors import InvalidScreenRequest, ScreeningError, ScreeningUnavailable
from service.screening.jurisdiction import CountryReading, jurisdiction_reasons, read_country
from service.screening.rules import Rules, load_rules, reference_versions
from service.screening.screener import Screener, ScreenRequest, ScreenResult
from service.screening.transaction import (
    PartyResult,
    TransactionResult,
    screen_party,
    screen_transaction,
    screen_vessel,
)

__all__ = [
    "CONTEXT_FIELDS",
    "DECISIONS",
    "CountryReading",
    "InvalidScreenRequest",
    "PartyResult",
    "Rules",
    "ScreenRequest",
    "ScreenResult",
    "Screener",
    "ScreeningError",
    "ScreeningUnavailable",
    "TransactionResult",
    "evaluate_counterparty",
    "is_loaded",
    "jurisdiction_reasons",
    "load_rules",
    "read_country",
    "reference_versions",
    "require_catalog",
    "screen_party",
    "screen_transaction",
    "screen_vessel",
    "select_lists",
]
