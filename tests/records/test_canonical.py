"""Canonical bytes: the same content hashes the same on any engine and any Python."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from service.records.canonical import canonical_json, hmac_hex, iso, sha256_hex, utc


def test_keys_sorted_no_spaces_utf8() -> None:
    assert canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()


def test_naive_and_aware_utc_times_are_the_same_value() -> None:
    aware = datetime(2026, 12, 3, 15, 0, 0, 7, tzinfo=UTC)
    naive = aware.replace(tzinfo=None)  # what SQLite hands back
    paris = aware.astimezone(timezone(timedelta(hours=1)))
    assert utc(naive) == utc(paris) == aware
    assert iso(naive) == iso(paris) == "2026-12-03T15:00:00.000007+00:00"
    assert canonical_json({"t": naive}) == canonical_json({"t": paris})


def test_anything_else_is_refused() -> None:
    with pytest.raises(TypeError):
        canonical_json({"x": object()})


def test_digests() -> None:
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert hmac_hex(b"k", b"m") != hmac_hex(b"l", b"m") and len(hmac_hex(b"k", b"m")) == 64
