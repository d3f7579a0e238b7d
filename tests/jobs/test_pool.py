"""Chunks screened on forked processes come back in input order, as in one process."""

from __future__ import annotations

import gc

import pytest
from batch.listed import LISTED

from service.batch.mapping import ColumnMapping
from service.batch.rows import BatchOptions
from service.batch.table import InputRow
from service.jobs.pool import ChunkJob, screen_in_order
from service.screening import Screener

NAMES = ["BANCO NACIONAL DE CUBA", "Harmless Bakery", "", "ORIENT SHIPPING COMPANY LIMITED"]


@pytest.fixture
def job(settings, catalog_of) -> ChunkJob:
    screener = Screener(catalog_of(*LISTED), settings)
    return ChunkJob(screener, ("name",), ColumnMapping(name="name"), BatchOptions())


def rows(n: int) -> list[InputRow]:
    return [InputRow(i + 2, (NAMES[i % len(NAMES)],)) for i in range(n)]


def outcomes(job: ChunkJob, processes: int) -> list:
    out = []
    for chunk, screened in screen_in_order(job, rows(37), processes, chunk_rows=5):
        assert len(chunk) == len(screened.outcomes)
        out += [(row.line, o) for row, o in zip(chunk, screened.outcomes, strict=True)]
    return out


def test_forked_processes_give_the_same_outcomes_in_order(job: ChunkJob) -> None:
    alone = outcomes(job, 1)
    forked = outcomes(job, 2)
    gc.unfreeze()
    assert [line for line, _ in forked] == list(range(2, 39))
    assert forked == alone
    assert [o.line for _, o in forked] == list(range(2, 39))
    assert {o.decision for _, o in forked} >= {"block", "clear", "error"}
