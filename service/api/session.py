"""Console logins: a form, an HttpOnly SameSite=Strict session cookie, CSRF tokens.

People log in with a name and password (``screening users create``); the session cookie
is signed with a key derived from the server secret, is ``Secure`` over HTTPS and lasts
eight hours. Every state-changing request made with the cookie must carry the
session's CSRF token (the login form too, so a login cannot be forged either). Repeated
failures lock the user out (``SCREENING_LOGIN_MAX_FAILURES``).
"""

from __future__ import annotations

import html
import secrets
import time
from datetime import timedelta
from typing import Any

from flask import Response, redirect, request, session

from service.api.auth import CSRF_HEADER, csrf_ok, current_principal, get_auth
from service.api.console import CONTENT_SECURITY_POLICY, PageBlueprint
from service.api.state import get_state
from service.auth import LockedOut, LoginFailed, login

blp = PageBlueprint("session", __name__, description="Console login (HTML form; not an API)")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in - sanctions screening</title>
  <link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
  <header class="top"><h1>Sanctions screening</h1><p class="sub">Sign in to the console.</p>
  </header>
  <main>
    <form id="login-form" method="post" action="/console/login">
      {message}
      <input type="hidden" name="csrf_token" value="{csrf}">
      <div class="field"><label for="name">User name</label>
        <input id="name" name="name" autocomplete="username" required></div>
      <div class="field"><label for="password">Password</label>
        <input id="password" name="password" type="password"
          autocomplete="current-password" required></div>
      <button id="sign-in" type="submit">Sign in</button>
    </form>
  </main>
</body>
</html>
"""


def _csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _page(message: str = "", status: int = 200) -> Response:
    note = f'<p id="login-error" class="alert" role="alert">{html.escape(message)}</p>'
    body = _PAGE.format(message=note if message else "", csrf=html.escape(_csrf_token()))
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.route("/console/login", methods=["GET"])
def login_page() -> Response:
    return _page()


@blp.route("/console/login", methods=["POST"], endpoint="login")
def login_submit() -> Response:
    if not csrf_ok():
        return _page("The form expired; please sign in again.", 403)
    settings = get_state().settings
    try:
        user = login(
            get_auth().db,
            request.form.get("name", "")[:200],
            request.form.get("password", "")[:1024],
            max_failures=settings.login_max_failures,
            lockout=timedelta(seconds=settings.login_lockout_seconds),
        )
    except LockedOut:
        return _page("Too many failed sign-ins: this account is locked for a while.", 429)
    except LoginFailed:
        return _page("Wrong user name or password.", 401)
    session.clear()  # a new session id and token after login (no fixation)
    session.permanent = True
    session["uid"] = user.id
    session["at"] = time.time()  # sessions from before a disable stay ended (users.py)
    session["csrf"] = secrets.token_urlsafe(32)
    return redirect("/console", code=303)


@blp.route("/console/logout", methods=["POST"], endpoint="logout")
def logout() -> Response:
    if csrf_ok():
        session.clear()
    return redirect("/console/login", code=303)


@blp.route("/console/session", methods=["GET"], endpoint="whoami")
def whoami() -> dict[str, Any]:
    """Who is signed in, and the CSRF token the console sends in ``X-CSRF-Token``."""
    principal = current_principal()
    return {
        "name": principal.name,
        "tenant": principal.tenant,
        "role": principal.role,
        "kind": principal.kind,
        "csrf_header": CSRF_HEADER,
        "csrf_token": session.get("csrf", ""),
    }
