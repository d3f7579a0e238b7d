# syntax=docker/dockerfile:1
# sanctions-screening: one image, two commands.
#   API (default):  docker run -p 8000:8000 -v lists:/data IMAGE
#   batch worker:   docker run IMAGE screening worker
# Lists: mount official files at /lists and set SCREENING_LISTS_DIR=/lists, or run
# `screening lists update` (stores into /data); with neither, the bundled sample answers
# and every response says "sample": true.

ARG PYTHON_VERSION=3.12

# --- build: a virtualenv with the dependencies, then the project ------------------------
FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app

# Dependencies first, in their own layer: it is rebuilt only when pyproject.toml changes.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt

# The code and our data. Installed in place (editable) at the path the runtime uses, so
# the package finds lists/ beside it and the `screening` console script exists.
COPY README.md gunicorn.conf.py ./
COPY lists/ lists/
COPY service/ service/
RUN pip install --no-deps -e . && python -m compileall -q service

# --- runtime: slim, no build tools, non-root with a fixed uid -------------------------------
FROM python:${PYTHON_VERSION}-slim AS runtime
ARG APP_UID=10001
RUN useradd --uid ${APP_UID} --user-group --no-create-home --home-dir /app --shell /usr/sbin/nologin app \
 && mkdir -p /data \
 && chown ${APP_UID}:${APP_UID} /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    SCREENING_BIND=0.0.0.0:8000 \
    SCREENING_DATA_DIR=/data
WORKDIR /app
USER ${APP_UID}
VOLUME ["/data"]
EXPOSE 8000

# Ready = lists loaded (503 before). No curl in the image: Python's urllib does it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; port = os.environ.get('SCREENING_BIND', ':8000').rsplit(':', 1)[1]; urllib.request.urlopen(f'http://127.0.0.1:{port}/readyz', timeout=4)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"]
