"""Log records become one JSON object per line, extras included."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from collections.abc import Iterator

import pytest

from service.logs import configure_logging, gunicorn_logconfig
from service.settings import Settings


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_records_are_json_lines_with_extras(restore_root: None) -> None:
    stream = io.StringIO()
    configure_logging(Settings(log_level="INFO"), stream=stream)
    logging.getLogger("service.test").info("list loaded", extra={"list": "un", "entities": 3})
    logging.getLogger("service.test").debug("not shown")
    (line,) = stream.getvalue().splitlines()
    record = json.loads(line)
    assert record["message"] == "list loaded" and record["level"] == "INFO"
    assert (record["list"], record["entities"], record["logger"]) == ("un", 3, "service.test")


def test_exceptions_are_kept_in_the_line(restore_root: None) -> None:
    stream = io.StringIO()
    configure_logging(Settings(), stream=stream)
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("x").exception("failed")
    assert "ValueError: boom" in json.loads(stream.getvalue())["exc"]


def test_plain_text_when_json_is_off(restore_root: None) -> None:
    stream = io.StringIO()
    configure_logging(Settings(log_json=False), stream=stream)
    logging.getLogger("x").warning("plain")
    assert stream.getvalue().rstrip().endswith("WARNING x: plain")
    assert gunicorn_logconfig(Settings(log_json=False)) is None


def test_gunicorn_logs_go_through_the_same_formatter(restore_root: None) -> None:
    config = gunicorn_logconfig(Settings())
    assert config is not None
    assert set(config["loggers"]) == {"gunicorn.error", "gunicorn.access"}
    logging.config.dictConfig({**config, "root": {"level": "WARNING", "handlers": []}})
