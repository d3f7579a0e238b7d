"""Known false positives, on SQLite and PostgreSQL: which suppressions are live for a
subject, how a screening's answer is changed by them (marked, ignored, said in a reason),
how a changed list entry lapses one and says what changed, and making, listing and
revoking them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alert_fixtures import BANK, BANK_KEY, bank_match, open_alert
from factories import TEST_ENTITIES, catalog_from, entity
from sqlalchemy import select

from service.alerts import suppression
from service.alerts.store import get_alert
from service.alerts.subject import subject_key
from service.records import RecordsDatabase, RecordsUnavailable
from service.records.models import Alert
from service.screening import Screener, ScreenRequest
from service.settings import Settings

CUSTOMER = subject_key(customer_id="CUST-1", name="")
ALIASED = entity("1", "BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA", "BNC", countries=["CU"])


def cleared(
    db: RecordsDatabase,
    tenant: str = "acme",
    days: int = 30,
    approved_by: str | None = None,
    **alert: Any,
) -> list[str]:
    """The suppressions a closed false positive (on the Cuban bank by default) leaves."""
    alert_id = open_alert(db, tenant, decision="review", **alert)
    with db.engine.begin() as connection:
        row = connection.execute(select(Alert).where(Alert.alert_id == alert_id)).one()
        return suppression.create_for(
            connection, row, decided_by="key:ana", decided_at=None, approved_by=approved_by,
            days=days,
        )  # fmt: skip


def screened(settings: Settings, *entities: object) -> object:
    screener = Screener(catalog_from(entities or TEST_ENTITIES), settings)
    return screener.screen(ScreenRequest(name="Banco Nacional de Cuba", customer_id="CUST-1"))


def test_only_the_subjects_live_suppressions_are_found(records_db: RecordsDatabase) -> None:
    (live,) = cleared(records_db)
    cleared(records_db, days=0)  # expired at once
    (revoked,) = cleared(records_db, customer_id="CUST-1")
    suppression.revoke(records_db, "acme", revoked, "key:ana")
    cleared(records_db, tenant="globex")
    cleared(records_db, customer_id="CUST-2")
    (found,) = suppression.find_active(records_db, "acme", CUSTOMER)
    assert (found.suppression_id, found.list, found.source_id) == (live, BANK.list, "1")
    assert found.facets["names"] == ["banco nacional de cuba", "national bank of cuba"]
    assert found.mark()["expires_at"] > found.mark()["decided_at"]


def test_an_unreadable_store_fails_closed(tmp_path: Path) -> None:
    empty = RecordsDatabase(f"sqlite:///{tmp_path / 'no-tables.db'}")
    with pytest.raises(RecordsUnavailable):
        suppression.find_active(empty, "acme", CUSTOMER)
    empty.dispose()


def test_a_suppressed_match_is_shown_marked_and_the_decision_ignores_it(
    records_db: RecordsDatabase, settings: Settings
) -> None:
    (sid,) = cleared(records_db)
    result = screened(settings)
    assert result.decision == "block"  # type: ignore[attr-defined]
    active = suppression.find_active(records_db, "acme", CUSTOMER)
    after, changes = suppression.apply(result, active, settings)
    assert changes == [] and after.decision == "clear"
    (match,) = after.matches
    assert match.entity.key == BANK.key and match.suppressed["suppression_id"] == sid
    (reason,) = [r for r in after.reasons if r["code"] == "suppressed"]
    assert reason["suppressions"] == [sid] and BANK_KEY in reason["message"]
    assert suppression.apply(result, [], settings) == (result, [])


def test_a_changed_entry_is_not_suppressed_and_says_what_changed(
    records_db: RecordsDatabase, settings: Settings
) -> None:
    (sid,) = cleared(records_db)
    result = screened(settings, ALIASED, *TEST_ENTITIES[1:])
    active = suppression.find_active(records_db, "acme", CUSTOMER)
    after, changes = suppression.apply(result, active, settings)
    assert after.decision == result.decision == "block"  # type: ignore[attr-defined]
    assert not getattr(after.matches[0], "suppressed", None)
    (change,) = changes
    assert (change["suppression_id"], change["list"], change["source_id"]) == (
        sid,
        "test_list",
        "1",
    )
    assert change["changed"] == {"names": {"added": ["bnc"], "removed": []}}


def test_a_suppression_per_fingerprinted_match_and_an_event_each(
    records_db: RecordsDatabase,
) -> None:
    unknown = {"list": "other_list", "source_id": "2"}  # no facets known: no fingerprint
    muted = {
        "list": "test_list",
        "source_id": "3",
        "fingerprint": "fp1:0",
        "suppressed": {"suppression_id": "s"},
    }
    (sid,) = cleared(records_db, approved_by="key:apu", matches=[bank_match(), unknown, muted])
    (made,) = suppression.list_suppressions(records_db, "acme")
    assert made["suppression_id"] == sid and made["subject"]["customer_id"] == "CUST-1"
    assert suppression.find_active(records_db, "acme", CUSTOMER)[0].suppression_id == sid
    assert (made["approved_by"], made["revoked_at"]) == ("key:apu", None)
    alert = get_alert(records_db, "acme", made["alert_id"])
    assert alert is not None and alert["events"][-1]["suppression_id"] == sid


def test_revoking_is_once_per_tenant_and_on_the_chain(records_db: RecordsDatabase) -> None:
    (sid,) = cleared(records_db)
    with pytest.raises(suppression.SuppressionNotFound):
        suppression.revoke(records_db, "globex", sid, "key:x")
    done = suppression.revoke(records_db, "acme", sid, "key:ana")
    assert done["revoked_by"] == "key:ana" and done["revoked_at"]
    again = suppression.revoke(records_db, "acme", sid, "key:other")
    assert again["revoked_by"] == "key:ana"  # the first revocation stands
    assert suppression.list_suppressions(records_db, "acme") == []
    assert [s["suppression_id"] for s in suppression.list_suppressions(
        records_db, "acme", active_only=False
    )] == [sid]  # fmt: skip
    alert = get_alert(records_db, "acme", done["alert_id"])
    assert alert is not None
    assert [e["event"] for e in alert["events"]].count("suppression_revoked") == 1
    assert suppression.alert_subject(records_db, "acme", done["alert_id"]) == CUSTOMER
    assert suppression.alert_subject(records_db, "globex", done["alert_id"]) is None


def test_a_party_match_suppresses_for_the_party(records_db: RecordsDatabase) -> None:
    party = {
        "key": subject_key(customer_id="PAYEE-1", name=""),
        "name": "Payee",
        "customer_id": "PAYEE-1",
    }
    (sid,) = cleared(records_db, matches=[bank_match(party="payee", subject=party)])
    (made,) = suppression.list_suppressions(records_db, "acme")
    assert made["subject"] == {"name": "Payee", "customer_id": "PAYEE-1"}
    assert [
        a.suppression_id for a in suppression.find_active(records_db, "acme", party["key"])
    ] == [sid]
    assert suppression.find_active(records_db, "acme", CUSTOMER) == []  # not the alert's


def test_mark_replaces_only_matches_whose_entry_still_says_the_same(
    records_db: RecordsDatabase, settings: Settings
) -> None:
    (sid,) = cleared(records_db)
    active = suppression.find_active(records_db, "acme", CUSTOMER)
    same = screened(settings).matches  # type: ignore[attr-defined]
    shown, changes = suppression.mark(same, active)
    assert [m.suppressed["suppression_id"] for m in shown] == [sid] and changes == []
    aliased = screened(settings, ALIASED, *TEST_ENTITIES[1:]).matches  # type: ignore[attr-defined]
    shown, changes = suppression.mark(aliased, active)
    assert shown == list(aliased) and [c["suppression_id"] for c in changes] == [sid]
    assert suppression.mark(same, []) == (list(same), [])
