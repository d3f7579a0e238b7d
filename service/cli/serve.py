"""``screening serve``: the HTTP API under gunicorn (or Flask's server with ``--dev``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from service.cli import lists_dir_option, pass_settings
from service.settings import Settings


@click.command()
@click.option("--bind", help="HOST:PORT to listen on (default: SCREENING_BIND).")
@click.option("--workers", type=click.IntRange(min=1), help="gunicorn worker processes.")
@lists_dir_option
@click.option("--dev", is_flag=True, help="Run Flask's development server instead of gunicorn.")
@pass_settings
def serve(
    settings: Settings, bind: str | None, workers: int | None, lists_dir: Path | None, dev: bool
) -> None:
    """Run the HTTP API under gunicorn; the lists are indexed once and shared by workers."""
    settings = settings.with_(bind=bind or settings.bind, workers=workers or settings.workers)
    if lists_dir is not None:
        settings = settings.with_(lists_dir=lists_dir)
    _check_records(settings)
    if dev:
        _serve_dev(settings)
    else:
        prepare_multiprocess_metrics()
        _serve_gunicorn(settings)


def prepare_multiprocess_metrics() -> str:
    """Give every gunicorn process one fresh folder for its metric samples
    (``PROMETHEUS_MULTIPROC_DIR``, unless the operator chose one), before anything
    imports prometheus-client: it picks its file-backed values at import."""
    import os
    import sys
    import tempfile

    if "prometheus_client" in sys.modules and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        click.echo("warning: prometheus-client imported early; /metrics sees one worker", err=True)
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="screening-metrics-")
    return os.environ["PROMETHEUS_MULTIPROC_DIR"]


def _check_records(settings: Settings) -> None:
    """Before serving: migrate the embedded SQLite, refuse a PostgreSQL schema behind."""
    from service.records import SchemaBehind, ensure_schema, records_database

    db = records_database(settings)
    try:
        ensure_schema(db)
    except SchemaBehind as exc:
        raise click.ClickException(f"not serving: {exc}") from exc
    finally:
        db.dispose()


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
        "when_ready": when_ready,
        "child_exit": forget_worker_metrics,
    }


def forget_worker_metrics(server: Any, worker: Any) -> None:
    """gunicorn ``child_exit``: a dead worker's live gauges no longer count."""
    from service.metrics import mark_process_dead

    mark_process_dead(worker.pid)


def when_ready(server: Any) -> None:
    """gunicorn ``when_ready`` hook: the master's own threads (list reloads, and the
    webhook sweep when there are no workers of Redis to run it)."""
    start_list_reloader(server)
    start_webhook_sweeper(server.app.wsgi())


def start_webhook_sweeper(app: Any) -> None:
    """Without Redis, retries and lost hand-overs are swept by this one process (the
    gunicorn master, or the development server); with Redis, ``screening worker`` does."""
    from service.api import get_state
    from service.webhooks import dispatch

    settings = get_state(app).settings
    if not settings.redis_url:
        dispatch.install(settings)
        dispatch.start_sweeper(settings)


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
    from service.api.auth import bootstrap_on_first_start
    from service.logs import configure_logging

    class _Server(BaseApplication):
        """gunicorn with our options and our app; ``load`` runs once in the master."""

        def load_config(self) -> None:
            for key, value in gunicorn_options(settings).items():
                if value is not None and key in self.cfg.settings:  # older gunicorn: skip
                    self.cfg.set(key, value)

        def load(self):  # noqa: ANN202 - gunicorn's hook
            configure_logging(settings)
            app = create_app(settings)
            bootstrap_on_first_start(app, settings)
            return app

    _Server().run()


def _serve_dev(settings: Settings) -> None:
    from service.api import create_app, start_reloader
    from service.api.auth import bootstrap_on_first_start
    from service.logs import configure_logging

    configure_logging(settings)
    host, _, port = settings.bind.rpartition(":")
    app = create_app(settings)
    bootstrap_on_first_start(app, settings)
    start_reloader(app)  # one process: swapping the catalog in place is enough
    start_webhook_sweeper(app)
    app.run(host=host or "127.0.0.1", port=int(port), use_reloader=False)
