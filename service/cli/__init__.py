"""The ``screening`` command: one module per command group, registered here.

Commands receive the process :class:`~service.settings.Settings` through click's context
(``@pass_settings``). Every command (or group) lives in ``service/cli/<group>.py`` and is
registered in :data:`COMMANDS` with one line, ``"name": "module:attribute"``; it is
imported only when run or listed, so ``screening --help`` stays fast and a broken
optional module cannot break ``serve``. To add a group (``db``, ``keys``, ``users``,
``audit``, ...), write its module and add its line.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from service.settings import Settings, SettingsError

COMMANDS: dict[str, str] = {
    "serve": "service.cli.serve:serve",
    "lists": "service.cli.lists:lists_group",
    "check": "service.cli.check:check",
    "file": "service.cli.file:file_command",
    "worker": "service.cli.worker:worker_command",
    "db": "service.cli.db:db_group",
    "keys": "service.cli.keys:keys_group",
    "users": "service.cli.users:users_group",
    "audit": "service.cli.audit:audit_group",
    "rules": "service.cli.rules:rules_group",
    "monitor": "service.cli.monitor:monitor_command",
}
"""Command name -> ``module:attribute`` of its click command or group."""

pass_settings = click.make_pass_decorator(Settings)


class LazyGroup(click.Group):
    """A group that imports :data:`COMMANDS` only when one is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, _, attr = COMMANDS[cmd_name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup)
@click.version_option(package_name="sanctions-screening")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Sanctions screening: fuzzy name matching against official sanctions lists."""
    try:
        ctx.obj = Settings.from_env()
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


def lists_dir_option(func):
    """``--lists-dir``, shared by every command that loads the lists."""
    return click.option(
        "--lists-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder with one subfolder per list id (overrides SCREENING_LISTS_DIR).",
    )(func)
