"""Date helpers shared by the parsers: everything becomes ISO, possibly partial."""

from __future__ import annotations

import re
from datetime import datetime

RANGE_YEARS_MAX = 15
"""A birth-year range is expanded to one entry per year up to this span, so a matcher
comparing years sees every year the publisher allows; wider ranges keep endpoints only."""


def year_range(first: str, last: str) -> list[str]:
    """``1960``..``1962`` -> ["1960", "1961", "1962"]; endpoints only when too wide."""
    y1, y2 = int(first[:4]), int(last[:4])
    if 0 <= y2 - y1 <= RANGE_YEARS_MAX:
        return [str(year) for year in range(y1, y2 + 1)]
    return [first, last]


def iso_from_parts(year: str, month: str | None, day: str | None) -> str | None:
    """Publisher date parts -> ``yyyy``, ``yyyy-mm`` or ``yyyy-mm-dd``; zero parts mean unknown.

    None when the year is missing or a part is out of range.
    """
    if not year.isdigit() or len(year) != 4 or year == "0000":
        return None
    m = int(month) if month and month.isdigit() else 0
    d = int(day) if day and day.isdigit() else 0
    if not 0 <= m <= 12 or not 0 <= d <= 31:
        return None
    if m == 0:
        return year
    if d == 0:
        return f"{year}-{m:02d}"
    return f"{year}-{m:02d}-{d:02d}"


_DMY = re.compile(r"^(?:(\d{1,2})/)?(?:(\d{1,2})/)?(\d{4})$")
_PUBLISHED_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%b-%Y", "%d %B %Y", "%d %b %Y", "%d-%m-%Y")


def iso_from_dmy(text: str) -> str | None:
    """UK style ``dd/mm/yyyy`` with ``00`` for unknown parts, ``mm/yyyy`` or ``yyyy``."""
    match = _DMY.match(text.strip())
    if not match:
        return None
    first, second, year = match.groups()
    day, month = (first, second) if second else (None, first)
    return iso_from_parts(year, month, day)


def iso_published(text: str) -> str | None:
    """A publication date as publishers print it (``14/04/2025``, ``2025-04-14``,
    ``14-Apr-2025``, ``14 April 2025``, an ISO timestamp) -> ``yyyy-mm-dd``; None if
    it is not one of those, so a parser can refuse a file without a version."""
    text = " ".join(text.split())
    candidates = (text, text[:10])
    for candidate in candidates:
        for fmt in _PUBLISHED_FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                continue
    return None
