"""What the views share: settings, the loaded catalog, the rule tables, the screener.

Built once by ``create_app`` (in the gunicorn master when preloaded, so workers share
the index copy-on-write) and stored on the app, never in a module global, so tests can
run several apps side by side. A list reload (``service.reloader``) replaces the whole
state at once in the master, then the workers are replaced; a worker's state never
changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import Flask, current_app

from service.screening import Rules, Screener
from service.settings import Settings

if TYPE_CHECKING:
    from service.screening.payment import PaymentScreener
    from service.store.catalog import Catalog

_KEY = "sanctions-screening"


@dataclass(frozen=True)
class ServiceState:
    """Everything request handlers need; replaced whole, never changed in place."""

    settings: Settings
    catalog: Catalog | None
    """``None`` when no list could be loaded (fail closed)."""
    screener: Screener
    load_error: str | None = None
    """Why the catalog is missing, for the readiness probe and the logs."""
    lists_fingerprint: tuple | None = None
    """What was on disk when the catalog was loaded (``service.reloader``); ``None`` when
    the catalog was passed in."""
    rules: Rules | None = None
    """The rule set and reference tables (:func:`service.screening.load_rules`), loaded
    once with the app and kept across list reloads."""
    payments: PaymentScreener | None = None
    """Payment messages over the same catalog (its text index is built with it); ``None``
    only in states built by hand without one."""


def install_state(app: Flask, state: ServiceState) -> None:
    app.extensions[_KEY] = state


def get_state(app: Flask | None = None) -> ServiceState:
    """The state of ``app`` (default: the current app)."""
    return (app or current_app).extensions[_KEY]
