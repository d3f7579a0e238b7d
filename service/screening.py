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

    @dataclass(frozen=True)
    class ScreenResult:
        screening_id: str
        decision: str                           # clear | review | block
        matches: tuple[Match, ...]              # best first
        reasons: tuple[dict, ...]               # why the decision (name match, jurisdiction ...)
        lists: dict[str, dict]                  # list id -> {"version": ..., "sample": bool}
        screened_at: str                        # ISO 8601 UTC
        red_flags: dict | None = None           # rule outcome, when context was given

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

Counterparty context (``address``, ``industry``, ``website``, ``web_presence``,
``physical_office``, ``incorporation_date``, ``goods``) runs the red-flag rules
(:func:`service.transaction.evaluate_counterparty`); their outcome is one more reason
(``code: red_flags``) and the full outcome is ``ScreenResult.red_flags``. Requests without
context (batch rows, most API calls) skip the rules and stay fast.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from service.core.countries import resolve_country
from service.core.model import Identifier
from service.core.query import Match, Query
from service.settings import Settings

if TYPE_CHECKING:
    from service.rules import ReferenceData, RuleSet
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


# --- jurisdictions -----------------------------------------------------------------------
# Issue-2 stand-in for the rules engine (issue 4), which will read these tables from
# lists/reference/. Source: shared/domain/redflags.md §2a, checked 2026-11-27.

JURISDICTIONS_AS_OF = "2026-11-27"


@dataclass(frozen=True)
class Jurisdiction:
    """A sanctioned country or region and what a nexus with it means by default."""

    code: str
    """ISO 3166-1 alpha-2, or ISO 3166-2 for a region (UA-43)."""
    name: str
    decision: str
    program: str


_COUNTRIES: dict[str, Jurisdiction] = {
    j.code: j
    for j in (
        Jurisdiction("KP", "North Korea (DPRK)", "block", "UN 1718; US NKSR, E.O. 13722/13810"),
        Jurisdiction("IR", "Iran", "block", "US ITSR; UN measures re-applied 27 Sep 2025"),
        Jurisdiction("CU", "Cuba", "block", "US CACR"),
        Jurisdiction(
            "SY",
            "Syria",
            "review",
            "OFAC comprehensive program revoked 1 Jul 2025 (E.O. 14312); list-based "
            "measures remain",
        ),
        Jurisdiction("MM", "Myanmar", "review", "FATF call for enhanced due diligence"),
        Jurisdiction("RU", "Russia", "review", "US/EU/UK sectoral and list-based sanctions"),
        Jurisdiction("BY", "Belarus", "review", "US/EU/UK sectoral and list-based sanctions"),
        Jurisdiction("VE", "Venezuela", "review", "US government-blocking measures"),
    )
}
"""Tier A (block) and tier B (review) countries of redflags.md §2a."""

_CRIMEA = Jurisdiction("UA-43", "Crimea", "block", "US E.O. 13685; EU Reg. 692/2014")
_SEVASTOPOL = Jurisdiction("UA-40", "Sevastopol", "block", "US E.O. 13685; EU Reg. 692/2014")
_DNR = Jurisdiction("UA-14", "so-called Donetsk People's Republic", "block", "US E.O. 14065")
_LNR = Jurisdiction("UA-09", "so-called Luhansk People's Republic", "block", "US E.O. 14065")

_REGIONS: dict[str, Jurisdiction] = {
    "crimea": _CRIMEA,
    "krym": _CRIMEA,
    "ua 43": _CRIMEA,
    "sevastopol": _SEVASTOPOL,
    "sebastopol": _SEVASTOPOL,
    "ua 40": _SEVASTOPOL,
    "dnr": _DNR,
    "dpr": _DNR,
    "donetsk peoples republic": _DNR,
    "lnr": _LNR,
    "lpr": _LNR,
    "luhansk peoples republic": _LNR,
    "lugansk peoples republic": _LNR,
}
"""Sanctioned regions, matched as whole words anywhere in the country text, so
"Sevastopol, Russia" and "Region: Crimea" are caught although they name no country."""

_AMBIGUOUS = {"korea": ("KP", "KR")}
"""Country texts that name two countries; accepted, but never resolved to either."""

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("'", "").replace("\u2019", "")
    return _NON_ALNUM.sub(" ", plain.casefold()).strip()


