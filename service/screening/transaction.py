"""Screen a whole transaction, names and red flags together.

Every party (and the vessel) goes through the same name matcher as ``/v1/screen``; the
matches become the LST-01/LST-02 facts, and the red-flag rule set runs over those facts
plus the ones computed from the transaction itself. Fail closed: with no list loaded,
:class:`ScreeningUnavailable` is raised and no decision is made; a rule that lacks its
inputs is reported as ``not_evaluated``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from service.core import Identifier, Match
from service.rules import RuleSet, evaluate, extract_facts
from service.rules.facts.vessels import imo_digits
from service.rules.model import RuleOutcome
from service.rules.request import Party, TransactionRequest
from service.rules.tables import ReferenceData
from service.screening.catalog import list_versions, require_catalog, select_lists
from service.screening.decision import party_decision
from service.screening.entity_types import entity_type_of
from service.screening.errors import InvalidScreenRequest
from service.screening.hidden import search_as_displayed
from service.screening.query import build_query
from service.screening.rules import reference_versions
from service.screening.screener import now
from service.screening.targets import TargetedMatch, targeted
from service.settings import Settings

if TYPE_CHECKING:
    from service.core.model import Entity
    from service.store.catalog import Catalog


PartyReview = Callable[[Party, list[Match]], list[Match]]
"""A party and its matches -> the matches as shown (some may be marked ``suppressed``)."""


def is_suppressed(match: Match) -> bool:
    """Marked by a suppression (a cleared false positive): shown, never counted."""
    return bool(getattr(match, "suppressed", None))


@dataclass(frozen=True)
class PartyResult:
    id: str
    role: str
    decision: str
    matches: tuple[TargetedMatch, ...]
    """Best first, each with the ``target_id`` of the party it lists (as ``/v1/screen``)."""


@dataclass(frozen=True)
class TransactionResult:
    """What ``POST /v1/screen/transaction`` answers; its schema
    (``service.api.schemas.transaction.TransactionResponseSchema``) dumps it as is."""

    screening_id: str
    decision: str
    risk_score: int
    priority: str
    parties: tuple[PartyResult, ...]
    vessel_matches: tuple[TargetedMatch, ...]
    outcome: RuleOutcome
    lists: dict[str, dict[str, Any]]
    reference: dict[str, Any]
    screened_at: str
    request_id: str | None = None

    @property
    def suppressed(self) -> list[dict[str, Any]]:
        """Which party matches the decision ignored, by which suppression, until when."""
        return [
            {
                "party": party.id,
                "list": m.entity.list,
                "source_id": m.entity.source_id,
                **m.suppressed,  # type: ignore[attr-defined]
            }
            for party in self.parties
            for m in party.matches
            if is_suppressed(m)
        ]

    @property
    def vessel(self) -> dict[str, tuple[TargetedMatch, ...]]:
        """The answer's ``vessel`` object."""
        return {"matches": self.vessel_matches}

    @property
    def versions(self) -> dict[str, Any]:
        """The answer's ``versions``: lists, rule set and reference tables judged with."""
        return {
            "lists": self.lists,
            "ruleset": self.outcome.ruleset_version,
            "reference": self.reference,
        }


