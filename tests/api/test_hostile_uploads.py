"""Hostile batch uploads: every one is a bounded 400 naming the field, or an error row."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest
from batch.listed import LISTED

from service.api import create_app

NESTED = "[" * 100_000 + "]" * 100_000


@pytest.fixture
def app(settings, catalog_of):
    return create_app(settings, catalog_of(*LISTED))


def upload(client, data: bytes, filename: str = "customers.csv", **form):
    body = {"file": (io.BytesIO(data), filename), **form}
    return client.post("/v1/batches", data=body, content_type="multipart/form-data")


def problem_field(response) -> list[str]:
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/problem+json"
    return list(response.get_json()["errors"])


@pytest.mark.parametrize(
    ("form", "data", "field"),
    [
        ({"encoding": "utf-8\x00"}, b"name\nAcme\n", "encoding"),
        ({"encoding": "utf-16"}, b"name\nAcme\n", "encoding"),  # no BOM
        ({"encoding": "rot13"}, b"name\nAcme\n", "encoding"),
        ({"encoding": "zlib_codec"}, b"name\nAcme\n", "encoding"),
        ({"mapping": NESTED}, b"name\nAcme\n", "mapping"),
        ({"lists": NESTED}, b"name\nAcme\n", "lists"),
        ({}, b'"' + b"a" * (1 << 21) + b'"\nAcme\n', "file"),  # over csv's field limit
        ({}, b"name" + b",a" * 40_000 + b"\nAcme\n", "file"),  # 40,001 columns
    ],
    ids=["nul", "utf16-no-bom", "rot13", "zlib", "mapping", "lists", "field", "columns"],
)
def test_hostile_form_fields_and_headers_are_400_naming_the_field(
    client, form, data, field
) -> None:
    started = time.monotonic()
    assert problem_field(upload(client, data, **form)) == [field]
    assert time.monotonic() - started < 5  # bounded, not a 7 s quadratic header


def test_jsonl_deeply_nested_first_line_is_400(client) -> None:
    assert problem_field(upload(client, NESTED.encode() + b"\n", "rows.jsonl")) == ["file"]


def test_jsonl_with_too_many_distinct_keys_is_400(client) -> None:
    lines = [json.dumps({"name": "A", **{f"k{i}_{j}": 1 for j in range(50)}}) for i in range(40)]
    assert problem_field(upload(client, "\n".join(lines).encode(), "rows.jsonl")) == ["file"]


def zip_bomb() -> bytes:
    """An XLSX-shaped ZIP whose sheet inflates ~1000 times."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<c/>" * 2_000_000)
    return buf.getvalue()


def test_an_xlsx_zip_bomb_is_refused_before_inflating(client) -> None:
    response = upload(client, zip_bomb(), "bomb.xlsx")
    assert problem_field(response) == ["file"]
    assert "inflates" in response.get_json()["detail"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_surrogates_and_control_characters_become_error_rows(client, fmt) -> None:
    rows = [
        {"name": "BANCO NACIONAL DE CUBA", "note": "x"},
        {"name": "Lone \ud800 surrogate", "note": "x"},
        {"name": "Acme", "note": "nul \x00 here"},
        {"name": "Harmless Bakery", "note": "bell \x07"},
    ]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    location = upload(client, data, "rows.jsonl").headers["Location"]
    deadline = time.monotonic() + 30
    while (status := client.get(location).get_json())["state"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert status["state"] == "done" and status["errors"] == 3
    results = client.get(status["results"] + f"?format={fmt}")
    assert results.status_code == 200
    body = results.get_data()
    if fmt == "csv":
        text = body.decode("utf-8-sig")
        assert len(text.strip().splitlines()) == 5, text  # header + 4 rows, none cut
        assert text.count("control character or a lone surrogate") == 3
    elif fmt == "jsonl":
        lines = [json.loads(line) for line in body.decode().splitlines()]
        assert len(lines) == 4
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body)).worksheets[0]
        assert sheet.max_row == 5


@pytest.mark.parametrize("path", ["/v1/screen", "/v1/screen/transaction"])
def test_a_5000_digit_integer_in_a_json_body_is_400(client, path) -> None:
    body = '{"name": "x", "threshold": ' + "9" * 5000 + "}"
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert "4300" in response.get_json()["detail"] or "digits" in str(response.get_json())
