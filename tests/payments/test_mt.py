"""SWIFT FIN: blocks, field options, MT202 COV sequence B, and errors naming lines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from payment_messages import OPTIONS, mt103, mt202, mt202cov

from service.payments import MessageError, parse_message


def test_mt103_with_option_a_agents_and_plain_59() -> None:
    msg = parse_message(mt103())
    assert (msg.format, msg.type, msg.message_id) == ("swift_mt", "MT103", "NMB2026112000001")
    (tx,) = msg.transactions
    assert tx.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert (tx.amount, tx.currency, tx.settlement_date) == (
        Decimal("48250.00"), "EUR", "2026-11-20")  # fmt: skip
    roles = {p.role: p for p in tx.parties}
    assert set(roles) == {
        "instructing_agent", "instructed_agent", "debtor", "debtor_agent",
        "senders_correspondent", "receivers_correspondent", "intermediary_agent_1",
        "creditor_agent", "creditor",
    }  # fmt: skip
    debtor = roles["debtor"]
    assert debtor.name is not None and debtor.name.text == "NORDLICHT MASCHINENBAU GMBH"
    assert debtor.name.field == ":50K:"
    assert [v.text for v in debtor.address_lines] == ["SPEICHERSTADT 14", "20457 HAMBURG"]
    assert debtor.identifiers[0].type == "iban"
    corr = roles["senders_correspondent"]
    assert [(i.type, i.value) for i in corr.identifiers] == [
        ("account", "1234567890"), ("bic", "COBADEFF")]  # fmt: skip
    assert roles["instructing_agent"].bic.value == "COBADEFF"  # type: ignore[union-attr]
    assert {t.field: t.kind for t in tx.texts} == {
        ":70:": "remittance", ":72:": "instruction", ":77B:": "regulatory"}  # fmt: skip


def test_option_f_lines_are_structured() -> None:
    (tx,) = parse_message(mt103({"50F": OPTIONS["50F"], "59F": OPTIONS["59F"]})).transactions
    debtor, creditor = tx.party("debtor"), tx.party("creditor")
    assert debtor is not None and creditor is not None
    assert creditor.name is not None
    assert creditor.name.text == "STRAITS PRECISION COMPONENTS PTE LTD"
    assert creditor.name.field == ":59F:"
    assert creditor.country is not None and creditor.country.text == "SG"
    assert creditor.town is not None and creditor.town.text == "SINGAPORE"
    assert debtor.town is not None and debtor.town.text == "20457 HAMBURG"
    with_id = parse_message(
        mt103({"50F": "NIDN/DE/121231234342\n1/MUELLER HANS\n4/19700517\n3/DE/BERLIN"})
    ).transactions[0]
    person = with_id.party("debtor")
    assert person is not None and person.birth_date is not None
    assert [(i.type, i.value, i.country) for i in person.identifiers] == [
        ("national_id", "121231234342", "DE")]  # fmt: skip
    assert person.birth_date.text == "19700517"


@pytest.mark.parametrize(
    ("tag", "role"),
    [("50A", "debtor"), ("52D", "debtor_agent"), ("53B", "senders_correspondent"),
     ("53D", "senders_correspondent"), ("54B", "receivers_correspondent"),
     ("54D", "receivers_correspondent"), ("56C", "intermediary_agent_1"),
     ("56D", "intermediary_agent_1"), ("57B", "creditor_agent"), ("57C", "creditor_agent"),
     ("57D", "creditor_agent"), ("59A", "creditor")],
)  # fmt: skip
def test_every_option_letter(tag: str, role: str) -> None:
    (tx,) = parse_message(mt103({tag: OPTIONS[tag]})).transactions
    party = tx.party(role)
    assert party is not None and party.field == f":{tag}:"
    option = tag[2]
    if option == "A":
        assert party.bic is not None
    elif option == "C":
        assert party.identifiers[0].type == "clearing"
    elif option == "B":
        assert party.address_lines
    else:
        assert party.name is not None and party.address_lines


def test_mt202_and_mt202_cov_sequence_b() -> None:
    plain = parse_message(mt202())
    assert plain.type == "MT202" and plain.variant is None
    (tx,) = plain.transactions
    assert tx.party("creditor").bic.value == "DBSSSGSG"  # type: ignore[union-attr]
    assert tx.end_to_end_id == "NMB2026112000001"  # field 21, the related reference
    cov = parse_message(mt202cov())
    assert (cov.type, cov.variant) == ("MT202COV", "COV")
    (tx,) = cov.transactions
    under = tx.party("underlying_creditor")
    assert under is not None and under.name is not None and under.name.field == "B/:59F:"
    assert tx.party("underlying_intermediary_agent_1").bic.value == "CITISGSG"  # type: ignore[union-attr]
    assert {t.field for t in tx.texts} == {":72:", "B/:70:", "B/:72:"}


def test_missing_block_4_says_so() -> None:
    with pytest.raises(MessageError) as err:
        parse_message("{1:F01COBADEFFAXXX0000000000}{2:I103CHASUS33XXXXN}{5:{CHK:1}}")
    assert "no block 4" in err.value.message and err.value.where == "block 4"


def test_unsupported_mt_type_lists_the_supported_ones() -> None:
    with pytest.raises(MessageError) as err:
        parse_message(mt103().replace("{2:I103", "{2:I940"))
    assert "MT940 is not a supported message type" in err.value.message
    assert "MT202 COV" in err.value.message and "pacs.008" in err.value.message


def test_errors_name_the_field_and_line() -> None:
    with pytest.raises(MessageError) as err:
        parse_message(mt103(replace={"32A": "20261120EUR48250.00"}))
    assert err.value.where == ":32A: at line 4"
    with pytest.raises(MessageError) as err:
        parse_message(mt103(replace={"57A": "NOT A BIC"}))
    assert err.value.where == ":57A: at line 15"
    with pytest.raises(MessageError) as err:
        parse_message(mt103({"59E": "SOMEONE"}))
    assert "59E is not a valid option" in err.value.message
    no_59 = mt103().replace(":59:", ":79:")
    with pytest.raises(MessageError, match=r"Mandatory field\(s\) missing: :59a:"):
        parse_message(no_59)
    with pytest.raises(MessageError, match="does not end with a line '-}'"):
        parse_message(mt103().replace("\n-}", "\n"))
