"""Service layer: screen one counterparty against the loaded catalog.

Shared by the HTTP API, the batch jobs and the CLI, so all three decide the same way.
CONTRACT (implemented by the API owner; batch and CLI depend on exactly this):

    @dataclass(frozen=True)
    class ScreenRequest:
        name: str
        entity_type: str | None = None          # person | organization | vessel | aircraft
        country: str | None = None              # ISO alpha-2 or a country name, as given
        date_of_birth: str | None = None
        identifiers: tuple[Identifier, ...] = ()
        lists: tuple[str, ...] | None = None
        threshold: float | None = None          # None -> settings.threshold
        context: Mapping[str, Any] | None = None  # red-flag context (added; see below)
        as_of: str | None = None                # YYYY-MM-DD the jurisdiction tiers apply on

    @dataclass(frozen=True)
    class ScreenResult:
        screening_id: str
        decision: str                           # clear | review | block
        matches: tuple[Match, ...]              # best first
        reasons: tuple[dict, ...]               # why the decision (name match, jurisdiction ...)
        lists: dict[str, dict]                  # list id -> {"version": ..., "sample": bool}
        screened_at: str                        # ISO 8601 UTC
        red_flags: dict | None = None           # rule outcome, when context was given
        versions: dict | None = None            # {"reference": {...}, "ruleset": str | None}

    class Screener:
        def __init__(self, catalog, settings, rules=None): ...
        def screen(self, request: ScreenRequest) -> ScreenResult
            # raises service.screening.ScreeningUnavailable when no list is loaded

Exceptions (no HTTP status here; ``service.api.problems`` maps them):

    ScreeningError
     ├── ScreeningUnavailable   no list loaded: callers must fail closed (503), never clear
     └── InvalidScreenRequest   one input field is unusable (``.field`` names it)

Every reason is a dict ``{"code", "decision", "message", ...}``; ``message`` is a sentence
a compliance officer can act on, the other keys are for machines.

The country check uses the rules engine's reference tables (``lists/reference/``:
jurisdiction tiers with their programs, as-of dates and history, sanctioned regions and
their place names, multilingual country names, ambiguous "Korea"), so this endpoint and
``/v1/screen/transaction`` decide a country alike; the tables are loaded once per process
(``service.reference``) and passed in, the check itself is pure.

Counterparty context (``address``, ``industry``, ``website``, ``web_presence``,
``physical_office``, ``incorporation_date``, ``goods``) runs the red-flag rules
(:func:`service.transaction.evaluate_counterparty`); their outcome is one more reason
(``code: red_flags``) and the full outcome is ``ScreenResult.red_flags``. Requests without
context (batch rows, most API calls) skip the rules and stay fast.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from service.core.model import Identifier
from service.core.query import Match, Query
from service.settings import Settings

if TYPE_CHECKING:
    from service.rules import ReferenceData, RuleSet
    from service.rules.geo import Geography
    from service.rules.model import Outcome

    RulesLoader = Callable[[], tuple[RuleSet, ReferenceData]]

DECISIONS = ("clear", "review", "block")
"""Ordered from least to most severe; the decision is the most severe reason."""


class ScreeningError(Exception):
    """Base of every error the screening service raises on purpose."""


class ScreeningUnavailable(ScreeningError):
    """No list is loaded, so nothing can be screened; the caller must not answer clear."""


class InvalidScreenRequest(ScreeningError, ValueError):
    """One field of the request cannot be used; ``field`` names it for the error document."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ScreenRequest:
    """One counterparty to screen, as the caller gave it (validated, not yet resolved)."""

    name: str
    entity_type: str | None = None
    country: str | None = None
    date_of_birth: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    lists: tuple[str, ...] | None = None
    threshold: float | None = None
    context: Mapping[str, Any] | None = None
    """Optional counterparty context for the red-flag rules (see the module docstring)."""
    as_of: str | None = None
    """``YYYY-MM-DD`` the jurisdiction tiers apply on (default today): Syria was tier A
    until 30 Jun 2025, as the transaction endpoint's ``as_of`` says too."""


@dataclass(frozen=True)
class ScreenResult:
    """The decision with the evidence for it and the list versions it was made against."""

    screening_id: str
    decision: str
    matches: tuple[Match, ...]
    reasons: tuple[dict, ...]
    lists: dict[str, dict]
    screened_at: str
    red_flags: dict | None = None
    """``Outcome.to_dict()`` of the red-flag rules; ``None`` when no context was given."""
    versions: dict | None = None
    """``{"reference": {version, tables}, "ruleset": version or None}``: the reference
    tables the country check used and the rule set, when the red-flag rules ran."""