@dataclass(frozen=True)
class CountryReading:
    """What a free-text country value means for screening."""

    text: str
    code: str | None = None
    """ISO alpha-2 the text resolves to (the region's country for a region)."""
    region: Jurisdiction | None = None
    ambiguous: tuple[str, ...] = ()
    """Candidate codes when the text names several countries (bare "Korea")."""


def read_country(text: str) -> CountryReading | None:
    """Resolve a country value; ``None`` means nobody could tell which country it is."""
    key = _key(text)
    padded = f" {key} "
    for phrase, region in _REGIONS.items():
        if f" {phrase} " in padded:
            return CountryReading(text, "UA", region=region)
    if key in _AMBIGUOUS:
        return CountryReading(text, ambiguous=_AMBIGUOUS[key])
    code = resolve_country(text)
    return CountryReading(text, code) if code else None


def jurisdiction_reasons(country: CountryReading | None) -> tuple[dict, ...]:
    """Reasons a counterparty's country alone makes it not clear.

    The one seam the rules engine (issue 4) replaces: it takes a resolved country and
    returns reason dicts with a decision, nothing else.
    """
    if country is None:
        return ()
    if country.ambiguous:
        codes = " or ".join(country.ambiguous)
        return (
            {
                "code": "ambiguous_country",
                "decision": "review",
                "country": country.text,
                "candidates": list(country.ambiguous),
                "message": f"Country {country.text!r} could be {codes}; it does not say which "
                "Korea, and North Korea is comprehensively sanctioned. Confirm the country.",
            },
        )
    found = country.region or _COUNTRIES.get(country.code or "")
    if found is None:
        return ()
    tier = "comprehensively sanctioned" if found.decision == "block" else "sanctions-exposed"
    return (
        {
            "code": "jurisdiction",
            "decision": found.decision,
            "jurisdiction": found.code,
            "country": country.text,
            "program": found.program,
            "as_of": JURISDICTIONS_AS_OF,
            "message": f"Country {country.text!r} is {found.name} ({found.code}), a {tier} "
            f"jurisdiction under {found.program}.",
        },
    )


# --- screening -----------------------------------------------------------------------------


class Screener:
    """Screens requests against one catalog; cheap to build, safe to share across threads.

    ``rules`` returns the red-flag rule set and reference data; by default they are read
    from ``settings.reference_dir`` the first time a request carries context.
    """

    def __init__(self, catalog: Any, settings: Settings, rules: RulesLoader | None = None) -> None:
        self._catalog = catalog
        self._settings = settings
        self._rules = rules or _cached_rules(settings)

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
        country = self._read_country(request.country)
        shown_from = self._settings.threshold if request.threshold is None else request.threshold
        found = self._catalog.matcher.search(self._query(request, name, country, selected))
        review_at = self._settings.review_threshold
        matches = tuple(m for m in found if m.score >= shown_from or m.score >= review_at)
        reasons = self._name_reasons(matches, selected) + jurisdiction_reasons(country)
        red_flags = None
        if request.context:
            outcome = self._red_flags(request, name)
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
        )

    def _red_flags(self, request: ScreenRequest, name: str) -> Outcome:
        from service.transaction import evaluate_counterparty

        ruleset, reference = self._rules()
        # Name matches are decided above; passing none keeps them from counting twice.
        return evaluate_counterparty(
            request.context or {},
            ruleset,
            reference,
            name=name,
            entity_type=request.entity_type,
            country=request.country,
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
        loaded = tuple(self._catalog.snapshots)
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

    @staticmethod
    def _read_country(text: str | None) -> CountryReading | None:
        if text is None or not text.strip():
            return None
        reading = read_country(text)
        if reading is None:
            raise InvalidScreenRequest(
                "country", f"Unknown country {text!r}: give an ISO 3166 alpha-2 code or name."
            )
        return reading

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


def _cached_rules(settings: Settings) -> RulesLoader:
    """Load the rule set and reference tables once, on first use, thread-safely."""
    lock = threading.Lock()
    loaded: list[tuple[RuleSet, ReferenceData]] = []

    def load() -> tuple[RuleSet, ReferenceData]:
        with lock:
            if not loaded:
                from service.reference import load_all

                loaded.append(load_all(settings))
        return loaded[0]

    return load


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
