"""Screen one counterparty against the loaded lists: :class:`Screener`.

Shared by the HTTP API, the batch jobs and the CLI, so all three decide the same way.
The decision is the most severe of its reasons: the best name match
(:mod:`service.screening.decision`), the country (:mod:`service.screening.jurisdiction`)
and, when the request carries counterparty context (``address``, ``industry`` ...: see
:data:`service.rules.counterparty.CONTEXT_FIELDS`), the red-flag rules
(:func:`service.rules.counterparty.evaluate_counterparty`) as one more reason
(``code: red_flags``). Requests without context (batch rows, most API calls) skip the
rules and stay fast.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from service.core.model import Identifier
from service.core.query import Match
from service.rules.config import default_regimes
from service.rules.counterparty import evaluate_counterparty
from service.screening.catalog import is_loaded, list_versions, require_catalog, select_lists
from service.screening.decision import name_reasons, red_flag_reason, worst_of
from service.screening.errors import InvalidScreenRequest
from service.screening.hidden import hidden_character_reasons, search_as_displayed
from service.screening.jurisdiction import (
    check_identifier_countries,
    jurisdiction_reasons,
    parse_country,
)
from service.screening.query import build_query
from service.screening.rules import Rules, load_rules, reference_versions
from service.screening.targets import TargetedMatch, with_targets
from service.settings import Settings

if TYPE_CHECKING:
    from service.store.catalog import Catalog


@dataclass(frozen=True)
class ScreenRequest:
    """One counterparty to screen, as the caller gave it (validated, not yet resolved)."""

    name: str
    entity_type: str | None = None
    """person | organization | vessel | aircraft"""
    country: str | None = None
    """ISO alpha-2 or a country name, as given."""
    date_of_birth: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    lists: tuple[str, ...] | None = None
    threshold: float | None = None
    """Lowest score shown; None -> ``settings.threshold``."""
    context: Mapping[str, Any] | None = None
    """Optional counterparty context for the red-flag rules (see the module docstring)."""
    as_of: str | None = None
    """``YYYY-MM-DD`` the jurisdiction tiers apply on (default today): Syria was tier A
    until 30 Jun 2025, as the transaction endpoint's ``as_of`` says too."""
    customer_id: str | None = None
    """The caller's id of this customer: alerts and suppressions follow it."""


@dataclass(frozen=True)
class ScreenResult:
    """The decision with the evidence for it and the list versions it was made against."""

    screening_id: str
    decision: str
    """clear | review | block"""
    matches: tuple[TargetedMatch, ...]
    """Best first, each with the ``target_id`` of the party it lists."""
    reasons: tuple[dict, ...]
    lists: dict[str, dict]
    """List id -> {"version": ..., "sample": bool}."""
    screened_at: str
    """ISO 8601 UTC."""
    red_flags: dict | None = None
    """``RuleOutcome.to_dict()`` of the red-flag rules; ``None`` when no context was given."""
    versions: dict | None = None
    """``{"reference": {version, tables}, "ruleset": version or None}``: the reference
    tables the country check used and the rule set, when the red-flag rules ran."""
    targets: tuple[dict, ...] = ()
    """Per matched target, best first: its best match and every listing of it
    (:mod:`service.screening.targets`)."""


class Screener:
    """Screens requests against one catalog; cheap to build, safe to share across threads.

    ``rules`` are the red-flag rule set and reference data (the country check reads the
    jurisdiction tables from them), loaded once per process by the caller
    (:func:`service.screening.rules.load_rules`): the API keeps them on the app's state.
    Without them they are loaded here, once, when the catalog is loaded (a CLI command or
    a batch worker builds one screener per process).
    """

    def __init__(
        self, catalog: Catalog | None, settings: Settings, rules: Rules | None = None
    ) -> None:
        self._catalog = catalog
        self._settings = settings
        self._rules = rules
        if rules is None and is_loaded(catalog):
            self._rules = load_rules(settings)  # at process start, not on a request

    @property
    def available(self) -> bool:
        """True when at least one list is loaded and a matcher is built over it."""
        return is_loaded(self._catalog)

    def list_ids(self) -> tuple[str, ...]:
        """Ids of the loaded lists (empty when nothing is loaded)."""
        return tuple(self._catalog.snapshots) if self._catalog and self.available else ()

    def screen(self, request: ScreenRequest) -> ScreenResult:
        """Screen one counterparty; raise instead of answering clear when it cannot."""
        catalog = require_catalog(self._catalog)
        name = _name(request.name)
        selected = select_lists(catalog, request.lists)
        ruleset, reference = self._rules or load_rules(self._settings)
        day = _day(request.as_of)
        country = parse_country(request.country, reference.geo)
        check_identifier_countries(request.identifiers, reference.geo)
        query = build_query(
            self._settings,
            name,
            entity_type=request.entity_type,  # type: ignore[arg-type]
            countries=(country.code,) if country and country.code else (),
            date_of_birth=request.date_of_birth,
            identifiers=request.identifiers,
            lists=selected if request.lists is not None else None,
            threshold=request.threshold,
        )
        matches, targets = with_targets(
            catalog, self._shown(search_as_displayed(catalog.matcher, query), request.threshold)
        )
        reasons = name_reasons(matches, selected, self._settings)
        regimes = default_regimes(ruleset.config)
        reasons += jurisdiction_reasons(country, reference.geo, day, regimes)
        reasons += hidden_character_reasons(name)
        red_flags = None
        if request.context:
            outcome = evaluate_counterparty(
                request.context,
                ruleset,
                reference,
                name=name,
                entity_type=request.entity_type,
                country=request.country,
                today=day,
            )  # no matches passed: the name decision above must not count twice
            red_flags = outcome.to_dict()
            reasons += (red_flag_reason(outcome),)
        return ScreenResult(
            screening_id=uuid.uuid4().hex,
            decision=worst_of(reasons),
            matches=matches,
            reasons=reasons,
            lists=list_versions(catalog, selected),
            screened_at=now(),
            red_flags=red_flags,
            versions={
                "reference": reference_versions(reference),
                "ruleset": ruleset.version if red_flags is not None else None,
            },
            targets=targets,
        )

    def _shown(self, found: list[Match], threshold: float | None) -> tuple[Match, ...]:
        """Matches at the caller's display threshold, and every decisive one below it."""
        shown_from = self._settings.threshold if threshold is None else threshold
        review_at = self._settings.review_threshold
        return tuple(m for m in found if m.score >= shown_from or m.score >= review_at)


def _name(text: str | None) -> str:
    name = text.strip() if text else ""
    if not name:
        raise InvalidScreenRequest("name", "A name is required.")
    if not any(ch.isalnum() for ch in name):
        # It would match nothing and come back clear: refuse it instead.
        raise InvalidScreenRequest("name", "A name needs at least one letter or digit.")
    return name


def _day(as_of: str | None) -> date:
    if not as_of:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(as_of[:10])
    except ValueError as exc:
        raise InvalidScreenRequest("as_of", f"Not a date (YYYY-MM-DD): {as_of!r}.") from exc


def now() -> str:
    """The current time as every answer states it: ISO 8601 UTC, milliseconds, ``Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
