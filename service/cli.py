"""The ``screening`` command: serve the API, manage lists, screen one name from a terminal.

Commands receive the process :class:`~service.settings.Settings` through click's context
(``@pass_settings``). Commands that live in other packages are registered lazily in
:data:`LAZY_COMMANDS` (one line each, ``"name": "module:attribute"``), so ``screening
--help`` stays fast and a broken optional module cannot break ``serve``.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from service.settings import Settings, SettingsError

LAZY_COMMANDS: dict[str, str] = {
    "file": "service.cli_batch:file_command",
    "worker": "service.cli_batch:worker_command",
}
"""Commands defined elsewhere: command name -> ``module:attribute`` of a click command."""

pass_settings = click.make_pass_decorator(Settings)


class LazyGroup(click.Group):
    """A group that imports :data:`LAZY_COMMANDS` only when one is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module, _, attr = LAZY_COMMANDS[cmd_name].partition(":")
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


def _lists_dir_option(func):
    return click.option(
        "--lists-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder with one subfolder per list id (overrides SCREENING_LISTS_DIR).",
    )(func)


# --- serve ---------------------------------------------------------------------------------


@main.command()
@click.option("--bind", help="HOST:PORT to listen on (default: SCREENING_BIND).")
@click.option("--workers", type=click.IntRange(min=1), help="gunicorn worker processes.")
@_lists_dir_option
@click.option("--dev", is_flag=True, help="Run Flask's development server instead of gunicorn.")
@pass_settings
def serve(
    settings: Settings, bind: str | None, workers: int | None, lists_dir: Path | None, dev: bool
) -> None:
    """Run the HTTP API under gunicorn; the lists are indexed once and shared by workers."""
    settings = settings.with_(bind=bind or settings.bind, workers=workers or settings.workers)
    if lists_dir is not None:
        settings = settings.with_(lists_dir=lists_dir)
    if dev:
        _serve_dev(settings)
    else:
        _serve_gunicorn(settings)


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    """The options ``gunicorn.conf.py`` sets too, for the programmatic server.

    gthread workers keep client connections alive (sync workers close each one); the
    control socket is off because its default path is shared by every gunicorn on the
    host, so two servers (tests, benches) would fight over it.
    """
    from service.logs import gunicorn_logconfig

    return {
        "bind": settings.bind,
        "workers": settings.workers,
        "worker_class": "gthread",
        "threads": 4,
        "preload_app": True,
        "worker_tmp_dir": "/dev/shm" if Path("/dev/shm").is_dir() else None,
        "accesslog": "-",
        "errorlog": "-",
        "timeout": 30,
        "graceful_timeout": 20,
        "keepalive": 5,
        "access_log_format": '%(h)s "%(r)s" %(s)s %(B)s %(M)sms',
        "logconfig_dict": gunicorn_logconfig(settings),
        "control_socket_disable": True,
        "when_ready": start_list_reloader,
    }


def start_list_reloader(server: Any) -> None:
    """gunicorn ``when_ready`` hook: in the master, follow new list versions.

    With ``preload_app`` the master holds the app the workers fork from, so the reloader
    swaps the new catalog into it and sends the master SIGHUP; gunicorn then forks new
    workers (with the new catalog) and stops the old ones gracefully.
    """
    import os
    import signal

    from service.api import start_reloader

    if not server.cfg.preload_app:
        server.log.warning("preload_app is off: lists are reloaded only by restarting workers")
        return
    start_reloader(server.app.wsgi(), after_swap=lambda: os.kill(os.getpid(), signal.SIGHUP))


def _serve_gunicorn(settings: Settings) -> None:
    from gunicorn.app.base import BaseApplication

    from service.api import create_app
    from service.logs import configure_logging

    class _Server(BaseApplication):
        """gunicorn with our options and our app; ``load`` runs once in the master."""

        def load_config(self) -> None:
            for key, value in gunicorn_options(settings).items():
                if value is not None and key in self.cfg.settings:  # older gunicorn: skip
                    self.cfg.set(key, value)

        def load(self):  # noqa: ANN202 - gunicorn's hook
            configure_logging(settings)
            return create_app(settings)

    _Server().run()


def _serve_dev(settings: Settings) -> None:
    from service.api import create_app, start_reloader
    from service.logs import configure_logging

    configure_logging(settings)
    host, _, port = settings.bind.rpartition(":")
    app = create_app(settings)
    start_reloader(app)  # one process: swapping the catalog in place is enough
    app.run(host=host or "127.0.0.1", port=int(port), use_reloader=False)


# --- lists ---------------------------------------------------------------------------------


@main.group(name="lists")
def lists_group() -> None:
    """Download official lists and show what is stored."""


@lists_group.command(name="update")
@click.argument("list_ids", nargs=-1)
@click.option(
    "--registry",
    "registry_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Source registry (default: sources.toml in the reference folder).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_settings
def lists_update(
    settings: Settings, list_ids: tuple[str, ...], registry_path: Path | None, as_json: bool
) -> None:
    """Download, check and activate new list versions (default: every enabled source).

    A version that does not parse, or shrank more than SCREENING_UPDATE_MAX_SHRINK, is
    refused and the last good version keeps serving. Exits 1 if any list was refused.
    """
    from service.logs import configure_logging
    from service.sources.registry import RegistryError, registry_for
    from service.store import update_lists

    configure_logging(settings, stream=sys.stderr)
    try:
        registry = registry_for(settings, registry_path)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        report = update_lists(settings, registry, list_ids or None)
    except KeyError as exc:
        raise click.BadParameter(f"unknown list id {exc}", param_hint="LIST_IDS") from exc
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, default=str))
    else:
        for result in report.as_dict()["lists"]:
            click.echo(" ".join(f"{k}={v}" for k, v in result.items() if v not in (None, "")))
    if not report.ok:
        sys.exit(1)


