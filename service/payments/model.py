"""The one neutral model every payment-message parser produces.

ISO 20022 and SWIFT FIN describe the same payment with different shapes; screening
must not care which one arrived. So each parser turns its format into these frozen
values, and every value keeps the *field* it came from (``CdtTrfTxInf/Cdtr/Nm`` or
``:59F:``): a hit that cannot name its field cannot be reviewed or repaired.

Pure: no I/O. Parsers raise :class:`MessageError` for anything malformed, naming the
element or line, so a malformed message never becomes a ``clear``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

TEXT_KINDS = ("remittance", "instruction", "regulatory", "purpose", "address", "name")
"""What a free-text field is: remittance information (RmtInf, :70:), instructions to
agents (InstrForCdtrAgt, :72:), regulatory reporting (RgltryRptg, :77B:), purpose,
a party's address line, or a name-like line that is not a party's own name."""


class MessageError(ValueError):
    """A message that cannot be screened as sent; ``where`` names the element or line."""

    def __init__(self, message: str, where: str | None = None, code: str = "malformed") -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.code = code
        """malformed | unsupported | too_large | too_deep | forbidden (DTD/entities)."""

    @property
    def field(self) -> str:
        """Where, as a problem document's field name: ``message`` and the element or
        line (``message: CdtTrfTxInf/IntrBkSttlmAmt``, ``message: line 4``)."""
        return f"message: {self.where}" if self.where else "message"

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


@dataclass(frozen=True, slots=True)
class Value:
    """A string as the message carries it, with the field it came from."""

    text: str
    field: str


@dataclass(frozen=True, slots=True)
class PartyId:
    """An identifier of a party: ``type`` is bic | lei | iban | account | clearing |
    national_id | passport | customer_id | other, as the message labels it."""

    type: str
    value: str
    field: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """One party or agent of a transaction, by role.

    ``role`` is snake case: debtor, creditor, ultimate_debtor, ultimate_creditor,
    initiating_party, debtor_agent, creditor_agent, intermediary_agent_1..3,
    instructing_agent, instructed_agent, previous_instructing_agent_1..3, and for MT
    the senders/receivers and correspondents (senders_correspondent ...)."""

    role: str
    field: str
    """The element path or MT tag of the party as a whole (``CdtTrfTxInf/Cdtr``)."""
    agent: bool
    """A financial institution (identified by BIC) rather than a customer."""
    name: Value | None = None
    address_lines: tuple[Value, ...] = ()
    town: Value | None = None
    country: Value | None = None
    """ISO alpha-2 as the message states it (``Ctry``, ``3/CC/...``)."""
    identifiers: tuple[PartyId, ...] = ()
    birth_date: Value | None = None

    @property
    def bic(self) -> PartyId | None:
        return next((i for i in self.identifiers if i.type == "bic"), None)

    def texts(self) -> tuple[Value, ...]:
        """The party's free-text parts (address lines, town) for the text scanner."""
        return (*self.address_lines, *((self.town,) if self.town else ()))


@dataclass(frozen=True, slots=True)
class FreeText:
    """A free-text field to scan: remittance text, :70:, :72:, :77B:, purpose ..."""

    kind: str
    text: str
    field: str


@dataclass(frozen=True, slots=True)
class Transaction:
    """One credit transfer: screened and decided on its own."""

    index: int
    """1-based position in the message."""
    field: str
    """Element path of the transaction (``CdtTrfTxInf[2]``) or ``B4`` for MT."""
    end_to_end_id: str | None = None
    instruction_id: str | None = None
    uetr: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    settlement_date: str | None = None
    purpose: str | None = None
    parties: tuple[Party, ...] = ()
    texts: tuple[FreeText, ...] = ()

    def party(self, role: str) -> Party | None:
        return next((p for p in self.parties if p.role == role), None)


@dataclass(frozen=True, slots=True)
class Message:
    """One payment message as parsed: what it is and its transactions."""

    format: str
    """iso20022 | swift_mt"""
    type: str
    """pacs.008 | pacs.009 | pain.001 | MT103 | MT202 | MT202COV"""
    version: str | None
    """ISO 20022 version (``001.08``) from the namespace; None for MT."""
    message_id: str | None
    transactions: tuple[Transaction, ...]
    variant: str | None = None
    """``COV`` for a pacs.009 carrying an underlying customer credit transfer."""
    header: dict[str, str] = field(default_factory=dict)
    """Sender, receiver and other envelope facts (MT blocks 1-3, GrpHdr)."""


SUPPORTED = {
    "iso20022": ("pacs.008.001.08+", "pacs.009.001.08+", "pain.001.001.09+"),
    "swift_mt": ("MT103", "MT202", "MT202 COV"),
}
"""What the parsers accept; unsupported-type errors quote this."""


def supported_text() -> str:
    return "; ".join(f"{fmt}: {', '.join(types)}" for fmt, types in SUPPORTED.items())
