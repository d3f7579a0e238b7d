"""Where the real parts the tests need live, and what happens when one is missing.

Tests talk to a real Redis and (for the records store) a real PostgreSQL. Their addresses
default to the machine's own services and can be moved with ``SCREENING_TEST_REDIS`` and
``SCREENING_TEST_POSTGRES``, so several checkouts can run their suites at once without
sharing databases. Under ``CI=true`` a missing part fails the run with a message that
says what to start or install; elsewhere it skips with the same message. Under ``CI=true``
any skip at all fails the run (``pytest_sessionfinish``).

A plain module, imported as ``from realparts import ...`` (several ``conftest.py`` exist).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
"""``../shared`` beside the checkout: the real list files, read in place, never copied."""

REDIS_BASE = os.environ.get("SCREENING_TEST_REDIS", "redis://127.0.0.1:6379").rstrip("/")
POSTGRES_BASE = os.environ.get(
    "SCREENING_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432"
).rstrip("/")


def shared(*parts: str) -> Path:
    """``../shared/<parts>``, or ``missing`` when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        missing(f"real data not present at {path} (../shared must sit beside the checkout)")
    return path


def redis_url(db: int) -> str:
    """The test Redis, database ``db`` (each test module keeps to its own index)."""
    return f"{REDIS_BASE}/{db}"


@contextmanager
def clean_redis(url: str) -> Iterator[Redis]:
    """A connection to the test Redis database ``url``, empty before and after use, or
    ``missing`` when no Redis answers there."""
    conn = Redis.from_url(url)
    try:
        conn.flushdb()
    except RedisConnectionError:
        missing(f"no Redis at {url} (.ci/run starts one)")
    try:
        yield conn
    finally:
        conn.flushdb()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(what: str) -> None:
    """A real part is absent: fail under CI (never a silent skip), skip elsewhere."""
    if in_ci():
        pytest.fail(f"{what} (CI must provide it; .ci/run starts or installs it)", pytrace=False)
    pytest.skip(what)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI a run with any skipped test fails: a skip there hides an absent real part.

    A pytest hook, re-exported by ``tests/conftest.py`` (and loadable with ``-p realparts``),
    so that a bare ``pytest.skip`` someone adds later cannot turn CI green either.
    """
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if in_ci() and skipped and exitstatus == pytest.ExitCode.OK:
        reporter.write_sep(
            "=",
            f"CI=true: {len(skipped)} test(s) skipped; under CI every real part must be "
            "present (see tests/realparts.py)",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
