"""Webhook tests run on a migrated records store, SQLite and the real PostgreSQL."""

from __future__ import annotations

import pytest

from service.records import RecordsDatabase
from service.settings import Settings


@pytest.fixture
def hook_settings(settings: Settings, records_db: RecordsDatabase) -> Settings:
    """Loopback receivers allowed (the test receiver is a thread on 127.0.0.1)."""
    return settings.with_(
        database_url=records_db.url, webhooks_allow_http=True, webhooks_timeout=5.0
    )
