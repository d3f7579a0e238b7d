"""Purge with a signed checkpoint, and the examiner's export."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from records_fixtures import screening
from sqlalchemy import text

from service.records import RecordsDatabase
from service.records.audit import ChainBroken, export, purge, verify
from service.records.canonical import now
from service.records.screenings import get_screening, record_screening


def _aged(db: RecordsDatabase, days_ago: list[int]) -> list[str]:
    ids = []
    for days in days_ago:
        new = screening(at=now() - timedelta(days=days), name=f"AGE {days}")
        record_screening(db, new)
        ids.append(new.screening_id)
    return ids


def test_purge_leaves_a_checkpoint_the_rest_verifies_from(
    records_db: RecordsDatabase, secret: bytes
) -> None:
    ids = _aged(records_db, [40, 35, 31, 2, 1])
    (report,) = purge(records_db, secret, now() - timedelta(days=30))
    assert (report.purged_links, report.purged_screenings, report.checkpoint_seq) == (3, 3, 3)
    assert get_screening(records_db, "acme", ids[0]) is None
    assert get_screening(records_db, "acme", ids[3]) is not None
    (check,) = verify(records_db, secret)
    assert check.ok and check.verified == 2
    _aged(records_db, [0])
    (check,) = verify(records_db, secret)
    assert check.ok and check.verified == 3
    # Purging again with nothing old is a no-op.
    (again,) = purge(records_db, secret, now() - timedelta(days=30))
    assert again.purged_links == 0


def test_a_forged_checkpoint_is_caught(records_db: RecordsDatabase, secret: bytes) -> None:
    _aged(records_db, [40, 1])
    purge(records_db, secret, now() - timedelta(days=30))
    with records_db.engine.begin() as connection:
        connection.execute(text("UPDATE checkpoints SET purged = 99"))
    (check,) = verify(records_db, secret)
    assert not check.ok and "signature" in check.problem
    (other_secret,) = verify(records_db, b"x" * 32)
    assert not other_secret.ok


def test_purge_refuses_a_broken_chain(records_db: RecordsDatabase, secret: bytes) -> None:
    _aged(records_db, [40, 1])
    with records_db.engine.begin() as connection:
        connection.execute(text("UPDATE screenings SET decision = 'clear'"))
        connection.execute(text("UPDATE screenings SET principal = 'someone else'"))
    with pytest.raises(ChainBroken):
        purge(records_db, secret, now() - timedelta(days=30))


def test_export_jsonl_and_csv(records_db: RecordsDatabase) -> None:
    ids = _aged(records_db, [10, 5, 1])
    since, until = now() - timedelta(days=6), now()
    lines = list(export(records_db, since, until, "jsonl"))
    records = [json.loads(line) for line in lines]
    assert [r["screening_id"] for r in records] == ids[1:]
    assert all(r["chain_hash"] and json.loads(r["request"])["name"] for r in records)
    rows = list(csv.DictReader(io.StringIO("".join(export(records_db, since, until, "csv")))))
    assert [r["screening_id"] for r in rows] == ids[1:]
    assert json.loads(rows[0]["list_versions"]) == {"sample": "2026-01-01"}


HOSTILE = '=HYPERLINK("http://x.invalid","click")'


def test_csv_export_neutralises_formulas_and_jsonl_stays_exact(
    records_db: RecordsDatabase,
) -> None:
    for customer_id in (HOSTILE, "+1-555", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "C-1"):
        record_screening(records_db, screening(name=HOSTILE, customer_id=customer_id))
    rows = list(csv.DictReader(io.StringIO("".join(export(records_db, None, None, "csv")))))
    assert [r["customer_id"] for r in rows] == [
        "'" + HOSTILE,
        "'+1-555",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTAB",
        "'\rCR",
        "C-1",
    ]
    assert json.loads(rows[0]["request"]) == {"name": HOSTILE}
    records = [json.loads(line) for line in export(records_db, None, None, "jsonl")]
    assert records[0]["customer_id"] == HOSTILE
    assert json.loads(records[0]["request"]) == {"name": HOSTILE}
