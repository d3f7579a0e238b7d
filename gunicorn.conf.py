"""gunicorn settings for ``gunicorn -c gunicorn.conf.py service.wsgi:app`` (the Docker CMD).

``screening serve`` applies the same options programmatically, from
``service.cli.serve.gunicorn_options``, so there is one source for them.
"""

from service.cli.serve import gunicorn_options
from service.settings import Settings

globals().update({k: v for k, v in gunicorn_options(Settings.from_env()).items() if v is not None})
