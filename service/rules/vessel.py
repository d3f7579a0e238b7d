"""Vessel identity checks: IMO check digit, MMSI country digits, flag changes.

Ships evading sanctions change names and flags and borrow identities, so the numbers a
counterparty gives must be consistent with each other before any list check means much.
Pure functions over plain values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from service.core.evidence import imo_number

_IMO = re.compile(r"^(?:IMO)?\s*(\d{7})$", re.IGNORECASE)
_DIGITS = re.compile(r"\D+")


def imo_digits(value: object) -> str | None:
    """The seven IMO digits from '9123456' or 'IMO 9123456'; None when malformed."""
    if value is None:
        return None
    match = _IMO.match(str(value).strip())
    return match.group(1) if match else None


def imo_valid(value: object) -> bool:
    """IMO check digit: digits 1-6 times weights 7..2, sum mod 10 equals digit 7."""
    digits = imo_digits(value)
    return digits is not None and imo_number(digits) is not None


def mmsi_mid(value: object) -> str | None:
    """The three Maritime Identification Digits of a 9-digit ship MMSI."""
    if value is None:
        return None
    digits = _DIGITS.sub("", str(value))
    if len(digits) != 9 or digits[0] in "0189":
        return None
    return digits[:3]


def flag_changes(history: Iterable[Mapping[str, object]], today: date, days: int) -> list[str]:
    """Flags adopted within the last ``days`` days (each entry {flag, from})."""
    since = today - timedelta(days=days)
    changes = []
    for entry in history:
        start = entry.get("from") or entry.get("since")
        try:
            started = date.fromisoformat(str(start)[:10])
        except ValueError:
            continue
        if since <= started <= today:
            changes.append(str(entry.get("flag", "")))
    return changes
