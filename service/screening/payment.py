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
import threading
import uuid
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from service.core import Identifier, Match, Query
from service.payments import (
    Message,
    Party,
    TextHit,
    TextScanner,
    Transaction,
    XmlLimits,
    entity_terms,
    parse_message,
    reference_terms,
)
from service.rules import ReferenceData, RuleSet, TransactionRequest, evaluate, extract_facts
from service.rules.config import DECISIONS
from service.rules.facts.countries import bic_country
from service.rules.facts.matches import contradicted
from service.screening.catalog import is_loaded
from service.screening.errors import ScreeningUnavailable
from service.screening.jurisdiction import jurisdiction_reasons, read_country
from service.screening.payment_subject import party_country, subject_party
from service.screening.rules import Rules, load_rules, reference_versions
from service.screening.transaction import PartyReview, is_suppressed
from service.settings import Settings

CUSTOMER_ROLES = {
    "debtor": ("payer", "payer"),
    "ultimate_debtor": ("ultimate_debtor", "ultimate_debtor"),
    "creditor": ("payee", "seller"),
    "ultimate_creditor": ("beneficiary", "beneficiary"),
    "initiating_party": ("initiating_party", "initiating_party"),
}
"""Message role -> the role the red-flag rules know, (for any payment, for a trade
payment). The debtor pays; when the text names goods the payment is for a trade and the
creditor is the seller. An ultimate debtor is only on whose behalf the debtor pays (a
parent, a payment factory): the message does not say it bought the goods, so it is the
buyer only when the bank says so (``context["ultimate_debtor"]["role"] = "buyer"``);
otherwise the third-party-payer rule would fire on every payment made on behalf."""
BLOCKING_GROUPS = frozenset({"dprk_port", "crimea", "dnr_lnr", "occupied_ua", "iran_port"})
"""Place groups that name a sanctioned jurisdiction wherever they appear."""
_SCAN_KINDS = frozenset({"name", "vessel", "bic", "imo"})
_TEXT_MEMO = 16_384
_PARTY_MEMO = 32_768


class PaymentRulesUnavailable(ScreeningUnavailable):
    """The reference tables the scanner needs could not be read."""


@dataclass(frozen=True)
class PaymentHit:
    """One finding, with the message field it came from."""

    transaction: int
    field: str
    value: str
    kind: str
    """name | bic | country | place | vessel | goods | rule"""
    decision: str
    offsets: tuple[int, int] | None = None
    match: dict[str, Any] | None = None
    rule: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "transaction": self.transaction,
            "field": self.field,
            "value": self.value,
            "kind": self.kind,
            "decision": self.decision,
        }
        if self.offsets is not None:
            out["offsets"] = list(self.offsets)
        if self.match is not None:
            out["match"] = self.match
        if self.rule is not None:
            out["rule"] = self.rule
        return out