# --- jurisdictions -----------------------------------------------------------------------
# The country check reads the rules engine's reference tables (lists/reference/
# jurisdictions.yaml, countries.yaml, places.yaml) through ``ReferenceData.geo``, so
# ``/v1/screen`` and ``/v1/screen/transaction`` decide a country the same way and one
# YAML edit changes both. Pure: the tables come in as an argument.


@dataclass(frozen=True)
class CountryReading:
    """What a free-text country value means for screening."""

    text: str
    code: str | None = None
    """ISO alpha-2 the text resolves to (the region's country for a bare region)."""
    regions: tuple[tuple[str, str], ...] = ()
    """(region id, place found) for sanctioned regions the text names ("Sevastopol")."""
    ambiguous: tuple[str, ...] = ()
    """Candidate codes when the text names several countries (bare "Korea")."""


def read_country(text: str, geo: Geography) -> CountryReading | None:
    """Resolve a country value; ``None`` means nobody could tell which country it is."""
    resolved = geo.country(text)
    regions = tuple((hit.place.region or "", hit.place.name) for hit in geo.country_regions(text))
    code = resolved.code
    if code is None and regions:
        code = geo.places_by_name[regions[0][1]].country
    if resolved.ambiguous and code is None:
        return CountryReading(text, regions=regions, ambiguous=geo.ambiguous_candidates(text))
    if code is None and not regions:
        return None
    return CountryReading(text, code, regions)


def jurisdiction_reasons(
    country: CountryReading | None, geo: Geography, day: date, regimes: frozenset[str]
) -> tuple[dict, ...]:
    """Reasons a counterparty's country alone makes it not clear, on ``day``.

    The same tiers as rules JUR-01/04/05/06 of the transaction endpoint: tier A, a
    blocking FATF call or a sanctioned region blocks; tier B or a FATF review call
    reviews; a FATF grey-list country alone stays clear there too (info weight only).
    """
    if country is None:
        return ()
    reasons = tuple(
        _region_reason(country, rid, place, geo, regimes) for rid, place in country.regions
    )
    if country.ambiguous:
        codes = " or ".join(country.ambiguous) or "several countries"
        reasons += (
            {
                "code": "ambiguous_country",
                "decision": "review",
                "country": country.text,
                "candidates": list(country.ambiguous),
                "message": f"Country {country.text!r} could be {codes}; it does not say which "
                "Korea, and North Korea is comprehensively sanctioned. Confirm the country.",
            },
        )
    found = _country_reason(country, geo, day, regimes) if country.code else None
    return reasons + ((found,) if found else ())


def _country_reason(
    country: CountryReading, geo: Geography, day: date, regimes: frozenset[str]
) -> dict | None:
    code = country.code or ""
    tier, program, as_of = geo.tier(code, day, regimes)
    fatf = geo.fatf_call.get(code, "")
    decision = "block" if tier == "A" or fatf == "block" else ""
    decision = decision or ("review" if tier == "B" or fatf == "review" else "")
    if not decision:
        return None
    entry = geo.jurisdictions.get(code)
    name = entry.name if entry else code
    if not program:
        program = f"FATF call for action ({fatf})"
    kind = "comprehensively sanctioned" if decision == "block" else "sanctions-exposed"
    return {
        "code": "jurisdiction",
        "decision": decision,
        "jurisdiction": code,
        "country": country.text,
        "program": program,
        "as_of": as_of or None,
        "tier": tier or None,
        "fatf": fatf or None,
        "message": f"Country {country.text!r} is {name} ({code}), a {kind} jurisdiction "
        f"under {program}" + (f" (as of {as_of})." if as_of else "."),
    }


def _region_reason(
    country: CountryReading, region_id: str, place: str, geo: Geography, regimes: frozenset[str]
) -> dict:
    region = geo.region(region_id)
    blocking = bool(set(region.get("regimes", ("US", "EU", "UK"))) & regimes)
    name = region.get("name", region_id)
    program = region.get("program", "")
    return {
        "code": "jurisdiction",
        "decision": "block" if blocking else "review",
        "jurisdiction": "/".join(region.get("subdivisions", ())) or region_id,
        "region": region_id,
        "country": country.text,
        "program": program,
        "as_of": str(region.get("as_of", "")) or None,
        "tier": region.get("tier"),
        "message": f"Country {country.text!r} names {place}, in {name}, a sanctioned region "
        f"under {program}, whatever country it is said to be in.",
    }


# --- screening -----------------------------------------------------------------------------


