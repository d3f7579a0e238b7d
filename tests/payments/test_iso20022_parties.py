"""ISO 20022 parties and agents: every role, with its identifiers and the path of each field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from payment_messages import Plant, pacs008, pacs009

from service.payments import parse_message

PACS008_ROLES = {
    "debtor", "creditor", "ultimate_debtor", "ultimate_creditor", "initiating_party",
    "debtor_agent", "creditor_agent", "intermediary_agent_1", "intermediary_agent_2",
    "intermediary_agent_3", "instructing_agent", "instructed_agent",
    "previous_instructing_agent_1", "previous_instructing_agent_2",
    "previous_instructing_agent_3",
}  # fmt: skip


@pytest.mark.parametrize("version", ["001.08", "001.09", "001.10", "001.12", "001.13"])
def test_pacs008_every_role_from_every_version(version: str) -> None:
    msg = parse_message(pacs008(version=version))
    assert (msg.format, msg.type, msg.version) == ("iso20022", "pacs.008", version)
    assert msg.message_id == "NMB20261120-0001"
    (tx,) = msg.transactions
    assert {p.role for p in tx.parties} == PACS008_ROLES
    assert tx.end_to_end_id == "E2E-NMB-0001"
    assert tx.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert (tx.amount, tx.currency) == (Decimal("48250.00"), "EUR")
    creditor = tx.party("creditor")
    assert creditor is not None and creditor.name is not None
    assert creditor.name.field == "CdtTrfTxInf/Cdtr/Nm"
    assert creditor.country is not None and creditor.country.text == "SG"
    assert [v.field for v in creditor.address_lines] == [
        "CdtTrfTxInf/Cdtr/PstlAdr/StrtNm",
        "CdtTrfTxInf/Cdtr/PstlAdr/AdrLine[1]",
        "CdtTrfTxInf/Cdtr/PstlAdr/AdrLine[2]",
    ]
    agent = tx.party("intermediary_agent_2")
    assert agent is not None and agent.agent and agent.bic is not None
    assert (agent.bic.value, agent.bic.field) == (
        "CITISGSG",
        "CdtTrfTxInf/IntrmyAgt2/FinInstnId/BICFI",
    )
    debtor = tx.party("debtor")
    assert debtor is not None
    assert {(i.type, i.value) for i in debtor.identifiers} == {
        ("lei", "529900T8BM49AURSDO55"),
        ("iban", "DE89370400440532013000"),
    }


def test_pacs009_cov_reads_the_underlying_customer_transfer() -> None:
    msg = parse_message(pacs009())
    assert (msg.type, msg.variant) == ("pacs.009", "COV")
    (tx,) = msg.transactions
    roles = {p.role for p in tx.parties}
    assert {"debtor", "creditor"} <= roles
    assert all(p.agent for p in tx.parties if p.role in ("debtor", "creditor"))
    assert {"underlying_debtor", "underlying_creditor", "underlying_ultimate_creditor",
            "underlying_initiating_party", "underlying_previous_instructing_agent_1",
            "underlying_intermediary_agent_3"} <= roles  # fmt: skip
    under = tx.party("underlying_creditor")
    assert under is not None and under.name is not None
    assert under.name.field == "CdtTrfTxInf/UndrlygCstmrCdtTrf/Cdtr/Nm"
    assert "CdtTrfTxInf/UndrlygCstmrCdtTrf/RmtInf/Ustrd[1]" in {t.field for t in tx.texts}


def test_planted_values_come_back_in_their_field() -> None:
    plant = Plant({"CdtTrfTxInf/PrvsInstgAgt3/FinInstnId/Nm": "PLANTED BANK"})
    (tx,) = parse_message(pacs008(plant)).transactions
    agent = tx.party("previous_instructing_agent_3")
    assert agent is not None and agent.name is not None
    assert (agent.name.text, agent.name.field) == (
        "PLANTED BANK",
        "CdtTrfTxInf/PrvsInstgAgt3/FinInstnId/Nm",
    )
