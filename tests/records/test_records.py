"""Which database the settings name: SQLite in the data folder unless a URL is given."""

from __future__ import annotations

from pathlib import Path

from service.records import records_database
from service.settings import Settings


def test_the_embedded_default_is_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    db = records_database(Settings(data_dir=tmp_path / "data"))
    assert db.is_sqlite and db.url == f"sqlite:///{tmp_path / 'data' / 'records.db'}"


def test_a_database_url_wins() -> None:
    url = "postgresql+psycopg://bank@db.example/records"
    db = records_database(Settings(database_url=url))
    assert not db.is_sqlite and db.url == url