class Screener:
    """Screens requests against one catalog; cheap to build, safe to share across threads.

    ``rules`` returns the red-flag rule set and reference data (the country check reads
    the jurisdiction tables from it). By default they are read from
    ``settings.reference_dir`` once per process, when the first screener over a loaded
    catalog is built (process start: CLI, batch worker), never per request.
    """

    def __init__(self, catalog: Any, settings: Settings, rules: RulesLoader | None = None) -> None:
        self._catalog = catalog
        self._settings = settings
        self._rules = rules or cached_rules(settings)
        if rules is None and self.available:
            self._rules()  # load now, so the first request does not pay for it

    @property
    def available(self) -> bool:
        """True when at least one list is loaded and a matcher is built over it."""
        catalog = self._catalog
        return bool(catalog is not None and catalog.snapshots and catalog.matcher is not None)

    def list_ids(self) -> tuple[str, ...]:
        """Ids of the loaded lists (empty when nothing is loaded)."""
        return tuple(self._catalog.snapshots) if self.available else ()

    def screen(self, request: ScreenRequest) -> ScreenResult:
        """Screen one counterparty; raise instead of answering clear when it cannot."""
        if not self.available:
            raise ScreeningUnavailable("No sanctions list is loaded; screening is unavailable.")
        name = request.name.strip() if request.name else ""
        if not name:
            raise InvalidScreenRequest("name", "A name is required.")
        if not any(ch.isalnum() for ch in name):
            # It would match nothing and come back clear: refuse it instead.
            raise InvalidScreenRequest("name", "A name needs at least one letter or digit.")
        selected = self._select_lists(request.lists)
        ruleset, reference = self._rules()
        day = _day(request.as_of)
        country = self._read_country(request.country, reference.geo)
        self._check_identifier_countries(request.identifiers, reference.geo)
        shown_from = self._settings.threshold if request.threshold is None else request.threshold
        found = self._catalog.matcher.search(self._query(request, name, country, selected))
        review_at = self._settings.review_threshold
        matches = tuple(m for m in found if m.score >= shown_from or m.score >= review_at)
        regimes = frozenset(ruleset.config.get("default_regimes", ("UN", "US", "EU", "UK")))
        reasons = self._name_reasons(matches, selected)
        reasons += jurisdiction_reasons(country, reference.geo, day, regimes)
        red_flags = None
        if request.context:
            outcome = self._red_flags(request, name, ruleset, reference, day)
            red_flags = outcome.to_dict()
            reasons += (_red_flag_reason(outcome),)
        return ScreenResult(
            screening_id=uuid.uuid4().hex,
            decision=_worst(reasons),
            matches=matches,
            reasons=reasons,
            lists={lid: self._describe(lid) for lid in selected},
            screened_at=_now(),
            red_flags=red_flags,
            versions={
                "reference": reference_versions(reference),
                "ruleset": ruleset.version if red_flags is not None else None,
            },
        )

    def _red_flags(
        self,
        request: ScreenRequest,
        name: str,
        ruleset: RuleSet,
        reference: ReferenceData,
        day: date,
    ) -> Outcome:
        from service.transaction import evaluate_counterparty

        # Name matches are decided above; passing none keeps them from counting twice.
        return evaluate_counterparty(
            request.context or {},
            ruleset,
            reference,
            name=name,
            entity_type=request.entity_type,
            country=request.country,
            today=day,
        )

    def _query(
        self, request: ScreenRequest, name: str, country: CountryReading | None, lists: tuple
    ) -> Query:
        # Decisive matches are fetched even when the caller asked for a higher display
        # threshold: a client's threshold must never turn a review into a clear.
        requested = self._settings.threshold if request.threshold is None else request.threshold
        return Query(
            name=name,
            entity_type=request.entity_type,  # type: ignore[arg-type]
            countries=(country.code,) if country and country.code else (),
            date_of_birth=request.date_of_birth,
            identifiers=tuple(request.identifiers),
            lists=frozenset(lists) if request.lists is not None else None,
            threshold=min(requested, self._settings.review_threshold),
            limit=self._settings.max_matches,
        )

    def _select_lists(self, wanted: tuple[str, ...] | None) -> tuple[str, ...]:
        return select_lists(self._catalog, wanted)

    @staticmethod
    def _read_country(text: str | None, geo: Geography) -> CountryReading | None:
        if text is None or not text.strip():
            return None
        reading = read_country(text, geo)
        if reading is None:
            raise InvalidScreenRequest(
                "country", f"Unknown country {text!r}: give an ISO 3166 alpha-2 code or name."
            )
        return reading

    @staticmethod
    def _check_identifier_countries(identifiers: tuple[Identifier, ...], geo: Geography) -> None:
        for i, ident in enumerate(identifiers):
            text = ident.country
            if text and text.strip() and read_country(text, geo) is None:
                raise InvalidScreenRequest(
                    f"identifiers.{i}.country",
                    f"Unknown country {text!r}: give an ISO 3166 alpha-2 code or name.",
                )

    def _name_reasons(self, matches: tuple[Match, ...], lists: tuple[str, ...]) -> tuple[dict, ...]:
        review_at, block_at = self._settings.review_threshold, self._settings.block_threshold
        if not matches or matches[0].score < review_at:
            return (
                {
                    "code": "no_match",
                    "decision": "clear",
                    "message": f"No listed name scored {review_at:.2f} or more in "
                    f"{len(lists)} list(s): {', '.join(lists)}.",
                },
            )
        best = matches[0]
        entity = best.entity
        against = _contradictions(best)
        decision = "block" if best.score >= block_at and not against else "review"
        via = f" (via {best.matched_name!r})" if best.matched_name != entity.name else ""
        message = (
            f"Name matches {entity.list} entry {entity.source_id} {entity.name!r}{via} "
            f"with score {best.score:.2f}"
        )
        if decision == "block":
            message += f", at or above the block threshold {block_at:.2f}."
        elif against:
            message += f", but {'; '.join(against)}: review before blocking."
        else:
            message += f", at or above the review threshold {review_at:.2f}."
        reason = {
            "code": "name_match",
            "decision": decision,
            "list": entity.list,
            "source_id": entity.source_id,
            "score": best.score,
            "message": message,
        }
        return (reason,)

    def _describe(self, list_id: str) -> dict:
        snapshot = self._catalog.snapshots[list_id]
        return {"version": snapshot.version, "sample": bool(snapshot.sample)}


