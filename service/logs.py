"""Logging set-up: one JSON object per line, so containers and log shippers need no parsing.

Configure once, before creating the app (Flask's advice), from the entry point:
``service.wsgi``, the CLI or a worker. Library code only calls ``logging.getLogger``.
Values passed as ``extra={...}`` become top-level keys of the JSON line.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any

from service.settings import Settings

_STANDARD = frozenset(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
"""The id of the HTTP request this thread is serving (set by ``service.api.headers``)."""


class RequestIdFilter(logging.Filter):
    """Put ``request_id`` on every record logged while a request is served, so every
    line about a request can be found by the ``X-Request-ID`` its client saw."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = REQUEST_ID.get()
        if request_id is not None and not hasattr(record, "request_id"):
            record.request_id = request_id
        return True


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", ...extra}`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def configure_logging(settings: Settings, stream: IO[str] | None = None) -> None:
    """Send every log record to ``stream`` (stdout), as JSON lines unless disabled."""
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.addFilter(RequestIdFilter())
    if settings.log_json:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())


def gunicorn_logconfig(settings: Settings) -> dict[str, Any] | None:
    """gunicorn's own error and access logs as the same JSON lines on stdout."""
    if not settings.log_json:
        return None
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "json",
        "stream": "ext://sys.stdout",
        "filters": ["request_id"],
    }
    logger = {"level": "INFO", "handlers": ["json_stdout"], "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "service.logs.JsonFormatter"}},
        "filters": {"request_id": {"()": "service.logs.RequestIdFilter"}},
        "handlers": {"json_stdout": handler},
        "root": {"level": settings.log_level.upper(), "handlers": ["json_stdout"]},
        "loggers": {"gunicorn.error": logger, "gunicorn.access": logger},
    }
