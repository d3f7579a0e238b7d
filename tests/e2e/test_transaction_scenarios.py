"""End to end: the transaction scenarios of ``tests/transaction_scenarios.py`` against a
real ``screening serve`` (gunicorn, 2 workers, preload) over our bundled sample list,
spoken to over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from e2e.servers import AUTH, start
from transaction_scenarios import SCENARIOS, Scenario

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # Nothing downloaded and no lists folder: the server screens the bundled sample.
    server = start(tmp_path_factory.mktemp("tx-e2e"))
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def tx_url(base_url: str) -> str:
    return f"{base_url}/v1/screen/transaction"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.id}-{s.title}")
def test_scenario_over_gunicorn(tx_url: str, scenario: Scenario) -> None:
    response = requests.post(tx_url, json=scenario.body(), headers=AUTH, timeout=30)
    assert response.status_code == 200, response.text
    result = response.json()
    fired = {h["rule_id"] for h in result["rule_hits"]}
    skipped = {n["rule_id"] for n in result["not_evaluated"]}
    scenario.check(result["decision"], fired, skipped, result["risk_score"], result["priority"])
    assert result["versions"]["lists"]["ofac_sdn"]["sample"] is True


def test_bad_body_is_problem_json(tx_url: str) -> None:
    response = requests.post(
        tx_url, json={"parties": [{"id": "a", "role": "buyer"}]}, headers=AUTH, timeout=30
    )
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert "parties.0.name" in response.json()["errors"]
