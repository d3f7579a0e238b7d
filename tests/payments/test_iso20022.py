"""ISO 20022 parsing: every role and text field with its path, versions, prefixes,
envelopes, several transactions, and errors that name the element."""

from __future__ import annotations

from decimal import Decimal

import pytest
from payment_messages import Plant, pacs008, pacs009, pain001

from service.payments import MessageError, parse_message

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


def test_every_free_text_field_is_read_with_its_path() -> None:
    (tx,) = parse_message(pacs008()).transactions
    fields = {t.field: t.kind for t in tx.texts}
    assert fields == {
        "CdtTrfTxInf/InstrForCdtrAgt/InstrInf": "instruction",
        "CdtTrfTxInf/InstrForNxtAgt/InstrInf": "instruction",
        "CdtTrfTxInf/Purp/Prtry": "purpose",
        "CdtTrfTxInf/RgltryRptg/Dtls/Inf": "regulatory",
        "CdtTrfTxInf/RmtInf/Ustrd[1]": "remittance",
        "CdtTrfTxInf/RmtInf/Ustrd[2]": "remittance",
        "CdtTrfTxInf/RmtInf/Strd/RfrdDocInf/Nb": "remittance",
        "CdtTrfTxInf/RmtInf/Strd/AddtlRmtInf": "remittance",
    }


def test_a_prefixed_namespace_reads_the_same() -> None:
    plain = parse_message(pacs008())
    prefixed = parse_message(pacs008(prefix="doc"))
    assert prefixed.transactions == plain.transactions


def test_a_document_inside_an_envelope_with_its_header() -> None:
    body = pacs008().split("?>", 1)[1]
    wrapped = (
        '<BizMsgEnvlp xmlns="urn:example:envelope">'
        '<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02"><BizMsgIdr>B1'
        f"</BizMsgIdr></AppHdr>{body}</BizMsgEnvlp>"
    )
    msg = parse_message(wrapped)
    assert msg.type == "pacs.008" and len(msg.transactions) == 1


def test_several_transactions_each_with_their_own_ids() -> None:
    msg = parse_message(pacs008(transactions=3))
    assert [t.end_to_end_id for t in msg.transactions] == [
        "E2E-NMB-0001",
        "E2E-NMB-0002",
        "E2E-NMB-0003",
    ]
    assert [t.field for t in msg.transactions] == [
        "CdtTrfTxInf[1]",
        "CdtTrfTxInf[2]",
        "CdtTrfTxInf[3]",
    ]


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


def test_pacs009_without_cover_is_a_plain_bank_transfer() -> None:
    msg = parse_message(pacs009(cov=False, version="001.10"))
    assert (msg.type, msg.version, msg.variant) == ("pacs.009", "001.10", None)


def test_pain001_shares_block_parties_with_each_transaction() -> None:
    msg = parse_message(pain001(blocks=2, per_block=3, version="001.11"))
    assert (msg.type, msg.version) == ("pain.001", "001.11")
    assert len(msg.transactions) == 6
    assert msg.transactions[4].field == "PmtInf[2]/CdtTrfTxInf[2]"
    for tx in msg.transactions:
        roles = {p.role for p in tx.parties}
        assert {"debtor", "debtor_agent", "ultimate_debtor", "initiating_party",
                "creditor", "ultimate_creditor", "intermediary_agent_3"} <= roles  # fmt: skip
        assert tx.party("initiating_party").name.field == "GrpHdr/InitgPty/Nm"  # type: ignore[union-attr]
        assert "PmtInf/InstrForDbtrAgt" in {t.field for t in tx.texts}
    assert [t.amount for t in msg.transactions[:3]] == [
        Decimal("1250.50"),
        Decimal("2500.50"),
        Decimal("3750.50"),
    ]


def test_planted_values_come_back_in_their_field() -> None:
    plant = Plant({"CdtTrfTxInf/PrvsInstgAgt3/FinInstnId/Nm": "PLANTED BANK"})
    (tx,) = parse_message(pacs008(plant)).transactions
    agent = tx.party("previous_instructing_agent_3")
    assert agent is not None and agent.name is not None
    assert (agent.name.text, agent.name.field) == (
        "PLANTED BANK",
        "CdtTrfTxInf/PrvsInstgAgt3/FinInstnId/Nm",
    )


@pytest.mark.parametrize(
    ("namespace", "words"),
    [
        ("pacs.008.001.07", "older than the oldest supported version pacs.008.001.08"),
        ("pain.001.001.08", "older than the oldest supported version pain.001.001.09"),
        ("camt.053.001.08", "camt.053.001.08 is not a supported message type"),
    ],
)
def test_unsupported_types_and_versions_say_what_is_supported(namespace: str, words: str) -> None:
    xml = pacs008().replace("pacs.008.001.08", namespace)
    with pytest.raises(MessageError) as err:
        parse_message(xml)
    assert words in err.value.message
    assert "pacs.009.001.08+" in err.value.message and "MT103" in err.value.message
    assert err.value.code == "unsupported"


def test_unknown_namespace_and_root() -> None:
    with pytest.raises(MessageError, match="Unknown ISO 20022 namespace"):
        parse_message('<Document xmlns="urn:example:x"><A/></Document>')
    with pytest.raises(MessageError, match="No ISO 20022 Document"):
        parse_message("<Invoice><Nb>1</Nb></Invoice>")


def test_errors_name_the_element_or_line() -> None:
    with pytest.raises(MessageError) as err:
        parse_message(pacs008().replace("<Nm>Deutsche Bank AG</Nm>", "<Nm>Deutsche Bank AG</Nmx>"))
    assert err.value.where and err.value.where.startswith("line ")
    broken = pacs008().replace(">48250.00<", ">48,250.00<", 1)
    with pytest.raises(MessageError) as err:
        parse_message(broken)
    assert "CdtTrfTxInf/IntrBkSttlmAmt" in err.value.message
    no_tx = pacs008().split("<CdtTrfTxInf>")[0] + "</FIToFICstmrCdtTrf></Document>"
    with pytest.raises(MessageError, match="holds no CdtTrfTxInf"):
        parse_message(no_tx)
