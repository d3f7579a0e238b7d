"""A payment message transaction as the red-flag rules see it (the transaction request)."""

from __future__ import annotations

from datetime import date

from payment_messages import mt103

from service.payments import parse_message
from service.screening.payment_request import transaction_request

DAY = date(2026, 12, 3)


def request_of(message: str, context: dict | None = None) -> tuple[dict, dict]:
    (tx,) = parse_message(message).transactions
    return transaction_request(tx, [], context or {}, DAY)


def test_customers_take_the_rules_roles_and_the_agents_make_the_route() -> None:
    request, paths = request_of(mt103())
    roles = [(p["id"], p["role"]) for p in request["parties"]]
    assert roles == [("debtor", "payer"), ("creditor", "payee")]
    payment = request["payment"]
    assert (payment["ordering_bank_bic"], payment["beneficiary_bank_bic"]) == (
        "DEUTDEFF",
        "DBSSSGSG",
    )
    assert payment["intermediary_bics"] == ["COBADEFF", "CHASUS33", "CITISGSG"]
    assert "CNC SPINDLE BEARINGS" in payment["purpose"]
    assert request["as_of"] == "2026-12-03"


def test_every_path_names_the_message_field_it_came_from() -> None:
    _, paths = request_of(mt103())
    assert paths["parties[0]"] == ":50K:" and paths["parties[1]"] == ":59:"
    assert paths["payment.ordering_bank_bic"] == ":52A:"
    assert paths["payment.purpose"] == ":70:"


def test_the_banks_own_knowledge_is_merged_in_by_role() -> None:
    context = {"creditor": {"industry": "real estate", "web_presence": "none"}}
    request, _ = request_of(mt103(), context)
    creditor = next(p for p in request["parties"] if p["id"] == "creditor")
    assert (creditor["industry"], creditor["web_presence"]) == ("real estate", "none")
    debtor = next(p for p in request["parties"] if p["id"] == "debtor")
    assert "industry" not in debtor
