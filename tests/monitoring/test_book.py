"""The customer book on SQLite and PostgreSQL: content hash, save, pages, delete."""

from __future__ import annotations

from dataclasses import replace

import pytest

from service.core.model import Identifier
from service.monitoring import book
from service.monitoring.book import CustomerData, CustomerNotFound, InvalidCustomerCursor
from service.records import RecordsDatabase
from service.records.canonical import now


def test_the_content_hash_covers_what_screening_reads_only() -> None:
    base = CustomerData("C1", "Ana Ruiz", "person", "ES", "1980")
    assert (
        base.content_hash() == CustomerData(**{**base.__dict__, "fields": {"a": 1}}).content_hash()
    )
    for changed in (
        {"name": "Ana Ruiz Diaz"},
        {"country": "PT"},
        {"date_of_birth": "1981"},
        {"identifiers": (Identifier("passport", "X1"),)},
    ):
        assert replace(base, **changed).content_hash() != base.content_hash()


def test_save_get_page_delete(records_db: RecordsDatabase) -> None:
    with records_db.engine.begin() as connection:
        for n in range(3):
            data = CustomerData(f"C{n}", f"Name {n}", fields={"n": n})
            book.save(connection, "acme", data, now())
        book.save(connection, "other", CustomerData("C0", "Someone Else"), now())
    book.save_fields(records_db, "acme", CustomerData("C1", "Name 1", fields={"n": 10}), now())
    assert book.get_customer(records_db, "acme", "C1")["fields"] == {"n": 10}
    assert book.get_customer(records_db, "other", "C0")["name"] == "Someone Else"
    page, cursor = book.list_customers(records_db, "acme", limit=2)
    assert [c["customer_id"] for c in page] == ["C0", "C1"] and cursor
    page, cursor = book.list_customers(records_db, "acme", limit=2, cursor=cursor)
    assert [c["customer_id"] for c in page] == ["C2"] and cursor is None
    book.delete_customer(records_db, "acme", "C0")
    with pytest.raises(CustomerNotFound):
        book.get_customer(records_db, "acme", "C0")
    with pytest.raises(CustomerNotFound):
        book.delete_customer(records_db, "acme", "C0")
    assert [r.customer_id for r in book.iter_rows(records_db, batch=1)] == ["C1", "C2", "C0"]
    with pytest.raises(InvalidCustomerCursor):
        book.decode_cursor("bm9wZQ")  # "nope": not one of ours
