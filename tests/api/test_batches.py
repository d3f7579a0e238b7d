"""/v1/batches over the three test entities: embedded mode (SQLite + background thread)
and, for the queued state, Redis mode with no worker running."""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import replace

import pytest
from batch.listed import LISTED
from clients import authed_client
from openpyxl import load_workbook
from realparts import clean_redis, redis_url

from service.api import create_app
from service.api.batches import batch_backend
from service.jobs.store import ResultsIncomplete

CSV = (
    "customer_id;Full Name;Country\n"
    "C1;BANCO NACIONAL DE CUBA;\n"
    "C2;Harmless Bakery;FR\n"
    "C3;=cmd|' /C calc'!A0;FR\n"
    "C4;;FR\n"
    "C5;IVANOV Sergei;RU\n"
).encode("cp1252")
REDIS_URL = redis_url(12)


@pytest.fixture
def app(settings, catalog_of):
    """The API over our listed entities (a corpus the matcher can weigh)."""
    return create_app(settings, catalog_of(*LISTED))


def upload(client, data: bytes = CSV, filename: str = "customers.csv", **form):
    body = {"file": (io.BytesIO(data), filename), **form}
    return client.post("/v1/batches", data=body, content_type="multipart/form-data")


def wait_done(client, location: str) -> dict:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = client.get(location).get_json()
        if status["state"] not in ("queued", "running"):
            return status
        time.sleep(0.05)
    raise AssertionError(f"batch not finished: {status}")


def problem_of(resp, status: int) -> dict:
    assert resp.status_code == status
    assert resp.mimetype == "application/problem+json"
    return resp.get_json()


def test_upload_screen_and_download_csv(client) -> None:
    resp = upload(client)
    assert resp.status_code == 202
    location = resp.headers["Location"]
    assert location == f"/v1/batches/{resp.get_json()['id']}"
    status = wait_done(client, location)
    assert status["state"] == "done"
    assert (status["rows_total"], status["rows_done"], status["errors"]) == (5, 5, 1)
    assert status["hits"] >= 1 and sum(status["decisions"].values()) == 5
    assert status["list_versions"] == {"other_list": "2026-01-01", "test_list": "2026-01-01"}
    assert status["list_versions_mixed"] is False
    assert status["mapping"]["name"] == "Full Name" and status["mapping"]["id"] == "customer_id"

    results = client.get(status["results"])
    assert results.status_code == 200 and results.mimetype == "text/csv"
    assert results.headers["Screening-Result-Rows"] == "5"
    rows = list(csv.DictReader(io.StringIO(results.get_data(as_text=True))))
    assert [r["customer_id"] for r in rows] == ["C1", "C2", "C3", "C4", "C5"]
    assert rows[0]["screening_decision"] in ("review", "block")
    assert rows[0]["screening_source_id"] == "1" and rows[0]["screening_list"] == "test_list"
    assert rows[0]["screening_target_id"].startswith("T-")
    assert rows[3]["screening_target_id"] == ""
    assert rows[2]["Full Name"] == "'=cmd|' /C calc'!A0"
    assert rows[3]["screening_decision"] == "error"
    assert rows[3]["screening_error"] == "name is empty" and rows[3]["screening_line"] == "5"


def test_results_as_jsonl_and_only_hits(client) -> None:
    status = wait_done(client, upload(client).headers["Location"])
    resp = client.get(status["results"] + "?format=jsonl&only=hits")
    lines = [json.loads(x) for x in resp.get_data().splitlines()]
    assert lines and all(x["screening_decision"] in ("review", "block") for x in lines)
    assert lines[0]["customer_id"] == "C1" and len(lines) == status["hits"]
    assert resp.headers["Screening-Result-Rows"] == str(status["hits"])
    assert lines[0]["Full Name"] == "BANCO NACIONAL DE CUBA"


def drop_results(app, batch_id: str, chunks: tuple[int, ...]) -> None:
    """Lose stored results as an expiry or a lost store would (the embedded SQLite store)."""
    with app.app_context():
        store = batch_backend().store
        with store._db() as db:
            for n in chunks:
                db.execute("DELETE FROM chunks_out WHERE batch = ? AND n = ?", (batch_id, n))


def test_results_already_gone_answer_410_before_any_row(app, client) -> None:
    status = wait_done(client, upload(client).headers["Location"])
    drop_results(app, status["id"], (0,))
    problem = problem_of(client.get(status["results"]), 410)
    assert "chunk 1 of 1" in problem["detail"] and status["id"] in problem["detail"]


def test_results_lost_mid_file_cut_the_download_instead_of_ending_short(
    settings, catalog_of
) -> None:
    """Three chunks of 400 rows; the last chunk's results are gone. The first block of the
    file goes out with a 200, then the body breaks off instead of ending cleanly short."""
    app = create_app(replace(settings, batch_chunk_rows=400), catalog_of(*LISTED))
    client = authed_client(app)
    lines = [f"C{i};Customer number {i} General Trading and Shipping Ltd;FR" for i in range(1200)]
    data = ("customer_id;Full Name;Country\n" + "\n".join(lines) + "\n").encode()
    status = wait_done(client, upload(client, data).headers["Location"])
    assert status["rows_done"] == 1200
    drop_results(app, status["id"], (2,))
    resp = client.get(status["results"])
    assert resp.status_code == 200 and resp.headers["Screening-Result-Rows"] == "1200"
    with pytest.raises(ResultsIncomplete, match="chunk 3 of 3"):
        resp.get_data()


