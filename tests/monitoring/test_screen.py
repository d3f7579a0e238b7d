"""Screening a customer outside a request, on SQLite and PostgreSQL: recorded, alert
opened then joined, the customer's row pointing at its last screening."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import select

from service.monitoring import book
from service.monitoring.book import CustomerData
from service.monitoring.screen import Monitoring, put_customer, screen_customer
from service.records import RecordsDatabase
from service.records.models import Alert, Screening
from service.screening import Screener
from service.settings import Settings
from service.store import Catalog

BANK = CustomerData("C-1", "Banco Nacional de Cuba", "organization", "CU", fields={"x": 1})


def test_a_hit_opens_then_joins_one_alert(
    records_db: RecordsDatabase, settings: Settings, catalog_of: Callable[..., Catalog]
) -> None:
    ctx = Monitoring(records_db, Screener(catalog_of(), settings), settings)
    first = screen_customer(ctx, "acme", "monitor", BANK)
    assert first.decision == "block" and first.new_alert and first.alert_id
    assert first.entries == {"test_list:1"}
    again = screen_customer(ctx, "acme", "monitor", BANK)
    assert again.alert_id == first.alert_id and not again.new_alert
    with records_db.session() as session:
        alert = session.scalars(select(Alert)).one()
        kinds = session.scalars(select(Screening.kind)).all()
        answer = json.loads(
            session.scalars(
                select(Screening.response).where(Screening.screening_id == first.screening_id)
            ).one()
        )
    assert (alert.source, alert.screenings, alert.customer_id) == ("monitoring", 2, "C-1")
    assert kinds == ["monitoring", "monitoring"]
    assert answer["matches"][0]["fingerprint"].startswith("fp1:")
    saved = book.get_customer(records_db, "acme", "C-1")
    assert saved["screening"]["screening_id"] == again.screening_id
    assert saved["screening"]["list_versions"] == {
        "other_list": "2026-01-01",
        "test_list": "2026-01-01",
    }


def test_put_screens_only_when_what_is_screened_changed(
    records_db: RecordsDatabase, settings: Settings, catalog_of: Callable[..., Catalog]
) -> None:
    ctx = Monitoring(records_db, Screener(catalog_of(), settings), settings)
    _, outcome = put_customer(ctx, "acme", "monitor", BANK)
    assert outcome is not None and outcome.new_alert
    saved, again = put_customer(
        ctx, "acme", "monitor", CustomerData(**{**BANK.__dict__, "fields": {}})
    )
    assert again is None and saved["fields"] == {}
    _, moved = put_customer(ctx, "acme", "monitor", CustomerData("C-1", "Banco Nacional de Cuba"))
    # screened again; the customer id keeps the subject, so its open alert is joined
    assert moved is not None and moved.alert_id == outcome.alert_id and not moved.new_alert
