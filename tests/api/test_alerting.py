"""Where a screening meets alert work, called as the views call it inside a request: the
subject's suppressions applied before the answer (per tenant), what each matched entry
said kept for the alert's fingerprints, and the alert written in the record's
transaction (or nothing for a clear answer)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextlib import suppress as suppress_errors

from alert_fixtures import BANK_KEY, bank_match, open_alert
from flask import Flask, g

from service.alerts import workflow
from service.alerts.store import AlertQuery, get_alert, list_alerts
from service.api.alerting import alert_writer, note_entries, suppress, suppress_party
from service.api.auth import get_auth
from service.api.state import get_state
from service.auth.principal import Principal
from service.rules.request import Party
from service.screening import ScreenRequest

BANK = ScreenRequest(name="Banco Nacional de Cuba", customer_id="CUST-1")


@contextmanager
def request_of(app: Flask, body: dict, tenant: str = "acme") -> Iterator[None]:
    """A ``POST /v1/screen`` of ``body`` by a screener of ``tenant``, as the view sees it."""
    with app.test_request_context("/v1/screen", method="POST", json=body):
        g.principal = Principal("key", "k-screener", tenant, "screener")
        yield


def clear_false_positive(app: Flask) -> str:
    """CUST-1's review alert on the Cuban bank closed as a false positive (acme)."""
    db = get_auth(app).db
    alert_id = open_alert(db, decision="review")
    workflow.decide(
        db, workflow.Actor("key:ana", "acme"), alert_id, outcome="false_positive",
        reason="other", note="", reasons=workflow.DEFAULT_REASONS, suppression_days=30,
    )  # fmt: skip
    return alert_id


def test_suppress_applies_the_callers_tenants_suppressions_only(app: Flask) -> None:
    alert_id = clear_false_positive(app)
    screener = get_state(app).screener
    with request_of(app, {"name": BANK.name, "customer_id": "CUST-1"}):
        answer = suppress(BANK, screener.screen(BANK))
        assert answer.decision == "clear"
        assert answer.matches[0].suppressed["alert_id"] == alert_id
        assert g.alert_changes == [] and BANK_KEY in g.entry_facets
    with request_of(app, {"name": BANK.name, "customer_id": "CUST-1"}, tenant="globex"):
        answer = suppress(BANK, screener.screen(BANK))
        assert answer.decision == "block" and not getattr(answer.matches[0], "suppressed", None)


def test_entries_are_noted_once_as_first_seen(app: Flask) -> None:
    matches = get_state(app).screener.screen(BANK).matches
    with request_of(app, {}):
        note_entries(matches)
        first = dict(g.entry_facets)
        note_entries(matches)
        assert g.entry_facets == first and first[BANK_KEY]["countries"] == ("CU",)


def test_a_clear_answer_writes_no_alert(app: Flask) -> None:
    with request_of(app, {"name": "Harmless Bakery"}):
        assert alert_writer("screen", {"screening_id": "s1", "decision": "clear"}) is None


def written(app: Flask, *, fail: bool) -> str:
    """A block on CUST-7 written beside its record; ``fail``: the record's write fails."""
    db = get_auth(app).db
    answer = {"screening_id": "s7", "decision": "block", "matches": [bank_match()]}
    with request_of(app, {"name": BANK.name, "customer_id": "CUST-7"}):
        note_entries(get_state(app).screener.screen(BANK).matches)
        write = alert_writer("screen", answer)
        assert write is not None
        with suppress_errors(RuntimeError), db.engine.begin() as connection:
            write(connection)
            if fail:
                raise RuntimeError("the record could not be written")
        return g.alert_id


def test_the_alert_is_written_with_the_record(app: Flask) -> None:
    alert = get_alert(get_auth(app).db, "acme", written(app, fail=False))
    assert alert is not None and alert["subject"]["customer_id"] == "CUST-7"
    assert alert["events"][0]["actor"] == "key:k-screener"
    assert alert["matches"][0]["fingerprint"].startswith("fp1:")


def test_no_alert_stays_when_the_record_is_not_written(app: Flask) -> None:
    db = get_auth(app).db
    assert get_alert(db, "acme", written(app, fail=True)) is None
    assert list_alerts(db, "acme", AlertQuery())[0] == []


def test_a_partys_suppressions_are_its_own_and_lapses_are_named_by_party(app: Flask) -> None:
    alert_id = clear_false_positive(app)  # CUST-1 and the Cuban bank
    matches = list(get_state(app).screener.screen(BANK).matches)
    customer = Party(id="payee", role="beneficiary", name=BANK.name, customer_id="CUST-1")
    stranger = Party(id="payer", role="ordering_customer", name=BANK.name)
    with request_of(app, {}):
        (marked,) = suppress_party(customer, matches)
        assert marked.suppressed["alert_id"] == alert_id  # type: ignore[attr-defined]
        assert suppress_party(stranger, matches) == matches
        assert g.alert_changes == []
    with request_of(app, {}, tenant="globex"):
        assert suppress_party(customer, matches) == matches
