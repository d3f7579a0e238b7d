"""The batch store interface and what both backends share: payload encoding, status.

A batch is: its description (columns, mapping, options, file name), input chunks
(lists of :class:`InputRow`), result chunks (lists of outcomes), and counters.
``complete_chunk`` is the one write that must be atomic and idempotent: a chunk
retried after its worker died counts once, however often it is completed.
"""

from __future__ import annotations

import json
import time
import uuid
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from service.batch.outcome import HIT_DECISIONS, DecisionCounts, RowOutcome
from service.batch.table import InputRow

ACTIVE_STATES = frozenset({"queued", "running"})


def new_batch_id() -> str:
    return uuid.uuid4().hex


def encode_rows(rows: Sequence[InputRow]) -> bytes:
    return zlib.compress(json.dumps([r.to_json() for r in rows]).encode(), 1)


def decode_rows(payload: bytes) -> list[InputRow]:
    return [InputRow.from_json(r) for r in json.loads(zlib.decompress(payload))]


def encode_outcomes(outcomes: Sequence[RowOutcome]) -> bytes:
    return zlib.compress(json.dumps(list(outcomes)).encode(), 1)


def decode_outcomes(payload: bytes) -> list[RowOutcome]:
    return [RowOutcome.from_json(o) for o in json.loads(zlib.decompress(payload))]


def versions_key(versions: Mapping[str, str]) -> str:
    """Canonical text of a list-version set, so equal sets compare equal."""
    return json.dumps(dict(sorted(versions.items())), separators=(",", ":"))


def decision_counts(outcomes: Sequence[RowOutcome]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.decision] = counts.get(outcome.decision, 0) + 1
    return counts


@dataclass
class BatchInfo:
    """What is fixed when the batch is created."""

    id: str
    filename: str
    format: str
    columns: list[str]
    mapping: dict[str, str | None]
    options: dict[str, Any]
    created_at: float
    submitted_versions: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    delimiter: str | None = None

    def to_json(self) -> str:
        return json.dumps(self.__dict__)

    @classmethod
    def from_json(cls, text: str) -> BatchInfo:
        return cls(**json.loads(text))


@dataclass
class BatchStatus(DecisionCounts):
    """What changes while the batch runs; both stores build it from their counters."""

    info: BatchInfo
    state: str
    ingested: bool
    chunks_total: int
    chunks_done: int
    rows_total: int | None
    rows_done: int
    decisions: dict[str, int]
    started_at: float | None
    finished_at: float | None
    list_versions: list[dict[str, str]]
    """Each distinct set of list versions the chunks were screened with (sorted)."""
    error: str | None = None

    def rate(self, now: float | None = None) -> float | None:
        if not self.started_at or not self.rows_done:
            return None
        end = self.finished_at or (now or time.time())
        return self.rows_done / max(end - self.started_at, 1e-3)

    def eta_seconds(self, now: float | None = None) -> float | None:
        rate = self.rate(now)
        if self.state != "running" or not rate or self.rows_total is None:
            return None
        return max(self.rows_total - self.rows_done, 0) / rate


class BatchStore(Protocol):
    """Where batches live. Implemented by ``RedisBatchStore`` and ``SqliteBatchStore``."""

    retention_seconds: int

    def create(self, info: BatchInfo) -> None: ...

    def put_chunk(self, batch_id: str, n: int, rows: Sequence[InputRow]) -> None: ...

    def finish_ingest(self, batch_id: str, chunks_total: int, rows_total: int) -> None:
        """All chunks stored; the batch is done once that many chunks completed."""

    def status(self, batch_id: str) -> BatchStatus | None: ...

    def chunk(self, batch_id: str, n: int) -> list[InputRow] | None: ...

    def mark_running(self, batch_id: str) -> bool:
        """queued -> running; False when the batch is gone or no longer active."""

    def complete_chunk(
        self, batch_id: str, n: int, outcomes: Sequence[RowOutcome], versions: Mapping[str, str]
    ) -> bool:
        """Store a chunk's results once; True only for the first completion."""

    def results(self, batch_id: str, n: int) -> list[RowOutcome] | None: ...

    def set_state(self, batch_id: str, state: str, error: str | None = None) -> bool:
        """Move an active batch to ``state`` (failed/cancelled); False if not active."""

    def delete(self, batch_id: str) -> bool: ...


class ResultsIncomplete(RuntimeError):
    """A done batch whose stored rows or results for one chunk are missing."""

    def __init__(self, batch_id: str, chunk: int, chunks_total: int) -> None:
        super().__init__(
            f"Batch {batch_id}: the rows or results of chunk {chunk + 1} of {chunks_total} "
            "are no longer stored; the results cannot be given in full."
        )
        self.batch_id = batch_id
        self.chunk = chunk


def expected_result_rows(status: BatchStatus, only_hits: bool = False) -> int:
    """How many rows a complete results file holds (the header aside)."""
    return status.hits if only_hits else status.rows_done


def iter_result_rows(
    store: BatchStore, status: BatchStatus, only_hits: bool = False
) -> Iterator[tuple[list[str] | None, RowOutcome]]:
    """Input cells with their outcome, in input order, one chunk in memory at a time.

    A done batch has every chunk's rows and results; one that is gone (expired apart from
    the status, or lost with a Redis that was not persisted) raises
    :class:`ResultsIncomplete` rather than leaving rows out: a results file must never
    end short without its reader knowing.
    """
    for n in range(status.chunks_total):
        rows = store.chunk(status.info.id, n)
        outcomes = store.results(status.info.id, n)
        if rows is None or outcomes is None or len(rows) != len(outcomes):
            raise ResultsIncomplete(status.info.id, n, status.chunks_total)
        for row, outcome in zip(rows, outcomes, strict=True):
            if only_hits and outcome.decision not in HIT_DECISIONS:
                continue
            yield (None if row.cells is None else list(row.cells)), outcome
