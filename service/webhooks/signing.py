"""The ``X-Screening-Signature`` header: who sent a delivery, and when.

``t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the webhook's secret>``. A
receiver recomputes the HMAC over the raw bytes it received and compares in constant
time, and refuses a ``t`` more than :data:`TOLERANCE_SECONDS` from its own clock, so a
captured delivery cannot be replayed later. (Retries are signed afresh with a new ``t``.)
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Screening-Signature"
TOLERANCE_SECONDS = 300
"""Five minutes: what we document for receivers."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``"<t>.<body>"``."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The header's value for ``body`` sent at ``timestamp``."""
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(
    secret: str, header: str, body: bytes, now: float, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """What a receiver does: True only for our signature of ``body``, made recently.

    Several ``v1`` values are accepted (so a receiver can hold an old and a new secret's
    signatures alike); an unparsable header is simply not valid.
    """
    parts: dict[str, list[str]] = {}
    for item in header.split(","):
        key, sep, value = item.strip().partition("=")
        if sep:
            parts.setdefault(key, []).append(value)
    try:
        timestamp = int(parts["t"][0])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, given) for given in parts.get("v1", []))