def screen_transaction(
    request: TransactionRequest | Mapping[str, Any],
    catalog: Catalog | None,
    ruleset: RuleSet,
    reference: ReferenceData,
    settings: Settings,
    *,
    today: date | None = None,
    review_party: PartyReview | None = None,
) -> TransactionResult:
    """Screen every party and the vessel by name, then run the red-flag rules.

    ``review_party`` (the caller's suppressions) may return a party's matches with some
    marked ``suppressed``: those are shown, but neither the party's decision nor the
    rules count them."""
    req = (
        request
        if isinstance(request, TransactionRequest)
        else TransactionRequest.from_dict(request)
    )
    catalog = require_catalog(catalog)
    if not req.parties:
        raise InvalidScreenRequest("parties", "At least one party is required.")
    lists = select_lists(catalog, req.lists)
    day = today or datetime.now(UTC).date()
    shown = {}
    for p in req.parties:
        found = screen_party(catalog, reference, settings, p, req.lists)
        shown[p.id] = review_party(p, found) if review_party and found else found
    party_matches = {pid: [m for m in ms if not is_suppressed(m)] for pid, ms in shown.items()}
    vessel_matches = screen_vessel(catalog, settings, req)
    listed = _listed_sts_counterparties(catalog, req)
    facts = extract_facts(
        req, reference, ruleset.config, day, party_matches, vessel_matches, listed
    )
    outcome = evaluate(ruleset, facts)
    parties = tuple(
        PartyResult(
            p.id,
            p.role,
            party_decision(party_matches[p.id], settings),
            targeted(catalog, shown[p.id]),
        )
        for p in req.parties
    )
    return TransactionResult(
        screening_id=uuid.uuid4().hex,
        decision=outcome.decision,
        risk_score=outcome.risk_score,
        priority=outcome.priority,
        parties=parties,
        vessel_matches=targeted(catalog, vessel_matches),
        outcome=outcome,
        lists=list_versions(catalog, lists),
        reference=reference_versions(reference),
        screened_at=now(),
        request_id=req.request_id,
    )


def screen_party(
    catalog: Catalog,
    reference: ReferenceData,
    settings: Settings,
    party: Party,
    lists: tuple[str, ...] | None,
) -> list[Match]:
    """One party's name matches, with its countries and identifiers as evidence."""
    if not party.name.strip():
        return []
    query = build_query(
        settings,
        party.name,
        entity_type=entity_type_of(party.entity_type),
        countries=_party_countries(reference, party),
        date_of_birth=party.date_of_birth,
        identifiers=_identifiers(party),
        lists=lists or None,
    )
    return search_as_displayed(catalog.matcher, query)  # a reversed name shown as listed


def screen_vessel(catalog: Catalog, settings: Settings, req: TransactionRequest) -> list[Match]:
    """The vessel's matches by name, plus every listed vessel with its IMO number."""
    vessel = req.shipment.vessel if req.shipment else None
    if vessel is None:
        return []
    imo = imo_digits(vessel.imo) if vessel.imo else None
    found: list[Match] = []
    if vessel.name and vessel.name.strip():
        query = build_query(
            settings,
            vessel.name,
            entity_type="vessel",
            identifiers=(Identifier("imo", imo),) if imo else (),
            lists=req.lists or None,
        )
        found = list(catalog.matcher.search(query))
    if imo:
        known = {m.entity.key for m in found}
        for entity in catalog.entities_by_imo.get(imo, ()):
            if entity.key not in known and (not req.lists or entity.list in req.lists):
                found.append(Match(entity, f"IMO {imo}", 1.0, 1.0, {"match_type": "imo"}))
    return found


def _party_countries(reference: ReferenceData, party: Party) -> tuple[str, ...]:
    codes = []
    for text in (
        party.country,
        party.nationality,
        party.address.country if party.address else None,
    ):
        code = reference.geo.country(text).code
        if code:
            codes.append(code)
    return tuple(dict.fromkeys(codes))


def _identifiers(party: Party) -> tuple[Identifier, ...]:
    out = []
    for raw in party.identifiers:
        if raw.get("type") and raw.get("value"):
            out.append(Identifier(str(raw["type"]), str(raw["value"]), raw.get("country")))
    return tuple(out)


def _listed_sts_counterparties(
    catalog: Catalog, req: TransactionRequest
) -> dict[str, tuple[Entity, ...]]:
    """Listed vessels among the ship-to-ship counterparties, by IMO."""
    vessel = req.shipment.vessel if req.shipment else None
    index = catalog.entities_by_imo if vessel and vessel.sts_events else {}
    found = {}
    for event in (vessel.sts_events or ()) if vessel else ():
        imo = imo_digits(event.get("counterparty_imo"))
        if imo and imo in index:
            found[imo] = index[imo]
    return found
