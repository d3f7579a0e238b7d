"""WSGI entry point: ``gunicorn -c gunicorn.conf.py service.wsgi:app``.

The only module that builds the app at import time; with ``preload_app`` gunicorn imports
it once in the master, so the lists are parsed and indexed once and the workers share
the index copy-on-write.
"""

from service.api import create_app
from service.logs import configure_logging
from service.settings import Settings

settings = Settings.from_env()
configure_logging(settings)
app = create_app(settings)
