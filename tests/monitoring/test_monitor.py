"""The monitor end to end, on SQLite and PostgreSQL, with real parts: our list served by a
local HTTP server and activated by ``update_lists``, customers put through the API, and
``screening monitor --once`` run as its own process. Version 2 adds an alias to one
listed person, renames another entry and removes a third: exactly the customers those
changes match get new alerts, in their own tenant, and the alert whose entry left the
list is noted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from clients import authed_client
from databases import BACKENDS, database_url
from store_fixtures import ListServer, registry_for, serve_list

from monitoring.monitor_lists import OTHER_LISTS, V1, V2
from service.api import create_app
from service.api.auth import get_auth
from service.monitoring.monitor import run_monitor
from service.records import RecordsDatabase, upgrade
from service.settings import Settings
from service.store import load_catalog, update_lists
from service.store.changes import changes_path
from service.store.versions import ListStore, store_root

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
BOOK = {
    "A": {"name": "Bakhodir Tashkentov", "entity_type": "person"},  # the new alias
    "B": {"name": "Bluewater Tanker Management Ltd"},  # the renamed entry
    "C": {"name": "Dmitri Orlovsky", "entity_type": "person"},  # unchanged entry
    "D": {"name": "Petrenko Marine Services"},  # removed entry
    "E": {"name": "Rustam Karimov", "entity_type": "person"},  # changed entry, same match
    "F": {"name": "Harmless Bakery of Valencia"},
}


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with database_url(request.param, tmp_path) as url:
        db = RecordsDatabase(url)
        upgrade(db)
        db.dispose()
        yield Settings(
            data_dir=tmp_path / "data",
            batch_dir=tmp_path / "b",
            database_url=url,
            optional_lists=OTHER_LISTS,
        )


@pytest.fixture
def server() -> Iterator[ListServer]:
    server = ListServer()
    server.start()
    yield server
    server.stop()


def monitor_once(settings: Settings) -> dict:
    """``screening monitor --once --json`` in its own process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")}
    env |= {"SCREENING_DATA_DIR": str(settings.data_dir),
            "SCREENING_DATABASE_URL": settings.database_url or "",
            "SCREENING_OPTIONAL_LISTS": ",".join(settings.optional_lists)}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "monitor", "--once", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def monitoring_alerts(client) -> dict[str, str]:
    items = client.get("/v1/alerts?source=monitoring&limit=200").get_json()["items"]
    return {a["alert_id"]: a["subject"]["customer_id"] for a in items}


def test_a_new_list_version_alerts_exactly_the_customers_it_matches(
    settings: Settings, server: ListServer
) -> None:
    registry = registry_for(server, {"ofac_sdn": NAMES})
    serve_list(server, "ofac_sdn", V1)
    assert update_lists(settings, registry).activated == ("ofac_sdn",)
    app = create_app(settings.with_(key_cache_seconds=0))
    acme, other = authed_client(app, "admin", "acme"), authed_client(app, "admin", "other")
    for customer_id, body in BOOK.items():
        assert acme.put(f"/v1/customers/{customer_id}", json=body).status_code == 200
    assert other.put("/v1/customers/A", json=BOOK["A"]).status_code == 200
    before = monitoring_alerts(acme)
    assert sorted(before.values()) == ["C", "D", "E"]  # at PUT, against version 1
    assert monitor_once(settings)["mode"] == "unchanged"

    serve_list(server, "ofac_sdn", V2)
    assert update_lists(settings, registry).activated == ("ofac_sdn",)
    run = monitor_once(settings)

    assert run["mode"] == "diff", run
    (change,) = run["changes"].values()
    assert (change["added"], change["changed"], change["removed"]) == (0, 2, 1)
    after = monitoring_alerts(acme)
    new = {alert_id: c for alert_id, c in after.items() if alert_id not in before}
    assert sorted(new.values()) == ["A", "B"]
    assert sorted(monitoring_alerts(other).values()) == ["A"]
    assert run["new_alerts"] == 3 and run["rescreened"] >= 4
    delisted = [a for a, c in before.items() if c == "D"]
    assert run["delisted"] == delisted
    events = acme.get(f"/v1/alerts/{delisted[0]}").get_json()["events"]
    assert events[-1]["event"] == "match_delisted"

    mine = acme.get("/v1/monitoring/runs").get_json()["items"]
    assert [r["mode"] for r in mine] == ["diff", "unchanged"]
    assert (mine[0]["new_alerts"], mine[0]["delisted"]) == (2, delisted)
    theirs = other.get("/v1/monitoring/runs").get_json()["items"][0]
    assert (theirs["new_alerts"], theirs["delisted"]) == (1, [])
    joined = acme.get(f"/v1/alerts/{next(a for a, c in before.items() if c == 'E')}")
    assert joined.get_json()["screenings"] == 2  # E was re-screened: same match, joined
    assert acme.get("/v1/customers/F").get_json()["screening"]["list_versions"] == {
        "ofac_sdn": run["versions_before"]["ofac_sdn"]
    }  # F matched nothing that changed: not re-screened
    get_auth(app).db.dispose()


