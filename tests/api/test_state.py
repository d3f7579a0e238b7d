"""The state on the app: kept per app (never a module global), read from the current app
inside a request, and immutable so a reload can only replace it whole."""

from __future__ import annotations

import dataclasses

import pytest
from flask import Flask

from service.api.state import ServiceState, get_state, install_state


def test_each_app_has_its_own_state(app: Flask) -> None:
    first = get_state(app)
    replacement = dataclasses.replace(first, load_error="swapped for the test")
    other = Flask("other")
    install_state(other, replacement)
    assert (get_state(app), get_state(other)) == (first, replacement)


def test_without_an_app_the_current_app_is_read(app: Flask) -> None:
    with app.test_request_context("/"):
        assert get_state() is get_state(app)


def test_an_app_without_state_fails_loudly() -> None:
    with pytest.raises(KeyError):
        get_state(Flask("bare"))


def test_the_state_cannot_be_changed_in_place(app: Flask) -> None:
    state = get_state(app)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.catalog = None  # type: ignore[misc]


def test_optional_parts_default_to_absent(app: Flask) -> None:
    state = get_state(app)
    bare = ServiceState(state.settings, None, state.screener)
    assert (bare.load_error, bare.lists_fingerprint, bare.rules) == (None, None, None)
