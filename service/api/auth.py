"""Who is asking, for every request: one ``before_request`` hook and one permission table.

A caller is an API key (``Authorization: Bearer``) or a console user (session cookie;
state-changing requests must also carry the session's CSRF token). Without valid
credentials the answer is 401 with ``WWW-Authenticate: Bearer``; with a role that may
not, 403. What each endpoint needs is declared once: per view with :func:`requires`,
else per blueprint in :data:`BLUEPRINT_PERMISSIONS`, else any authenticated caller.
Probes, the OpenAPI document, the docs and the console's static pages stay open.

``SCREENING_AUTH=disabled`` makes every caller :data:`~service.auth.ANONYMOUS` (an admin
of tenant ``default``) and every response says so in ``Screening-Auth: disabled``.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_smorest import abort

from service.auth import (
    ANONYMOUS,
    MANAGE,
    READ_RECORDS,
    SCREEN,
    WORK_ALERTS,
    KeyAuthenticator,
    Principal,
    bootstrap,
    get_user,
)
from service.records import RecordsDatabase, ensure_schema, records_database
from service.records.secret import derived_key, server_secret
from service.settings import Settings

_KEY = "screening-auth"
_log = logging.getLogger(__name__)

AUTH_HEADER = "Screening-Auth"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

OPEN_ENDPOINTS = frozenset(
    {
        "health.healthz",
        "health.readyz",
        "console.root",
        "console.console",
        "console.alerts_page",
        "console.rules_page",
        "console.static",
        "console.swagger_ui_asset",
        "session.login_page",
        "session.login",
        "session.logout",
        "metrics",
    }
)
"""Reachable without credentials (``logout`` checks its own CSRF token; ``/metrics`` is
open or checks ``SCREENING_METRICS_KEY`` itself)."""
OPEN_BLUEPRINTS = frozenset({"api-docs"})
"""flask-smorest's ``/openapi.json`` and ``/docs``."""

BLUEPRINT_PERMISSIONS: dict[str, str] = {
    "screening": SCREEN,
    "transactions": SCREEN,
    "payments": SCREEN,
    "batches": SCREEN,
    "records": READ_RECORDS,
    "keys": MANAGE,
    "alerts": WORK_ALERTS,
    "suppressions": WORK_ALERTS,
    "webhooks": MANAGE,
    "customers": SCREEN,
    "monitoring": READ_RECORDS,
}
"""Blueprint -> permission its views need (unless a view says otherwise)."""

F = TypeVar("F", bound=Callable[..., Any])


def requires(permission: str) -> Callable[[F], F]:
    """Declare the permission one view needs (overrides its blueprint's)."""

    def mark(view: F) -> F:
        view._requires = permission  # type: ignore[attr-defined]
        return view

    return mark


@dataclass(frozen=True)
class AuthContext:
    """Per app: the records database, the server secret and the key checker."""

    enabled: bool
    db: RecordsDatabase
    secret: bytes
    keys: KeyAuthenticator


def get_auth(app: Flask | None = None) -> AuthContext:
    return (app or current_app).extensions[_KEY]


def current_principal() -> Principal:
    """The caller of this request (set by the hook; anonymous when auth is disabled)."""
    return g.principal


def register_auth(app: Flask, settings: Settings) -> AuthContext:
    """Open the records store (migrating SQLite, checking PostgreSQL) and guard every view."""
    db = records_database(settings)
    ensure_schema(db)
    secret = server_secret(settings.data_dir)
    context = AuthContext(
        enabled=settings.auth_enabled,
        db=db,
        secret=secret,
        keys=KeyAuthenticator(db, secret, settings.key_cache_seconds),
    )
    app.extensions[_KEY] = context
    app.config.update(
        SECRET_KEY=derived_key(secret, "console-session"),
        SESSION_COOKIE_NAME="screening_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        PERMANENT_SESSION_LIFETIME=8 * 3600,
    )
    app.session_interface = _SecureWhenHttps()
    app.before_request(_authenticate)
    if not context.enabled:
        _log.warning("SCREENING_AUTH=disabled: every caller is an admin of tenant 'default'")
        app.after_request(_say_disabled)
    return context


def bootstrap_on_first_start(app: Flask, settings: Settings) -> None:
    """``screening serve``: with no key and no user yet, make the first admin key."""
    context = get_auth(app)
    if context.enabled:
        bootstrap(context.db, settings, context.secret)


def _authenticate() -> None:
    endpoint = request.endpoint
    if endpoint is None or endpoint in OPEN_ENDPOINTS:
        return  # unknown paths answer 404 either way
    if endpoint.partition(".")[0] in OPEN_BLUEPRINTS:
        return
    context = get_auth()
    if not context.enabled:
        g.principal = ANONYMOUS
        return
    principal = _bearer(context) or _session_user(context)
    if principal is None:
        _log.info(
            "refused: no valid credentials",
            extra={"path": request.path, "remote": request.remote_addr},
        )
        abort(
            401,
            message="Send a valid API key as 'Authorization: Bearer <key>' "
            "(or log in to the console).",
            headers={"WWW-Authenticate": 'Bearer realm="screening"'},
        )
    g.principal = principal
    needed = _permission(endpoint)
    if needed and not principal.may(needed):
        _log.info(
            "refused: role may not",
            extra={"path": request.path, "principal": principal.ref, "needs": needed},
        )
        abort(403, message=f"Role {principal.role!r} may not do this (needs {needed}).")


def _bearer(context: AuthContext) -> Principal | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return context.keys.authenticate(token.strip())


def _session_user(context: AuthContext) -> Principal | None:
    user_id = session.get("uid")
    if not user_id:
        return None
    user = get_user(context.db, user_id)
    if user is None or not user.session_is_current(session.get("at")):
        session.clear()
        return None
    if request.method not in SAFE_METHODS and not csrf_ok():
        abort(403, message=f"Missing or wrong CSRF token (send it in {CSRF_HEADER}).")
    return user.principal()


def csrf_ok() -> bool:
    """The request carries the session's CSRF token (header or form field)."""
    expected = session.get("csrf")
    sent = request.headers.get(CSRF_HEADER) or request.form.get("csrf_token", "")
    return bool(expected) and hmac.compare_digest(str(expected), str(sent))


def _permission(endpoint: str) -> str | None:
    view = current_app.view_functions.get(endpoint)
    declared = getattr(view, "_requires", None)
    if declared:
        return declared
    return BLUEPRINT_PERMISSIONS.get(endpoint.partition(".")[0])


def _say_disabled(response: Response) -> Response:
    response.headers[AUTH_HEADER] = "disabled"
    return response


class _SecureWhenHttps(SecureCookieSessionInterface):
    """The session cookie is ``Secure`` whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure
