"""Service layer: screen a whole transaction, names and red flags together.

Every party (and the vessel) goes through the same name matcher as ``/v1/screen``; the
matches become the LST-01/LST-02 facts, and the red-flag rule set runs over those facts
plus the ones computed from the transaction itself. Shared by the HTTP API, batch jobs
and the CLI so they all decide the same way.

Fail closed: with no list loaded, :class:`ScreeningUnavailable` is raised and no
decision is made; a rule that lacks its inputs is reported as ``not_evaluated``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from service.core import Identifier, Match, Query
from service.rules import RuleSet, extract_facts
from service.rules.engine import evaluate
from service.rules.facts import contradicted
from service.rules.geo import CountryResolution
from service.rules.model import Outcome
from service.rules.request import Party, TransactionRequest
from service.rules.tables import ReferenceData
from service.rules.vessel import imo_digits
from service.screening import (
    InvalidScreenRequest,
    ScreeningUnavailable,
    reference_versions,
    select_lists,
)
from service.settings import Settings

_ENTITY_TYPES = {
    "individual": "person",
    "person": "person",
    "organization": "organization",
    "organisation": "organization",
    "company": "organization",
    "vessel": "vessel",
    "aircraft": "aircraft",
}


@dataclass(frozen=True)
class PartyResult:
    id: str
    role: str
    decision: str
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class TransactionResult:
    screening_id: str
    decision: str
    risk_score: int
    priority: str
    parties: tuple[PartyResult, ...]
    vessel_matches: tuple[Match, ...]
    outcome: Outcome
    lists: dict[str, dict[str, Any]]
    reference: dict[str, Any]
    screened_at: str
    request_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready response body (issue 4's response shape)."""
        return {
            "screening_id": self.screening_id,
            "request_id": self.request_id,
            "decision": self.decision,
            "risk_score": self.risk_score,
            "priority": self.priority,
            "parties": [
                {
                    "id": p.id,
                    "role": p.role,
                    "decision": p.decision,
                    "matches": [match_to_dict(m) for m in p.matches],
                }
                for p in self.parties
            ],
            "vessel": {
                "matches": [match_to_dict(m) for m in self.vessel_matches],
            },
            "rule_hits": [h.to_dict() for h in self.outcome.hits],
            "not_evaluated": [n.to_dict() for n in self.outcome.not_evaluated],
            "versions": {
                "lists": self.lists,
                "ruleset": self.outcome.ruleset_version,
                "reference": self.reference,
            },
            "screened_at": self.screened_at,
        }


def match_to_dict(m: Match) -> dict[str, Any]:
    e = m.entity
    return {
        "list": e.list,
        "source_id": e.source_id,
        "name": e.name,
        "matched_name": m.matched_name,
        "entity_type": e.entity_type,
        "score": round(float(m.score), 4),
        "programs": list(e.programs),
        "countries": list(e.countries),
    }


def screen_transaction(
    request: TransactionRequest | Mapping[str, Any],
    catalog: Any,
    ruleset: RuleSet,
    reference: ReferenceData,
    settings: Settings,
    *,
    today: date | None = None,
) -> TransactionResult:
    """Screen every party and the vessel by name, then run the red-flag rules."""
    req = (
        request
        if isinstance(request, TransactionRequest)
        else TransactionRequest.from_dict(request)
    )
    if catalog is None or not getattr(catalog, "snapshots", None) or catalog.matcher is None:
        raise ScreeningUnavailable("No sanctions list is loaded; screening is unavailable.")
    if not req.parties:
        raise InvalidScreenRequest("parties", "At least one party is required.")
    lists = select_lists(catalog, req.lists)
    day = today or datetime.now(UTC).date()
    party_matches = {
        p.id: _screen_party(catalog, reference, settings, p, req.lists) for p in req.parties
    }
    vessel_matches = _screen_vessel(catalog, settings, req)
    listed = _listed_sts_counterparties(catalog, req)
    facts = extract_facts(
        req, reference, ruleset.config, day, party_matches, vessel_matches, listed
    )
    outcome = evaluate(ruleset, facts)
    parties = tuple(
        PartyResult(
            p.id, p.role, _party_decision(party_matches[p.id], settings), tuple(party_matches[p.id])
        )
        for p in req.parties
    )
    return TransactionResult(
        screening_id=uuid.uuid4().hex,
        decision=outcome.decision,
        risk_score=outcome.risk_score,
        priority=outcome.priority,
        parties=parties,
        vessel_matches=tuple(vessel_matches),
        outcome=outcome,
        lists={lid: catalog.versions().get(lid, {}) for lid in lists},
        reference=reference_versions(reference),
        screened_at=datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        request_id=req.request_id,
    )


