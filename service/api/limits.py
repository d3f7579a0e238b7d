"""Rate limits per API key, else per client address (flask-limiter).

``SCREENING_RATE_LIMIT`` (flask-limiter syntax, e.g. ``100/second;5000/minute``) applies
to every route but the probes and ``/metrics``; unset, nothing is limited. Counters live
in Redis when ``SCREENING_REDIS_URL`` is set (shared by every worker and host), else in
process memory. Over the limit: 429 problem document with ``Retry-After``. A lost Redis
must not stop screening, so its errors fall back to memory counters.
"""

from __future__ import annotations

import hashlib

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from service.settings import Settings

EXEMPT = frozenset({"/healthz", "/readyz", "/metrics"})


def client_key() -> str:
    """The caller's API key (hashed: keys never reach Redis or logs), else its address."""
    credential = request.headers.get("Authorization") or request.headers.get("X-API-Key")
    if credential:
        return "key:" + hashlib.sha256(credential.encode()).hexdigest()[:32]
    return "addr:" + (get_remote_address() or "unknown")


def register(app: Flask, settings: Settings) -> Limiter | None:
    if not settings.rate_limit:
        return None
    app.config.update(
        RATELIMIT_HEADERS_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=True,
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_KEY_PREFIX=f"{settings.redis_prefix}:ratelimit",
    )
    limiter = Limiter(
        client_key,
        app=app,
        default_limits=[settings.rate_limit],
        storage_uri=settings.redis_url or "memory://",
        default_limits_exempt_when=lambda: request.path in EXEMPT,
    )
    return limiter
