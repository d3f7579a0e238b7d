"""Batch data in Redis, so workers on any machine can read chunks and write results.

Keys (all under ``{prefix}:batch:{id}``, all expiring after the retention):

* ``...``          hash: ``info`` (JSON), ``state``, counters, timestamps
* ``...:in``       hash: chunk number -> compressed input rows
* ``...:out``      hash: chunk number -> compressed outcomes
* ``...:done``     set of completed chunk numbers (the idempotency guard)
* ``...:versions`` set of list-version sets the chunks were screened with

The upload itself is not kept: the API splits it into ``:in`` chunks while
receiving it, so no shared folder is needed between API and workers.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence

from redis import Redis

from service.batch.outcome import RowOutcome
from service.batch.table import InputRow
from service.jobs.store import (
    ACTIVE_STATES,
    BatchInfo,
    BatchStatus,
    decision_counts,
    decode_outcomes,
    decode_rows,
    encode_outcomes,
    encode_rows,
    versions_key,
)

_FINISH_BODY = """
if redis.call('HGET', KEYS[1], 'ingested') == '1'
   and redis.call('SCARD', KEYS[4]) == tonumber(redis.call('HGET', KEYS[1], 'chunks_total'))
then
  local state = redis.call('HGET', KEYS[1], 'state')
  if state == 'queued' or state == 'running' then
    redis.call('HSETNX', KEYS[1], 'started_at', NOW)
    redis.call('HSET', KEYS[1], 'state', 'done', 'finished_at', NOW)
    for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], RETENTION) end
    finished = 1
  end
end
"""
"""Shared tail: when the last chunk is in (and ingest is over) the batch is done, and
its data expires ``retention`` seconds from now."""

_FINISH = (
    "local finished = 0\n"
    + _FINISH_BODY.replace("NOW", "ARGV[1]").replace("RETENTION", "ARGV[2]")
    + "return finished\n"
)

_COMPLETE = (
    """
-- KEYS: meta, in, out, done, versions
-- ARGV: n, payload, rows, versions, now, retention, (decision, count)*
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('SADD', KEYS[4], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[1], 'rows_done', ARGV[3])
for i = 7, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], 'd:' .. ARGV[i], ARGV[i + 1])
end
if ARGV[4] ~= '' then redis.call('SADD', KEYS[5], ARGV[4]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl > 0 then
  for i = 3, #KEYS do redis.call('EXPIRE', KEYS[i], ttl) end
end
local finished = 0
"""
    + _FINISH_BODY.replace("NOW", "ARGV[5]").replace("RETENTION", "ARGV[6]")
    + "return 1\n"
)


class RedisBatchStore:
    def __init__(self, redis: Redis, prefix: str, retention_seconds: int) -> None:
        self.redis = redis
        self.prefix = prefix
        self.retention_seconds = retention_seconds
        self._complete = redis.register_script(_COMPLETE)
        self._finish = redis.register_script(_FINISH)

    def _key(self, batch_id: str, part: str = "") -> str:
        return f"{self.prefix}:batch:{batch_id}{':' + part if part else ''}"

    def _keys(self, batch_id: str) -> list[str]:
        return [self._key(batch_id, p) for p in ("", "in", "out", "done", "versions")]

    def create(self, info: BatchInfo) -> None:
        key = self._key(info.id)
        fields = {"info": info.to_json(), "state": "queued", "ingested": "0", "chunks_total": 0}
        with self.redis.pipeline() as p:
            p.hset(key, mapping=fields)
            p.hset(key, mapping={"rows_done": 0})
            p.expire(key, self.retention_seconds)
            p.execute()

    def put_chunk(self, batch_id: str, n: int, rows: Sequence[InputRow]) -> None:
        key = self._key(batch_id, "in")
        with self.redis.pipeline() as p:
            p.hset(key, str(n), encode_rows(rows))
            p.expire(key, self.retention_seconds)
            p.execute()

    def finish_ingest(self, batch_id: str, chunks_total: int, rows_total: int) -> None:
        meta = self._key(batch_id)
        fields = {"chunks_total": chunks_total, "rows_total": rows_total, "ingested": "1"}
        self.redis.hset(meta, mapping=fields)
        self._finish(keys=self._keys(batch_id), args=[time.time(), self.retention_seconds])

    def status(self, batch_id: str) -> BatchStatus | None:
        with self.redis.pipeline() as p:
            p.hgetall(self._key(batch_id))
            p.scard(self._key(batch_id, "done"))
            p.smembers(self._key(batch_id, "versions"))
            raw, done, versions = p.execute()
        f = {k.decode(): v.decode() for k, v in raw.items()}
        if "info" not in f:
            # Gone (deleted or expired); counters a late chunk wrote after a DELETE can
            # leave a partial hash behind, which must read as "no such batch", not crash.
            return None
        decisions = {k[2:]: int(v) for k, v in f.items() if k.startswith("d:")}
        return BatchStatus(
            info=BatchInfo.from_json(f["info"]),
            state=f["state"],
            ingested=f.get("ingested") == "1",
            chunks_total=int(f.get("chunks_total", 0)),
            chunks_done=int(done),
            rows_total=int(f["rows_total"]) if "rows_total" in f else None,
            rows_done=int(f.get("rows_done", 0)),
            decisions=decisions,
            started_at=float(f["started_at"]) if "started_at" in f else None,
            finished_at=float(f["finished_at"]) if "finished_at" in f else None,
            list_versions=[json.loads(v) for v in sorted(versions)],
            error=f.get("error"),
        )

    def chunk(self, batch_id: str, n: int) -> list[InputRow] | None:
        payload = self.redis.hget(self._key(batch_id, "in"), str(n))
        return None if payload is None else decode_rows(payload)

    def mark_running(self, batch_id: str) -> bool:
        key = self._key(batch_id)
        state = self.redis.hget(key, "state")
        if state is None or state.decode() not in ACTIVE_STATES:
            return False
        if state == b"queued":
            with self.redis.pipeline() as p:
                p.hsetnx(key, "started_at", time.time())
                p.hset(key, "state", "running")
                p.execute()
        return True

    def complete_chunk(
        self, batch_id: str, n: int, outcomes: Sequence[RowOutcome], versions: Mapping[str, str]
    ) -> bool:
        counts = decision_counts(outcomes)
        args: list = [n, encode_outcomes(outcomes), len(outcomes)]
        args += [versions_key(versions) if versions else "", time.time(), self.retention_seconds]
        for decision, count in counts.items():
            args += [decision, count]
        return self._complete(keys=self._keys(batch_id), args=args) == 1

    def results(self, batch_id: str, n: int) -> list[RowOutcome] | None:
        payload = self.redis.hget(self._key(batch_id, "out"), str(n))
        return None if payload is None else decode_outcomes(payload)

    def set_state(self, batch_id: str, state: str, error: str | None = None) -> bool:
        key = self._key(batch_id)
        current = self.redis.hget(key, "state")
        if current is None or current.decode() not in ACTIVE_STATES:
            return False
        fields = {"state": state, "finished_at": time.time()}
        if error:
            fields["error"] = error
        self.redis.hset(key, mapping=fields)
        return True

    def delete(self, batch_id: str) -> bool:
        return bool(self.redis.delete(*self._keys(batch_id)))