@dataclass(frozen=True)
class TransactionResult:
    index: int
    field: str
    end_to_end_id: str | None
    uetr: str | None
    amount: str | None
    currency: str | None
    decision: str
    risk_score: int
    hits: tuple[PaymentHit, ...]
    rules: dict[str, Any]
    suppressed: tuple[dict[str, Any], ...] = ()
    """Party matches the decision ignored: party role, list, source_id, the suppression."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "field": self.field,
            "end_to_end_id": self.end_to_end_id,
            "uetr": self.uetr,
            "amount": self.amount,
            "currency": self.currency,
            "decision": self.decision,
            "action": action(self.decision),
            "risk_score": self.risk_score,
            "hits": [h.to_dict() for h in self.hits],
            "rules": self.rules,
            "suppressed": [dict(s) for s in self.suppressed],
        }


@dataclass(frozen=True)
class PaymentResult:
    screening_id: str
    decision: str
    message: Message
    transactions: tuple[TransactionResult, ...]
    lists: dict[str, dict[str, Any]]
    versions: dict[str, Any]
    screened_at: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def action(self) -> str:
        return action(self.decision)

    def to_dict(self) -> dict[str, Any]:
        msg = self.message
        return {
            "screening_id": self.screening_id,
            "decision": self.decision,
            "action": self.action,
            "message": {
                "format": msg.format,
                "type": msg.type,
                "version": msg.version,
                "variant": msg.variant,
                "message_id": msg.message_id,
                "transactions": len(msg.transactions),
            },
            "transactions": [t.to_dict() for t in self.transactions],
            "hits": [h.to_dict() for t in self.transactions for h in t.hits],
            "suppressed": [
                {"transaction": t.index, **s} for t in self.transactions for s in t.suppressed
            ],
            "versions": {"lists": self.lists, **self.versions},
            "screened_at": self.screened_at,
        }


def action(decision: str) -> str:
    """What the payment system should do: only a clear payment is released."""
    return "release" if decision == "clear" else "hold"


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


# --- the transaction as the rules see it -------------------------------------------------


def transaction_request(
    tx: Transaction,
    text_hits: list[tuple[str, str, TextHit]],
    context: Mapping[str, Any],
    day: date,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The JSON transaction (``/v1/screen/transaction`` shape) a message amounts to, and
    which message field each of its paths came from (for the rules' evidence)."""
    paths: dict[str, str] = {}
    by_role = {p.role: p for p in tx.parties}
    customer = {
        r[len("underlying_") :]: p for r, p in by_role.items() if r.startswith("underlying_")
    }
    if not customer:
        customer = {r: p for r, p in by_role.items() if not p.agent}
    parties = []
    trade = any(hit.term.kind == "goods" for _, _, hit in text_hits)
    for role, (plain, traded) in CUSTOMER_ROLES.items():
        party = customer.get(role)
        if party is None or party.agent or party.name is None:
            continue
        rule_role = traded if trade else plain
        entry: dict[str, Any] = {"id": role, "role": rule_role, "name": party.name.text}
        country = party_country(party)
        if country:
            entry["country"] = country
        lines = [v.text for v in party.address_lines]
        if lines or party.town or party.country:
            entry["address"] = {
                "lines": lines,
                **({"city": party.town.text} if party.town else {}),
                **({"country": party.country.text} if party.country else {}),
            }
        ids = [{"type": i.type, "value": i.value} for i in party.identifiers if i.type != "iban"]
        if ids:
            entry["identifiers"] = ids
        entry.update(context.get(role, {}))  # type: ignore[arg-type]
        paths[f"parties[{len(parties)}]"] = party.name.field
        parties.append(entry)
    agents = {r.removeprefix("underlying_"): p for r, p in by_role.items() if p.agent}
    ordering = _bic(agents.get("debtor_agent"))
    beneficiary = _bic(agents.get("creditor_agent"))
    bic_fields = {p.bic.value: p.bic.field for p in tx.parties if p.bic is not None}
    route = [
        b
        for r, p in by_role.items()
        if p.agent
        and r.removeprefix("underlying_") not in ("debtor_agent", "creditor_agent")
        and (b := _bic(p))
    ]
    payment: dict[str, Any] = {
        "amount": float(tx.amount) if tx.amount is not None else None,
        "currency": tx.currency,
        "intermediary_bics": list(
            dict.fromkeys(b for b in route if b not in (ordering, beneficiary))
        ),
        "purpose": " / ".join(t.text for t in tx.texts if t.kind in ("remittance", "purpose"))
        or None,
    }
    for i, b in enumerate(payment["intermediary_bics"]):
        paths[f"payment.intermediary_bics[{i}]"] = bic_fields[b]
    if ordering:
        payment["ordering_bank_bic"] = ordering
        paths["payment.ordering_bank_bic"] = bic_fields[ordering]
    if beneficiary:
        payment["beneficiary_bank_bic"] = beneficiary
        paths["payment.beneficiary_bank_bic"] = bic_fields[beneficiary]
    texts = [t for t in tx.texts if t.kind in ("remittance", "purpose")]
    if texts:
        paths["payment.purpose"] = texts[0].field
    for where, _, hit in text_hits:
        if hit.term.kind == "goods":
            paths.setdefault("goods", where)
        elif hit.term.kind in ("place", "vessel", "imo"):
            paths.setdefault("shipment", where)
    if tx.settlement_date:
        payment["value_date"] = tx.settlement_date
    request: dict[str, Any] = {"as_of": day.isoformat(), "parties": parties, "payment": payment}
    ids = {p["id"] for p in parties}
    links = [r for r in context.get("relationships", ()) if {r.get("from"), r.get("to")} <= ids]
    if links:
        request["relationships"] = links
    goods = _goods(tx, text_hits)
    if goods:
        request["goods"] = goods
    shipment = _shipment(text_hits)
    if shipment:
        request["shipment"] = shipment
    return request, paths


