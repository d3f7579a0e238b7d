"""What an alert is opened from: a recorded request and answer reduced to a ``NewAlert``.

Pure: answers are written here as the API sends them, so each rule of the reduction
(clear opens nothing, the subject, the priority, which matches key the alert) is seen
on its own."""

from __future__ import annotations

from service.alerts.basis import entry_key, from_screening, priority_of
from service.alerts.subject import fingerprint, match_key, subject_key

BANK_MATCH = {"list": "test_list", "source_id": "1", "name": "BANCO NACIONAL DE CUBA"}
SAID = {"names": ("banco nacional de cuba",), "countries": ("CU",), "programs": ("TEST",)}
FACETS = {"test_list:1": {**SAID, "dates_of_birth": (), "identifiers": ()}}


def screened(decision: str, *matches: dict, **more: object) -> dict:
    return {"screening_id": "scr-1", "decision": decision, "matches": list(matches), **more}


def test_a_clear_answer_opens_nothing() -> None:
    assert from_screening("screen", {"name": "A"}, screened("clear"), {}) is None
    assert from_screening("screen", {"name": "A"}, {"screening_id": "s"}, {}) is None


def test_a_single_screening_is_about_its_customer_and_keyed_by_its_live_matches() -> None:
    body = {"name": "Banco Nacional de Cuba", "customer_id": "CUST-1", "country": "CU"}
    new = from_screening("screen", body, screened("block", BANK_MATCH), FACETS)
    assert new is not None
    assert (new.source, new.screening_id, new.decision, new.priority) == (
        "screen", "scr-1", "block", "high",
    )  # fmt: skip
    assert (new.subject_name, new.customer_id, new.country) == (
        "Banco Nacional de Cuba", "CUST-1", "CU",
    )  # fmt: skip
    assert new.subject_key == subject_key(customer_id="CUST-1", name="anything")
    assert new.match_key == match_key(["test_list:1"])
    assert new.lists == ["test_list"]
    (match,) = new.matches
    assert match["facets"]["names"] == ["banco nacional de cuba"]
    assert match["fingerprint"] == fingerprint(None, FACETS["test_list:1"])  # type: ignore[arg-type]


def test_without_a_customer_id_the_subject_is_the_name_with_its_particulars() -> None:
    body = {"name": "José Garcia", "entity_type": "person", "date_of_birth": "1970"}
    new = from_screening("screen", body, screened("review", BANK_MATCH), {})
    assert new is not None and new.customer_id is None
    assert new.subject_key == subject_key(
        customer_id=None, name="JOSE GARCIA", entity_type="person", date_of_birth="1970"
    )
    assert "fingerprint" not in new.matches[0]  # nothing known of the entry: no fingerprint


def test_a_suppressed_match_is_shown_but_does_not_key_the_alert() -> None:
    muted = dict(BANK_MATCH, source_id="9", suppressed={"suppression_id": "sup_1"})
    new = from_screening("screen", {"name": "X"}, screened("review", BANK_MATCH, muted), {})
    assert new is not None and len(new.matches) == 2
    assert new.match_key == match_key(["test_list:1"])


def test_a_transaction_is_named_by_its_flagged_parties_and_keyed_by_party_and_rule() -> None:
    body = {
        "request_id": "PAY-1",
        "parties": [
            {"id": "payer", "name": "Harmless Bakery"},
            {"id": "payee", "name": "Orient Shipping"},
        ],
    }
    answer = {
        "screening_id": "scr-2",
        "decision": "review",
        "priority": "low",
        "risk_score": 45,
        "request_id": "PAY-1",
        "parties": [
            {"id": "payer", "decision": "clear", "matches": []},
            {"id": "payee", "decision": "review", "matches": [dict(BANK_MATCH, source_id="2")]},
        ],
        "vessel": {"matches": [dict(BANK_MATCH, source_id="7")]},
        "red_flags": {"rule_hits": [{"rule_id": "LST-01"}]},
    }
    new = from_screening("transaction", body, answer, {})
    assert new is not None
    assert (new.subject_name, new.customer_id, new.priority, new.risk_score) == (
        "Orient Shipping", "PAY-1", "low", 45,
    )  # fmt: skip
    assert [m["party"] for m in new.matches] == ["payee", "vessel"]
    assert new.matches[0]["subject"] == {
        "key": subject_key(customer_id=None, name="orient shipping"),
        "name": "Orient Shipping",
        "customer_id": None,
    }  # a suppression made from it is the party's, not the payment's
    assert new.rule_hits == [{"rule_id": "LST-01"}]
    assert new.match_key == match_key(["test_list:2", "test_list:7"], ["LST-01"])


def test_priority_is_the_answers_own_else_by_decision() -> None:
    assert priority_of("block", {}) == "high"
    assert priority_of("review", {}) == "medium"
    assert priority_of("block", {"priority": "low"}) == "low"
    assert priority_of("review", {"priority": "urgent"}) == "medium"  # not ours: ignored
    assert entry_key(BANK_MATCH) == "test_list:1"


def paid(message_id: str | None, *transactions: dict, screening_id: str = "scr-1") -> dict:
    """A payment answer as /v1/screen/payment sends it, its hits already on the answer."""
    return {
        "screening_id": screening_id,
        "decision": "block",
        "message": {"type": "pacs.008", "message_id": message_id},
        "transactions": list(transactions),
    }


def test_each_payment_message_is_its_own_subject() -> None:
    """Two payments to one listed party are two alerts; the same message again joins."""
    flagged = {"decision": "block", "uetr": "u-1", "end_to_end_id": "e2e-1"}
    released = {"decision": "clear", "end_to_end_id": "e2e-2"}
    first = from_screening("payment", {}, paid("MSG-1", flagged, released), {})
    again = from_screening("payment", {}, paid("MSG-1", flagged, released, screening_id="s2"), {})
    other = from_screening("payment", {}, paid("MSG-2", dict(flagged, uetr="u-9")), {})
    assert first and again and other
    assert first.subject_name == "pacs.008 MSG-1 / u-1"
    assert first.subject_key == again.subject_key != other.subject_key
    by_e2e = from_screening(
        "payment", {}, paid(None, {"decision": "review", "end_to_end_id": "E"}), {}
    )
    assert by_e2e and by_e2e.subject_name == "pacs.008 E"
    bare = [
        from_screening("payment", {}, paid(None, {"decision": "block"}, screening_id=s), {})
        for s in ("s1", "s2")
    ]
    assert bare[0] and bare[1] and bare[0].subject_key != bare[1].subject_key
