"""What a payment screening answers: hits with their fields, and release or hold."""

from __future__ import annotations

from service.screening.payment_result import PaymentHit, TransactionResult, action


def test_only_a_clear_payment_is_released() -> None:
    assert action("clear") == "release"
    assert {action(d) for d in ("review", "block")} == {"hold"}


def test_a_hit_says_only_what_it_has() -> None:
    bare = PaymentHit(0, ":59:", "ACME", "name", "review").to_dict()
    assert bare == {
        "transaction": 0,
        "field": ":59:",
        "value": "ACME",
        "kind": "name",
        "decision": "review",
    }
    full = PaymentHit(0, ":70:", "x", "place", "block", (3, 9), {"list": "un"}).to_dict()
    assert full["offsets"] == [3, 9] and full["match"] == {"list": "un"}


def test_a_transaction_carries_its_action_and_suppressions() -> None:
    held = TransactionResult(
        0, ":20:", "E2E", None, "10.00", "EUR", "block", 100, (), {}, ({"role": "creditor"},)
    ).to_dict()
    assert (held["action"], held["end_to_end_id"]) == ("hold", "E2E")
    assert held["suppressed"] == [{"role": "creditor"}] and held["hits"] == []
