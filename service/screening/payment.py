"""Service layer: screen a payment message (ISO 20022 or SWIFT FIN) field by field.

Shared by the HTTP endpoint, the bench and (later) batch jobs. For each transaction of
the message:

1. every party and agent is screened as ``/v1/screen`` screens a counterparty: its name
   with its country and identifiers; a BIC is an identifier (an exact listed BIC is
   decisive) and its country letters place the bank for the jurisdiction check;
2. every free-text field (remittance, instructions, regulatory text, purpose, address
   lines) goes through the text scanner (listed names, vessels, IMO numbers, BICs,
   places, sanctioned-country terms, goods words);
3. the red-flag rules see the transaction (parties by role, the agents' BICs as the
   payment route, amount and currency, the goods and vessels the text names, the text
   itself as the payment's purpose), with the bank's own knowledge of its customers
   (``context``: industry, web presence ...) merged in by role when given.

A party's match cleared as a false positive for that party (``review_party``, the
caller's suppressions, the same as for ``/v1/screen/transaction``; the subject is
:func:`service.screening.payment_subject.subject_party`) is shown with ``suppressed`` and
a ``clear`` hit, and neither the decision nor the rules count it.

Each hit names the message field it came from. Fail closed: no list or no rule set ->
:class:`ScreeningUnavailable`; a malformed message -> :class:`MessageError`, never a
``clear``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from service.core import Identifier, Match, Query
from service.payments import (
    Party,
    TextHit,
    TextScanner,
    Transaction,
    XmlLimits,
    parse_message,
)
from service.rules import ReferenceData, RuleSet, TransactionRequest, evaluate, extract_facts
from service.rules.config import DECISIONS
from service.rules.facts.countries import bic_country
from service.rules.facts.matches import contradicted
from service.screening.catalog import is_loaded
from service.screening.errors import ScreeningUnavailable
from service.screening.jurisdiction import jurisdiction_reasons, read_country
from service.screening.payment_request import transaction_request
from service.screening.payment_result import PaymentHit, PaymentResult, TransactionResult
from service.screening.payment_scanner import load_tables, scanner_for
from service.screening.payment_subject import party_country, subject_party
from service.screening.rules import Rules, load_rules, reference_versions
from service.screening.transaction import PartyReview, is_suppressed
from service.settings import Settings

BLOCKING_GROUPS = frozenset({"dprk_port", "crimea", "dnr_lnr", "occupied_ua", "iran_port"})
"""Place groups that name a sanctioned jurisdiction wherever they appear."""
_SCAN_KINDS = frozenset({"name", "vessel", "bic", "imo"})
_TEXT_MEMO = 16_384
_PARTY_MEMO = 32_768


class PaymentScreener:
    """Screens payment messages against one catalog. Build it where the catalog is built
    (the gunicorn master): the text index over every listed name is built here, once."""

    def __init__(
        self,
        catalog: Any,
        settings: Settings,
        rules: Rules | None = None,
        tables: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self._catalog = catalog
        self._settings = settings
        self._scanner: TextScanner | None = None
        self._rules: Rules | None = None
        self._searched: dict[Query, list[Match]] = {}
        self._countries: dict[tuple, tuple[dict, ...]] = {}
        if self.available:
            self._rules = rules or load_rules(settings)
            self._scanner = scanner_for(catalog, lambda: tables or load_tables(settings))
            self._scan = lru_cache(maxsize=_TEXT_MEMO)(self._scanner.scan)

    @property
    def available(self) -> bool:
        return is_loaded(self._catalog)

    def screen(
        self,
        data: bytes | str,
        format: str | None = None,
        *,
        context: Mapping[str, Mapping[str, Any]] | None = None,
        as_of: str | None = None,
        limits: XmlLimits | None = None,
        review_party: PartyReview | None = None,
    ) -> PaymentResult:
        """Parse and screen one message; :class:`MessageError` for malformed input.

        ``review_party`` (the caller's suppressions) may return a party's matches with
        some marked ``suppressed``: those are shown, but neither the decision nor the
        rules count them."""
        if not self.available or self._scanner is None or self._rules is None:
            raise ScreeningUnavailable("No sanctions list is loaded; screening is unavailable.")
        message = parse_message(data, format, limits)
        ruleset, reference = self._rules
        day = date.fromisoformat(as_of[:10]) if as_of else datetime.now(UTC).date()
        txs = tuple(
            self._transaction(tx, ruleset, reference, day, context or {}, review_party)
            for tx in message.transactions
        )
        return PaymentResult(
            screening_id=uuid.uuid4().hex,
            decision=worst(t.decision for t in txs),
            message=message,
            transactions=txs,
            lists={lid: self._catalog.versions().get(lid, {}) for lid in self._catalog.snapshots},
            versions={
                "ruleset": ruleset.version,
                "reference": reference_versions(reference),
            },
            screened_at=datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        )

    # --- one transaction ---------------------------------------------------------------

    def _transaction(
        self,
        tx: Transaction,
        ruleset: RuleSet,
        reference: ReferenceData,
        day: date,
        context: Mapping[str, Mapping[str, Any]],
        review_party: PartyReview | None = None,
    ) -> TransactionResult:
        regimes = frozenset(ruleset.config.get("default_regimes", ("UN", "US", "EU", "UK")))
        hits: list[PaymentHit] = []
        matches: dict[str, list[Match]] = {}
        suppressed: list[dict[str, Any]] = []
        for party in tx.parties:
            found = self._party_matches(party, reference)
            if review_party and found:
                found = review_party(subject_party(party, context), found)
                suppressed += [_suppressed(party.role, m) for m in found if is_suppressed(m)]
            matches[party.role] = [m for m in found if not is_suppressed(m)]
            hits += self._party_hits(tx.index, party, found)
            hits += self._jurisdiction_hits(tx.index, party, reference, day, regimes)
        text_hits: list[tuple[str, str, TextHit]] = []
        for value in [*tx.texts, *(v for p in tx.parties for v in p.texts())]:
            for hit in self._scan(value.text):
                text_hits.append((value.field, value.text, hit))
                if hit.term.kind == "place" and not (hit.term.payload or {}).get("groups"):
                    continue  # a place of no concern: it only tells the rules the route
                hits.append(self._text_hit(tx.index, value.field, hit, reference, day, regimes))
        request, paths = transaction_request(tx, text_hits, context, day)
        party_matches = {pid: matches.get(pid, []) for pid in _party_ids(request)}
        vessels = [_as_match(h) for _, _, h in text_hits if h.term.kind in ("vessel", "imo")]
        facts = extract_facts(
            TransactionRequest.from_dict(request),
            reference,
            ruleset.config,
            day,
            party_matches,
            vessels,
        )
        outcome = evaluate(ruleset, facts)
        for rule in outcome.hits:
            where = _rule_field(rule.evidence, paths, tx.field)
            hits.append(
                PaymentHit(
                    tx.index, where, rule.title, "rule", _rule_decision(rule), rule=rule.to_dict()
                )  # fmt: skip
            )
        decision = worst([outcome.decision, *(h.decision for h in hits)])
        return TransactionResult(
            index=tx.index,
            field=tx.field,
            end_to_end_id=tx.end_to_end_id,
            uetr=tx.uetr,
            amount=str(tx.amount) if tx.amount is not None else None,
            currency=tx.currency,
            decision=decision,
            risk_score=outcome.risk_score,
            hits=tuple(hits),
            rules={
                "decision": outcome.decision,
                "risk_score": outcome.risk_score,
                "priority": outcome.priority,
                "not_evaluated": [n.to_dict() for n in outcome.not_evaluated],
            },
            suppressed=tuple(suppressed),
        )

    def _party_matches(self, party: Party, reference: ReferenceData) -> list[Match]:
        ids = tuple(_identifiers(party))
        name = party.name.text if party.name else ""
        if not name and not ids:
            return []
        countries = tuple(c for c in (party_country(party),) if c)
        query = Query(
            name=name,
            entity_type="organization" if party.agent else None,
            countries=countries,
            identifiers=ids,
            threshold=min(self._settings.threshold, self._settings.review_threshold),
            limit=self._settings.max_matches,
        )
        found = self._searched.get(query)
        if found is None:
            # Customers and banks recur from payment to payment: a repeated party costs
            # one dictionary lookup (bounded; the catalog never changes under a screener).
            found = [
                m
                for m in self._catalog.matcher.search(query)
                if m.score >= self._settings.review_threshold
            ]
            if len(self._searched) < _PARTY_MEMO:
                self._searched[query] = found
        return found

    def _party_hits(self, index: int, party: Party, found: list[Match]) -> list[PaymentHit]:
        out = []
        for m in found:
            by_id = [i for i in m.explanation.get("identifiers", ()) if i.get("decisive")]
            bic = party.bic
            if (
                by_id
                and bic is not None
                and not (party.name and m.explanation.get("name_score", 0) >= m.score)
            ):
                field, value, kind = bic.field, bic.value, "bic"
            elif party.name is not None:
                field, value, kind = party.name.field, party.name.text, "name"
            else:
                ident = next((i for i in party.identifiers), None)
                field, value, kind = (
                    (ident.field, ident.value, ident.type) if ident else (party.field, "", "name")
                )
                kind = "bic" if kind == "bic" else "name"
            match = _match_json(m, party.role, self._catalog.target_of(m.entity))
            decision = "clear" if is_suppressed(m) else self._decision(m)
            out.append(PaymentHit(index, field, value, kind, decision, match=match))
        return out

    def _jurisdiction_hits(
        self, index: int, party: Party, reference: ReferenceData, day: date, regimes: frozenset
    ) -> list[PaymentHit]:
        """The party's stated country and, for a bank, its BIC's country letters."""
        out = []
        seen: set[str] = set()
        places = []
        if party.country is not None:
            places.append((party.country.field, party.country.text, party.country.text))
        bic = party.bic
        if bic is not None and bic_country(bic.value):
            places.append((bic.field, bic.value, bic_country(bic.value) or ""))
        for where, value, code in places:
            if code in seen:
                continue
            seen.add(code)
            key = (code, day, regimes)
            reasons = self._countries.get(key)
            if reasons is None:
                reading = read_country(code, reference.geo)
                reasons = jurisdiction_reasons(reading, reference.geo, day, regimes)
                if len(self._countries) < _PARTY_MEMO:
                    self._countries[key] = reasons
            for reason in reasons:
                out.append(PaymentHit(index, where, value, "country", reason["decision"],
                                      rule={**reason, "role": party.role}))  # fmt: skip
        return out

    def _text_hit(
        self,
        index: int,
        where: str,
        hit: TextHit,
        reference: ReferenceData,
        day: date,
        regimes: frozenset,
    ) -> PaymentHit:
        kind = hit.term.kind
        offsets = (hit.start, hit.end)
        detail = hit.to_dict()
        if kind in _SCAN_KINDS:
            entity = hit.term.payload
            decision = "block" if hit.score >= self._settings.block_threshold else "review"
            match = {
                "list": entity.list,
                "source_id": entity.source_id,
                "name": entity.name,
                "matched_name": hit.term.text,
                "entity_type": entity.entity_type,
                "score": round(hit.score, 4),
                "programs": list(entity.programs),
                "explanation": detail,
            }
            shown = "vessel" if kind in ("vessel", "imo") else kind
            return PaymentHit(index, where, hit.found, shown, decision, offsets, match=match)
        decision = "clear"
        if kind == "place":
            place = hit.term.payload or {}
            if set(place.get("groups", ())) & BLOCKING_GROUPS:
                decision = "block"
            detail["place"] = {k: place.get(k) for k in ("name", "country", "groups", "region")}
        elif kind == "country":
            code = hit.term.key
            reasons = jurisdiction_reasons(read_country(code, reference.geo), reference.geo,
                                           day, regimes)  # fmt: skip
            decision = worst(r["decision"] for r in reasons)
            detail["jurisdiction"] = [dict(r) for r in reasons]
        return PaymentHit(index, where, hit.found, kind, decision, offsets, match=detail)

    def _decision(self, m: Match) -> str:
        if m.score >= self._settings.block_threshold and not contradicted(m):
            return "block"
        return "review"


def _suppressed(role: str, m: Match) -> dict[str, Any]:
    return {
        "party": role,
        "list": m.entity.list,
        "source_id": m.entity.source_id,
        **m.suppressed,  # type: ignore[attr-defined]
    }


# --- helpers -----------------------------------------------------------------------------


def _identifiers(party: Party) -> list[Identifier]:
    out = []
    for ident in party.identifiers:
        if ident.type in ("iban", "account", "clearing"):
            continue  # account numbers are not on the lists; they would only add noise
        out.append(Identifier(ident.type, ident.value, ident.country))
        if ident.type == "bic" and len(ident.value) == 11:
            out.append(Identifier("bic", ident.value[:8]))  # a listed BIC8 covers branches
    return out


def _party_ids(request: Mapping[str, Any]) -> list[str]:
    return [p["id"] for p in request.get("parties", ())]


def _as_match(hit: TextHit) -> Match:
    entity = hit.term.payload
    return Match(entity, hit.term.text, hit.score, hit.score, {"text": hit.to_dict()})


def _match_json(m: Match, role: str, target_id: str) -> dict[str, Any]:
    """A name hit's match, with the target it lists (as ``/v1/screen`` says it)."""
    e = m.entity
    return {
        "list": e.list,
        "source_id": e.source_id,
        "name": e.name,
        "matched_name": m.matched_name,
        "entity_type": e.entity_type,
        "score": round(float(m.score), 4),
        "programs": list(e.programs),
        "role": role,
        "explanation": dict(m.explanation),
        "target_id": target_id,
        **({"suppressed": dict(m.suppressed)} if is_suppressed(m) else {}),  # type: ignore[attr-defined]
    }


def _rule_decision(rule: Any) -> str:
    return {"block": "block", "review": "review"}.get(rule.severity, "clear")


def _rule_field(evidence: Any, paths: Mapping[str, str], default: str) -> str:
    """The message field a rule's first evidence points at (``parties[2].address`` -> the
    party's name field), else the transaction."""
    for item in evidence or ():
        path = str(item.get("path") or "")
        for prefix in (re.sub(r"\.[^.\[]*$", "", path), path.split(".")[0], path.split("[")[0]):
            if path in paths:
                return paths[path]
            if prefix in paths:
                return paths[prefix]
    return default


def worst(decisions: Any) -> str:
    return max(decisions, key=DECISIONS.index, default="clear")