def test_run_completed_hears_of_every_run_and_a_lost_history_rescreens_all(
    settings: Settings, server: ListServer
) -> None:
    registry = registry_for(server, {"ofac_sdn": NAMES})
    serve_list(server, "ofac_sdn", V1)
    update_lists(settings, registry)
    app = create_app(settings.with_(key_cache_seconds=0))
    acme = authed_client(app, "admin", "acme")
    for customer_id in ("A", "F"):
        acme.put(f"/v1/customers/{customer_id}", json=BOOK[customer_id])
    db = get_auth(app).db
    heard = []
    first = run_monitor(settings, db, load_catalog(settings), run_completed=heard.append)
    assert heard == [first] and first.mode == "unchanged"
    serve_list(server, "ofac_sdn", V2)
    update_lists(settings, registry)
    # version 1 and the recorded diff pruned: what changed since then cannot be known
    store = ListStore(store_root(settings), "ofac_sdn")
    assert store.prune(keep=0)
    changes_path(store, store.active_name()).unlink()
    full = run_monitor(settings, db, load_catalog(settings), run_completed=heard.append)
    assert full.mode == "full" and "no longer stored" in full.changes["full_rescreen"]
    assert full.rescreened == 2 and heard[-1] is full and full.new_alerts == 1  # A
    db.dispose()


def test_a_changed_entry_lifts_the_suppression_of_a_cleared_false_positive(
    settings: Settings, server: ListServer
) -> None:
    registry = registry_for(server, {"ofac_sdn": NAMES})
    serve_list(server, "ofac_sdn", V1)
    update_lists(settings, registry)
    app = create_app(settings.with_(key_cache_seconds=0))
    screener = authed_client(app, "screener", "acme")
    analyst, approver = (
        authed_client(app, "analyst", "acme"),
        authed_client(app, "approver", "acme"),
    )
    cleared = screener.put("/v1/customers/E", json=BOOK["E"]).get_json()["alert_id"]
    analyst.post(f"/v1/alerts/{cleared}/assign", json={})
    decided = analyst.post(  # a reason code of SCREENING_ALERT_REASONS
        f"/v1/alerts/{cleared}/decision",
        json={"outcome": "false_positive", "reason": "different_country", "note": "not him"},
    ).get_json()
    if decided["status"] == "pending_approval":
        approver.post(f"/v1/alerts/{cleared}/approval", json={"approve": True})
    assert analyst.get(f"/v1/alerts/{cleared}").get_json()["status"] == "closed"
    db = get_auth(app).db
    assert run_monitor(settings, db, load_catalog(settings)).mode == "unchanged"

    serve_list(server, "ofac_sdn", V2)  # KARIMOV gains an alias: a new fingerprint
    update_lists(settings, registry)
    run = run_monitor(settings, db, load_catalog(settings))
    assert run.new_alerts == 1 and run.tenants["acme"].new_alerts == 1
    (alert,) = [
        a for a in analyst.get("/v1/alerts?status=open").get_json()["items"]
        if a["subject"]["customer_id"] == "E"
    ]  # fmt: skip
    changes = analyst.get(f"/v1/alerts/{alert['alert_id']}").get_json()["changes"]
    assert changes[0]["cleared_in"] == cleared
    assert changes[0]["changed"]["names"]["added"] == ["tashkentov, bakhodir"]
    db.dispose()
