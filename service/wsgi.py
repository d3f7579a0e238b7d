"""WSGI entry point: ``gunicorn -c gunicorn.conf.py service.wsgi:app``.

The only module that builds the app at import time; with ``preload_app`` gunicorn imports
it once in the master, so the lists are parsed and indexed once and the workers share
the index copy-on-write. Like ``screening serve`` it makes the first admin key on a
fresh records store.
"""

from service.api import create_app
from service.api.auth import bootstrap_on_first_start
from service.logs import configure_logging
from service.settings import Settings

settings = Settings.from_env()
configure_logging(settings)
app = create_app(settings)  # migrates SQLite; refuses a PostgreSQL schema that is behind
bootstrap_on_first_start(app, settings)  # the first admin key, once
