"""``lists update`` against a real local HTTP server: what activates and what is refused."""

from __future__ import annotations

import fcntl
import logging
from pathlib import Path

import pytest
from store_fixtures import (
    OFAC_FILE_NAMES,
    ListServer,
    ofac_files,
    registry_for,
    serve_list,
    un_xml,
)

from service.settings import Settings
from service.sources.registry import Registry
from service.store import (
    KEEP_PREVIOUS,
    ListStore,
    load_catalog,
    show_lists,
    store_root,
    update_lists,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ERROR_PAGE = b"<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>"


@pytest.fixture
def registry(list_server: ListServer) -> Registry:
    return registry_for(list_server, dict(OFAC_FILE_NAMES))


def sdn_store(settings: Settings) -> ListStore:
    return ListStore(store_root(settings), "ofac_sdn")


def show_row(settings: Settings, registry: Registry, list_id: str = "ofac_sdn") -> dict:
    return next(row for row in show_lists(settings, registry) if row["list_id"] == list_id)


def activate_good(server: ListServer, settings: Settings, registry: Registry) -> str:
    """Serve and activate a 10-entity SDN list; returns its version."""
    serve_list(server, "ofac_sdn", ofac_files(10))
    report = update_lists(settings, registry, ["ofac_sdn"])
    assert report.activated == ("ofac_sdn",)
    return report["ofac_sdn"].version


def test_good_download_is_stored_and_activated(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    version = activate_good(list_server, settings, registry)
    store = sdn_store(settings)
    assert version.startswith("sha256:")
    assert sorted(p.name for p in store.active_dir().iterdir()) == sorted(
        OFAC_FILE_NAMES["ofac_sdn"]
    )
    row = show_row(settings, registry)
    assert (row["active_version"], row["entity_count"], row["name_count"]) == (version, 10, 20)
    assert row["last_attempt"]["outcome"] == "activated"
    assert row["refusal"] is None
    assert row["source"] == list_server.url("ofac_sdn/sdn.csv")


def test_downloaded_version_is_what_the_catalog_serves(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    version = activate_good(list_server, settings, registry)
    catalog = load_catalog(settings)
    assert catalog.origin == "downloaded"
    assert catalog.describe()["ofac_sdn"]["version"] == version
    assert catalog.describe()["ofac_sdn"]["sample"] is False


def test_identical_download_is_unchanged_and_not_stored_twice(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    version = activate_good(list_server, settings, registry)
    report = update_lists(settings, registry, ["ofac_sdn"])
    assert report["ofac_sdn"].outcome == "unchanged"
    assert report["ofac_sdn"].active_version == version
    assert len(sdn_store(settings).manifests()) == 1


def truncated_csv(server: ListServer) -> None:
    files = ofac_files(10)
    files["sdn.csv"] = files["sdn.csv"][: len(files["sdn.csv"]) // 2 + 20]  # cut mid-row
    serve_list(server, "ofac_sdn", files)


def cut_at_a_row_unannounced(server: ListServer) -> None:
    """Cut after a complete row, no Content-Length: only OFAC's 0x1A end byte tells."""
    files = ofac_files(10)
    body = files["sdn.csv"]
    files["sdn.csv"] = body[: body.index(b"\r\n", len(body) // 2) + 2]
    serve_list(server, "ofac_sdn", files, send_length=False)


def cut_transfer(server: ListServer) -> None:
    files = ofac_files(10)
    serve_list(server, "ofac_sdn", files)
    body = files["sdn.csv"]
    server.serve("ofac_sdn/sdn.csv", body[:100], claimed_length=len(body))


def html_page(server: ListServer) -> None:
    serve_list(server, "ofac_sdn", ofac_files(10))
    server.serve("ofac_sdn/alt.csv", ERROR_PAGE, content_type="text/html")


def html_as_csv(server: ListServer) -> None:
    serve_list(server, "ofac_sdn", {**ofac_files(10), "sdn.csv": ERROR_PAGE})


def server_error(server: ListServer) -> None:
    serve_list(server, "ofac_sdn", ofac_files(10))
    server.serve("ofac_sdn/sdn.csv", b"oops", status=500, content_type="text/plain")


def slow_server(server: ListServer) -> None:
    serve_list(server, "ofac_sdn", ofac_files(10), delay=3.0)


def shrunk_list(server: ListServer) -> None:
    serve_list(server, "ofac_sdn", ofac_files(7))  # 30% fewer than the active 10


@pytest.mark.parametrize(
    ("break_it", "kind", "reason"),
    [
        (truncated_csv, "truncated", "sdn.csv is cut short"),
        (cut_at_a_row_unannounced, "truncated", "end-of-file byte"),
        (cut_transfer, "download", "received 100 of"),
        (html_page, "download", "text/html"),
        (html_as_csv, "download", "HTML page"),
        (server_error, "download", "HTTP 500"),
        (slow_server, "download", "timed out"),
        (shrunk_list, "shrink", "fell from 10 to 7"),
    ],
    ids=[
        "truncated-file",
        "cut-at-row-no-length",
        "cut-transfer",
        "html-200",
        "html-sniffed",
        "500",
        "timeout",
        "shrink",
    ],
)
def test_bad_update_is_refused_and_the_previous_version_keeps_serving(
    list_server: ListServer,
    settings: Settings,
    registry: Registry,
    caplog: pytest.LogCaptureFixture,
    break_it,
    kind: str,
    reason: str,
) -> None:
    good = activate_good(list_server, settings, registry)
    break_it(list_server)

    with caplog.at_level(logging.WARNING, logger="service.store.update"):
        report = update_lists(settings, registry, ["ofac_sdn"])

    result = report["ofac_sdn"]
    assert (report.ok, result.outcome, result.kind) == (False, "refused", kind)
    assert reason in result.reason
    assert result.active_version == good
    assert "ofac_sdn" in caplog.text and "refused" in caplog.text
    row = show_row(settings, registry)
    assert row["active_version"] == good and row["entity_count"] == 10
    assert reason in row["refusal"]
    assert load_catalog(settings).snapshots["ofac_sdn"].entity_count == 10


def test_shrink_within_the_allowed_share_activates(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    activate_good(list_server, settings, registry)
    serve_list(list_server, "ofac_sdn", ofac_files(9))
    assert update_lists(settings, registry, ["ofac_sdn"]).activated == ("ofac_sdn",)
    assert sdn_store(settings).active_manifest().entity_count == 9


def test_shrink_limit_comes_from_settings(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    activate_good(list_server, settings, registry)
    serve_list(list_server, "ofac_sdn", ofac_files(9))
    strict = settings.with_(update_max_shrink=0.05)
    assert update_lists(strict, registry, ["ofac_sdn"]).refused == ("ofac_sdn",)


def test_refusal_stays_visible_after_a_later_success(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    activate_good(list_server, settings, registry)
    shrunk_list(list_server)
    update_lists(settings, registry, ["ofac_sdn"])
    serve_list(list_server, "ofac_sdn", ofac_files(11))
    update_lists(settings, registry, ["ofac_sdn"])
    row = show_row(settings, registry)
    assert row["refusal"] is None and row["entity_count"] == 11
    assert "fell from 10 to 7" in row["last_refusal"]["reason"]


def test_first_update_that_fails_leaves_no_active_version(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    server_error(list_server)
    report = update_lists(settings, registry, ["ofac_sdn"])
    assert report.refused == ("ofac_sdn",)
    row = show_row(settings, registry)
    assert row["active_version"] is None and "HTTP 500" in row["refusal"]
    assert not list((sdn_store(settings).dir).glob(".staging-*"))


def test_one_failing_list_does_not_block_the_others(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    server_error(list_server)
    serve_list(list_server, "ofac_cons", ofac_files(5, list_id="ofac_cons"))
    report = update_lists(settings, registry)
    assert report.refused == ("ofac_sdn",)
    assert report.activated == ("ofac_cons",)
    assert load_catalog(settings).snapshots["ofac_cons"].entity_count == 5


def test_old_versions_are_pruned_but_the_active_one_kept(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    for count in range(10, 10 + KEEP_PREVIOUS + 3):
        serve_list(list_server, "ofac_sdn", ofac_files(count))
        assert update_lists(settings, registry, ["ofac_sdn"]).ok
    store = sdn_store(settings)
    kept = [m.entity_count for m in store.manifests()]
    assert len(kept) == KEEP_PREVIOUS + 1
    assert store.active_manifest().entity_count == max(kept) == 10 + KEEP_PREVIOUS + 2


def test_concurrent_update_of_the_same_list_is_refused(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    serve_list(list_server, "ofac_sdn", ofac_files(10))
    store = sdn_store(settings)
    store.dir.mkdir(parents=True)
    with store.lock_path.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = update_lists(settings, registry, ["ofac_sdn"])["ofac_sdn"]
    assert (result.outcome, result.kind) == ("refused", "busy")
    assert list_server.requests == []


def test_unknown_list_id_raises_before_any_download(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    with pytest.raises(KeyError, match="nope"):
        update_lists(settings, registry, ["ofac_sdn", "nope"])
    assert list_server.requests == []


def test_naming_a_disabled_source_fetches_it(list_server: ListServer, settings: Settings) -> None:
    disabled = registry_for(list_server, {"un": ("consolidated.xml",)}, disabled=("un",))
    list_server.serve("un/consolidated.xml", un_xml(4, date="2026-02-27"))
    assert update_lists(settings, disabled).results == ()
    result = update_lists(settings, disabled, ["un"])["un"]
    assert (result.outcome, result.version, result.entity_count) == ("activated", "2026-02-27", 4)


def test_truncated_xml_is_refused(list_server: ListServer, settings: Settings) -> None:
    registry = registry_for(list_server, {"un": ("consolidated.xml",)})
    list_server.serve("un/consolidated.xml", un_xml(4))
    update_lists(settings, registry)
    cut = un_xml(4, date="2026-03-01")[:-200]
    list_server.serve("un/consolidated.xml", cut, send_length=False)  # no transfer error
    result = update_lists(settings, registry)["un"]
    assert (result.outcome, result.kind, result.active_version) == (
        "refused",
        "truncated",
        "2026-02-27",
    )
    assert "does not end with </CONSOLIDATED_LIST>" in result.reason
    assert load_catalog(settings).snapshots["un"].version == "2026-02-27"


def test_a_csv_cut_inside_its_last_record_is_refused(
    list_server: ListServer, settings: Settings
) -> None:
    """US CSL has no end byte: a record cut short still shows (no line break at the end,
    or fewer fields than the record before), though the rows before it parse."""
    registry = registry_for(list_server, {"us_csl": ("consolidated.csv",)})
    whole = (FIXTURES / "us_csl" / "csv" / "consolidated.csv").read_bytes()
    list_server.serve("us_csl/consolidated.csv", whole)
    good = update_lists(settings, registry)["us_csl"]
    assert good.outcome == "activated"
    last_row = whole.rstrip(b"\r\n").rindex(b"\n") + 1
    for cut in (whole[: last_row + 30], whole[: whole.rindex(b",", 0, len(whole) - 3)]):
        list_server.serve("us_csl/consolidated.csv", cut, send_length=False)
        result = update_lists(settings, registry)["us_csl"]
        assert (result.outcome, result.kind) == ("refused", "truncated"), result.reason
        assert result.active_version == good.version


def test_older_publication_than_the_active_one_is_refused(
    list_server: ListServer, settings: Settings
) -> None:
    registry = registry_for(list_server, {"un": ("consolidated.xml",)})
    list_server.serve("un/consolidated.xml", un_xml(4, date="2026-02-27"))
    update_lists(settings, registry)
    list_server.serve("un/consolidated.xml", un_xml(4, date="2026-01-31"))
    result = update_lists(settings, registry)["un"]
    assert (result.outcome, result.kind, result.version) == ("refused", "stale", "2026-01-31")
    assert result.active_version == "2026-02-27"


def test_staging_left_by_a_killed_run_is_cleaned_up(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    store = sdn_store(settings)
    leftover = store.staging()
    (leftover / "sdn.csv").write_bytes(b"half")
    activate_good(list_server, settings, registry)
    assert not leftover.exists()


def test_unusable_data_dir_refuses_each_list_without_raising(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    settings.data_dir.parent.mkdir(parents=True, exist_ok=True)
    settings.data_dir.write_text("not a folder")
    report = update_lists(settings, registry)
    assert report.refused == ("ofac_sdn", "ofac_cons")
    assert {r.kind for r in report.results} == {"error"}
    assert list_server.requests == []


@pytest.mark.parametrize(
    ("route", "why"),
    [
        ({"status": 403}, "HTTP 403"),  # the Commission rotated the public token
        ({"body": ERROR_PAGE, "content_type": "text/html"}, "text/html"),
        ({"body": b"<export generationDate='2026-03-01'><sanctionEntity"}, "</export>"),
    ],
)
def test_failed_eu_download_keeps_the_last_good_eu_version(
    list_server: ListServer, settings: Settings, route: dict, why: str
) -> None:
    """The bundled EU source, pointed at a local server, through a failed download."""
    from service.sources.registry import load_registry, registry_from_mapping

    bundled = load_registry().get("eu")
    [eu_file] = bundled.files
    path = "fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"
    registry = registry_from_mapping(
        {
            "eu": {
                "title": bundled.title,
                "publisher": bundled.publisher,
                "files": {eu_file.name: list_server.url(path)},
            }
        }
    )
    good = (FIXTURES / "eu_full" / "20260201-FULL-1_1.xml").read_bytes()
    list_server.serve(path, good, content_type="text/xml")
    assert update_lists(settings, registry).activated == ("eu",)

    list_server.serve(path, **{"body": b"", **route})
    result = update_lists(settings, registry)["eu"]
    assert (result.outcome, result.active_version) == ("refused", "2026-02-01")
    assert why in (result.reason or "")
    catalog = load_catalog(settings)
    assert catalog.snapshots["eu"].version == "2026-02-01"
    assert catalog.snapshots["eu"].entity_count == 5


def test_an_activated_version_is_announced_to_webhooks(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    """``lists.updated`` goes to every tenant's webhook that wants it, once per version
    activated (an unchanged download announces nothing)."""
    from sqlalchemy import select

    from service.records import records_database, upgrade
    from service.records.models import WebhookDelivery
    from service.webhooks.registry import create_webhook

    db = records_database(settings)
    upgrade(db)
    hook_settings = settings.with_(webhooks_allow_http=True)
    for tenant in ("acme", "globex"):
        create_webhook(db, hook_settings, tenant=tenant, url="https://127.0.0.1/h",
                       events=["lists.updated"])  # fmt: skip
    version = activate_good(list_server, settings, registry)
    update_lists(settings, registry, ["ofac_sdn"])  # unchanged
    with db.session() as session:
        rows = session.scalars(select(WebhookDelivery)).all()
    db.dispose()
    assert sorted(r.tenant for r in rows) == ["acme", "globex"]
    assert {r.event_type for r in rows} == {"lists.updated"} and len(
        {r.event_id for r in rows}
    ) == 1
    import json

    data = json.loads(rows[0].body)["data"]
    assert (data["list_id"], data["version"], data["entity_count"]) == ("ofac_sdn", version, 10)


def test_a_records_store_without_the_schema_does_not_fail_the_update(
    list_server: ListServer, settings: Settings, registry: Registry
) -> None:
    activate_good(list_server, settings, registry)  # no migrated store: logged, activated
