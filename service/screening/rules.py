"""The red-flag rule set and reference tables, loaded once per process and passed in.

:func:`load_rules` is the one loader: the API keeps its result on the app's state
(``service.api.state``), the CLI and the batch workers build their screener with it at
start. Nothing is cached at module level, so two apps with different settings (tests,
a reload) never share tables by accident.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from service.rules import ReferenceData, RuleSet
from service.settings import Settings


class Rules(NamedTuple):
    """The rule set and the reference tables it reads, as loaded together."""

    ruleset: RuleSet
    reference: ReferenceData


def load_rules(settings: Settings) -> Rules:
    """Read ``settings.reference_dir``'s rule and reference tables (disk: call it once)."""
    from service.reference import load_all

    return Rules(*load_all(settings))


def reference_versions(reference: ReferenceData) -> dict[str, Any]:
    """The reference tables' version, as both /v1/screen and /v1/screen/transaction
    report it, so a reviewer can tell that both judged countries with the same tables."""
    return {"version": reference.version, "tables": reference.versions}


def table_upkeep(
    rules: Rules, today: date, max_age_days: int | None = None
) -> list[dict[str, Any]]:
    """Every reference table with when it was last checked against its sources, how often
    it must be, what to watch for, and why it is due on ``today`` ('' when it is not).

    ``max_age_days`` applies to tables that set no ``review_days`` of their own; it
    defaults to the rule set's ``reference_max_age_days``."""
    limit = max_age_days or int(rules.ruleset.config["reference_max_age_days"])
    return [
        {
            "table": u.name,
            **rules.reference.versions[u.name],
            "review_days": u.review_days or limit,
            "stale_after": u.stale_after or None,
            "watch": u.watch,
            "due": u.overdue(today, limit),
        }
        for u in sorted(rules.reference.upkeep.values(), key=lambda u: u.name)
    ]
