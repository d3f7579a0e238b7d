"""Payment helpers: the country a BIC belongs to.

A SWIFT BIC carries its country in characters 5-6 (``BKKPKPPY`` -> KP), which reveals
a bank's jurisdiction even when the client sends no country at all. Pure.
"""

from __future__ import annotations

import re

_BIC = re.compile(r"^[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")


def bic_country(bic: object) -> str | None:
    """ISO alpha-2 country from BIC characters 5-6; None when the BIC is malformed."""
    if not bic:
        return None
    match = _BIC.match(str(bic).strip().upper().replace(" ", ""))
    return match.group(1) if match else None
