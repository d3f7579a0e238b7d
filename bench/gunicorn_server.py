"""Start a real ``screening serve`` (gunicorn, preload) for the benches, and measure it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    host: str
    port: int
    started: float

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def wait_ready(self, timeout: float = 300.0) -> float:
        """Seconds from spawn until ``/readyz`` answers 200."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/readyz", timeout=1) as response:
                    if response.status == 200:
                        return time.monotonic() - self.started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise SystemExit(f"server not ready after {timeout}s")

    def pids(self) -> list[int]:
        """The gunicorn master and its workers."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return [master, *map(int, children)]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start(
    lists_dir: Path, workers: int = 2, log: Path | None = None, extra_env: dict | None = None
) -> Server:
    """Spawn ``python -m service.cli serve`` on a free port with ``lists_dir``.

    ``extra_env`` adds settings (a records database, a bootstrap key ...)."""
    port = free_port()
    env = {**os.environ, "SCREENING_LISTS_DIR": str(lists_dir), "SCREENING_LOG_LEVEL": "WARNING"}
    env.update(extra_env or {})
    out = log.open("w") if log else subprocess.DEVNULL
    cmd = [sys.executable, "-m", "service.cli", "serve", "--bind", f"127.0.0.1:{port}"]
    cmd += ["--workers", str(workers)]
    started = time.monotonic()
    process = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(process, "127.0.0.1", port, started)


def start_ready(
    lists_dir: Path, workers: int = 2, tries: int = 3, extra_env: dict | None = None
) -> tuple[Server, float]:
    """A ready server and its start-up seconds; retried if the free port was taken."""
    for attempt in range(tries):
        server = start(lists_dir, workers, extra_env=extra_env)
        try:
            return server, server.wait_ready()
        except SystemExit:
            server.stop()
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def memory_kb(pid: int) -> dict[str, int]:
    """RSS, peak RSS (VmHWM) and PSS of one process, in kB, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = {}
    for line in status.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        for line in rollup.read_text().splitlines():
            if line.startswith("Pss:"):
                values["Pss"] = int(line.split()[1])
    return values
