"""A payment party is the same subject as on the other paths (for its suppressions)."""

from __future__ import annotations

from payment_messages import mt103

from service.alerts.subject import subject_of
from service.payments import parse_message
from service.screening import ScreenRequest
from service.screening.payment_subject import party_country, subject_party

ORDERING = "/DE89370400440532013000\n1/JOHN  SMITH\n3/SG/SINGAPORE\n4/19700101"


def test_a_partys_subject_is_keyed_as_the_other_paths_key_it() -> None:
    message = parse_message(mt103(options={"50F": ORDERING}), "swift_mt")
    parties = {p.role: p for p in message.transactions[0].parties}
    as_screened = ScreenRequest(name="John Smith", country="SG", date_of_birth="1970-01-01")
    assert subject_of(subject_party(parties["debtor"], {})) == subject_of(as_screened)
    told = subject_party(parties["debtor"], {"debtor": {"customer_id": "C-9"}})
    assert subject_of(told) == subject_of(ScreenRequest(name="anyone", customer_id="C-9"))
    stated = parse_message(mt103(options={"50F": ORDERING + "\n6/SG/DBSSSGSG/C-9"}), "swift_mt")
    debtor = next(p for p in stated.transactions[0].parties if p.role == "debtor")
    assert subject_party(debtor, {}).customer_id == "C-9"


def test_a_bank_is_an_organisation_placed_by_its_bic() -> None:
    message = parse_message(mt103(), "swift_mt")
    bank = next(p for p in message.transactions[0].parties if p.agent and p.bic)
    subject = subject_party(bank, {"debtor": {"customer_id": "C-9"}})  # not the bank's
    assert (subject.entity_type, subject.customer_id) == ("organization", None)
    assert subject.country == party_country(bank) and len(subject.country or "") == 2