def _contradictions(match: Match) -> list[str]:
    """Evidence the matcher found against the match, in words (different DOB, country ...).

    Reads ``explanation["contradicted"]``: a list of ``{"field", "query", "list"}``.
    """
    explanation: Mapping[str, Any] = match.explanation or {}
    found = explanation.get("contradicted") or []
    if isinstance(found, Mapping | str):
        found = [found]
    if not isinstance(found, list | tuple):
        return ["the matcher found contradicting attributes"] if found else []
    return [_contradiction_text(item) for item in found]


def _contradiction_text(item: Any) -> str:
    if not isinstance(item, Mapping):
        return str(item)
    field = str(item.get("field", "an attribute")).replace("_", " ")
    return f"the {field} differs (given {item.get('query')}, listed {item.get('list')})"


def _red_flag_reason(outcome: Outcome) -> dict:
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


_RULES_LOCK = threading.Lock()
_RULES: dict[tuple, tuple[RuleSet, ReferenceData]] = {}
"""Loaded tables per (reference_dir, thresholds): once per process, shared by every
screener (a worker builds one per process, the CLI one per command)."""


def cached_rules(settings: Settings) -> RulesLoader:
    """Load the rule set and reference tables once per process, on first use, thread-safely.

    The one loader of the process: the HTTP app, the CLI and batch workers all read the
    tables through it, so /v1/screen, /v1/screen/transaction and a batch judge with one
    copy of them."""
    key = (str(settings.reference_dir), settings.review_threshold, settings.block_threshold)

    def load() -> tuple[RuleSet, ReferenceData]:
        found = _RULES.get(key)
        if found is None:
            with _RULES_LOCK:
                if key not in _RULES:
                    from service.reference import load_all

                    _RULES[key] = load_all(settings)
                found = _RULES[key]
        return found

    return load


def reference_versions(reference: ReferenceData) -> dict[str, Any]:
    """The reference tables' version, as both /v1/screen and /v1/screen/transaction
    report it, so a reviewer can tell that both judged countries with the same tables."""
    return {"version": reference.version, "tables": reference.versions}


def _day(as_of: str | None) -> date:
    if not as_of:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(as_of[:10])
    except ValueError as exc:
        raise InvalidScreenRequest("as_of", f"Not a date (YYYY-MM-DD): {as_of!r}.") from exc


def _worst(reasons: tuple[dict, ...]) -> str:
    return max((r["decision"] for r in reasons), key=DECISIONS.index, default="clear")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


__all__ = [
    "DECISIONS",
    "CountryReading",
    "InvalidScreenRequest",
    "ScreenRequest",
    "ScreenResult",
    "Screener",
    "ScreeningError",
    "ScreeningUnavailable",
    "jurisdiction_reasons",
    "read_country",
]


def select_lists(catalog: Any, wanted: tuple[str, ...] | None) -> tuple[str, ...]:
    """The list ids to screen against: all loaded ones when none are named. An unknown or
    empty selection is refused, since screening against fewer lists than asked would
    answer ``clear`` for names it never checked."""
    loaded = tuple(catalog.snapshots)
    if wanted is None:
        return loaded
    unknown = sorted(set(wanted) - set(loaded))
    if unknown:
        raise InvalidScreenRequest(
            "lists", f"Unknown list id(s) {unknown}; loaded lists are {sorted(loaded)}."
        )
    if not wanted:
        raise InvalidScreenRequest("lists", "At least one list id is required.")
    return tuple(dict.fromkeys(wanted))
