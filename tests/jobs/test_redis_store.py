"""What only the Redis store does: prefixed keys that all expire (shared behaviour:
tests/jobs/test_store.py)."""

from __future__ import annotations

from jobs.batches import new_batch, outcome

from service.jobs.backend import open_store


def test_redis_keys_carry_the_prefix_and_expire(redis_settings, redis_conn) -> None:
    store = open_store(redis_settings.with_(batch_retention_seconds=100))
    bid = new_batch(store)
    store.complete_chunk(bid, 0, [outcome(2)], {"un": "v1"})
    keys = [k.decode() for k in redis_conn.keys("*")]
    assert keys and all(k.startswith(f"t-batch:batch:{bid}") for k in keys)
    assert all(0 < redis_conn.ttl(k) <= 100 for k in keys)
