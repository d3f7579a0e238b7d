"""The service's memory: screenings on record, batch ownership and the audit chain.

Pure of Flask so the API, the CLI and the workers share it. A deployment has one
:class:`RecordsDatabase` (``records_database(settings)``): SQLite in the data folder by
default, PostgreSQL with ``SCREENING_DATABASE_URL``.
"""

from __future__ import annotations

from service.records.db import (
    RecordsDatabase,
    RecordsUnavailable,
    SchemaBehind,
    current_revision,
    ensure_schema,
    head_revision,
    upgrade,
)
from service.settings import Settings


def records_database(settings: Settings) -> RecordsDatabase:
    return RecordsDatabase(settings.records_url)


__all__ = [
    "RecordsDatabase",
    "RecordsUnavailable",
    "SchemaBehind",
    "current_revision",
    "ensure_schema",
    "head_revision",
    "records_database",
    "upgrade",
]