def test_results_as_xlsx_are_escaped(client) -> None:
    status = wait_done(client, upload(client).headers["Location"])
    resp = client.get(status["results"] + "?format=xlsx")
    assert "attachment" in resp.headers["Content-Disposition"]
    ws = load_workbook(io.BytesIO(resp.get_data())).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][:3] == ["customer_id", "Full Name", "Country"]
    assert values[3][1] == "'=cmd|' /C calc'!A0" and len(values) == 6


def test_mapping_and_options(client) -> None:
    data = b"who,kind\nBANCO NACIONAL DE CUBA,\n"
    resp = upload(client, data, mapping='{"name": "who"}', lists="other_list", threshold="0.5")
    status = wait_done(client, resp.headers["Location"])
    assert status["options"] == {"threshold": 0.5, "lists": ["other_list"], "entity_type": None}
    assert status["decisions"] == {"clear": 1}


def test_jsonl_upload(client) -> None:
    data = b'{"name": "BANCO NACIONAL DE CUBA"}\nnot json\n'
    status = wait_done(client, upload(client, data, "x.jsonl").headers["Location"])
    assert (status["format"], status["rows_total"], status["errors"]) == ("jsonl", 2, 1)


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"mapping": "{bad"}, "mapping"),
        ({"mapping": '{"name": "Nope"}'}, "mapping.name"),
        ({"threshold": "2"}, "threshold"),
        ({"entity_type": "spaceship"}, "entity_type"),
        ({"lists": "nope"}, "lists"),
        ({"encoding": "klingon-8"}, "encoding"),
    ],
)
def test_bad_fields_are_400_naming_the_field(client, form: dict, field: str) -> None:
    body = problem_of(upload(client, **form), 400)
    assert field in body["errors"]


def test_no_name_column_is_400(client) -> None:
    body = problem_of(upload(client, b"foo,bar\n1,2\n"), 400)
    assert "mapping.name" in body["errors"] and "no name column" in body["detail"]


def test_missing_file_and_unreadable_file(client) -> None:
    resp = client.post("/v1/batches", data={"threshold": "0.5"}, content_type="multipart/form-data")
    assert "file" in problem_of(resp, 400)["errors"]
    assert "file" in problem_of(upload(client, b"PK\x03\x04junk", "a.xlsx"), 400)["errors"]


def test_not_multipart_is_415(client) -> None:
    problem_of(client.post("/v1/batches", json={"name": "x"}), 415)


def test_upload_size_limit_is_413(settings, catalog_of) -> None:
    app = create_app(settings.with_(batch_max_upload_bytes=100), catalog_of(*LISTED))
    body = problem_of(upload(authed_client(app), b"name\n" + b"Acme Trading\n" * 100_000), 413)
    assert "100 bytes" in body["detail"]


def test_upload_larger_than_the_json_body_limit_is_accepted(settings, catalog_of) -> None:
    app = create_app(settings.with_(max_body_bytes=1000), catalog_of(*LISTED))
    resp = upload(authed_client(app), b"name\n" + b"Acme Trading\n" * 1000)
    assert resp.status_code == 202


def test_row_limit_is_400(settings, catalog_of) -> None:
    app = create_app(settings.with_(batch_max_rows=3), catalog_of(*LISTED))
    body = problem_of(upload(authed_client(app)), 400)
    assert "more than 3 rows" in body["detail"] and "file" in body["errors"]


def test_unknown_batch_is_404(client) -> None:
    problem_of(client.get("/v1/batches/nope"), 404)
    problem_of(client.get("/v1/batches/nope/results"), 404)
    problem_of(client.delete("/v1/batches/nope"), 404)


def test_bad_results_format_is_400(client) -> None:
    status = wait_done(client, upload(client).headers["Location"])
    assert "format" in problem_of(client.get(status["results"] + "?format=pdf"), 400)["errors"]


def test_delete_removes_the_batch(client) -> None:
    location = upload(client).headers["Location"]
    wait_done(client, location)
    assert client.delete(location).status_code == 204
    problem_of(client.get(location), 404)


def test_no_lists_loaded_is_503_never_clear(unready_client) -> None:
    problem_of(upload(unready_client), 503)


@pytest.fixture
def redis_client(settings, catalog_of):
    with clean_redis(REDIS_URL):
        settings = settings.with_(redis_url=REDIS_URL, redis_prefix="t-api")
        yield authed_client(create_app(settings, catalog_of(*LISTED)))


def test_with_redis_and_no_worker_the_batch_waits_queued(redis_client) -> None:
    location = upload(redis_client).headers["Location"]
    status = redis_client.get(location).get_json()
    assert (status["state"], status["rows_total"], status["rows_done"]) == ("queued", 5, 0)
    body = problem_of(redis_client.get(status["results"]), 409)
    assert "queued" in body["detail"]
    assert redis_client.delete(location).status_code == 204
    problem_of(redis_client.get(location), 404)
