"""Working an alert on the store, on SQLite and PostgreSQL: the transition table, four
eyes, the per-tenant approval policy, escalation, send-back, the suppression a closed false
positive leaves, every step as a link of the audit chain, and the queue's counts kept
exact through every transition, also under concurrent ones."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from alert_fixtures import open_alert, scanned

from service.alerts import workflow
from service.alerts.store import count_alerts, get_alert
from service.alerts.suppression import list_suppressions
from service.alerts.workflow import Actor
from service.records import RecordsDatabase
from service.records.audit import verify

ANALYST, APPROVER, OTHER = Actor("key:ana", "acme"), Actor("key:apu", "acme"), Actor("x", "globex")
FP = {"outcome": "false_positive", "reason": "different_country", "note": "a bakery"}
TRUE = {"outcome": "true_match", "reason": "confirmed_listed", "note": ""}


def decide(db: RecordsDatabase, alert_id: str, actor: Actor = ANALYST, **how: str) -> str:
    return workflow.decide(
        db, actor, alert_id, **{**FP, **how}, reasons=workflow.DEFAULT_REASONS,
        suppression_days=30,
    )  # fmt: skip


def approve(db: RecordsDatabase, alert_id: str, actor: Actor = APPROVER, ok: bool = True) -> str:
    return workflow.approve(db, actor, alert_id, approved=ok, note="seen", suppression_days=30)


def events(db: RecordsDatabase, alert_id: str) -> list[str]:
    alert = get_alert(db, "acme", alert_id)
    assert alert is not None
    return [e["event"] for e in alert["events"]]


def test_a_false_positive_on_a_block_needs_a_second_person_then_suppresses(
    records_db: RecordsDatabase, secret: bytes
) -> None:
    alert_id = open_alert(records_db)
    workflow.assign(records_db, ANALYST, alert_id, None)
    assert get_alert(records_db, "acme", alert_id)["assignee"] == "key:ana"  # type: ignore[index]
    assert decide(records_db, alert_id) == "pending_approval"
    assert list_suppressions(records_db, "acme") == []  # not before the approval
    with pytest.raises(workflow.FourEyes):
        approve(records_db, alert_id, ANALYST)
    assert approve(records_db, alert_id) == "closed"
    (made,) = list_suppressions(records_db, "acme")
    assert (made["alert_id"], made["decided_by"], made["approved_by"]) == (
        alert_id, "key:ana", "key:apu",
    )  # fmt: skip
    assert events(records_db, alert_id) == [
        "opened", "assigned", "decided", "approved", "suppressed",
    ]  # fmt: skip
    alert = get_alert(records_db, "acme", alert_id)
    assert alert is not None
    assert (alert["status"], alert["outcome"], alert["reason"]) == (
        "closed", "false_positive", "different_country",
    )  # fmt: skip
    (report,) = verify(records_db, secret, "acme")
    assert report.ok, report.problem


def test_a_false_positive_on_a_review_closes_at_once(records_db: RecordsDatabase) -> None:
    alert_id = open_alert(records_db, decision="review")
    assert decide(records_db, alert_id) == "closed"
    assert [s["alert_id"] for s in list_suppressions(records_db, "acme")] == [alert_id]
    alert = get_alert(records_db, "acme", alert_id)
    assert alert is not None
    assert (alert["status"], alert["outcome"], alert["reason"], alert["decided_by"]) == (
        "closed", "false_positive", "different_country", "key:ana",
    )  # fmt: skip


def test_a_true_match_needs_approval_and_never_suppresses(records_db: RecordsDatabase) -> None:
    alert_id = open_alert(records_db, decision="review")
    assert decide(records_db, alert_id, **TRUE) == "pending_approval"
    assert approve(records_db, alert_id) == "closed"
    assert list_suppressions(records_db, "acme") == []


def test_sent_back_goes_to_the_deciding_analyst_undecided(records_db: RecordsDatabase) -> None:
    alert_id = open_alert(records_db)
    decide(records_db, alert_id, **TRUE)
    assert approve(records_db, alert_id, ok=False) == "in_review"
    alert = get_alert(records_db, "acme", alert_id)
    assert alert is not None
    assert (alert["outcome"], alert["assignee"]) == (None, "key:ana")
    assert alert["events"][-1]["event"] == "sent_back"
    assert decide(records_db, alert_id, actor=APPROVER, **TRUE) == "pending_approval"


def test_escalation_reopens_at_high_priority(records_db: RecordsDatabase) -> None:
    alert_id = open_alert(records_db, decision="review")
    workflow.assign(records_db, ANALYST, alert_id, "key:someone")
    assert decide(records_db, alert_id, outcome="escalate", reason="other") == "open"
    alert = get_alert(records_db, "acme", alert_id)
    assert alert is not None
    assert (alert["priority"], alert["assignee"], alert["outcome"]) == ("high", None, None)


def test_illegal_transitions_name_the_current_status(records_db: RecordsDatabase) -> None:
    alert_id = open_alert(records_db, decision="review")
    with pytest.raises(workflow.IllegalTransition, match="its status is open"):
        approve(records_db, alert_id)
    decide(records_db, alert_id)
    for act in (
        lambda: decide(records_db, alert_id),
        lambda: workflow.assign(records_db, ANALYST, alert_id, None),
        lambda: approve(records_db, alert_id),
    ):
        with pytest.raises(workflow.IllegalTransition, match="its status is closed"):
            act()


def test_bad_outcomes_and_reasons_name_their_field(records_db: RecordsDatabase) -> None:
    alert_id = open_alert(records_db)
    for how, field in (({"outcome": "maybe"}, "outcome"), ({"reason": "hunch"}, "reason")):
        with pytest.raises(workflow.InvalidDecision) as raised:
            decide(records_db, alert_id, **how)
        assert raised.value.field == field
    assert events(records_db, alert_id) == ["opened"]


def test_another_tenants_alert_is_not_found(records_db: RecordsDatabase) -> None:
    alert_id = open_alert(records_db)
    with pytest.raises(workflow.AlertNotFound):
        workflow.assign(records_db, OTHER, alert_id, None)
    with pytest.raises(workflow.AlertNotFound):
        decide(records_db, alert_id, actor=OTHER)


def test_the_approval_policy_is_per_tenant(records_db: RecordsDatabase) -> None:
    assert workflow.get_policy(records_db, "acme") == workflow.DEFAULT_APPROVAL
    workflow.set_policy(records_db, "acme", ["false_positive", "false_positive"], "key:admin")
    assert workflow.get_policy(records_db, "acme") == ("false_positive",)
    assert workflow.get_policy(records_db, "globex") == workflow.DEFAULT_APPROVAL
    assert decide(records_db, open_alert(records_db, decision="review")) == "pending_approval"
    assert decide(records_db, open_alert(records_db, customer_id="C2"), **TRUE) == "closed"
    workflow.set_policy(records_db, "acme", [], "key:admin")  # set again: an upsert
    assert workflow.get_policy(records_db, "acme") == ()
    with pytest.raises(workflow.InvalidDecision) as raised:
        workflow.set_policy(records_db, "acme", ["everything"], "key:admin")
    assert raised.value.field == "approval"


def counts(db: RecordsDatabase, tenant: str = "acme") -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(open, in_review, pending_approval), (high, medium, low); checked against a scan."""
    kept = count_alerts(db, tenant)
    assert kept == scanned(db, tenant)
    return tuple(kept["status"].values()), tuple(kept["priority"].values())


