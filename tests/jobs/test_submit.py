from __future__ import annotations

import io

import pytest

from service.batch.mapping import MappingError
from service.batch.rows import BatchOptions
from service.jobs.backend import open_store
from service.jobs.submit import TooManyRows, Upload, submit_batch


def test_too_many_rows_deletes_what_was_stored(sqlite_settings) -> None:
    store = open_store(sqlite_settings)
    dispatched: list[tuple[str, int]] = []
    upload = Upload(io.BytesIO(b"name\n" + b"Acme\n" * 7), "c.csv", {}, BatchOptions())
    with pytest.raises(TooManyRows):
        submit_batch(
            store, upload, lambda b, n: dispatched.append((b, n)), chunk_rows=2, max_rows=6
        )
    assert len(dispatched) == 3
    assert store.status(dispatched[0][0]) is None


def test_bad_mapping_stores_nothing(sqlite_settings) -> None:
    store = open_store(sqlite_settings)
    upload = Upload(io.BytesIO(b"who,where\nAcme,US\n"), "c.csv", {}, BatchOptions())
    with pytest.raises(MappingError):
        submit_batch(store, upload, lambda b, n: None, chunk_rows=2, max_rows=6)


def test_batch_records_format_columns_and_mapping(sqlite_settings) -> None:
    store = open_store(sqlite_settings)
    upload = Upload(
        io.BytesIO("Client;Land\nMüller;DE\n".encode("cp1252")), "c.txt", {"name": "Client"},
        BatchOptions(threshold=0.9),
        fmt=None,
    )  # fmt: skip
    batch_id = submit_batch(store, upload, lambda b, n: None, chunk_rows=2, max_rows=6)
    info = store.status(batch_id).info
    assert (info.format, info.encoding, info.delimiter) == ("csv", "cp1252", ";")
    assert info.columns == ["Client", "Land"] and info.mapping["name"] == "Client"
    assert info.options["threshold"] == 0.9
    assert store.chunk(batch_id, 0)[0].cells == ("Müller", "DE")
