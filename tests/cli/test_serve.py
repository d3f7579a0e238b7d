"""``screening serve``: the gunicorn options (the real server: tests/e2e/test_gunicorn.py)."""

from __future__ import annotations

from service.cli.serve import gunicorn_options, when_ready
from service.settings import Settings


def test_workers_are_preloaded_threaded_and_follow_list_updates() -> None:
    options = gunicorn_options(Settings(bind="127.0.0.1:9999", workers=3))
    assert (options["bind"], options["workers"]) == ("127.0.0.1:9999", 3)
    assert options["preload_app"] is True and options["worker_class"] == "gthread"
    assert options["control_socket_disable"] is True  # one gunicorn per host would win
    assert options["when_ready"] is when_ready  # list reloads and the webhook sweep
