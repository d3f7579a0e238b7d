"""``GET /v1/monitoring/runs``: credentials, roles, a tenant's own numbers, pages."""

from __future__ import annotations

from clients import authed_client
from flask import Flask

from service.api.auth import get_auth
from service.monitoring.runs import RunReport, TenantCounts, record_run
from service.records.canonical import now


def test_runs_show_each_tenant_its_own_numbers(app: Flask) -> None:
    at = now()
    for n in range(3):
        record_run(
            get_auth(app).db,
            RunReport(
                f"run{n}", at, at, "diff", {"l": "1"}, {"l": "2"}, {}, 4, 4, 1,
                {"acme": TenantCounts(3, 1, ["alr_x"]), "other": TenantCounts(1)}, "0.1.0", 0.5,
            ),
        )  # fmt: skip
    assert app.test_client().get("/v1/monitoring/runs").status_code == 401
    assert authed_client(app, "screener", "acme").get("/v1/monitoring/runs").status_code == 403
    analyst = authed_client(app, "analyst", "acme")
    page = analyst.get("/v1/monitoring/runs?limit=2").get_json()
    assert [r["run_id"] for r in page["items"]] == ["run2", "run1"]
    assert (page["items"][0]["rescreened"], page["items"][0]["delisted"]) == (3, ["alr_x"])
    rest = analyst.get(f"/v1/monitoring/runs?cursor={page['next_cursor']}").get_json()
    assert [r["run_id"] for r in rest["items"]] == ["run0"] and rest["next_cursor"] is None
    other = authed_client(app, "analyst", "other").get("/v1/monitoring/runs").get_json()
    assert (other["items"][0]["new_alerts"], other["items"][0]["delisted"]) == (0, [])
    bad = analyst.get("/v1/monitoring/runs?cursor=zz")
    assert bad.status_code == 400 and "cursor" in bad.get_json()["errors"]
