"""The HTTP layer: the only package that imports flask, flask-smorest and marshmallow.

``create_app`` is a list of ``register_*`` steps; nothing happens at import time. To add
a resource, write ``service/api/<resource>.py`` with a ``blp`` and add it to
:data:`BLUEPRINTS` (one line).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from flask import Flask

from service import __version__ as _version
from service.api import (
    alerts,
    batches,
    console,
    customers,
    headers,
    health,
    keys,
    limits,
    lists,
    monitoring,
    observability,
    origin,
    payments,
    readiness,
    records,
    rules,
    screening,
    session,
    suppressions,
    transactions,
    webhooks,
)
from service.api.auth import register_auth
from service.api.problems import ProblemApi
from service.api.schemas.screening import ReasonSchema
from service.api.schemas.webhooks import WebhookEventSchema
from service.api.state import ServiceState, get_state, install_state
from service.processes import freeze_heap
from service.reloader import CatalogReloader, lists_fingerprint
from service.screening import Screener, load_rules
from service.screening.payment import PaymentScreener
from service.settings import Settings
from service.webhooks import dispatch as webhook_dispatch

BLUEPRINTS = (
    health.blp,
    lists.blp,
    screening.blp,
    batches.blp,
    transactions.blp,
    payments.blp,
    rules.blp,
    records.blp,
    keys.blp,
    alerts.blp,
    suppressions.blp,
    customers.blp,
    monitoring.blp,
    console.blp,
    session.blp,
    webhooks.blp,
)
"""Every resource blueprint, registered in this order."""

_log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, catalog: Any | None = None) -> Flask:
    """Build the WSGI app. ``catalog`` defaults to loading the lists ``settings`` names."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    register_config(app, settings)
    api = register_api(app)
    register_state(app, settings, catalog)
    headers.register(app)  # first: the request id is bound before any other hook
    limits.register(app, settings)  # before auth: a flood of bad keys is limited too
    register_auth(app, settings)
    webhook_dispatch.install(settings)  # deliveries written here are handed over here
    register_blueprints(api)
    observability.register(app)
    readiness.register(app)
    origin.register(app)
    return app


def register_config(app: Flask, settings: Settings) -> None:
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        API_TITLE="sanctions-screening",
        API_VERSION=_version,
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        # Only docs we serve ourselves: /docs (Swagger UI, assets from service.api.console)
        # and /openapi.json work offline. No /redoc: ReDoc would load from a CDN.
        OPENAPI_SWAGGER_UI_URL=console.SWAGGER_UI_ASSETS,
        # Every operation needs a key unless it says otherwise (the probes).
        API_SPEC_OPTIONS={"security": [{"bearerAuth": []}]},
    )
    app.json.sort_keys = False  # type: ignore[attr-defined]


def register_api(app: Flask) -> ProblemApi:
    api = ProblemApi(app)
    api.spec.components.schema("Reason", schema=ReasonSchema)  # referenced, never dumped
    # What receivers get, signed in X-Screening-Signature (README, "Webhooks").
    api.spec.components.schema("WebhookEvent", schema=WebhookEventSchema)
    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "An API key: screening keys create"},
    )
    return api


def register_state(app: Flask, settings: Settings, catalog: Any | None) -> None:
    """Load the lists and the rule tables once (in the gunicorn master when preloaded) and
    build the screener over them."""
    load_error = fingerprint = None
    if catalog is None:
        fingerprint = lists_fingerprint(settings)  # before loading: a later change is seen
        catalog, load_error = _load_catalog(settings)
    tables = load_rules(settings)
    screener = Screener(catalog, settings, tables)
    payment = PaymentScreener(catalog, settings, tables)
    install_state(
        app, ServiceState(settings, catalog, screener, load_error, fingerprint, tables, payment)
    )
    if fingerprint is not None:
        freeze_heap()  # we loaded the lists: the text index too (service.processes says why)


def swap_catalog(app: Flask, catalog: Any) -> None:
    """Serve ``catalog`` from now on: one new state, installed in a single assignment."""
    state = get_state(app)
    screener = Screener(catalog, state.settings, state.rules)
    payment = PaymentScreener(catalog, state.settings, state.rules)
    install_state(
        app,
        replace(state, catalog=catalog, screener=screener, load_error=None, payments=payment),
    )
    freeze_heap()  # before gunicorn forks its workers (service.processes says why)


def start_reloader(
    app: Flask, after_swap: Callable[[], None] | None = None
) -> CatalogReloader | None:
    """Check for new list versions every ``reload_interval`` seconds in a daemon thread.

    ``after_swap`` runs once a new catalog is in: the gunicorn master sends itself SIGHUP
    there so new workers fork with it. ``None`` when reloading is off (interval 0).
    """
    state = get_state(app)
    interval = state.settings.reload_interval
    if interval <= 0:
        return None
    reloader = CatalogReloader(
        state.settings,
        state.lists_fingerprint or lists_fingerprint(state.settings),
        lambda catalog: swap_catalog(app, catalog),
        after_swap,
        current=lambda: get_state(app).catalog,
    )
    reloader.start(interval)
    _log.info("checking for new list versions every %ss", interval)
    return reloader


def register_blueprints(api: ProblemApi) -> None:
    for blp in BLUEPRINTS:
        api.register_blueprint(blp)


def _load_catalog(settings: Settings) -> tuple[Any | None, str | None]:
    # Imported here so importing the API never touches list files.
    from service.store import NoListsLoaded, load_catalog

    try:
        catalog = load_catalog(settings)
    except NoListsLoaded as exc:
        _log.error("no sanctions list loaded; screening answers 503: %s", exc)
        return None, str(exc)
    freeze_heap()  # before gunicorn forks its workers (service.processes says why)
    for list_id, snap in catalog.snapshots.items():
        _log.info(
            "list loaded",
            extra={"list": list_id, "version": snap.version, "entities": snap.entity_count},
        )
    return catalog, None


__all__ = [
    "BLUEPRINTS",
    "ServiceState",
    "create_app",
    "get_state",
    "start_reloader",
    "swap_catalog",
]
