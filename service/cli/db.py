"""``screening db``: the records database (SQLite in the data folder, or
SCREENING_DATABASE_URL), and the helpers every records command shares.

Operator commands: they run with the local database and server secret and need no key.
"""

from __future__ import annotations

import sys

import click

from service.cli import pass_settings
from service.settings import Settings


def records_db(settings: Settings):  # noqa: ANN202 - RecordsDatabase, imported lazily
    from service.records import records_database

    return records_database(settings)


def secret_of(settings: Settings) -> bytes:
    from service.records.secret import server_secret

    return server_secret(settings.data_dir)


def ready_db(settings: Settings):  # noqa: ANN202
    """The database, refusing to work on a schema that is behind (migrating SQLite)."""
    from service.records import SchemaBehind, ensure_schema

    db = records_db(settings)
    try:
        ensure_schema(db)
    except SchemaBehind as exc:
        raise click.ClickException(str(exc)) from exc
    return db


@click.group(name="db")
def db_group() -> None:
    """The records database (SQLite in the data folder, or SCREENING_DATABASE_URL)."""


@db_group.command(name="upgrade")
@pass_settings
def db_upgrade(settings: Settings) -> None:
    """Apply every pending schema migration."""
    from service.records import upgrade

    db = records_db(settings)
    revision = upgrade(db)
    click.echo(f"{db.redacted_url()} is at schema revision {revision}")


@db_group.command(name="status")
@pass_settings
def db_status(settings: Settings) -> None:
    """Print the database's schema revision and the one this version needs."""
    from service.records import current_revision, head_revision

    db = records_db(settings)
    current, head = current_revision(db), head_revision(db)
    click.echo(f"database: {db.redacted_url()}\ncurrent: {current or 'none'}\nneeded: {head}")
    if current != head:
        sys.exit(1)
