"""End to end: the redflags.md transaction scenarios against a real ``screening serve``
(gunicorn, 2 workers, preload) over our bundled sample list, spoken to over HTTP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from test_gunicorn import free_port
from transaction_scenarios import SCENARIOS, Scenario

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180.0


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("tx-e2e")
    url = f"http://127.0.0.1:{free_port()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")}
    env["SCREENING_DATA_DIR"] = str(tmp / "data")  # nothing downloaded: the bundled sample
    log = (tmp / "server.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--bind", url[7:], "--workers", "2"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_ready(url, process, log)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
            log.close()


def _wait_ready(url: str, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"server exited with {process.returncode}:\n{log.read()[-3000:]}")
        try:
            if requests.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"server not ready after {START_TIMEOUT}s")


@pytest.fixture(scope="module")
def tx_url(base_url: str) -> str:
    if requests.get(f"{base_url}/v1/rules", timeout=10).status_code == 404:
        pytest.skip(
            "transactions.blp and rules.blp are not yet listed in service/api/__init__.py "
            "BLUEPRINTS, so the served app has no /v1/screen/transaction"
        )
    return f"{base_url}/v1/screen/transaction"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.id}-{s.title}")
def test_scenario_over_gunicorn(tx_url: str, scenario: Scenario) -> None:
    response = requests.post(tx_url, json=scenario.body(), timeout=30)
    assert response.status_code == 200, response.text
    result = response.json()
    fired = {h["rule_id"] for h in result["rule_hits"]}
    assert result["decision"] == scenario.decision, fired
    assert scenario.hits <= fired and not (scenario.absent & fired)
    assert result["versions"]["lists"]["ofac_sdn"]["sample"] is True


def test_bad_body_is_problem_json(tx_url: str) -> None:
    response = requests.post(tx_url, json={"parties": [{"id": "a", "role": "buyer"}]}, timeout=30)
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert "parties.0.name" in response.json()["errors"]