def evaluate_counterparty(
    context: Mapping[str, Any],
    ruleset: RuleSet,
    reference: ReferenceData,
    *,
    name: str,
    entity_type: str | None = None,
    country: str | None = None,
    matches: Sequence[Match] = (),
    today: date | None = None,
) -> Outcome:
    """Red flags for a single counterparty (``POST /v1/screen`` optional context).

    ``context`` holds the optional fields ``address``, ``industry``, ``website``,
    ``web_presence``, ``physical_office``, ``incorporation_date`` and ``goods`` (a list
    of goods lines). ``matches`` are the name matches ``/v1/screen`` already found (they
    feed LST-01); pass none to leave the name decision to the caller. Rules that need a
    transaction (payer, vessel, route) come back as ``not_evaluated``.
    """
    party: dict[str, Any] = {"id": "counterparty", "role": "counterparty", "name": name}
    if entity_type:
        party["entity_type"] = entity_type
    if country:
        party["country"] = country
    for key in (
        "address",
        "industry",
        "website",
        "web_presence",
        "physical_office",
        "incorporation_date",
    ):
        if key in context:
            party[key] = context[key]
    req = TransactionRequest.from_dict(
        {"parties": [party], "goods": list(context.get("goods") or ())}
    )
    day = today or datetime.now(UTC).date()
    facts = extract_facts(
        req, reference, ruleset.config, day, {"counterparty": list(matches)}, None
    )
    return evaluate(ruleset, facts)


# --- name screening ----------------------------------------------------------------------


def _party_countries(reference: ReferenceData, party: Party) -> tuple[str, ...]:
    codes = []
    for text in (
        party.country,
        party.nationality,
        party.address.country if party.address else None,
    ):
        res: CountryResolution = reference.geo.country(text)
        if res.code:
            codes.append(res.code)
    return tuple(dict.fromkeys(codes))


def _identifiers(party: Party) -> tuple[Identifier, ...]:
    out = []
    for raw in party.identifiers:
        if raw.get("type") and raw.get("value"):
            out.append(Identifier(str(raw["type"]), str(raw["value"]), raw.get("country")))
    return tuple(out)


def _screen_party(
    catalog: Any,
    reference: ReferenceData,
    settings: Settings,
    party: Party,
    lists: tuple[str, ...] | None,
) -> list[Match]:
    if not party.name.strip():
        return []
    query = Query(
        name=party.name,
        entity_type=_ENTITY_TYPES.get((party.entity_type or "").lower()),  # type: ignore[arg-type]
        countries=_party_countries(reference, party),
        date_of_birth=party.date_of_birth,
        identifiers=_identifiers(party),
        lists=frozenset(lists) if lists else None,
        threshold=min(settings.threshold, settings.review_threshold),
        limit=settings.max_matches,
    )
    return list(catalog.matcher.search(query))


def _screen_vessel(catalog: Any, settings: Settings, req: TransactionRequest) -> list[Match]:
    vessel = req.shipment.vessel if req.shipment else None
    if vessel is None:
        return []
    imo = imo_digits(vessel.imo) if vessel.imo else None
    found: list[Match] = []
    if vessel.name and vessel.name.strip():
        query = Query(
            name=vessel.name,
            entity_type="vessel",
            identifiers=(Identifier("imo", imo),) if imo else (),
            lists=frozenset(req.lists) if req.lists else None,
            threshold=min(settings.threshold, settings.review_threshold),
            limit=settings.max_matches,
        )
        found = list(catalog.matcher.search(query))
    if imo:
        known = {m.entity.key for m in found}
        for entity in catalog.entities_by_imo.get(imo, ()):
            if entity.key not in known and (not req.lists or entity.list in req.lists):
                found.append(Match(entity, f"IMO {imo}", 1.0, 1.0, {"match_type": "imo"}))
    return found


def _listed_sts_counterparties(catalog: Any, req: TransactionRequest) -> dict[str, list[Any]]:
    """Listed vessels among the ship-to-ship counterparties, by IMO."""
    vessel = req.shipment.vessel if req.shipment else None
    index = catalog.entities_by_imo if vessel and vessel.sts_events else {}
    found = {}
    for event in (vessel.sts_events or ()) if vessel else ():
        imo = imo_digits(event.get("counterparty_imo"))
        if imo and imo in index:
            found[imo] = index[imo]
    return found


def _party_decision(matches: Sequence[Match], settings: Settings) -> str:
    """The same bands as LST-01: block only for an uncontradicted match at the block score."""
    if any(m.score >= settings.block_threshold and not contradicted(m) for m in matches):
        return "block"
    if any(m.score >= settings.review_threshold for m in matches):
        return "review"
    return "clear"
