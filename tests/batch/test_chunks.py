"""The one chunker: consecutive, lazy, the last chunk shorter."""

from __future__ import annotations

import itertools

import pytest

from service.batch.chunks import chunked


def test_chunks_keep_order_and_the_last_is_shorter() -> None:
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


def test_reads_only_what_it_yields() -> None:
    first = next(chunked(itertools.count(), 2))  # an endless stream is fine
    assert first == [0, 1]


def test_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        list(chunked(range(3), 0))
