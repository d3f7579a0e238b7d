"""The customer index answers "which customers could match this entry?" with the core
matcher's tolerance (typos, word order, aliases, identifiers), and nothing unrelated."""

from __future__ import annotations

from service.core.model import Alias, Entity, Identifier
from service.monitoring import book
from service.monitoring.book import CustomerData
from service.monitoring.reverse import CustomerIndex, CustomerName, customer_names, search_book
from service.records import RecordsDatabase
from service.records.canonical import now

BOOK = [
    CustomerName(1, "Rustam Karimov", "person"),
    CustomerName(2, "KARIMOV Rustam", "person"),
    CustomerName(3, "Rustam Karimof", "person"),  # a typo
    CustomerName(4, "Harbor Bakery Ltd"),
    CustomerName(5, "Anna Schmidt", "person", (Identifier("passport", "X1234567"),)),
    CustomerName(6, "rustam  karimov", "person"),  # the same name as 1: one indexed name
    CustomerName(7, "Bakhodir Tashkentov", "person"),
]


def entry(name: str, *aliases: str, identifiers: tuple[Identifier, ...] = ()) -> Entity:
    return Entity(
        "test", "1", "person", name, tuple(Alias(a) for a in aliases), identifiers=identifiers
    )


def test_candidates_are_the_customers_an_entry_could_match() -> None:
    index = CustomerIndex(BOOK)
    assert index.customers == 7 and index.size == 6
    assert index.candidates(entry("KARIMOV, Rustam Alievich")) == {1, 2, 3, 6}
    assert index.candidates(entry("NOBODY KNOWN", "TASHKENTOV, Bakhodir")) == {7}
    by_passport = entry("Someone Else", identifiers=(Identifier("passport", "X1234567"),))
    assert index.candidates(by_passport) == {5}
    assert index.candidates(entry("Completely Different Person")) == set()


def test_the_index_reads_every_tenant_s_book(records_db: RecordsDatabase) -> None:
    with records_db.engine.begin() as connection:
        book.save(connection, "acme", CustomerData("a", "Rustam Karimov", "person"), now())
        passport = (Identifier("passport", "X1"),)
        book.save(
            connection, "other", CustomerData("b", "Anna Schmidt", identifiers=passport), now()
        )
    names = list(customer_names(records_db, page=1))
    assert [(n.name, n.identifiers) for n in names] == [
        ("Rustam Karimov", ()),
        ("Anna Schmidt", passport),
    ]


def test_searching_the_book_shard_by_shard_finds_the_same_customers() -> None:
    entries = [entry("KARIMOV, Rustam Alievich"), entry("NOBODY KNOWN", "TASHKENTOV, Bakhodir")]
    whole = set().union(*(CustomerIndex(BOOK).candidates(e) for e in entries))
    assert whole == {1, 2, 3, 6, 7}
    assert search_book(BOOK, entries, shard=2) == whole
    assert search_book(BOOK, entries) == whole