@lists_group.command(name="show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_settings
def lists_show(settings: Settings, as_json: bool) -> None:
    """Print each list's active version, counts and the last refused update."""
    from service.store import show_lists

    rows = show_lists(settings)
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    columns = ("list_id", "enabled", "active_version", "entity_count", "activated_at", "refusal")
    table = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for r in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def _cell(value: Any) -> str:
    return "-" if value is None or value == "" else str(value)


# --- check ---------------------------------------------------------------------------------


@main.command()
@click.argument("name")
@click.option("--country", help="ISO alpha-2 code or English country name.")
@click.option(
    "--type",
    "entity_type",
    type=click.Choice(["person", "organization", "vessel", "aircraft"]),
    help="Entity type.",
)
@click.option("--dob", "date_of_birth", help="Date of birth: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--list", "lists", multiple=True, help="Screen only this list id (repeatable).")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Lowest score shown.")
@_lists_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON response.")
@pass_settings
def check(
    settings: Settings,
    name: str,
    country: str | None,
    entity_type: str | None,
    date_of_birth: str | None,
    lists: tuple[str, ...],
    threshold: float | None,
    lists_dir: Path | None,
    as_json: bool,
) -> None:
    """Screen one NAME against the lists and print the decision and matches."""
    from service.logs import configure_logging
    from service.screening import (
        InvalidScreenRequest,
        Screener,
        ScreeningUnavailable,
        ScreenRequest,
    )
    from service.store import NoListsLoaded, load_catalog

    if lists_dir is not None:
        settings = settings.with_(lists_dir=lists_dir)
    configure_logging(settings.with_(log_level="WARNING"), stream=sys.stderr)
    try:
        catalog = load_catalog(settings)
    except NoListsLoaded as exc:
        raise click.ClickException(f"screening unavailable: {exc}") from exc
    request = ScreenRequest(
        name=name,
        entity_type=entity_type,
        country=country,
        date_of_birth=date_of_birth,
        lists=lists or None,
        threshold=threshold,
    )
    try:
        result = Screener(catalog, settings).screen(request)
    except InvalidScreenRequest as exc:
        raise click.BadParameter(exc.message, param_hint=exc.field) from exc
    except ScreeningUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        from service.api.schemas import ScreenResponseSchema

        click.echo(json.dumps(ScreenResponseSchema().dump(result), indent=2, ensure_ascii=False))
    else:
        click.echo(format_result(name, result))


_COLOURS = {"block": "red", "review": "yellow", "clear": "green"}


def format_result(name: str, result: Any) -> str:
    """A screening result as a few readable lines for a terminal."""
    decision = click.style(result.decision.upper(), fg=_COLOURS[result.decision], bold=True)
    lines = [f"{name}: {decision}", "", "Why:"]
    lines += [f"  - {reason['message']}" for reason in result.reasons]
    lines += ["", f"Matches ({len(result.matches)}):"]
    for match in result.matches:
        entity = match.entity
        tags = "; ".join(filter(None, [entity.entity_type, ", ".join(entity.programs)]))
        lines.append(
            f"  {match.score:.2f}  {entity.list}:{entity.source_id}  {entity.name}  [{tags}]"
        )
        lines.append(f"        matched {match.matched_name!r}; {_summary(match.explanation)}")
    if not result.matches:
        lines.append("  (none)")
    lines += ["", "Lists: " + ", ".join(f"{k} {v['version']}" for k, v in result.lists.items())]
    sample = [k for k, v in result.lists.items() if v["sample"]]
    if sample:
        warning = (
            f"WARNING: {', '.join(sample)} is our bundled SAMPLE list, not an official list. "
            "Run `screening lists update` or set SCREENING_LISTS_DIR."
        )
        lines.append(click.style(warning, fg="yellow", bold=True))
    return "\n".join(lines)


def _summary(explanation: Any, limit: int = 200) -> str:
    """One line from the matcher's explanation: band, token alignment, evidence."""
    if not explanation:
        return "no explanation"
    parts = [str(explanation["band"])] if explanation.get("band") else []
    aligned = [
        f"{a.get('query')}{'=' if a.get('method') == 'exact' else '~'}{a.get('list')}"
        + ("" if a.get("method") == "exact" else f" ({a.get('method')})")
        for a in explanation.get("alignment") or ()
        if isinstance(a, dict)
    ]
    if aligned:
        parts.append(", ".join(aligned))
    for key in ("unmatched_query", "unmatched_list"):
        if explanation.get(key):
            parts.append(f"{key.replace('_', ' ')}: {' '.join(map(str, explanation[key]))}")
    for key in ("corroborated", "contradicted"):
        fields = [str(e.get("field")) for e in explanation.get(key) or () if isinstance(e, dict)]
        if fields:
            parts.append(f"{key}: {', '.join(fields)}")
    if not parts:
        parts = [f"{k}={v}" for k, v in explanation.items() if isinstance(v, str | int | float)]
    text = "; ".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"


if __name__ == "__main__":
    main()
