"""A real ``screening serve`` (gunicorn) subprocess for the end-to-end tests.

Every e2e test needs the same dance: a free port, an environment with only the settings the
test means (nothing ``SCREENING_*`` leaks in from the shell), a readiness poll that fails
with the server's own log, a retry when another process took the port first, and a SIGTERM
stop. It lives here once so that each test says only what it serves and what it checks.

A plain module, imported as ``from e2e.servers import ...``: several ``conftest.py`` files
exist, so importing one by name would pick whichever comes first on ``sys.path``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180.0
"""Upper bound of the readiness poll; it ends as soon as the server answers."""
TRIES = 3
E2E_KEY = "ssk_e2e-bootstrap-admin-key-0123456789abcdef"
"""The first admin key every e2e server starts with (``SCREENING_BOOTSTRAP_KEY``)."""
AUTH = {"Authorization": f"Bearer {E2E_KEY}"}


def free_port() -> int:
    """A port nothing listens on right now (racy: someone may take it before we bind)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(settings: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without any ``SCREENING_*``, plus ``settings`` (and the
    e2e bootstrap key, so a fresh server accepts :data:`AUTH`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")}
    return {**env, "SCREENING_BOOTSTRAP_KEY": E2E_KEY, **settings}


def create_user(
    tmp: Path, name: str, role: str, password: str, settings: Mapping[str, str] | None = None
) -> None:
    """``screening users create`` (tenant ``default``) with the password on standard input,
    as an admin would, over the data folder of a server started in ``tmp``."""
    env = clean_env({"SCREENING_DATA_DIR": str(tmp / "data"), **(settings or {})})
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "users", "create", name]
        + ["--tenant", "default", "--role", role],
        input=password + "\n",
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def cli(args: list[str], env: Mapping[str, str], log: IO[str]) -> subprocess.Popen:
    """``python -m service.cli *args`` from the repo root, as an operator would run it."""
    return subprocess.Popen(
        [sys.executable, "-m", "service.cli", *args],
        cwd=REPO,
        env=dict(env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def answers(url: str) -> bool:
    """True when ``url`` answers 200; False while nothing listens there yet."""
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.ConnectionError:
        return False


def terminate(process: subprocess.Popen, timeout: float = 60) -> int:
    """SIGTERM, as an init system would, and the exit code; killed if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()


class Server:
    """A ``screening serve`` subprocess with 2 workers and its base URL.

    ``settings`` are ``SCREENING_*`` variables; the data folder defaults to ``tmp/data``
    and with no lists folder the server serves the bundled sample. ``probe`` is the path
    that says it is up: ``/readyz`` once lists are loaded, ``/healthz`` when none can be.
    """

    def __init__(
        self, tmp: Path, settings: Mapping[str, str] | None = None, probe: str = "/readyz"
    ) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.probe = probe
        self.log = (tmp / f"server-{port}.log").open("w+")
        env = clean_env({"SCREENING_DATA_DIR": str(tmp / "data"), **(settings or {})})
        bind = f"127.0.0.1:{port}"
        self.process = cli(["serve", "--bind", bind, "--workers", "2"], env, self.log)

    def wait_ready(self) -> bool:
        """True once ready; False (and stopped) if the port was taken meanwhile."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if "in use" in self.output():
                    self.stop()
                    return False
                pytest.fail(f"server exited with {self.process.returncode}:\n{self.tail()}")
            if answers(f"{self.url}{self.probe}"):
                return True
            time.sleep(0.2)
        pytest.fail(f"server not ready after {START_TIMEOUT}s:\n{self.tail()}")

    def stop(self) -> int:
        """The exit code after SIGTERM; the log is closed."""
        try:
            return terminate(self.process)
        finally:
            self.log.close()

    def output(self) -> str:
        """Everything the server logged so far."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def tail(self) -> str:
        """The end of the log, enough to see why a start or a check failed."""
        return self.output()[-5000:]

    def screen(self, **body: object) -> dict:
        """The ``/v1/screen`` answer to ``body``, which must be a 200."""
        response = requests.post(f"{self.url}/v1/screen", json=body, headers=AUTH, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    def lists(self) -> dict[str, dict]:
        """The ``/v1/lists`` rows by list id."""
        response = requests.get(f"{self.url}/v1/lists", headers=AUTH, timeout=10)
        assert response.status_code == 200, response.text
        return {row["id"]: row for row in response.json()["lists"]}


def start(tmp: Path, settings: Mapping[str, str] | None = None, probe: str = "/readyz") -> Server:
    """A ready server; retried on a new port if another process took ours first."""
    for _ in range(TRIES):
        server = Server(tmp, settings, probe)
        if server.wait_ready():
            return server
    pytest.fail(f"no free port found for gunicorn in {TRIES} tries")
