"""Monitor runs on record, on SQLite and PostgreSQL: newest first, each tenant its own
numbers, cursor pages."""

from __future__ import annotations

import pytest

from service.monitoring.book import InvalidCustomerCursor
from service.monitoring.runs import RunReport, TenantCounts, last_run, list_runs, record_run
from service.records import RecordsDatabase
from service.records.canonical import now


def report(run_id: str, **tenants: TenantCounts) -> RunReport:
    at = now()
    return RunReport(
        run_id, at, at, "diff", {"l": "1"}, {"l": "2"}, {"l": {"added": 1}},
        candidates=5, rescreened=sum(t.rescreened for t in tenants.values()),
        new_alerts=sum(t.new_alerts for t in tenants.values()), tenants=dict(tenants),
        service_version="0.1.0", seconds=1.5,
    )  # fmt: skip


def test_runs_are_read_back_per_tenant(records_db: RecordsDatabase) -> None:
    assert last_run(records_db) is None
    record_run(records_db, report("r1", acme=TenantCounts(3, 1, ["alr_1"])))
    record_run(records_db, report("r2", acme=TenantCounts(2), other=TenantCounts(4, 2)))
    assert last_run(records_db).run_id == "r2"
    assert last_run(records_db).tenants["other"].new_alerts == 2
    page, cursor = list_runs(records_db, "acme", limit=1)
    assert [(r["run_id"], r["rescreened"], r["new_alerts"]) for r in page] == [("r2", 2, 0)]
    page, cursor = list_runs(records_db, "acme", limit=1, cursor=cursor)
    assert (page[0]["run_id"], page[0]["delisted"], cursor) == ("r1", ["alr_1"], None)
    assert page[0]["versions_after"] == {"l": "2"} and page[0]["changes"] == {"l": {"added": 1}}
    nobody = list_runs(records_db, "nobody")[0]
    assert [(r["rescreened"], r["new_alerts"]) for r in nobody] == [(0, 0), (0, 0)]
    assert report("x", a=TenantCounts(1, 1), b=TenantCounts(2))
    with pytest.raises(InvalidCustomerCursor):
        list_runs(records_db, "acme", cursor="!!")
