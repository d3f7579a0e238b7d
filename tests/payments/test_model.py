"""The neutral model: what a parsed message offers its readers, and how errors read."""

from __future__ import annotations

from service.payments import FreeText, MessageError, Party, PartyId, Transaction, Value
from service.payments.model import supported_text


def test_a_party_offers_its_bic_and_its_free_text() -> None:
    party = Party(
        "creditor_agent",
        ":57D:",
        True,
        Value("DBS BANK", ":57D:"),
        (Value("12 MARINA BOULEVARD", ":57D:"),),
        Value("SINGAPORE", ":57D:"),
        identifiers=(PartyId("account", "1", ":57D:"), PartyId("bic", "DBSSSGSG", ":57D:")),
    )
    assert party.bic is not None and party.bic.value == "DBSSSGSG"
    assert [v.text for v in party.texts()] == ["12 MARINA BOULEVARD", "SINGAPORE"]
    assert Party("debtor", ":50K:", False).bic is None


def test_a_transaction_finds_a_party_by_role() -> None:
    debtor = Party("debtor", "x", False)
    tx = Transaction(1, "B4", parties=(debtor,), texts=(FreeText("remittance", "t", ":70:"),))
    assert tx.party("debtor") is debtor and tx.party("creditor") is None


def test_errors_name_where_for_the_problem_document() -> None:
    err = MessageError("Bad amount.", where=":32A: at line 4")
    assert err.field == "message: :32A: at line 4"
    assert str(err) == "Bad amount. (:32A: at line 4)"
    assert MessageError("Empty.").field == "message" and err.code == "malformed"


def test_supported_types_in_words() -> None:
    text = supported_text()
    for kind in ("pacs.008.001.08+", "pacs.009.001.08+", "pain.001.001.09+", "MT202 COV"):
        assert kind in text
