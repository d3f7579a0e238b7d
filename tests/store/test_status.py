"""Per-list update status: the last attempt, and a refusal that outlives later successes."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from service.settings import Settings
from service.store import ListStore, store_root
from service.store.status import read_status, record_attempt, utc_now

REFUSED = {"outcome": "refused", "reason": "shrank by 40%", "at": "2026-01-01T00:00:00Z"}
ACTIVATED = {"outcome": "activated", "version": "v2", "at": "2026-01-02T00:00:00Z"}
UNCHANGED = {"outcome": "unchanged", "at": "2026-01-03T00:00:00Z"}


def test_a_list_never_updated_has_an_empty_status(settings: Settings) -> None:
    assert read_status(ListStore(store_root(settings), "un")) == {}


def test_a_refusal_survives_later_attempts_and_each_outcome_keeps_its_own_slot(
    settings: Settings,
) -> None:
    store = ListStore(store_root(settings), "un")
    record_attempt(store, REFUSED)
    record_attempt(store, ACTIVATED)
    status = record_attempt(store, UNCHANGED)
    assert status == read_status(store)  # what it answers is what it saved
    assert status["list_id"] == "un"
    assert status["last_attempt"] == UNCHANGED
    assert status["last_refusal"] == REFUSED
    assert status["last_activated"] == ACTIVATED


def test_statuses_of_two_lists_are_kept_apart(settings: Settings) -> None:
    record_attempt(ListStore(store_root(settings), "un"), REFUSED)
    assert read_status(ListStore(store_root(settings), "eu")) == {}


def test_utc_now_is_iso_8601_utc_to_the_second() -> None:
    stamp = utc_now()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)
    parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    assert abs((datetime.now(UTC) - parsed).total_seconds()) < 60