def _goods(tx: Transaction, text_hits: list[tuple[str, str, TextHit]]) -> list[dict[str, Any]]:
    """One goods line per restricted category the text names, for the whole amount (the
    message does not say how it splits)."""
    seen: dict[str, dict[str, Any]] = {}
    for _, _, hit in text_hits:
        if hit.term.kind == "goods" and hit.term.key not in seen:
            seen[hit.term.key] = {
                "description": hit.found,
                "value": float(tx.amount) if tx.amount is not None else None,
                "currency": tx.currency,
            }
    return list(seen.values())


_FROM = re.compile(r"\b(?:EX|FROM|LOADING|LOADED|POL)\W+$", re.IGNORECASE)
_TO = re.compile(r"\b(?:TO|DISCHARGE|DISCHARGING|POD|DEST(?:INATION)?)\W+$", re.IGNORECASE)


def _shipment(text_hits: list[tuple[str, str, TextHit]]) -> dict[str, Any]:
    """Ports and vessel named in the text: a place after FROM/EX is the loading port, after
    TO the discharge port, any other a port the voyage touches."""
    out: dict[str, Any] = {}
    via = []
    vessel: dict[str, Any] = {}
    for _, text, hit in text_hits:
        kind = hit.term.kind
        if kind == "place":
            before = text[max(0, hit.start - 16) : hit.start]
            name = hit.term.key
            if _FROM.search(before) and "port_of_loading" not in out:
                out["port_of_loading"] = name
            elif _TO.search(before) and "port_of_discharge" not in out:
                out["port_of_discharge"] = name
            else:
                via.append(name)
        elif kind == "vessel" and "name" not in vessel:
            vessel["name"] = hit.found
        elif kind == "imo" and "imo" not in vessel:
            vessel["imo"] = hit.term.text.removeprefix("IMO ")
    if via:
        out["transshipment_ports"] = list(dict.fromkeys(via))
    if vessel:
        out["vessel"] = vessel
    return out


# --- helpers -----------------------------------------------------------------------------


_SCANNERS: dict[int, TextScanner] = {}
_SCANNERS_LOCK = threading.Lock()


def scanner_for(catalog: Any, tables: Callable[[], Mapping[str, Mapping[str, Any]]]) -> TextScanner:
    """The text index of ``catalog``, built once per catalog and process (several apps,
    a reload's new state, tests: one index), dropped when the catalog is freed."""
    with _SCANNERS_LOCK:
        found = _SCANNERS.get(id(catalog))
        if found is None:
            found = _SCANNERS[id(catalog)] = build_scanner(catalog, tables())
            weakref.finalize(catalog, _SCANNERS.pop, id(catalog), None)
        return found


def build_scanner(catalog: Any, tables: Mapping[str, Mapping[str, Any]]) -> TextScanner:
    entities = [e for snap in catalog.snapshots.values() for e in snap.entities]
    terms, ids = entity_terms(entities)
    return TextScanner(terms + reference_terms(tables), ids)


def load_tables(settings: Settings) -> dict[str, dict[str, Any]]:
    """The reference tables the scanner reads (places, countries, goods), once."""
    import yaml

    base = settings.reference_dir / "reference"
    out = {}
    for name in ("places", "countries", "goods"):
        path = base / f"{name}.yaml"
        try:
            with path.open(encoding="utf-8") as fh:
                out[name] = yaml.safe_load(fh)
        except OSError as exc:
            raise PaymentRulesUnavailable(f"Reference table {path} cannot be read: {exc}") from exc
    return out


def _identifiers(party: Party) -> list[Identifier]:
    out = []
    for ident in party.identifiers:
        if ident.type in ("iban", "account", "clearing"):
            continue  # account numbers are not on the lists; they would only add noise
        out.append(Identifier(ident.type, ident.value, ident.country))
        if ident.type == "bic" and len(ident.value) == 11:
            out.append(Identifier("bic", ident.value[:8]))  # a listed BIC8 covers branches
    return out


def _bic(party: Party | None) -> str | None:
    bic = party.bic if party is not None else None
    return bic.value if bic is not None else None


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
