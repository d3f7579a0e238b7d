"""What an alert is opened from: a screening's request and answer, as recorded.

Pure: the HTTP layer hands over the request body, the answer as sent and what each
matched list entry said (its facets, taken from the catalog the screening used), and gets
back a :class:`NewAlert`, or ``None`` for a clear answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from service.alerts.subject import fingerprint, match_key, subject_key

SOURCES = ("screen", "transaction", "batch", "payment", "monitoring")
PRIORITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class NewAlert:
    """One non-clear answer, reduced to what the queue and the officer need."""

    source: str
    screening_id: str
    subject_name: str
    decision: str
    priority: str
    subject_key: str
    match_key: str
    matches: list[dict[str, Any]]
    rule_hits: list[dict[str, Any]]
    entity_type: str | None = None
    country: str | None = None
    date_of_birth: str | None = None
    customer_id: str | None = None
    risk_score: int | None = None
    changes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lists(self) -> list[str]:
        return sorted({str(m.get("list")) for m in self.matches if m.get("list")})


def entry_key(match: Mapping[str, Any]) -> str:
    return f"{match.get('list')}:{match.get('source_id')}"


def priority_of(decision: str, answer: Mapping[str, Any]) -> str:
    """The answer's own priority when it has one (transactions), else block high, review
    medium."""
    given = answer.get("priority")
    if given in PRIORITIES:
        return str(given)
    return "high" if decision == "block" else "medium"


def from_screening(
    source: str,
    body: Mapping[str, Any],
    answer: Mapping[str, Any],
    entry_facets: Mapping[str, Mapping[str, Any]],
    changes: list[dict[str, Any]] | None = None,
) -> NewAlert | None:
    """The alert a ``/v1/screen`` or ``/v1/screen/transaction`` answer opens, if any."""
    decision = str(answer.get("decision") or "")
    if decision in ("", "clear"):
        return None
    matches = [_with_entry(m, entry_facets) for m in _answer_matches(body, answer)]
    rule_hits = _rule_hits(answer)
    live = [entry_key(m) for m in matches if not m.get("suppressed")]
    name, entity_type, country, dob, customer = _subject(source, body, answer)
    return NewAlert(
        source=source,
        screening_id=str(answer["screening_id"]),
        subject_name=name[:512],
        entity_type=entity_type,
        country=country,
        date_of_birth=dob,
        customer_id=customer,
        decision=decision,
        priority=priority_of(decision, answer),
        risk_score=answer.get("risk_score"),
        subject_key=subject_key(
            customer_id=customer,
            name=name,
            entity_type=entity_type,
            date_of_birth=dob,
            country=country,
        ),
        match_key=match_key(live, [str(h.get("rule_id") or h.get("title")) for h in rule_hits]),
        matches=matches,
        rule_hits=rule_hits,
        changes=list(changes or ()),
    )


def _answer_matches(body: Mapping[str, Any], answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every match of the answer; a party's carry the party and its subject (who a
    suppression made from them is for)."""
    found = [dict(m) for m in answer.get("matches") or ()]
    for party in answer.get("parties") or ():
        subject = party_subject(_party(body, str(party.get("id"))))
        found += [
            dict(m, party=party.get("id"), subject=subject) for m in party.get("matches") or ()
        ]
    for m in (answer.get("vessel") or {}).get("matches") or ():
        found.append(dict(m, party="vessel"))
    return found


def _with_entry(match: dict[str, Any], entry_facets: Mapping[str, Mapping[str, Any]]) -> dict:
    said = entry_facets.get(entry_key(match))
    if said is not None:
        match["facets"] = {k: list(v) for k, v in said.items()}
        match.setdefault("fingerprint", fingerprint(None, said))  # type: ignore[arg-type]
    return match


def _rule_hits(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    hits = answer.get("rule_hits")
    if hits is None:
        hits = (answer.get("red_flags") or {}).get("rule_hits") or ()
    return [dict(h) for h in hits]


def _subject(
    source: str, body: Mapping[str, Any], answer: Mapping[str, Any]
) -> tuple[str, str | None, str | None, str | None, str | None]:
    customer = body.get("customer_id") or answer.get("request_id")
    customer = None if customer is None else str(customer)[:200]
    if body.get("name"):
        return (
            str(body["name"]),
            body.get("entity_type"),
            body.get("country"),
            body.get("date_of_birth"),
            customer,
        )
    if source == "payment":
        return _payment_name(answer), None, None, None, customer
    # A transaction: the alert is about the payment; name it by its flagged parties.
    flagged = [p for p in answer.get("parties") or () if p.get("decision") != "clear"]
    names = {str(p.get("id")): _party_name(body, str(p.get("id"))) for p in flagged}
    name = ", ".join(n for n in names.values() if n) or str(answer.get("request_id") or source)
    return name, None, None, None, customer


def _payment_name(answer: Mapping[str, Any]) -> str:
    """A payment message alert is about that message: named by its message id and the
    references (UETR, else end-to-end id) of its flagged transactions, so two payments
    to the same listed party are two alerts, each released or held on its own, while
    the same message sent again joins its alert. Without any reference the screening id
    names it (it can then join nothing)."""
    message = answer.get("message") or {}
    refs = [
        str(t.get("uetr") or t.get("end_to_end_id"))
        for t in answer.get("transactions") or ()
        if t.get("decision") != "clear" and (t.get("uetr") or t.get("end_to_end_id"))
    ]
    kind = str(message.get("type") or "payment")
    if message.get("message_id") or refs:
        ids = [str(message["message_id"])] if message.get("message_id") else []
        return f"{kind} {' / '.join(ids + refs)}"
    return f"{kind} screening {answer.get('screening_id')}"


def _party(body: Mapping[str, Any], party_id: str) -> Mapping[str, Any]:
    for party in body.get("parties") or ():
        if isinstance(party, Mapping) and str(party.get("id")) == party_id:
            return party
    return {}


def _party_name(body: Mapping[str, Any], party_id: str) -> str:
    return str(_party(body, party_id).get("name") or "")


def party_subject(party: Mapping[str, Any]) -> dict[str, Any]:
    """A transaction party as a subject: its key, name and ``customer_id``."""
    customer = party.get("customer_id")
    customer = None if customer is None else str(customer)[:200]
    name = str(party.get("name") or "")
    key = subject_key(
        customer_id=customer,
        name=name,
        entity_type=party.get("entity_type"),
        date_of_birth=party.get("date_of_birth"),
        country=party.get("country"),
    )
    return {"key": key, "name": name, "customer_id": customer}
