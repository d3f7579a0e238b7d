"""Headers on every response: a request id, no sniffing, no caching of answers, no framing.

* ``X-Request-ID``: the client's own when it sent a sane one, else a new one; it is
  bound to every log line written while the request is served (``service.logs``).
* ``X-Content-Type-Options: nosniff`` everywhere, not only on the console.
* ``Cache-Control: no-store`` on everything under ``/v1`` (screening answers, records,
  batch results): a shared cache must never keep a decision about a person.
* ``/docs`` may not be framed (``frame-ancestors 'none'``), against click-jacking.
"""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, request

from service.logs import REQUEST_ID

HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")
"""What we accept from a client as its request id (anything else: a new id)."""


def bind_request_id() -> None:
    """``before_request``: adopt or make the id and bind it to this thread's log lines."""
    sent = request.headers.get(HEADER, "")
    request_id = sent if _SANE.fullmatch(sent) else uuid.uuid4().hex
    g.request_id = request_id
    g.request_id_token = REQUEST_ID.set(request_id)


def add_headers(response: Response) -> Response:
    """``after_request``: the id and the security headers."""
    response.headers[HEADER] = g.get("request_id") or uuid.uuid4().hex
    response.headers["X-Content-Type-Options"] = "nosniff"
    if request.path.startswith("/v1/"):
        response.headers["Cache-Control"] = "no-store"
    if request.path in ("/docs", "/docs/"):
        response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        response.headers["X-Frame-Options"] = "DENY"
    return response


def unbind_request_id(_error: BaseException | None = None) -> None:
    token = g.pop("request_id_token", None)
    if token is not None:
        REQUEST_ID.reset(token)


def register(app: Flask) -> None:
    app.before_request(bind_request_id)
    app.after_request(add_headers)
    app.teardown_request(unbind_request_id)
