"""What screening a payment message answers: each finding with the field it came from,
each transaction's decision and the payment system's action (release or hold)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.payments import (
    Message,
)


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
