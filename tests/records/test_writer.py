"""The hot-path writer: what it stores reads back through SQLAlchemy exactly."""

from __future__ import annotations

import pytest
from records_fixtures import screening

from service.records import RecordsDatabase
from service.records.models import Screening
from service.records.screenings import record_screening
from service.records.writer import DuplicateKey, write_screening


def test_times_and_text_read_back_exactly(records_db: RecordsDatabase) -> None:
    new = screening(name="Zoë O'Brien", key="k-1")
    record_screening(records_db, new)
    with records_db.session() as session:
        row = session.query(Screening).filter_by(screening_id=new.screening_id).one()
        assert row.request == new.request and row.response == new.response
        assert row.received_at.replace(tzinfo=None) == new.received_at.replace(tzinfo=None)


def test_a_duplicate_key_rolls_everything_back(records_db: RecordsDatabase) -> None:
    row = {
        "screening_id": "scr_dup",
        "tenant": "acme",
        "kind": "screen",
        "principal": "key:k",
        "received_at": screening().received_at,
        "answered_at": screening().answered_at,
        "request": "{}",
        "response": "{}",
        "decision": "clear",
        "list_versions": "{}",
        "ruleset_version": "",
        "reference_version": "",
        "service_version": "0",
        "subjects": "",
        "customer_id": None,
        "idempotency_key": None,
    }
    write_screening(records_db, row, b"x", None)
    with pytest.raises(DuplicateKey):
        write_screening(records_db, row, b"x", None)
    with records_db.session() as session:
        assert session.query(Screening).count() == 1
