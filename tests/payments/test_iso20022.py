"""ISO 20022 parsing: types and versions, prefixes, envelopes, several transactions,
pain.001 blocks, and errors that name the element."""

from __future__ import annotations

from decimal import Decimal

import pytest
from payment_messages import pacs008, pacs009, pain001

from service.payments import MessageError, parse_message


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
