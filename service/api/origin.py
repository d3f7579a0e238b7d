"""Cross-site form posts are refused: a page on another site must not start a batch.

A browser sends a "simple" request (``multipart/form-data``, form-urlencoded or
``text/plain``) cross-site without asking first, carrying the user's credentials. Such a
request that says it comes from elsewhere (``Sec-Fetch-Site: cross-site`` or an
``Origin`` other than this host) gets a 403 problem document. JSON requests need a CORS
preflight the service never grants, and clients that are not browsers send neither
header, so neither is affected.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request
from flask_smorest import abort

FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded", "text/plain"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def refuse_cross_site_forms() -> None:
    """``before_request``: 403 for a form post another site's page made."""
    if request.method not in UNSAFE_METHODS or request.mimetype not in FORM_TYPES:
        return
    if request.headers.get("Sec-Fetch-Site") == "cross-site" or not _same_origin():
        abort(
            403,
            message="Cross-site form posts are refused: upload from this site or with an "
            "API client (no Origin header).",
        )


def _same_origin() -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":  # sandboxed frame or file:// page: not ours
        return False
    return urlsplit(origin).netloc.lower() == request.host.lower()


def register(app: Flask) -> None:
    app.before_request(refuse_cross_site_forms)
