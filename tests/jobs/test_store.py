"""Both batch stores, same behaviour: idempotent completion, state machine, expiry."""

from __future__ import annotations

import pytest
from jobs.batches import new_batch, outcome

from service.jobs.backend import open_store
from service.jobs.store import ResultsIncomplete, expected_result_rows, iter_result_rows


@pytest.fixture(params=["redis", "sqlite"])
def store(request):
    settings = request.getfixturevalue(f"{request.param}_settings")
    return open_store(settings)


def test_chunk_completed_twice_counts_once(store) -> None:
    bid = new_batch(store)
    assert store.mark_running(bid)
    assert store.complete_chunk(bid, 0, [outcome(2, "review")], {"un": "v1"}) is True
    assert store.complete_chunk(bid, 0, [outcome(2, "block")], {"un": "v1"}) is False
    status = store.status(bid)
    assert (status.rows_done, status.hits, status.chunks_done) == (1, 1, 1)
    assert store.results(bid, 0) == [outcome(2, "review")]
    assert status.state == "running"


def test_done_when_ingest_finished_and_every_chunk_in(store) -> None:
    bid = new_batch(store)
    store.complete_chunk(bid, 0, [outcome(2)], {"un": "v1"})
    store.complete_chunk(bid, 1, [outcome(3, "error")], {})
    assert store.status(bid).state == "queued"  # ingest not finished yet
    store.finish_ingest(bid, chunks_total=2, rows_total=2)
    status = store.status(bid)
    assert (status.state, status.rows_total, status.errors) == ("done", 2, 1)
    assert status.finished_at is not None
    assert store.set_state(bid, "failed", "late") is False


def test_chunk_after_ingest_finishes_the_batch(store) -> None:
    bid = new_batch(store)
    store.finish_ingest(bid, chunks_total=2, rows_total=2)
    store.complete_chunk(bid, 0, [outcome(2)], {"un": "v1"})
    assert store.status(bid).state == "queued"
    store.complete_chunk(bid, 1, [outcome(3)], {"un": "v1"})
    assert store.status(bid).state == "done"


def test_mixed_list_versions_are_all_recorded(store) -> None:
    bid = new_batch(store)
    store.complete_chunk(bid, 0, [outcome(2)], {"un": "v1", "eu": "a"})
    store.complete_chunk(bid, 1, [outcome(3)], {"eu": "a", "un": "v2"})
    assert store.status(bid).list_versions == [{"eu": "a", "un": "v1"}, {"eu": "a", "un": "v2"}]


def test_cancelled_batch_takes_no_new_chunks(store) -> None:
    bid = new_batch(store)
    assert store.set_state(bid, "cancelled", "by test")
    assert store.mark_running(bid) is False
    assert store.status(bid).error == "by test"


def test_delete_removes_everything(store) -> None:
    bid = new_batch(store)
    store.complete_chunk(bid, 0, [outcome(2)], {})
    assert store.delete(bid)
    assert (
        store.status(bid) is None and store.chunk(bid, 0) is None and store.results(bid, 0) is None
    )
    assert store.complete_chunk(bid, 1, [outcome(3)], {}) is False


def lose_results(store, batch_id: str, n: int) -> None:
    """Chunk ``n``'s results disappear, as with an expiry or a lost, unpersisted Redis."""
    if hasattr(store, "redis"):
        store.redis.hdel(store._key(batch_id, "out"), str(n))
    else:
        with store._db() as db:
            db.execute("DELETE FROM chunks_out WHERE batch = ? AND n = ?", (batch_id, n))


def test_results_of_a_done_batch_are_all_there_or_the_reading_fails(store) -> None:
    bid = new_batch(store, chunks=3)
    for n in range(3):
        store.complete_chunk(bid, n, [outcome(2 + n, "review" if n else "clear")], {"un": "v1"})
    store.finish_ingest(bid, chunks_total=3, rows_total=3)
    status = store.status(bid)
    assert len(list(iter_result_rows(store, status))) == expected_result_rows(status) == 3
    assert len(list(iter_result_rows(store, status, True))) == expected_result_rows(status, True)
    assert expected_result_rows(status, only_hits=True) == 2
    lose_results(store, bid, 1)
    rows = iter_result_rows(store, status)
    assert next(rows)[1] == outcome(2, "clear")
    with pytest.raises(ResultsIncomplete, match="chunk 2 of 3"):
        next(rows)