def test_counts_follow_every_transition_and_escalation(records_db: RecordsDatabase) -> None:
    block = open_alert(records_db)
    review = open_alert(records_db, customer_id="R1", decision="review")
    open_alert(records_db, "globex", customer_id="G1")
    assert counts(records_db) == ((2, 0, 0), (1, 1, 0))
    workflow.assign(records_db, ANALYST, review, None)
    assert counts(records_db) == ((1, 1, 0), (1, 1, 0))
    decide(records_db, review, outcome="escalate", reason="other")  # medium -> high, open
    assert counts(records_db) == ((2, 0, 0), (2, 0, 0))
    assert decide(records_db, block) == "pending_approval"  # four eyes
    assert counts(records_db) == ((1, 0, 1), (2, 0, 0))
    assert approve(records_db, block, ok=False) == "in_review"  # sent back
    assert counts(records_db) == ((1, 1, 0), (2, 0, 0))
    decide(records_db, block, **TRUE)
    assert approve(records_db, block) == "closed"
    assert counts(records_db) == ((1, 0, 0), (1, 0, 0))
    assert decide(records_db, review) == "closed"  # high by escalation, still a review
    assert counts(records_db) == ((0, 0, 0), (0, 0, 0))
    assert counts(records_db, "globex") == ((1, 0, 0), (1, 0, 0))


def test_counts_do_not_drift_under_concurrent_transitions(records_db: RecordsDatabase) -> None:
    """Eight threads work twelve alerts at once, two threads per alert racing on the same
    step (in_review and pending_approval crossing both ways); whichever loses a race is
    refused, and the counts still equal the alerts: twelve active, none lost or doubled."""
    alerts = [open_alert(records_db, customer_id=f"C{i}", decision="review") for i in range(12)]
    steps = ("assign", "escalate", "true", "reject", "true", "reject")

    def work(alert_id: str) -> None:
        for step in steps:
            try:
                if step == "assign":
                    workflow.assign(records_db, ANALYST, alert_id, None)
                elif step == "reject":
                    approve(records_db, alert_id, ok=False)
                elif step == "escalate":
                    decide(records_db, alert_id, outcome="escalate", reason="other")
                else:
                    decide(records_db, alert_id, **TRUE)
            except (workflow.IllegalTransition, workflow.FourEyes):
                pass  # the other thread got there first

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, alerts + alerts))
    statuses, priorities = counts(records_db)
    assert sum(statuses) == 12 and priorities == (12, 0, 0)  # all escalated, none closed
